using NeuroSim.Core.RunFolders;
using NeuroSim.Models.Protocols;

namespace NeuroSim.Models.Microcircuit;

/// <summary>
/// The microcircuit's monitor variables (docs/run-folder.md; the names of `neurosim microcircuit association`'s traces):
/// per neuron u (soma), r (rate; L0: the filtered input rate), vB (basal prediction g_B/g_tot v_B), vA (apical
/// potential), td (its top-down part B r), lat (its interneuron part W_PI r_I, before the VIP gate), tgt (the target
/// while nudging, else NaN), uI (the interneuron partner of a neuron of L2 and above), vI (an interneuron's dendritic
/// prediction), b (bias); per synapse W_up, B, W_ip, W_pi (projections named pre->post: Lk-1->Lk, Lk+1->Lk, Lk->Ik,
/// Ik->Lk); and the squared norms output_error_sq, apical_sq, tracking_sq and lateral_distance (||W_PI + B|| / ||B||). A neuron variable is recorded for the
/// selected neurons whose group has it (vA, td, lat: hidden layers; tgt: the output; ...), neuron by neuron.
/// </summary>
internal sealed class MicrocircuitMonitor : IMonitorSource
{
    public static readonly IReadOnlyList<string> NeuronVariables = ["u", "r", "vB", "vA", "td", "lat", "tgt", "uI", "vI", "b"];
    public static readonly IReadOnlyList<string> SynapseVariables = ["W_up", "B", "W_ip", "W_pi"];
    public static readonly IReadOnlyList<string> ScalarVariables = ["output_error_sq", "output_rate_error_sq", "apical_sq", "tracking_sq", "lateral_distance"];
    public static readonly IReadOnlyList<string> AllVariables = [.. NeuronVariables, .. SynapseVariables, .. ScalarVariables];

    private static readonly string[] ObservedVariables = ["r", "vB", "vA", "td", "lat", "vI", "apical_sq", "output_rate_error_sq"];
    private static readonly WeightClass[] SynapseClasses = [WeightClass.Up, WeightClass.Down, WeightClass.PyramidalToInterneuron, WeightClass.InterneuronToPyramidal];

    private readonly Func<double>[] readers;

    public MicrocircuitMonitor(MicrocircuitModel model, MonitorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        foreach (var variable in spec.Variables)
        {
            if (!AllVariables.Contains(variable))
            {
                throw new ArgumentException($"unknown variable '{variable}'; valid for models of kind '{model.Kind}': {string.Join(", ", AllVariables)}");
            }
        }

        var columns = new List<string>();
        var list = new List<Func<double>>();
        var neuronVariables = spec.Variables.Where(NeuronVariables.Contains).ToArray();
        if (neuronVariables.Length > 0)
        {
            if (spec.Neurons.Count == 0)
            {
                throw new ArgumentException($"variables {string.Join(", ", neuronVariables)} need 'neurons' (for example [L1:0-2, L2:0-2])");
            }

            var used = new HashSet<string>();
            foreach (var neuron in Selections.Neurons(model.Groups, spec.Neurons))
            {
                foreach (var v in neuronVariables)
                {
                    if (Reader(model, v, neuron) is { } read)
                    {
                        columns.Add(model.NeuronColumn(v, neuron));
                        list.Add(read);
                        used.Add(v);
                    }
                }
            }

            if (neuronVariables.FirstOrDefault(v => !used.Contains(v)) is { } missing)
            {
                throw new ArgumentException($"variable '{missing}' is not defined for any of the neurons {string.Join(" ", spec.Neurons)}; {Where(missing, model)}");
            }
        }

        var synapseVariables = spec.Variables.Where(SynapseVariables.Contains).ToArray();
        if (synapseVariables.Length > 0)
        {
            AddSynapses(model, spec, synapseVariables, columns, list);
        }

        foreach (var v in spec.Variables.Where(ScalarVariables.Contains))
        {
            columns.Add(v);
            list.Add(v switch
            {
                "output_error_sq" => model.OutputErrorSquared,
                "output_rate_error_sq" => model.OutputRateErrorSquared,
                "apical_sq" => model.ApicalSquared,
                "lateral_distance" => model.LateralDistance,
                _ => model.TrackingSquared,
            });
        }

        Columns = columns;
        readers = [.. list];
        NeedsObservables = spec.Variables.Any(ObservedVariables.Contains);
    }

    public IReadOnlyList<string> Columns { get; }

    public bool NeedsObservables { get; }

