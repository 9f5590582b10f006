using NeuroSim.Analysis.Benchmarking;
using NeuroSim.Cli;

namespace NeuroSim.Tests.Peers;

/// <summary>
/// Every peer of bench/peers, started from NeuroSim's exported bench network, reaches NeuroSim's state after 200
/// fused Euler steps: rates, credit, biases and weights (which move by about 1e-4 over those steps) within 1e-12.
/// </summary>
[Collection(nameof(PeerGroup))]
public sealed class PeerCrossCheckTests(PeerPackages peers, ITestOutputHelper output)
{
    /// <summary>
    /// The same dynamics in another summation order: every peer measured 1e-16 to 2e-16 here (N = 40). 1e-12 is far
    /// below any difference in the equations (a wrong term moves the state by 1e-6 or more in 200 steps).
    /// </summary>
    private const double Tolerance = 1e-12;

    public static TheoryData<string> Names => [.. PeerBench.AllPeers];

    [Theory]
    [MemberData(nameof(Names))]
    [Trait("Speed", "Slow")]
    public void A_peer_started_from_the_exported_state_ends_where_NeuroSim_ends_after_200_steps(string name)
    {
        peers.Require();
        var outcome = PeerProcess.Run(peers.PeersFolder, name, peers.ExportFolder, ["--check", "--tolerance", "1e-12"]);
        Assert.True(outcome.Failure is null, outcome.Failure);
        var difference = outcome.Value("max_abs_diff");
        output.WriteLine($"{name}: max |difference| {difference:E2} after {PeerBench.ExportSteps} steps, N = {PeerPackages.Neurons}");
        Assert.NotNull(difference);
        Assert.InRange(difference.Value, 0.0, Tolerance);
    }

    [Fact]
    [Trait("Speed", "Slow")]
    public void Bench_with_peers_prints_steps_per_second_and_the_ratio_to_the_best_peer()
    {
        peers.Require();
        using var outputText = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(["bench", "--peers", "--peer", "numpy-openblas,torch-1", "--sizes", "8", "--quick", "--rounds", "1", "--peers-folder", peers.PeersFolder], outputText, error);
        Assert.True(code == CliApp.Success, error.ToString());
        var text = outputText.ToString();
        Assert.Contains("logical cores", text, StringComparison.Ordinal);
        Assert.Contains("NeuroSim / best", text, StringComparison.Ordinal);
        Assert.DoesNotContain("failed", text, StringComparison.Ordinal);
    }
}
