using NeuroSim.Core.Connectivity;
using NeuroSim.Core.Kernels;
using NeuroSim.Core.RunFolders;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.Protocols;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>The balance-credit model as the run path sees it (<see cref="IExperimentModel"/>).</summary>
public sealed partial class BalanceCreditModel : IExperimentModel
{
    /// <summary>The family name in model files.</summary>
    public const string FamilyKind = "balance-credit";

    private static readonly string[] Pools = ["excitatory", "inhibitory", "credit", "rate"];

    public string Kind => FamilyKind;

    public IReadOnlyList<NeuronGroup> Groups => Network.Groups;

    public IReadOnlyList<string> DrivePools => Pools;

    public IReadOnlyDictionary<string, string> ResultFiles { get; } = new Dictionary<string, string>
    {
        ["weights/"] = "final weight matrix per projection (rows post, columns pre), loadable as weights: {file: ...}",
        ["biases.csv"] = "final biases: group, index, bias",
    };

    public void ClampInput(NeuronGroup group, ReadOnlySpan<double> values) => ClampRates(group, values);

    public void ReleaseInput(NeuronGroup group) => ReleaseRates(group);

    public Span<double> DriveOf(int pool) => pool switch
    {
        0 => ExcitatoryDrive,
        1 => InhibitoryDrive,
        2 => CreditDrive,
        3 => RateDrive,
        _ => throw new ArgumentOutOfRangeException(nameof(pool), pool, $"valid: 0..{Pools.Length - 1}"),
    };

    public IMonitorSource PlanMonitor(MonitorSpec spec) => new BalanceCreditMonitor(this, spec);

    public void UseKernelThreads(int threads) => Network.Kernels = new KernelSettings { ThreadCount = threads };

    public ActionInstruction? CompileAction(ProtocolStep step, ActionContext context) => BalanceCreditActions.Compile(this, step, context);

    public void CheckFinite(SimulationClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var x = RatesView;
        var c = Credit;
        for (var k = 0; k < x.Length; k++)
        {
            if (!double.IsFinite(x[k]) || !double.IsFinite(c[k]))
            {
                var firing = !double.IsFinite(x[k]);
                throw Diverged(clock, firing ? "firing" : "credit", NeuronColumn(firing ? "x" : "c", k));
            }
        }
    }

    public void CheckSlowStateFinite(SimulationClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        // Read through the field, not Weights: reading does not invalidate the float32 copy.
        var w = state.AsSpan(WeightsRange);
        for (var k = 0; k < w.Length; k++)
        {
            if (!double.IsFinite(w[k]))
            {
                var projection = Network.Projections.First(p => k >= p.SynapseOffset && k < p.SynapseOffset + p.SlotCount);
                throw new SimulationDivergedException("plasticity", $"a weight of {projection.Name}", clock.TimeMs, WeightsRanAway);
            }
        }

        var b = BiasesReadOnly;
        for (var k = 0; k < b.Length; k++)
        {
            if (!double.IsFinite(b[k]))
            {
                throw new SimulationDivergedException("plasticity", NeuronColumn("b", k), clock.TimeMs, WeightsRanAway);
            }
        }
    }

    public void WriteResults(string folder) => WeightFiles.Write(folder, Network, Weights, Biases);

    public IReadOnlyDictionary<string, object> Results() => new Dictionary<string, object> { ["final_loss"] = Loss() };

    /// <summary>The monitor column name of neuron <paramref name="neuron"/> (global index) for <paramref name="variable"/>.</summary>
    internal string NeuronColumn(string variable, int neuron)
    {
        var group = Network.Groups.First(g => neuron >= g.Offset && neuron < g.End);
        return ColumnNames.Neuron(variable, group, neuron - group.Offset);
    }

    private const string WeightsRanAway = "the weights ran away: use a smaller learning rate (a smaller step does not help)";

    /// <summary>
    /// A step that already resolves the fastest time constant (dt &lt;= tau/10) cannot be what diverged: then the network's
    /// own dynamics do (e.g. recurrent gain above 1), and the advice says so instead of suggesting a smaller step.
    /// </summary>
    private SimulationDivergedException Diverged(SimulationClock clock, string process, string variable)
    {
        var fastest = Math.Min(Timescales.FiringMs, Timescales.MessengerMs ?? double.PositiveInfinity);
        return clock.DtMs <= fastest / 10
            ? new SimulationDivergedException(process, variable, clock.TimeMs, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"dt = {clock.DtMs:G3} ms already resolves the fastest time constant ({fastest:G3} ms), so the network's own dynamics diverge (e.g. a recurrent gain above 1): use smaller weights (gain) or a smaller learning rate"))
            : new SimulationDivergedException(process, variable, clock.TimeMs, Math.Min(clock.DtMs / 4, fastest / 10));
    }
}
