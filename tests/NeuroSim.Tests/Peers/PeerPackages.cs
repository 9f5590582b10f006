using NeuroSim.Analysis.Benchmarking;

namespace NeuroSim.Tests.Peers;

/// <summary>
/// The peer simulators' Debian packages, installed once for the <see cref="PeerGroup"/> by bench/peers/install.sh
/// (as .ci/run does; a no-op in about a second when they are there), and one exported bench network of
/// <see cref="Neurons"/> neurons that every peer starts from. Where the install fails, <see cref="Require"/>
/// fails the test with the script's reason: these tests never skip silently.
/// </summary>
public sealed class PeerPackages : IDisposable
{
    /// <summary>Small enough that every peer, Brian2's C++ build aside, checks in seconds.</summary>
    public const int Neurons = 40;

    private readonly TempFolder folder = new();

    public PeerPackages()
    {
        PeersFolder = Path.Combine(CliRunner.RepositoryRoot(), "bench", "peers");
        ExportFolder = folder.Combine($"n{Neurons}");
        if (ChildProcess.Install(Path.Combine(PeersFolder, "install.sh")) is { } reason)
        {
            FailureReason = $"peer packages not installed: {reason}";
            return;
        }

        BenchStateExport.Write(ExportFolder, Neurons, PeerBench.ExportSteps);
    }

    public string PeersFolder { get; }

    /// <summary>The exported bench network (<see cref="BenchStateExport"/>).</summary>
    public string ExportFolder { get; }

    public string? FailureReason { get; }

    /// <summary>Fails the calling test with <see cref="FailureReason"/> when the packages could not be installed.</summary>
    public void Require()
    {
        if (FailureReason is not null)
        {
            Assert.Fail(FailureReason);
        }
    }

    public void Dispose() => folder.Dispose();
}

/// <summary>Tests that share the one <see cref="PeerPackages"/>; they run one after another, beside the other collections.</summary>
[CollectionDefinition(nameof(PeerGroup))]
public sealed class PeerGroup : ICollectionFixture<PeerPackages>;
