namespace NeuroSim.Models.Protocols;

/// <summary>One instruction of a compiled protocol: instantaneous actions and time advances, in order.</summary>
public abstract record Instruction;

/// <summary>
/// Advance by whole base steps. When <paramref name="EpochKind"/> is set, the advanced interval is written
/// to epochs.csv (for example a presentation).
/// </summary>
public sealed record AdvanceInstruction(long Steps, string? EpochKind = null, string? EpochLabel = null) : Instruction;

/// <summary>
/// An instantaneous change of the model or of the protocol's own state, recorded in epochs.csv as an event. It acts
/// through <see cref="IProtocolState"/>, not through the runner that executes it.
/// </summary>
public sealed record ActionInstruction(string Kind, string Label, Action<IProtocolState> Apply) : Instruction
{
    /// <summary>Length of the epoch this action opens, in steps (drives with a duration); 0 for an instantaneous event.</summary>
    public long EpochSteps { get; init; }
}

/// <summary>The state of a running protocol that its actions may use: random draws, external drives, the scheduler.</summary>
public interface IProtocolState
{
    Core.Scheduling.Scheduler Scheduler { get; }

    /// <summary>The values of a vector source now: fixed values as they are, random ones drawn from the protocol's generator.</summary>
    double[] Draw(VectorSource source, int size);

    void StartDrive(DriveTemplate template);

    /// <summary>Stops the drives of pool <paramref name="pool"/> (an index into the model's drive pools), or all when null.</summary>
    void ClearDrives(int? pool);
}
