using NeuroSim.Core.Randomness;
using NeuroSim.Core.Connectivity;
using NeuroSim.Core.RunFolders;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.Protocols;

namespace NeuroSim.Models.Microcircuit;

/// <summary>
/// The microcircuit as the run path sees it (<see cref="IExperimentModel"/>). Groups: L0 (the input rates), L1 .. LN
/// (pyramidal layers; LN is the output) and I1 .. I(N-1) (the interneurons of layer k, one per neuron of layer k + 1),
/// in that order in the flat neuron vectors. Input: L0 (its rates, switched in through the input filter); output: LN
/// (a target turns nudging on, releasing it turns nudging off). Drive pools add to a compartment: soma (a current into
/// pyramidal and interneuron somata; into L0 it adds to the input rates), basal (v_B), apical (v_A of hidden layers),
/// dendrite (v^I of interneurons); a pool's entries for neurons without that compartment are ignored.
/// </summary>
public sealed partial class MicrocircuitModel : IExperimentModel
{
    /// <summary>The family name in model files.</summary>
    public const string FamilyKind = "microcircuit";

    internal const int SomaPool = 0;
    internal const int BasalPool = 1;
    internal const int ApicalPool = 2;
    internal const int DendritePool = 3;

    /// <summary>The drive pools, in index order.</summary>
    public static IReadOnlyList<string> DrivePoolNames { get; } = ["soma", "basal", "apical", "dendrite"];

    private NeuronGroup[]? groups;
    private bool drivesActive;

    public string Kind => FamilyKind;

    /// <summary>Stream 2 of the seed: every microcircuit experiment draws its input patterns and targets from it (weights 1, noise 3).</summary>
    public ulong StimulusSeed(ulong seed) => Seeds.Derive(seed, SeedStreams.TrainingInputs);

    public IReadOnlyList<NeuronGroup> Groups => groups ??= BuildGroups();

    public IReadOnlyList<NeuronGroup> InputGroups => [Groups[0]];

    public IReadOnlyList<NeuronGroup> OutputGroups => [Groups[Layers]];

    public IReadOnlyList<string> DrivePools => DrivePoolNames;

    public IReadOnlyDictionary<string, string> ResultFiles => new Dictionary<string, string>
    {
        ["weights/"] = "final weights per class and layer (rows post, columns pre): Lk-1-Lk.csv W_up, Lk+1-Lk.csv B, Lk-Ik.csv W_IP, Ik-Lk.csv W_PI",
        ["biases.csv"] = Spec.Biases ? "final biases: group, index, bias (pyramidal and interneuron)" : "not written (the model has no biases)",
    };

    /// <summary>Sets the input rates (L0) the input filter switches in; nudging is left as it is.</summary>
    public void ClampInput(NeuronGroup group, ReadOnlySpan<double> values)
    {
        RequireGroup(group, output: false);
        values.CopyTo(inputPattern);
    }

    /// <summary>The input rates cannot be released: the input layer is only its rates. They are set to 0.</summary>
    public void ReleaseInput(NeuronGroup group)
    {
        RequireGroup(group, output: false);
        inputPattern.AsSpan().Clear();
    }

    /// <summary>Sets the target potential of the output and turns nudging on.</summary>
    public void SetTarget(NeuronGroup group, ReadOnlySpan<double> y)
    {
        RequireGroup(group, output: true);
        y.CopyTo(targetPotential);
        Nudging = true;
    }

    /// <summary>Turns nudging off (the target is kept for the output error).</summary>
    public void ReleaseTarget(NeuronGroup group)
    {
        RequireGroup(group, output: true);
        Nudging = false;
    }

    public Span<double> DriveOf(int pool)
    {
        if (pool < 0 || pool >= drives.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(pool), pool, $"valid: 0..{drives.Length - 1}");
        }

