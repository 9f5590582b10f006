namespace NeuroSim.Plotting.Report;

/// <summary>The sections a run page and a sweep page share: the figures, the manifest and the list of files.</summary>
internal static class CommonSections
{
    public static void Figures(HtmlPage page, string folder)
    {
        page.Heading("figures", "Figures");
        var figures = FigureFiles.Find(folder);
        if (figures.Count == 0)
        {
            page.Note("No figures in plots/ or figures/ (neurosim plot RUN_DIR draws them).");
        }

        foreach (var figure in figures)
        {
            page.Figure(NameWithin(folder, figure), FigureFiles.DataUri(figure));
        }
    }

    public static void Manifest(HtmlPage page, ManifestEntries manifest, string pagePath, string manifestPath)
    {
        page.Heading("manifest", "Manifest");
        page.ParagraphHtml($"What made this folder, from {Html.Link(pagePath, manifestPath, "manifest.json")}.");
        page.Table("manifest-table", ["key", "value"], manifest.Rows.Select(r => (IReadOnlyList<string>)[r.Key, r.Value]));
    }

    /// <summary>The "Files" section: a link to each of <paramref name="files"/>, named by its path within <paramref name="folder"/>.</summary>
    public static void FileList(HtmlPage page, string pagePath, string folder, IEnumerable<string> files)
    {
        page.Heading("files", "Files");
        page.ListHtml(files.Select(file => Html.Link(pagePath, file, NameWithin(folder, file))));
    }

    /// <summary>Files of <paramref name="folder"/> matching <paramref name="pattern"/> in the folders named, in that order.</summary>
    public static IEnumerable<string> Files(string folder, string pattern, params string[] subfolders) =>
        subfolders.Select(sub => Path.Combine(folder, sub)).Where(Directory.Exists)
            .SelectMany(sub => Directory.GetFiles(sub, pattern).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal));

    /// <summary>"plots/weights.svg": the path of <paramref name="file"/> within <paramref name="folder"/>, with '/'.</summary>
    private static string NameWithin(string folder, string file) => Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
}
