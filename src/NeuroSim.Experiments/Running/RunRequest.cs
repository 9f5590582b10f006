namespace NeuroSim.Experiments;

/// <summary>What `neurosim run` was asked to do.</summary>
public sealed record RunRequest(string ModelPath, string ProtocolPath, string OutputDirectory)
{
    /// <summary>Overrides the model's and the protocol's seeds (weights, noise, random stimuli).</summary>
    public ulong? Seed { get; init; }

    /// <summary>"path=value" overrides; "protocol.x" applies to the protocol file, anything else to the model file.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Overrides { get; init; } = [];

    /// <summary>"protocol.x=v" overrides go to the protocol file (as "x=v"), all others to the model file.</summary>
    public static (List<KeyValuePair<string, string>> Model, List<KeyValuePair<string, string>> Protocol) SplitOverrides(IEnumerable<KeyValuePair<string, string>> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var all = overrides.ToList();
        return ([.. all.Where(o => !o.Key.StartsWith(ProtocolPrefix, StringComparison.Ordinal))],
                [.. all.Where(o => o.Key.StartsWith(ProtocolPrefix, StringComparison.Ordinal)).Select(o => KeyValuePair.Create(o.Key[ProtocolPrefix.Length..], o.Value))]);
    }

    /// <summary>What an override path starts with when it is meant for the protocol file.</summary>
    public const string ProtocolPrefix = "protocol.";

    public bool Resume { get; init; }

    /// <summary>Threads of the model's connectivity kernels (null: the processor count); results do not depend on it.</summary>
    public int? KernelThreads { get; init; }

    /// <summary>Replace a complete run folder at the output path (moved aside until the new one is complete).</summary>
    public bool Overwrite { get; init; }

    /// <summary>Signalled by an interrupt: the run stops between two steps, checkpoints and keeps its folder for --resume.</summary>
    public CancellationToken Interrupt { get; init; }

    /// <summary>Stop (and finish normally) when simulated time reaches this, in ms.</summary>
    public double? UntilMs { get; init; }

    /// <summary>Checkpoint every this many steps (0: only by wall time).</summary>
    public long CheckpointEverySteps { get; init; }

    /// <summary>Checkpoint at the first step boundary after this many wall-clock seconds since the last one (0: never by time).</summary>
    public double CheckpointEverySeconds { get; init; } = 60;

    /// <summary>A run whose monitors would write more than this is refused before it starts.</summary>
    public long MaxRecordBytes { get; init; } = 1L << 30;

    /// <summary>Written into the folder of a complete run before it is committed (a shipped experiment's tables, figures and summary).</summary>
    public IRunReport? Report { get; init; }

    /// <summary>The command line recorded in the manifest (default: the `neurosim run` line of the two files).</summary>
    public string? Command { get; init; }

    /// <summary>Steps the model in lock step with other runs of the same shape where it can (<see cref="LockstepGroup"/>); the results are the same bits.</summary>
    public NeuroSim.Core.Scheduling.ILockstep? Lockstep { get; init; }

    /// <summary>Testing aid: stop abruptly after this many steps, leaving the partial folder as a killed process would.</summary>
    public long? AbortAfterSteps { get; init; }
}

/// <summary>How a run ended: <see cref="Status"/> is "complete", "complete (stopped at --until)", "incomplete" (diverged, with <see cref="Error"/>), "interrupted" or "aborted".</summary>
public sealed record RunOutcome(string Status, string OutputDirectory, long Steps, double SimulatedMs, double WallSeconds, string? Error = null);
