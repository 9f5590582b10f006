using NeuroSim.Core.Connectivity;
using NeuroSim.Core.Integration;
using NeuroSim.Core.Scheduling;
using NeuroSim.Files.Yaml;
using NeuroSim.Models.Families;
using NeuroSim.Models.Protocols;

namespace NeuroSim.Tests.Families;

/// <summary>
/// A model family defined only here, to show that the run path needs nothing but the family contract: one group "n"
/// of leaky units, tau dx/dt = -x + level + current, where clamp_input/present set the level and a drive into the
/// pool "current" adds to it. Its own action: <c>reset: VALUE</c> sets every x. Its result file: final.csv.
/// </summary>
internal sealed class LeakyUnitFamily : IModelFamily
{
    public const string KindName = "leaky-test";

    public string Kind => KindName;

    public IReadOnlyDictionary<string, Func<SpecNode, ProtocolStep>> ProtocolActions { get; } =
        new Dictionary<string, Func<SpecNode, ProtocolStep>> { ["reset"] = body => new ResetStep(body.AsDouble()) };

    public FamilyModel Read(SpecNode root, string baseDirectory, ulong? seedOverride)
    {
        root.AllowOnly("kind", "name", "size", "tau", "dt");
        var model = new LeakyUnits(root.Required("size").AsInt(1, 1000), root.Required("tau").AsDurationMs(0, minExclusive: true));
        var options = new SchedulerOptions { Mode = SchedulerMode.Coupled, DtMs = root.Required("dt").AsDurationMs(0, minExclusive: true), Integrator = "exp-euler" };
        return new FamilyModel(root.Required("name").AsString(), null, null, seedOverride ?? 1, model, options, []);
    }

    internal sealed record ResetStep(double Value) : FamilyStep("reset");

    private sealed class LeakyUnits : IExperimentModel, ISemilinearSystem
    {
        private readonly double[] state;
        private readonly double[] level;
        private readonly double[] current;
        private readonly double tauMs;

        public LeakyUnits(int size, double tauMs)
        {
            state = new double[size];
            level = new double[size];
            current = new double[size];
            this.tauMs = tauMs;
            Groups = [new NeuronGroup("n", size, 0)];
        }

        public string Kind => KindName;

        public IReadOnlyList<NeuronGroup> Groups { get; }

        public IReadOnlyList<NeuronGroup> InputGroups => Groups;

        public IReadOnlyList<NeuronGroup> OutputGroups => [];

        public IReadOnlyList<string> DrivePools { get; } = ["current"];

        public IReadOnlyDictionary<string, string> ResultFiles { get; } = new Dictionary<string, string> { ["final.csv"] = "final x per unit" };

        public Span<double> State => state;

        public IReadOnlyList<IProcess> Processes => [];

        public ISemilinearSystem CoupledSystem => this;

        public int Dimension => state.Length;

        public void ApplyConstraints()
        {
        }

        public void ClampInput(NeuronGroup group, ReadOnlySpan<double> values) => values.CopyTo(level);

        public void ReleaseInput(NeuronGroup group) => Array.Clear(level);

        public void SetTarget(NeuronGroup group, ReadOnlySpan<double> y) => throw new InvalidOperationException("no targets");

        public void ReleaseTarget(NeuronGroup group)
        {
        }

        public Span<double> DriveOf(int pool) => current;

        public void UpdateObservables()
        {
        }

        public IMonitorSource PlanMonitor(MonitorSpec spec) =>
            spec.Variables.All(v => v == "x")
                ? new Source(this, [.. Selections.Neurons(Groups, spec.Neurons)])
                : throw new ArgumentException($"unknown variable '{spec.Variables.First(v => v != "x")}'; valid: x");

        public ActionInstruction? CompileAction(ProtocolStep step, ActionContext context) => step switch
        {
            ResetStep reset => new ActionInstruction("reset", reset.Value.ToString(CultureInfo.InvariantCulture), _ => Array.Fill(state, reset.Value)),
            _ => null,
        };

        public void CheckFinite(SimulationClock clock)
        {
            if (!state.All(double.IsFinite))
            {
                throw new SimulationDivergedException("leak", "x", clock.TimeMs, clock.DtMs / 2);
            }
        }

        public void CheckSlowStateFinite(SimulationClock clock)
        {
        }

        public void WriteCheckpoint(BinaryWriter writer)
        {
            foreach (var v in state.Concat(level))
            {
                writer.Write(v);
            }
        }

        public void ReadCheckpoint(BinaryReader reader)
        {
            for (var k = 0; k < state.Length; k++)
            {
                state[k] = reader.ReadDouble();
            }

            for (var k = 0; k < level.Length; k++)
            {
                level[k] = reader.ReadDouble();
            }
        }

        public void WriteResults(string folder) =>
            File.WriteAllLines(Path.Combine(folder, "final.csv"), state.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

        public IReadOnlyDictionary<string, object> Results() => new Dictionary<string, object> { ["mean_x"] = state.Average() };

        public void Derivative(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            for (var k = 0; k < y.Length; k++)
            {
                dydt[k] = (-y[k] + level[k] + current[k]) / tauMs;
            }
        }

        public void LeakRates(Span<double> rates) => rates.Fill(1.0 / tauMs);

        public void Drive(double t, ReadOnlySpan<double> y, Span<double> drive)
        {
            for (var k = 0; k < drive.Length; k++)
            {
                drive[k] = (level[k] + current[k]) / tauMs;
            }
        }

        private sealed class Source(LeakyUnits model, int[] neurons) : IMonitorSource
        {
            public IReadOnlyList<string> Columns { get; } = [.. neurons.Select(n => $"x[n:{n}]")];

            public bool NeedsObservables => false;

            public void Read(Span<double> values)
            {
                for (var k = 0; k < neurons.Length; k++)
                {
                    values[k] = model.state[neurons[k]];
                }
            }
        }
    }
}
