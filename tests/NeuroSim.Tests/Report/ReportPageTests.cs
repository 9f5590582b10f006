using System.Net;
using System.Text.RegularExpressions;
using NeuroSim.Plotting.Report;

namespace NeuroSim.Tests.Report;

/// <summary>`neurosim report`: what the page holds, what it escapes, where it writes and what it refuses.</summary>
public sealed partial class ReportPageTests
{
    [Fact]
    public void Hostile_manifest_values_column_names_labels_and_file_names_are_shown_as_text_not_markup()
    {
        using var temp = new TempFolder();
        foreach (var folder in new[] { HostileFolders.WriteRun(temp.Combine("run")), HostileFolders.WriteSweep(temp.Combine("sweep")) })
        {
            var html = RunReport.Build(folder, Path.Combine(folder, RunReport.FileName));
            foreach (var injection in HostileFolders.Injections)
            {
                Assert.DoesNotContain(injection, html, StringComparison.OrdinalIgnoreCase);
            }

            Assert.Contains(WebUtility.HtmlEncode(HostileFolders.Command), html, StringComparison.Ordinal);
            Assert.Contains(WebUtility.HtmlEncode(HostileFolders.Label), html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_run_folder_name_in_sweep_csv_that_leaves_the_folder_or_names_a_scheme_is_not_a_link()
    {
        using var temp = new TempFolder();
        var sweep = HostileFolders.WriteSweep(temp.Combine("sweep"));
        var html = RunReport.Build(sweep, Path.Combine(sweep, RunReport.FileName));
        Assert.Equal(["runs/p00000-s1/"], Links(html).Where(l => l.StartsWith("runs", StringComparison.Ordinal) || l.Contains("alert", StringComparison.Ordinal)));
        Assert.Contains("<td>javascript:alert(6)</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_figure_written_as_png_and_svg_is_embedded_as_png_and_one_written_as_svg_only_as_svg()
    {
        using var temp = new TempFolder();
        var run = HostileFolders.WriteRun(temp.Combine("run"));
        const string Svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>";
        File.WriteAllBytes(Path.Combine(run, "plots", "both.png"), ReportFolders.Png);
        File.WriteAllText(Path.Combine(run, "plots", "both.svg"), Svg);
        File.WriteAllText(Path.Combine(run, "plots", "only.svg"), Svg);

        var figures = FigureFiles.Find(run).Select(f => Path.GetRelativePath(run, f));
        Assert.Equal([$"plots/{HostileFolders.Figure}.png", "plots/both.png", "plots/only.svg"], figures);

        var html = RunReport.Build(run, Path.Combine(run, RunReport.FileName));
        var sources = ImageSources().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(
            [
                "data:image/png;base64," + Convert.ToBase64String(ReportFolders.Png),
                "data:image/png;base64," + Convert.ToBase64String(ReportFolders.Png),
                "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Svg)),
            ],
            sources);
    }

    [Theory]
    [InlineData("missing", "'{0}' not found; expected a run folder (with manifest.json) or a sweep folder (with sweep.csv)")]
    [InlineData("file.txt", "'{0}' is a file; expected a run folder (with manifest.json) or a sweep folder (with sweep.csv)")]
    [InlineData("plain", "'{0}' is not a run folder or a sweep folder: it has neither manifest.json nor sweep.csv")]
    public void Bad_input_exits_with_2_and_one_line_naming_the_path_and_leaves_nothing_behind(string name, string message)
    {
        using var temp = new TempFolder();
        temp.File("file.txt", "not a folder");
        Directory.CreateDirectory(temp.Combine("plain"));
        File.WriteAllText(temp.Combine("plain", "notes.csv"), "a,b\n1,2\n");
        var before = Listing(temp.Path);

        var path = temp.Combine(name);
        var (code, stdout, stderr) = CliRunner.Run("report", path);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"neurosim: error: {string.Format(System.Globalization.CultureInfo.InvariantCulture, message, path)}\n", stderr);
        Assert.Equal(before, Listing(temp.Path));
    }

    [Fact]
    public void A_file_neurosim_did_not_write_is_never_replaced_and_its_own_report_only_with_overwrite()
    {
        using var temp = new TempFolder();
        var run = HostileFolders.WriteRun(temp.Combine("run"));
        var page = Path.Combine(run, RunReport.FileName);
        File.WriteAllText(page, "<html>my notes</html>");

        foreach (var args in new[] { new[] { "report", run }, ["report", run, "--overwrite"] })
        {
            var (code, _, stderr) = CliRunner.Run(args);
            Assert.Equal(2, code);
            Assert.Equal($"neurosim: error: '{page}' exists and was not written by neurosim report; give another --out\n", stderr);
            Assert.Equal("<html>my notes</html>", File.ReadAllText(page));
        }

        File.Delete(page);
        Assert.Equal((0, $"wrote {page}\n", string.Empty), CliRunner.Run("report", run));
        File.WriteAllText(page, File.ReadAllText(page) + "<!-- edited -->");
        var refused = CliRunner.Run("report", run);
        Assert.Equal((2, $"neurosim: error: '{page}' exists (a report written earlier); add --overwrite to replace it\n"), (refused.Code, refused.Stderr));
        Assert.EndsWith("<!-- edited -->", File.ReadAllText(page), StringComparison.Ordinal);

        Assert.Equal(0, CliRunner.Run("report", run, "--overwrite").Code);
        Assert.DoesNotContain("<!-- edited -->", File.ReadAllText(page), StringComparison.Ordinal);
        Assert.Equal([page], Directory.GetFiles(run, "report.html*"));
    }

    [Fact]
    public void Out_names_a_file_and_the_links_are_relative_to_it()
    {
        using var temp = new TempFolder();
        var run = HostileFolders.WriteRun(temp.Combine("run"));
        Directory.CreateDirectory(temp.Combine("pages"));
        var page = temp.Combine("pages", "hostile.html");

        Assert.Equal(2, CliRunner.Run("report", run, "--out", temp.Combine("pages")).Code);
        Assert.Equal(2, CliRunner.Run("report", run, "--out", temp.Combine("nowhere", "page.html")).Code);
        Assert.Equal(0, CliRunner.Run("report", run, "--out", page).Code);

        var links = Links(File.ReadAllText(page));
        Assert.Contains("../run/monitors/m.csv", links);
        Assert.Contains("../run/epochs.csv", links);
        Assert.All(links, link => Assert.True(
            File.Exists(Resolve(page, link)) || Directory.Exists(Resolve(page, link)), $"{link} resolves to nothing"));
    }

    [Fact]
    public void A_big_sweep_shows_the_head_of_its_table_and_says_how_many_runs_there_are()
    {
        using var temp = new TempFolder();
        var sweep = temp.Combine("sweep");
        Directory.CreateDirectory(sweep);
        var runs = SweepPage.RowsShown + 50;
        File.WriteAllLines(Path.Combine(sweep, "sweep.csv"),
            ["run,point,seed,loss,status,error,folder", .. Enumerable.Range(0, runs).Select(k => $"{k},{k},1,0.5,complete,,runs/p{k:00000}-s1")]);

        var html = RunReport.Build(sweep, Path.Combine(sweep, RunReport.FileName));

        Assert.Contains($"The first {SweepPage.RowsShown} of {runs} runs", html, StringComparison.Ordinal);
        Assert.Equal(SweepPage.RowsShown, TableRows().Count(SweepTable(html)));
    }

    /// <summary>The href of every anchor, decoded as a browser would.</summary>
    internal static IReadOnlyList<string> Links(string html) =>
        [.. Anchors().Matches(html).Select(m => Uri.UnescapeDataString(WebUtility.HtmlDecode(m.Groups[1].Value)))];

    internal static string Resolve(string page, string link) => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, link));

    private static string SweepTable(string html)
    {
        var start = html.IndexOf("id=\"sweep-table\"", StringComparison.Ordinal);
        return html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    private static List<string> Listing(string folder) =>
        [.. Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    [GeneratedRegex("<a href=\"([^\"]*)\"")]
    private static partial Regex Anchors();

    [GeneratedRegex("<img src=\"([^\"]*)\"")]
    private static partial Regex ImageSources();

    [GeneratedRegex("<tr><td")]
    private static partial Regex TableRows();
}
