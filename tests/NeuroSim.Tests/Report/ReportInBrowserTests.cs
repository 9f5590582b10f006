using System.Diagnostics;
using System.Text.Json;
using NeuroSim.Plotting.Report;

namespace NeuroSim.Tests.Report;

/// <summary>
/// Report pages opened in a real headless chromium: every image loads, nothing is reported as an error, the numbers
/// of the manifest are in the table, every link leads to a file, and hostile text stays text.
/// </summary>
public sealed class ReportInBrowserTests(HeadlessChromium chromium, ReportFolders folders, ITestOutputHelper output)
    : IClassFixture<HeadlessChromium>, IClassFixture<ReportFolders>
{
    /// <summary>Per image: its caption, whether it finished loading, its natural width (0 when it failed to decode).</summary>
    private const string ImagesScript = "() => Array.from(document.images).map(i => [i.alt, String(i.complete), String(i.naturalWidth)])";

    /// <summary>The local path of every link (its href resolved by the browser).</summary>
    private const string LinksScript = "() => Array.from(document.querySelectorAll('a[href]')).map(a => decodeURIComponent(new URL(a.href).pathname))";

    /// <summary>The text of each row of table ID, cell by cell.</summary>
    private const string TableScript = "id => Array.from(document.querySelectorAll('#' + id + ' tbody tr')).map(r => Array.from(r.cells).map(c => c.textContent))";

    [Fact]
    [Trait("Speed", "Slow")]
    public async Task A_run_report_loads_every_figure_shows_the_manifest_and_monitors_and_links_only_existing_files()
    {
        var page = Report(folders.Run);
        var (browser, errors) = await Open(page);

        AssertImagesLoaded(await browser.EvaluateAsync<string[][]>(ImagesScript), ["plots/weights.png"]);
        Assert.Empty(errors);

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folders.Run, "manifest.json")));
        var cells = (await browser.EvaluateAsync<string[][]>(TableScript, "manifest-table")).ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("7", cells["seed"]);
        Assert.Equal(manifest.RootElement.GetProperty("results").GetProperty("final_loss").GetRawText(), cells["results.final_loss"]);

        var periods = manifest.RootElement.GetProperty("settings").GetProperty("monitor_periods_ms");
        var monitors = (await browser.EvaluateAsync<string[][]>(TableScript, "monitor-table")).ToDictionary(r => r[0], r => r[1]);
        Assert.Equal(new Dictionary<string, string> { ["hidden_credit"] = "10", ["loss"] = "50", ["weights"] = "20" }, monitors);
        Assert.All(monitors, m => Assert.Equal(periods.GetProperty(m.Key).GetRawText(), m.Value));

        var kinds = (await browser.EvaluateAsync<string[][]>(TableScript, "timeline-kinds")).ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("1", kinds["block"]);
        Assert.Equal("8", kinds["present"]);

        var links = await browser.EvaluateAsync<string[]>(LinksScript);
        Assert.Contains(Path.Combine(folders.Run, "monitors", "hidden_credit.csv"), links);
        Assert.Contains(Path.Combine(folders.Run, "epochs.csv"), links);
        Assert.All(links, link => Assert.True(File.Exists(link), $"{link} is not a file"));
    }

    [Fact]
    [Trait("Speed", "Slow")]
    public async Task A_sweep_report_loads_every_figure_and_links_each_run_folder()
    {
        var page = Report(folders.Sweep);
        var (browser, errors) = await Open(page);

        AssertImagesLoaded(await browser.EvaluateAsync<string[][]>(ImagesScript), ["figures/early_mean.png", "figures/final_loss.png"]);
        Assert.Empty(errors);

        var rows = await browser.EvaluateAsync<string[][]>(TableScript, "sweep-table");
        Assert.Equal(File.ReadAllLines(Path.Combine(folders.Sweep, "sweep.csv")).Skip(1), rows.Select(r => string.Join(',', r)));

        var links = await browser.EvaluateAsync<string[]>(LinksScript);
        var runFolders = Directory.GetDirectories(Path.Combine(folders.Sweep, "runs")).Select(f => f + "/").Order(StringComparer.Ordinal);
        Assert.Equal(runFolders, links.Where(l => l.Contains("/runs/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.All(links, link => Assert.True(File.Exists(link) || Directory.Exists(link), $"{link} resolves to nothing"));
    }

    [Fact]
    [Trait("Speed", "Slow")]
    public async Task Hostile_text_reaches_the_page_as_text_and_runs_no_script()
    {
        var run = HostileFolders.WriteRun(Path.Combine(folders.Root, "hostile-run"));
        var (browser, errors) = await Open(Report(run));

        Assert.Empty(errors);
        Assert.Equal(0, await browser.EvaluateAsync<int>("() => document.scripts.length"));
        Assert.Equal(0, await browser.EvaluateAsync<int>("() => Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length"));
        var cells = (await browser.EvaluateAsync<string[][]>(TableScript, "manifest-table")).ToDictionary(r => r[0], r => r[1]);
        Assert.Equal(HostileFolders.Command, cells["command"]);
        Assert.Equal(HostileFolders.SettingValue, cells[$"settings.{HostileFolders.SettingKey}"]);
        var epochs = await browser.EvaluateAsync<string[][]>(TableScript, "timeline-epochs");
        Assert.Equal(HostileFolders.Label, epochs[0][3]);
        AssertImagesLoaded(await browser.EvaluateAsync<string[][]>(ImagesScript), [$"plots/{HostileFolders.Figure}.png"]);
    }

    private static string Report(string folder)
    {
        var page = Path.Combine(folder, RunReport.FileName);
        CliRunner.Succeeds("report", folder, "--overwrite");
        return page;
    }

    private async Task<(Microsoft.Playwright.IPage Page, IReadOnlyList<string> Errors)> Open(string page)
    {
        chromium.Require();
        var clock = Stopwatch.StartNew();
        var opened = await chromium.OpenAsync(page);
        output.WriteLine($"chromium started in {chromium.StartTime.TotalSeconds:0.0} s; {Path.GetFileName(Path.GetDirectoryName(page))} page loaded in {clock.Elapsed.TotalSeconds:0.00} s");
        return opened;
    }

    private static void AssertImagesLoaded(string[][] images, string[] captions)
    {
        Assert.Equal(captions, images.Select(i => i[0]));
        Assert.All(images, i => Assert.True(i[1] == "true" && int.Parse(i[2], System.Globalization.CultureInfo.InvariantCulture) > 0, $"{i[0]} did not load (complete {i[1]}, naturalWidth {i[2]})"));
    }
}