    public void Read(Span<double> values)
    {
        for (var k = 0; k < readers.Length; k++)
        {
            values[k] = readers[k]();
        }
    }

    /// <summary>How variable <paramref name="v"/> of neuron <paramref name="neuron"/> is read, or null when its group does not have it.</summary>
    private static Func<double>? Reader(MicrocircuitModel model, string v, int neuron)
    {
        var n0 = model.Sizes[0];
        var a = model.Activity;
        if (neuron < n0)
        {
            var i = neuron;
            return v == "r" ? () => model.FilteredInput[i] : null;
        }

        if (neuron < n0 + a.PyramidalCount)
        {
            var l = 0;
            while (neuron >= n0 + a.PyramidalStart(l + 1))
            {
                l++;
            }

            var i = neuron - n0 - a.PyramidalStart(l);
            var hidden = l < model.Layers - 1;
            var attenuation = a.BasalAttenuation(l);
            return v switch
            {
                "u" => () => model.PyramidalPotential(l)[i],
                "r" => () => a.PyramidalRate(l)[i],
                "vB" => () => attenuation * a.Basal(l)[i],
                "vA" when hidden => () => a.Apical(l)[i],
                "td" when hidden => () => a.TopDown(l)[i],
                "lat" when hidden => () => a.Lateral(l)[i],
                "tgt" when !hidden => () => model.Nudging ? model.TargetPotential[i] : double.NaN,
                "uI" when l >= 1 => () => model.InterneuronPotential(l - 1)[i],
                "b" when model.Spec.Biases => () => model.Weights.UpBias(l)[i],
                _ => null,
            };
        }

        {
            var p = 0;
            var start = n0 + a.PyramidalCount;
            while (neuron >= start + a.InterneuronStart(p) + model.Sizes[p + 2])
            {
                p++;
            }

            var i = neuron - start - a.InterneuronStart(p);
            var attenuation = model.Conductances.InterneuronAttenuation;
            return v switch
            {
                "u" => () => model.InterneuronPotential(p)[i],
                "r" => () => a.InterneuronRate(p)[i],
                "vI" => () => attenuation * a.InterneuronDendrite(p)[i],
                "b" when model.Spec.Biases => () => model.Weights.InterneuronBias(p)[i],
                _ => null,
            };
        }
    }

    private static string Where(string variable, MicrocircuitModel model) => variable switch
    {
        "r" => "it is defined for every group",
        "u" or "vB" => "it is defined for the pyramidal layers L1.. (and u for the interneurons I1..)",
        "vA" or "td" or "lat" => $"it is defined for the hidden layers L1..L{model.Layers - 1} (the output has no apical compartment)",
        "tgt" => $"it is defined for the output layer L{model.Layers}",
        "uI" => $"it is defined for the layers with interneuron partners, L2..L{model.Layers}",
        "vI" => "it is defined for the interneurons I1..",
        _ => model.Spec.Biases ? "it is defined for L1.. and I1.." : "the model has no biases (biases: true in the model file)",
    };

    private static void AddSynapses(MicrocircuitModel model, MonitorSpec spec, string[] variables, List<string> columns, List<Func<double>> list)
    {
        var chosen = variables.Select(v => SynapseClasses[SynapseVariables.ToList().IndexOf(v)]).ToArray();
        var valid = chosen.SelectMany(kind => Enumerable.Range(0, model.Weights.CountOf(kind)).Select(l => MicrocircuitModel.ProjectionName(kind, l))).ToList();
        foreach (var name in spec.Projections)
        {
            if (!valid.Contains(name))
            {
                throw new ArgumentException($"unknown projection '{name}' for {string.Join(", ", variables)}; valid: {string.Join(", ", valid)}");
            }
        }

        foreach (var kind in chosen)
        {
            var variable = MicrocircuitModel.WeightName(kind);
            for (var l = 0; l < model.Weights.CountOf(kind); l++)
            {
                var name = MicrocircuitModel.ProjectionName(kind, l);
                if (spec.Projections.Count > 0 && !spec.Projections.Contains(name))
                {
                    continue;
                }

                var ends = name.Split("->");
                var (rows, cols) = model.Weights.ShapeOf(kind, l);
                var layer = l;
                for (var i = 0; i < rows; i++)
                {
                    for (var j = 0; j < cols; j++)
                    {
                        var k = (i * cols) + j;
                        columns.Add(ColumnNames.Synapse(variable, ends[0], ends[1], i, j));
                        list.Add(() => model.Weights.Of(kind, layer)[k]);
                    }
                }
            }
        }
    }
}
