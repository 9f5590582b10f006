namespace NeuroSim.Plotting.Report;

/// <summary>The report of one run folder (docs/run-folder.md): figures, manifest, protocol timeline, monitors, files.</summary>
internal static class RunPage
{
    public static string Build(string folder, string pagePath)
    {
        var run = RunData.Open(folder);
        var manifest = ManifestEntries.Read(Path.Combine(folder, "manifest.json"));
        var page = new HtmlPage();
        page.Paragraph($"{manifest["command"] ?? "neurosim"}: status {manifest["status"] ?? "unknown"}, seed {manifest["seed"] ?? "unknown"}.");
        CommonSections.Figures(page, folder);
        CommonSections.Manifest(page, manifest, pagePath, Path.Combine(folder, "manifest.json"));
        TimelineSection.Add(page, run.Epochs(), pagePath, Path.Combine(folder, "epochs.csv"), CommonSections.Files(folder, "*.yaml", "inputs"));
        MonitorSection.Add(page, run, manifest, pagePath);

        var tables = CommonSections.Files(folder, "*.csv", ".", "weights", "mask", "monitors");
        CommonSections.FileList(page, pagePath, folder, tables.Concat(CommonSections.Files(folder, "*", "inputs")));
        return page.Render($"Run {run.Name}");
    }
}
