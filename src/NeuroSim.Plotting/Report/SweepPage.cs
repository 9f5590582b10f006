namespace NeuroSim.Plotting.Report;

/// <summary>
/// The report of a sweep folder (docs/sweeps.md): summary.md, the figures, the head of sweep.csv with a link to each
/// run folder, the manifest.
/// </summary>
internal static class SweepPage
{
    /// <summary>Rows of sweep.csv shown; a sweep may have 100,000 runs, and the whole table is one link away.</summary>
    public const int RowsShown = 200;

    public static string Build(string folder, string pagePath)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var page = new HtmlPage();
        var summary = Path.Combine(folder, "summary.md");
        page.Heading("summary", "Summary");
        if (File.Exists(summary))
        {
            page.Preformatted(File.ReadAllText(summary));
        }
        else
        {
            page.Note("This sweep folder has no summary.md.");
        }

        CommonSections.Figures(page, folder);
        Table(page, folder, pagePath);
        var manifest = Path.Combine(folder, "manifest.json");
        if (File.Exists(manifest))
        {
            CommonSections.Manifest(page, ManifestEntries.Read(manifest), pagePath, manifest);
        }

        CommonSections.FileList(page, pagePath, folder, CommonSections.Files(folder, "*.csv", ".")
            .Concat(CommonSections.Files(folder, "*.md", ".")).Concat(CommonSections.Files(folder, "*", "inputs")));
        return page.Render($"Sweep {name}");
    }

    private static void Table(HtmlPage page, string folder, string pagePath)
    {
        var path = Path.Combine(folder, "sweep.csv");
        var table = CsvTable.Read(path, "sweep.csv");
        var columns = table.Header.Select(table.Strings).ToList();
        var folderColumn = table.Header.ToList().IndexOf("folder");
        page.Heading("runs", "Runs");
        page.ParagraphHtml(table.RowCount > RowsShown
            ? $"The first {RowsShown} of {table.RowCount} runs; all are in {Html.Link(pagePath, path, "sweep.csv")}."
            : $"All {table.RowCount} runs, from {Html.Link(pagePath, path, "sweep.csv")}.");
        page.TableHtml("sweep-table", table.Header, Enumerable.Range(0, Math.Min(table.RowCount, RowsShown)).Select(row =>
            (IReadOnlyList<string>)[.. columns.Select((cells, column) => column == folderColumn ? RunLink(folder, pagePath, cells[row]) : HtmlPage.Cell(cells[row]))]));
    }

    /// <summary>A link to a run folder named in sweep.csv when it exists inside the sweep folder; the text alone otherwise (a failed run has none).</summary>
    private static string RunLink(string folder, string pagePath, string runFolder)
    {
        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        var target = Path.GetFullPath(Path.Combine(folder, runFolder));
        return runFolder.Length > 0 && target.StartsWith(root, StringComparison.Ordinal) && Directory.Exists(target)
            ? HtmlPage.CellHtml(Html.Link(pagePath, target, runFolder))
            : HtmlPage.Cell(runFolder);
    }
}
