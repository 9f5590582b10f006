using NeuroSim.Core.Connectivity;
using NeuroSim.Core.Integration;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Protocols;

namespace NeuroSim.Models.Dale;

/// <summary>
/// The balance-credit rule on a network that obeys Dale's law: every neuron group is excitatory or inhibitory, and every
/// synapse carries the sign of its presynaptic neuron (an excitatory neuron feeds only E pools, an inhibitory one only I
/// pools). The rule is unchanged; the sign is kept by projection: after every step of every process the scheduler
/// re-imposes the constraints (<see cref="ApplyConstraints"/>), and a weight that would cross zero stays at zero until
/// the credit pushes it back. This is projected gradient descent: in the adiabatic limit one presentation's weight change
/// is the BP step of the sign-constrained network, projected onto the constraint set (measured by the tests).
/// Reparametrising (w = ±softplus(θ)) was rejected: it rescales each synapse's rate by softplus'(θ), so even away from
/// the boundary the change would no longer be the BP step.
/// </summary>
public sealed class DaleModel : IExperimentModel
{
    /// <summary>The family name in model files.</summary>
    public const string FamilyKind = "dale";

    private readonly (int Start, int End, bool Excitatory)[] blocks;

    /// <summary>Wraps <paramref name="inner"/> and flips its initial weights to their presynaptic group's sign (|w|, or -|w|).</summary>
    public DaleModel(BalanceCreditModel inner, IReadOnlyDictionary<string, bool> excitatoryGroups)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(excitatoryGroups);
        Inner = inner;
        ExcitatoryGroups = excitatoryGroups;
        blocks = [.. inner.Network.Projections.Select(p => (p.SynapseOffset, p.SynapseOffset + p.SlotCount, excitatoryGroups[p.Pre.Name]))];
        var w = inner.Weights;
        foreach (var (start, end, excitatory) in blocks)
        {
            for (var k = start; k < end; k++)
            {
                w[k] = excitatory ? Math.Abs(w[k]) : -Math.Abs(w[k]);
            }
        }
    }

    /// <summary>The balance-credit model underneath, with the signed weights.</summary>
    public BalanceCreditModel Inner { get; }

    /// <summary>Group name -> true for excitatory, false for inhibitory.</summary>
    public IReadOnlyDictionary<string, bool> ExcitatoryGroups { get; }

    public string Kind => FamilyKind;

    public Span<double> State => Inner.State;

    public IReadOnlyList<IProcess> Processes => Inner.Processes;

    public ISemilinearSystem CoupledSystem => Inner.CoupledSystem;

    public IReadOnlyList<NeuronGroup> Groups => Inner.Groups;

    public IReadOnlyList<NeuronGroup> InputGroups => Inner.InputGroups;

    public IReadOnlyList<NeuronGroup> OutputGroups => Inner.OutputGroups;

    public IReadOnlyList<string> DrivePools => Inner.DrivePools;

    public IReadOnlyDictionary<string, string> ResultFiles => Inner.ResultFiles;

    /// <summary>The clamps of the balance-credit model, then every weight back onto its sign (zero when it crossed).</summary>
    public void ApplyConstraints()
    {
        Inner.ApplyConstraints();
        ProjectOntoSigns(Inner.Weights);
    }

    /// <summary>Sets every weight of the wrong sign to zero.</summary>
    public void ProjectOntoSigns(Span<double> weights)
    {
        foreach (var (start, end, excitatory) in blocks)
        {
            var block = weights[start..end];
            for (var k = 0; k < block.Length; k++)
            {
                if (excitatory ? block[k] < 0 : block[k] > 0)
                {
                    block[k] = 0;
                }
            }
        }
    }

    public void ClampInput(NeuronGroup group, ReadOnlySpan<double> values) => Inner.ClampInput(group, values);

    public void ReleaseInput(NeuronGroup group) => Inner.ReleaseInput(group);

    public void SetTarget(NeuronGroup group, ReadOnlySpan<double> y) => Inner.SetTarget(group, y);

    public void ReleaseTarget(NeuronGroup group) => Inner.ReleaseTarget(group);

    public Span<double> DriveOf(int pool) => Inner.DriveOf(pool);

    public void UseKernelThreads(int threads) => Inner.UseKernelThreads(threads);

    public void UpdateObservables() => Inner.UpdateObservables();

    public IMonitorSource PlanMonitor(MonitorSpec spec) => Inner.PlanMonitor(spec);

    public ActionInstruction? CompileAction(ProtocolStep step, ActionContext context) => Inner.CompileAction(step, context);

    public void CheckFinite(SimulationClock clock) => Inner.CheckFinite(clock);

    public void CheckSlowStateFinite(SimulationClock clock) => Inner.CheckSlowStateFinite(clock);

    public void WriteCheckpoint(BinaryWriter writer) => Inner.WriteCheckpoint(writer);

    public void ReadCheckpoint(BinaryReader reader) => Inner.ReadCheckpoint(reader);

    public void WriteResults(string folder) => Inner.WriteResults(folder);

    public IReadOnlyDictionary<string, object> Results()
    {
        var w = Inner.Weights;
        var atZero = 0;
        foreach (var (start, end, _) in blocks)
        {
            foreach (var v in w[start..end])
            {
                atZero += v == 0 ? 1 : 0;
            }
        }

        return new Dictionary<string, object>(Inner.Results()) { ["synapses_at_zero"] = atZero };
    }
}
