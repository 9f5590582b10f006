using NeuroSim.Models.Training;

namespace NeuroSim.Models.Protocols;

/// <summary>One entry of a protocol timeline. Steps run in order; only durations advance time.</summary>
public abstract record ProtocolStep
{
    /// <summary>Where the step was written, prefixed to errors about it.</summary>
    public SourcePosition? Source { get; init; }

    /// <summary>The action's name in protocol files, for messages.</summary>
    public static string NameOf(ProtocolStep step) => step switch
    {
        RunStep => "run",
        PresentStep => "present",
        ClampInputStep => "clamp_input",
        ReleaseInputStep => "release_input",
        ClampOutputStep => "clamp_output",
        ReleaseOutputStep => "release_output",
        HoldCreditStep h => h.Hold ? "hold_credit" : "release_credit",
        DriveStep => "drive",
        ClearDrivesStep => "clear_drives",
        GainStep g => g.Gain == 0 ? "block" : "scale",
        LesionStep => "lesion",
        PruneStep => "prune",
        SetStep => "set",
        RepeatStep => "repeat",
        ForEachStep => "for_each",
        FamilyStep f => f.Action,
        _ => step?.GetType().Name ?? "null",
    };
}

/// <summary>An action a model family reads itself (<c>Action</c> is its key in the protocol file); the family compiles it.</summary>
public abstract record FamilyStep(string Action) : ProtocolStep;

/// <summary>Where something was written in a file: "file:line:column: field".</summary>
public sealed record SourcePosition(string File, int Line, int Column, string Field)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Field}";
}

/// <summary>A protocol that cannot be compiled against its model, with where the offending step or monitor was written.</summary>
public sealed class ProtocolCompileException : ArgumentException
{
    public ProtocolCompileException(SourcePosition? position, string detail, Exception? inner = null)
        : base(position is null ? detail : $"{position}: {detail}", inner)
    {
        Position = position;
        Detail = detail;
    }

    public SourcePosition? Position { get; }

    public string Detail { get; }
}

/// <summary>Advance time with nothing changed.</summary>
public sealed record RunStep(double DurationMs) : ProtocolStep;

/// <summary>
/// Clamp the first input group's firing to <paramref name="Input"/> and (when given) set the first output group's
/// target, then advance <paramref name="DurationMs"/>. Clamps stay on afterwards until released or replaced.
/// </summary>
public sealed record PresentStep(VectorSource Input, VectorSource? Target, double DurationMs) : ProtocolStep;

/// <summary>Clamp an input group's rates; <paramref name="Group"/> null: the model's one input group.</summary>
public sealed record ClampInputStep(string? Group, VectorSource Values) : ProtocolStep;

public sealed record ReleaseInputStep(string Group) : ProtocolStep;

/// <summary>Set an output group's target; <paramref name="Group"/> null: the model's one output group.</summary>
public sealed record ClampOutputStep(string? Group, VectorSource Target) : ProtocolStep;

public sealed record ReleaseOutputStep(string Group) : ProtocolStep;

/// <summary>Hold (or release) the credit of a group at its current value.</summary>
public sealed record HoldCreditStep(string Group, bool Hold) : ProtocolStep;

/// <summary>
/// Start an external drive into the selected neurons for a duration (null: until cleared). <paramref name="Pool"/> names
/// one of the model's drive inputs (<see cref="IExperimentModel.DrivePools"/>), e.g. excitatory, inhibitory or credit.
/// </summary>
public sealed record DriveStep(string Pool, IReadOnlyList<string> Neurons, Waveform Waveform, double? DurationMs) : ProtocolStep;

/// <summary>Stop every active drive (of one pool, or all when null).</summary>
public sealed record ClearDrivesStep(string? Pool) : ProtocolStep;

/// <summary>
/// Scale the retrograde signal or plasticity of projections (all when empty, and then bias plasticity too):
/// gain 0 blocks it, 1 restores it.
/// </summary>
public sealed record GainStep(string Process, IReadOnlyList<string> Projections, double Gain) : ProtocolStep
{
    public static IReadOnlyList<string> Processes { get; } = ["retrograde", "plasticity"];
}

/// <summary>A synapse by projection name ("pre->post") and post and pre index within their groups.</summary>
public sealed record SynapseRef(string Projection, int Post, int Pre);

/// <summary>Remove neurons (all their synapses, rate clamped to 0) and single synapses.</summary>
public sealed record LesionStep(IReadOnlyList<string> Neurons, IReadOnlyList<SynapseRef> Synapses) : ProtocolStep;

/// <summary>
/// Remove the smallest <paramref name="Fraction"/> of existing synapses by |w| in the projections (all when empty), or, when
/// <paramref name="BelowQuantile"/> is set, every synapse whose |w| is below that quantile of |w| over all the synapses the
/// projections were built with, removed ones counting as 0 (repeated, it holds the density at 1 - q: the paper's Algorithm 1).
/// </summary>
public sealed record PruneStep(double Fraction, IReadOnlyList<string> Projections, bool BelowQuantile = false) : ProtocolStep;

/// <summary>Change a model parameter (see <see cref="Parameters"/>): a number (time constants in ms) or, for output_mode, <paramref name="Text"/>.</summary>
public sealed record SetStep(string Parameter, double Number, string? Text = null) : ProtocolStep
{
    public static IReadOnlyList<string> Parameters { get; } =
        ["learning_rate", "spillover", "output_mode", "timescales.firing", "timescales.credit", "timescales.plasticity", "timescales.messenger", "timescales.synaptic_e", "timescales.synaptic_i"];
}

public sealed record RepeatStep(int Times, IReadOnlyList<ProtocolStep> Body) : ProtocolStep;

/// <summary>
/// Run the body once per item of a data set, in order; inside it, data-item vectors refer to that item. With
/// <see cref="Take"/>, only the next that many items: each such block continues where the previous one of the same
/// data set stopped, so a repeated block walks through the data set (online learning interleaved with tests).
/// </summary>
public sealed record ForEachStep(string Data, IReadOnlyList<ProtocolStep> Body, int? Take = null) : ProtocolStep;

/// <summary>What to record, from which neurons or projections, how often.</summary>
public sealed record MonitorSpec(string Name, IReadOnlyList<string> Variables, IReadOnlyList<string> Neurons, IReadOnlyList<string> Projections, double EveryMs)
{
    public SourcePosition? Source { get; init; }
}

/// <summary>A protocol: a timeline of steps, the monitors, and the named data sets its steps refer to.</summary>
public sealed record ProtocolSpec(string Name, IReadOnlyList<ProtocolStep> Timeline, IReadOnlyList<MonitorSpec> Monitors, IReadOnlyDictionary<string, Dataset> Data);