        // From the first drive on, evaluations add the pools (drives of zero add nothing).
        drivesActive = true;
        return drives[pool];
    }

    public void UpdateObservables() => Observe();

    public IMonitorSource PlanMonitor(MonitorSpec spec) => new MicrocircuitMonitor(this, spec);

    public ActionInstruction? CompileAction(ProtocolStep step, ActionContext context) => MicrocircuitActions.Compile(this, step, context);

    public void CheckFinite(SimulationClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var soma = state.AsSpan(SomaRange);
        for (var k = 0; k < soma.Length; k++)
        {
            if (!double.IsFinite(soma[k]))
            {
                throw new SimulationDivergedException("soma", NeuronColumn("u", Sizes[0] + k), clock.TimeMs, Math.Min(clock.DtMs / 4, 0.1 / Conductances.InterneuronTotal));
            }
        }
    }

    public void CheckSlowStateFinite(SimulationClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        foreach (var kind in MicrocircuitWeights.Classes)
        {
            for (var l = 0; l < Weights.CountOf(kind); l++)
            {
                foreach (var w in Weights.Of(kind, l))
                {
                    if (!double.IsFinite(w))
                    {
                        throw new SimulationDivergedException("consolidation", $"a weight of {WeightName(kind)} {ProjectionName(kind, l)}", clock.TimeMs, clock.DtMs);
                    }
                }
            }
        }
    }

    /// <summary>weights/PRE-POST.csv per plastic class and layer (the run-folder matrix format), and biases.csv when the model has biases.</summary>
    public void WriteResults(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "weights"));
        foreach (var kind in new[] { WeightClass.Up, WeightClass.Down, WeightClass.PyramidalToInterneuron, WeightClass.InterneuronToPyramidal })
        {
            for (var l = 0; l < Weights.CountOf(kind); l++)
            {
                var (rows, columns) = Weights.ShapeOf(kind, l);
                WeightFiles.WriteMatrix(Path.Combine(folder, "weights", $"{ProjectionName(kind, l).Replace("->", "-", StringComparison.Ordinal)}.csv"), rows, columns, Weights.Of(kind, l));
            }
        }

        if (Spec.Biases)
        {
            using var csv = new CsvTableWriter(Path.Combine(folder, "biases.csv"), ["group", "index", "bias"]);
            for (var l = 0; l < Layers; l++)
            {
                WriteBiases(csv, Groups[l + 1].Name, Weights.UpBias(l));
            }

            for (var l = 0; l < Layers - 1; l++)
            {
                WriteBiases(csv, Groups[Layers + 1 + l].Name, Weights.InterneuronBias(l));
            }
        }
    }

    /// <summary>The error measures at the end of the run (squared norms, after a fresh evaluation).</summary>
    public IReadOnlyDictionary<string, object> Results()
    {
        Observe();
        return new Dictionary<string, object>
        {
            ["final_output_error_sq"] = OutputErrorSquared(),
            ["final_apical_sq"] = ApicalSquared(),
            ["final_tracking_sq"] = TrackingSquared(),
        };
    }

    /// <summary>||u_N - u_trgt||^2 against the last target set (zeros before any).</summary>
    public double OutputErrorSquared() => DenseMath.SquaredDistance(PyramidalPotential(Layers - 1), targetPotential);

    /// <summary>||W^PI + B|| / ||B|| over all hidden layers (Frobenius): how far the lateral weights are from the analytic self-predicting state.</summary>
    public double LateralDistance()
    {
        double difference = 0, norm = 0;
        for (var l = 0; l < Layers - 1; l++)
        {
            var b = Weights.Down(l);
            var pi = Weights.InterneuronToPyramidal(l);
            for (var k = 0; k < b.Length; k++)
            {
                difference += (pi[k] + b[k]) * (pi[k] + b[k]);
                norm += b[k] * b[k];
            }
        }

        return Math.Sqrt(difference / norm);
    }

    /// <summary>||v_A||^2 summed over every hidden layer (from the last evaluation).</summary>
    public double ApicalSquared()
    {
        var sum = 0.0;
        for (var l = 0; l < Layers - 1; l++)
        {
            sum += DenseMath.SquaredNorm(Activity.Apical(l));
        }

        return sum;
    }

    /// <summary>||u_{l+1} - u^I_l||^2 summed over the interneuron populations: how well interneurons track the layer above.</summary>
    public double TrackingSquared()
    {
        var sum = 0.0;
        for (var l = 0; l < Layers - 1; l++)
        {
            sum += DenseMath.SquaredDistance(PyramidalPotential(l + 1), InterneuronPotential(l));
        }

        return sum;
    }


    /// <summary>The monitor name of a weight class (W_up, B, W_ip, W_pi; biases b_up, b_ip).</summary>
    internal static string WeightName(WeightClass kind) => kind switch
    {
        WeightClass.Up => "W_up",
        WeightClass.UpBias => "b_up",
        WeightClass.Down => "B",
        WeightClass.PyramidalToInterneuron => "W_ip",
        WeightClass.InterneuronBias => "b_ip",
        _ => "W_pi",
    };

    /// <summary>"pre->post" of class <paramref name="kind"/> at layer index <paramref name="layer"/> (0 = into the first hidden layer).</summary>
    internal static string ProjectionName(WeightClass kind, int layer) => kind switch
    {
        WeightClass.Up or WeightClass.UpBias => $"L{layer}->L{layer + 1}",
        WeightClass.Down => $"L{layer + 2}->L{layer + 1}",
        WeightClass.PyramidalToInterneuron or WeightClass.InterneuronBias => $"L{layer + 1}->I{layer + 1}",
        _ => $"I{layer + 1}->L{layer + 1}",
    };

    /// <summary>The monitor column name of neuron <paramref name="neuron"/> (index into the flat neuron vectors) for <paramref name="variable"/>.</summary>
    internal string NeuronColumn(string variable, int neuron)
    {
        var group = Groups.First(g => neuron >= g.Offset && neuron < g.End);
        return ColumnNames.Neuron(variable, group, neuron - group.Offset);
    }

    private static void WriteBiases(CsvTableWriter csv, string group, ReadOnlySpan<double> biases)
    {
        for (var i = 0; i < biases.Length; i++)
        {
            csv.Write(group).Write(i).Write(biases[i]).EndRow();
        }
    }

    private NeuronGroup[] BuildGroups()
    {
        var list = new List<NeuronGroup>();
        var offset = 0;
        for (var k = 0; k <= Layers; k++)
        {
            list.Add(new NeuronGroup(string.Create(CultureInfo.InvariantCulture, $"L{k}"), Sizes[k], offset));
            offset += Sizes[k];
        }

        for (var l = 0; l < Layers - 1; l++)
        {
            list.Add(new NeuronGroup(string.Create(CultureInfo.InvariantCulture, $"I{l + 1}"), Sizes[l + 2], offset));
            offset += Sizes[l + 2];
        }

        return [.. list];
    }

    /// <summary>Only L0 takes input clamps and only the output layer LN a target: refused when the protocol is compiled.</summary>
    public string? ClampRefusal(NeuronGroup group, bool output)
    {
        ArgumentNullException.ThrowIfNull(group);
        var (index, role) = output ? (Layers, "an output") : (0, "an input");
        return group.Name == Groups[index].Name ? null : $"group '{group.Name}' is not {role} of the microcircuit; use {Groups[index].Name}";
    }

    private void RequireGroup(NeuronGroup group, bool output)
    {
        if (ClampRefusal(group, output) is { } reason)
        {
            throw new ArgumentException(reason);
        }
    }
}
