using NeuroSim.Core.Kernels;

namespace NeuroSim.Analysis.Benchmarking;

/// <summary>
/// NeuroSim against the peer simulators of bench/peers on the same bench network (<see cref="BenchStateExport"/>):
/// per size, rounds that time NeuroSim's fused step and then each peer in its own process, one after the other,
/// so that machine noise hits all alike; the best round of each counts.
/// </summary>
public static class PeerBench
{
    /// <summary>The peers bench/peers/peer.py knows, in the order they run (bench/peers/README.md says what each is).</summary>
    public static readonly IReadOnlyList<string> AllPeers = ["numpy-reference", "numpy-openblas", "torch-1", "torch-2", "brian2-cpp", "brian2-cython"];

    /// <summary>The file that marks the peers' folder.</summary>
    public const string Entry = "peer.py";

    /// <summary>Steps of the exported run: the cross-check's length, and a state every peer can start from.</summary>
    public const long ExportSteps = 200;

    /// <summary>bench/peers found above the running binaries or the current folder, or null.</summary>
    public static string? FindPeersFolder()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "bench", "peers");
                if (File.Exists(Path.Combine(candidate, Entry)))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Throws with the valid names when a name is not a peer.</summary>
    public static void CheckNames(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            if (!AllPeers.Contains(name))
            {
                throw new ArgumentException($"--peer {name}: unknown peer; valid: {string.Join(", ", AllPeers)}");
            }
        }
    }

    /// <summary>Throws naming the option when a size, a peer name or the peers' folder is wrong.</summary>
    public static void Validate(PeerBenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        BenchSettings.ValidateSizes(settings.Sizes);
        CheckNames(settings.Peers);
        if (!File.Exists(Path.Combine(settings.PeersFolder, Entry)))
        {
            throw new ArgumentException($"--peers-folder {settings.PeersFolder}: no {Entry} there");
        }
    }

    /// <summary>Measures every size of <paramref name="settings"/>; <paramref name="progress"/> hears of each measurement as it starts.</summary>
    public static IReadOnlyList<PeerSizeResult> Run(PeerBenchSettings settings, Action<string>? progress = null)
    {
        Validate(settings);
        var kernels = new KernelSettings { ThreadCount = settings.Threads };
        var root = Path.Combine(Path.GetTempPath(), $"neurosim-peers-{Guid.NewGuid():N}");
        try
        {
            return [.. settings.Sizes.Select(n => MeasureSize(n, Path.Combine(root, $"n{n}"), settings, kernels, progress))];
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static PeerSizeResult MeasureSize(int n, string folder, PeerBenchSettings settings, KernelSettings kernels, Action<string>? progress)
    {
        BenchStateExport.Write(folder, n, ExportSteps);
        var neuroSim = 0.0;
        var best = settings.Peers.ToDictionary(p => p, _ => (Rate: 0.0, Failure: (string?)null));
        var seconds = settings.Seconds.ToString("R", CultureInfo.InvariantCulture);
        for (var round = 1; round <= settings.Rounds; round++)
        {
            progress?.Invoke($"N = {n}, round {round}: NeuroSim");
            neuroSim = Math.Max(neuroSim, EngineBench.FusedStepsPerSecond(n, settings.Seconds, kernels));
            foreach (var peer in settings.Peers)
            {
                progress?.Invoke($"N = {n}, round {round}: {peer}");
                var outcome = PeerProcess.Run(settings.PeersFolder, peer, folder, ["--seconds", seconds]);
                best[peer] = outcome.Value("steps_per_second") is { } rate
                    ? (Math.Max(best[peer].Rate, rate), best[peer].Failure)
                    : (best[peer].Rate, outcome.Failure ?? $"{peer}: no steps_per_second in its output");
            }
        }

        return new PeerSizeResult(n, neuroSim, [.. settings.Peers.Select(p => new PeerMeasurement(p, best[p].Rate > 0 ? best[p].Rate : null, best[p].Rate > 0 ? null : best[p].Failure))]);
    }
}

/// <summary>What `neurosim bench --peers` measures.</summary>
public sealed record PeerBenchSettings
{
    /// <summary>Network sizes N (layers N/4, N/2, N/4), each a multiple of 4.</summary>
    public required IReadOnlyList<int> Sizes { get; init; }

    /// <summary>The folder of peer.py (bench/peers).</summary>
    public required string PeersFolder { get; init; }

    /// <summary>Peers to run (names of <see cref="PeerBench.AllPeers"/>).</summary>
    public IReadOnlyList<string> Peers { get; init; } = PeerBench.AllPeers;

    /// <summary>Wall time of each measurement, s (Brian2's C++ standalone build meets it only roughly).</summary>
    public double Seconds { get; init; } = 1.0;

    /// <summary>Interleaved rounds; the best of each simulator counts.</summary>
    public int Rounds { get; init; } = 2;

    /// <summary>NeuroSim's kernel threads.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
}

/// <summary>One peer's best steps/s at one size, or why it has none.</summary>
public sealed record PeerMeasurement(string Name, double? StepsPerSecond, string? Failure);

/// <summary>NeuroSim's best steps/s and every peer's at one size.</summary>
public sealed record PeerSizeResult(int Neurons, double NeuroSimStepsPerSecond, IReadOnlyList<PeerMeasurement> Peers)
{
    /// <summary>The fastest peer that ran, or null when none did.</summary>
    public PeerMeasurement? Best => Peers.Where(p => p.StepsPerSecond is not null).MaxBy(p => p.StepsPerSecond);
}
