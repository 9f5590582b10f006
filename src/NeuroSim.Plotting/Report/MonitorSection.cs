namespace NeuroSim.Plotting.Report;

/// <summary>
/// The monitors of a run: name, sampling period, the quantities recorded and a link to the CSV. The period is the
/// manifest's (<c>settings.monitor_periods_ms</c>, written by <c>neurosim run</c>); for commands that do not record it
/// (demo, train) it is the step between the file's first two distinct time stamps.
/// </summary>
internal static class MonitorSection
{
    /// <summary>Column names shown per monitor; the rest are counted.</summary>
    private const int ColumnsShown = 8;

    public static void Add(HtmlPage page, RunData run, ManifestEntries manifest, string pagePath)
    {
        page.Heading("monitors", "Monitors");
        var names = run.MonitorNames();
        if (names.Count == 0)
        {
            page.Note("This run recorded no monitors.");
            return;
        }

        page.TableHtml("monitor-table", ["monitor", "every (ms)", "quantities", "file"], names.Select(name =>
        {
            var path = Path.Combine(run.FolderPath, "monitors", name + ".csv");
            var columns = CsvReader.ReadHeader(path).Where(c => c != "time_ms").ToList();
            var shown = string.Join(", ", columns.Take(ColumnsShown)) + (columns.Count > ColumnsShown ? $", ... ({columns.Count} in all)" : string.Empty);
            var period = manifest.MonitorPeriodMs(name) ?? FirstStepMs(path, $"monitors/{name}.csv");
            return (IReadOnlyList<string>)
            [
                HtmlPage.Cell(name),
                HtmlPage.Cell(period?.ToString("R", CultureInfo.InvariantCulture) ?? "unknown"),
                HtmlPage.Cell(shown),
                HtmlPage.CellHtml(Html.Link(pagePath, path, $"monitors/{name}.csv")),
            ];
        }));
    }

    /// <summary>The difference between the first two distinct values of time_ms, or null when there are not two.</summary>
    private static double? FirstStepMs(string path, string name)
    {
        using var csv = CsvReader.Open(path, name);
        var time = csv.Read()?.Cells.ToList().IndexOf("time_ms") ?? -1;
        double? first = null;
        while (time >= 0 && csv.Read() is { } record)
        {
            if (time < record.Count && CsvReader.TryParseNumber(record[time], out var t))
            {
                if (first is { } t0 && t != t0)
                {
                    return t - t0;
                }

                first ??= t;
            }
        }

        return null;
    }
}
