using NeuroSim.Cli;

namespace NeuroSim.Tests.Microcircuit;

/// <summary>The continuous-time microcircuit subcommands: output folders appear whole, bad input is one line and exit code 2.</summary>
public sealed class ContinuousCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public void Self_predict_writes_its_table_figure_summary_and_manifest()
    {
        var folder = temp.Combine("sp");
        var stdout = CliRunner.Succeeds("microcircuit", "self-predict", "--patterns", "3", "--out", folder);
        Assert.Contains($"-> {folder}", stdout, StringComparison.Ordinal);
        Assert.Equal([".neurosim", "epochs.csv", "manifest.json", "self-prediction.csv", "summary.md"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["figures", "inputs", "monitors", "weights"], Directory.GetDirectories(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(folder, "figures", "self-prediction.svg")));
        var (header, rows) = CsvFiles.ReadNumbers(Path.Combine(folder, "self-prediction.csv"));
        Assert.Equal(["pattern", "time_ms", "apical_sq", "tracking_sq", "lateral_distance"], header);
        Assert.Equal(3, rows.Length);
        Assert.Equal(300.0, rows[2][1]);
        Assert.Contains("per-step", File.ReadAllText(Path.Combine(folder, "summary.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--sizes: '30-x-10' is not a list of layer sizes from 1 to 100000 joined by '-', like 30-20-10", "self-predict", "--sizes", "30-x-10")]
    [InlineData("--noise 'ito': valid: per-step, euler-maruyama", "self-predict", "--noise", "ito")]
    [InlineData("--target '0 s': must be longer than 0 ms", "association", "--target", "0 s")]
    [InlineData("--settle '200': give a duration with a unit, e.g. '500 ms' or '15 s'", "association", "--settle", "200")]
    [InlineData("--traced must be 1 to 10 (the output layer has 10 neurons), got 11", "association", "--traced", "11")]
    [InlineData("--patterns must be 1 to 1000000, got 0", "self-predict", "--patterns", "0")]
    [InlineData("--patterns (0), --evaluate-every (50) and --test-patterns (20) must be >= 1", "regression", "--patterns", "0")]
    [InlineData("learning rates times --rate-scale must be 0 to 1 per ms, got -1 x 1", "regression", "--eta-pi", "-1")]
    [InlineData("--rate-scale must be > 0, got 0", "regression", "--rate-scale", "0")]
    [InlineData("learning rates times --rate-scale must be 0 to 1 per ms, got 0.0059375 x 300", "regression", "--rate-scale", "300")]
    [InlineData("--patterns (30) must be a multiple of --evaluate-every (50)", "regression", "--patterns", "30")]
    public void Bad_input_exits_with_code_2_and_one_line_and_writes_nothing(string message, params string[] arguments)
    {
        var folder = temp.Combine("never");
        var (code, stdout, stderr) = CliRunner.Run(["microcircuit", .. arguments, "--out", folder]);
        Assert.Equal(2, code);
        Assert.Equal($"neurosim: error: {message}", stderr.Trim());
        Assert.Empty(stdout);
        Assert.False(Directory.Exists(folder));
    }

    public void Dispose() => temp.Dispose();
}
