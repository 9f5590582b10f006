using System.Text.Json;
using NeuroSim.Cli;
using NeuroSim.Core.RunFolders;

namespace NeuroSim.Tests.Cli;

public sealed class DemoCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public void Demo_writes_loss_traces_weights_and_manifest_and_the_rule_tracks_BP()
    {
        var outDir = temp.Combine("demo");
        var stdout = CliRunner.Succeeds("demo", "--out", outDir, "--epochs", "20");
        foreach (var file in new[] { "loss.csv", "epochs.csv", "monitors/traces.csv", "monitors/weights.csv", "weights/L0-L1.csv", "weights/L1-L2.csv", "biases.csv", "manifest.json", "plots/ei-balance-first-epoch.svg", "plots/ei-balance-last-epoch.svg", "plots/learning.svg", "plots/weights.svg", "plots/updates.svg" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, file)), $"{file} missing");
        }

        Assert.Empty(Directory.GetDirectories(temp.Path, ".demo.partial-*"));
        var (lossHeader, loss) = CsvFiles.ReadNumbers(Path.Combine(outDir, "loss.csv"));
        Assert.Equal(["epoch", "bp", "adiabatic", "multirate_eps0.1", "multirate_eps0.05"], lossHeader);
        Assert.Equal(21, loss.Length);
        var (first, last) = (loss[0][1..], loss[^1][1..]);

        // Same initial weights: every learner starts from the same loss; adiabatic equals BP throughout.
        Assert.All(first, l => Assert.Equal(first[0], l, 14));
        Assert.Equal(last[0], last[1], 12);
        Assert.All(last, l => Assert.True(l < 0.2 * first[0], $"loss {l} did not fall to 20% of {first[0]}"));

        var traceHeader = CsvFiles.ReadHeader(Path.Combine(outDir, "monitors", "traces.csv"));
        Assert.Equal(["time_ms", "E[L0:0]", "I[L0:0]", "s[L0:0]", "f[L0:0]", "x[L0:0]", "c[L0:0]"], traceHeader.Take(7));
        Assert.Equal(1 + (6 * 11), traceHeader.Length);
        Assert.Equal(1 + (20 * 4), File.ReadAllLines(Path.Combine(outDir, "epochs.csv")).Length);

        // The final weight matrix file holds the last row of the weight monitor.
        var (header, weights) = CsvFiles.ReadCells(Path.Combine(outDir, "monitors", "weights.csv"));
        using var finalMatrix = CsvReader.Open(Path.Combine(outDir, "weights", "L1-L2.csv"), "L1-L2.csv");
        Assert.Equal(weights[^1][Array.IndexOf(header, "W[L1->L2:0<-0]")], finalMatrix.Read()![0]);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")));
        Assert.Equal("complete", manifest.RootElement.GetProperty("status").GetString());
        Assert.Contains("multirate_eps0.05", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_with_bad_input_exits_with_code_2_and_one_line_and_writes_nothing()
    {
        var outDir = temp.Combine("bad");
        var (code, _, stderr) = CliRunner.Run("demo", "--out", outDir, "--epochs", "0");
        Assert.Equal(2, code);
        Assert.Equal("neurosim: error: --epochs = 0: must be >= 1", stderr.Trim());
        Assert.False(Directory.Exists(outDir));
    }

    public void Dispose() => temp.Dispose();
}
