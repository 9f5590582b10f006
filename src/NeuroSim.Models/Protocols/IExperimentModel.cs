using NeuroSim.Core.Randomness;
using NeuroSim.Core.Connectivity;
using NeuroSim.Core.Scheduling;

namespace NeuroSim.Models.Protocols;

/// <summary>
/// What the run path (protocol compiler and runner, monitors, checkpoints, result files) needs of a built model.
/// Every model family builds one; the run path names no family. The common protocol actions (present, clamps,
/// drives, run, repeat, for_each) are expressed through this interface; anything else a family offers it compiles
/// itself in <see cref="CompileAction"/>.
/// </summary>
public interface IExperimentModel : ISimulationModel
{
    /// <summary>The family's name as written in model files (<c>kind:</c>).</summary>
    string Kind { get; }

    /// <summary>Neuron groups in index order: the names protocols and monitors select neurons by ("group:i").</summary>
    IReadOnlyList<NeuronGroup> Groups { get; }

    /// <summary>Groups whose activity `present` and `clamp_input` set.</summary>
    IReadOnlyList<NeuronGroup> InputGroups { get; }

    /// <summary>Groups whose target `present` and `clamp_output` set.</summary>
    IReadOnlyList<NeuronGroup> OutputGroups { get; }

    /// <summary>
    /// Why <paramref name="group"/> cannot take clamp_input/release_input (<paramref name="output"/> false) or
    /// clamp_output/release_output (true), or null when it can. Asked when the protocol is compiled, so that a clamp
    /// on the wrong group is refused before the run starts; by default every group can be clamped.
    /// </summary>
    string? ClampRefusal(NeuronGroup group, bool output) => null;

    void ClampInput(NeuronGroup group, ReadOnlySpan<double> values);

    void ReleaseInput(NeuronGroup group);

    void SetTarget(NeuronGroup group, ReadOnlySpan<double> y);

    void ReleaseTarget(NeuronGroup group);

    /// <summary>Names of the inputs an external drive can add to (e.g. excitatory, inhibitory, credit), one value per neuron each.</summary>
    IReadOnlyList<string> DrivePools { get; }

    /// <summary>Why this model takes no drives at all as it is configured (e.g. a mode without external currents), or null; asked when a drive step is compiled.</summary>
    string? DrivesRefusal => null;

    /// <summary>The drive of pool <paramref name="pool"/> (an index into <see cref="DrivePools"/>), one value per neuron, read by the next step.</summary>
    Span<double> DriveOf(int pool);

    /// <summary>
    /// The seed of the protocol's random stimuli (random vectors, noise drives) in a run with seed <paramref name="seed"/>.
    /// A family whose experiments document their own stream convention overrides it, so that a protocol draws its
    /// stimuli from the stream the family's experiments always used.
    /// </summary>
    ulong StimulusSeed(ulong seed) => Seeds.Derive(seed, SeedStreams.Protocol);

    /// <summary>
    /// Runs the model's connectivity kernels on at most <paramref name="threads"/> threads (results do not depend on it): a
    /// sweep running several models at once gives each its share of the cores. A family without such kernels ignores it.
    /// </summary>
    void UseKernelThreads(int threads)
    {
    }

    /// <summary>Brings derived quantities (pools, balance values) up to date with the state, before monitors that need them read.</summary>
    void UpdateObservables();

    /// <summary>Resolves a monitor's variables, neurons and projections into columns and a sampler; an unknown name is an <see cref="ArgumentException"/> listing the valid ones.</summary>
    IMonitorSource PlanMonitor(MonitorSpec spec);

    /// <summary>
    /// Compiles a protocol step the common run path does not know (null: the family does not support it either).
    /// Errors are <see cref="ArgumentException"/>s; checks that can fail must run here, not when the action is applied.
    /// </summary>
    ActionInstruction? CompileAction(ProtocolStep step, ActionContext context);

    /// <summary>Throws <see cref="SimulationDivergedException"/> when a fast variable is not finite (called after every step).</summary>
    void CheckFinite(SimulationClock clock);

    /// <summary>Throws <see cref="SimulationDivergedException"/> when slow state (weights) is not finite (called every few thousand steps and at the end).</summary>
    void CheckSlowStateFinite(SimulationClock clock);

    void WriteCheckpoint(BinaryWriter writer);

    void ReadCheckpoint(BinaryReader reader);

    /// <summary>Writes the family's result files (e.g. final weights) into a run folder.</summary>
    void WriteResults(string folder);

    /// <summary>Numbers for the manifest's results (e.g. the final loss).</summary>
    IReadOnlyDictionary<string, object> Results();

    /// <summary>What <see cref="WriteResults"/> wrote, for the manifest's file list.</summary>
    IReadOnlyDictionary<string, string> ResultFiles { get; }
}

/// <summary>The columns of one monitor and how to read them from the model.</summary>
public interface IMonitorSource
{
    /// <summary>Column names after time_ms (docs/run-folder.md).</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>Whether <see cref="IExperimentModel.UpdateObservables"/> must run before <see cref="Read"/>.</summary>
    bool NeedsObservables { get; }

    /// <summary>Writes the current values, one per column, into <paramref name="values"/>.</summary>
    void Read(Span<double> values);
}

/// <summary>
/// What a family's action may use while it is compiled: the scheduler (for stability checks), the protocol's vector
/// resolution (data items, sizes), and a way to undo parameter changes it applies to check them.
/// </summary>
public sealed class ActionContext(Scheduler scheduler, Func<VectorSource, int, VectorSource> resolveVector)
{
    private readonly List<Action> undo = [];

    public Scheduler Scheduler { get; } = scheduler;

    /// <summary>A vector of the protocol checked against a group size, with $input/$target resolved.</summary>
    public VectorSource ResolveVector(VectorSource source, int size) => resolveVector(source, size);

    /// <summary>Registers how to restore a parameter that compiling changed; run in reverse order when compiling ends.</summary>
    public void UndoAfterCompile(Action restore) => undo.Add(restore);

    internal void UndoAll()
    {
        for (var k = undo.Count - 1; k >= 0; k--)
        {
            undo[k]();
        }

        undo.Clear();
    }
}
