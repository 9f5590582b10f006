using System.Xml.Linq;
using NeuroSim.Cli;
using NeuroSim.Plotting.Rendering;

namespace NeuroSim.Tests.Plotting;

public sealed class PlotCommandTests(DemoRunFixture runs) : IClassFixture<DemoRunFixture>
{
    [Fact]
    public void Plot_writes_a_png_and_a_well_formed_svg_where_asked_and_leaves_no_temporary_file()
    {
        var folder = Path.Combine(runs.Root, "cli-out");
        var png = Path.Combine(folder, "balance.png");
        var svg = Path.ChangeExtension(png, ".svg");
        var (code, stdout, stderr) = Run("plot", runs.DemoRun, "--kind", "ei-balance", "--neurons", "L1:0, L2:0", "--out", png);
        Assert.True(code == 0, stderr);
        Assert.Equal($"wrote {png}\nwrote {svg}", stdout.Trim().ReplaceLineEndings("\n"));
        Assert.Equal(XName.Get("svg", "http://www.w3.org/2000/svg"), XDocument.Load(svg).Root!.Name);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png).Take(4));
        Assert.Equal(["balance.png", "balance.svg"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Plotting_the_same_run_twice_writes_byte_identical_png()
    {
        var first = Path.Combine(runs.Root, "twice", "first.png");
        var second = Path.Combine(runs.Root, "twice", "second.png");
        Assert.Equal(0, Run("plot", runs.DemoRun, "--kind", "weights", "--out", first).Code);
        Assert.Equal(0, Run("plot", runs.DemoRun, "--kind", "weights", "--out", second).Code);
        Assert.True(new FileInfo(first).Length > 10_000);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Plot_defaults_to_the_ei_balance_figure_in_the_run_folder()
    {
        var (code, _, stderr) = Run("plot", runs.SyntheticRunPath);
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(Path.Combine(runs.SyntheticRunPath, "plots", "ei-balance.png")));
        Assert.True(File.Exists(Path.Combine(runs.SyntheticRunPath, "plots", "ei-balance.svg")));
    }

    [Fact]
    public void Learning_takes_several_run_folders()
    {
        var svg = Path.Combine(runs.Root, "learning-two.svg");
        var (code, _, stderr) = Run("plot", runs.DemoRun, runs.SyntheticRunPath, "--kind", "learning", "--out", svg);
        Assert.True(code == 0, stderr);
        Assert.Contains("synthetic: bp", File.ReadAllText(svg), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown figure kind 'raster'; valid kinds: ei-balance, weights, updates, learning, apical, connectome", "--kind", "raster")]
    [InlineData("neuron 'L5:0' is not recorded in monitors/traces.csv; recorded: L0:0, L0:1, L1:0, L1:1, L1:2, L1:3, L1:4, L1:5, L1:6, L1:7, L2:0", "--neurons", "L5:0")]
    [InlineData("--neurons: 'L1' is not GROUP:INDEX (e.g. L1:3)", "--neurons", "L1")]
    [InlineData("--segment 0: count from 1 (first) or from -1 (last)", "--segment", "0")]
    [InlineData("--threshold 2: must lie between 0 and 1 (a fraction of the reference rate)", "--kind", "updates", "--threshold", "2")]
    [InlineData("--y 'wide': valid: shared, free", "--y", "wide")]
    public void Bad_choices_exit_with_code_2_and_one_line_naming_the_valid_ones(string message, params string[] options)
    {
        var (code, stdout, stderr) = Run(["plot", runs.DemoRun, .. options, "--out", Path.Combine(runs.Root, "never.svg")]);
        Assert.Equal(2, code);
        Assert.Equal($"neurosim: error: {message}", stderr.Trim());
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Empty(stdout);
        Assert.False(File.Exists(Path.Combine(runs.Root, "never.svg")));
    }

    [Fact]
    public void A_missing_run_folder_exits_with_code_2()
    {
        var (code, _, stderr) = Run("plot", Path.Combine(runs.Root, "no-such-run"));
        Assert.Equal(2, code);
        Assert.Equal($"neurosim: error: run folder '{Path.Combine(runs.Root, "no-such-run")}' not found", stderr.Trim());
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args) => CliRunner.Run(args);
}
