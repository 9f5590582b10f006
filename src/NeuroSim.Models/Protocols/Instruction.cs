namespace NeuroSim.Models.Protocols;

/// <summary>One instruction of a compiled protocol: instantaneous actions and time advances, in order.</summary>
public abstract record Instruction;

/// <summary>
/// Advance by whole base steps. When <paramref name="EpochKind"/> is set, the advanced interval is written
/// to epochs.csv (for example a presentation).
/// </summary>
public sealed record AdvanceInstruction(long Steps, string? EpochKind = null, string? EpochLabel = null) : Instruction;

/// <summary>An instantaneous change of the model or of the protocol's own state, recorded in epochs.csv as an event.</summary>
public sealed record ActionInstruction(string Kind, string Label, Action<ProtocolRunner> Apply) : Instruction
{
    /// <summary>Length of the epoch this action opens, in steps (drives with a duration); 0 for an instantaneous event.</summary>
    public long EpochSteps { get; init; }
}
