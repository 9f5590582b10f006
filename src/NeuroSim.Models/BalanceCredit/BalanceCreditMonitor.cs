using NeuroSim.Core.Monitoring;
using NeuroSim.Core.RunFolders;
using NeuroSim.Models.Protocols;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>
/// The balance-credit model's monitor variables: per neuron E, I, s, f, x, c, b (neuron by neuron), per synapse
/// W and m of chosen projections, and the loss.
/// </summary>
internal sealed class BalanceCreditMonitor : IMonitorSource
{
    public static readonly IReadOnlyList<string> NeuronVariables = [.. BalanceCreditVariables.Neuron.Select(v => v.Symbol)];
    public static readonly IReadOnlyList<string> SynapseVariables = ["W", "m"];
    public static readonly IReadOnlyList<string> AllVariables = [.. NeuronVariables, .. SynapseVariables, "loss"];

    private readonly BalanceCreditModel model;
    private readonly (char Variable, int Index)[] entries;

    public BalanceCreditMonitor(BalanceCreditModel model, MonitorSpec spec)
    {
        this.model = model;
        var columns = new List<string>();
        var list = new List<(char, int)>();
        foreach (var variable in spec.Variables)
        {
            if (!AllVariables.Contains(variable))
            {
                throw new ArgumentException($"unknown variable '{variable}'; valid: {string.Join(", ", AllVariables)}");
            }
        }

        var neuronVariables = spec.Variables.Where(NeuronVariables.Contains).ToArray();
        if (neuronVariables.Length > 0)
        {
            if (spec.Neurons.Count == 0)
            {
                throw new ArgumentException($"variables {string.Join(", ", neuronVariables)} need 'neurons' (for example [hidden:0, out])");
            }

            foreach (var neuron in Selections.Neurons(model.Groups, spec.Neurons))
            {
                foreach (var v in neuronVariables)
                {
                    columns.Add(model.NeuronColumn(v, neuron));
                    list.Add((v[0], neuron));
                }
            }
        }

        var synapseVariables = spec.Variables.Where(SynapseVariables.Contains).ToArray();
        if (synapseVariables.Contains("m") && !model.HasMessengers)
        {
            throw new ArgumentException("variable 'm' needs messengers: the model has no timescales.messenger");
        }

        if (synapseVariables.Length > 0)
        {
            var projections = spec.Projections.Count == 0
                ? Enumerable.Range(0, model.Network.Projections.Count).ToArray()
                : Selections.Projections(model.Network, spec.Projections);
            foreach (var k in projections)
            {
                var p = model.Network.Projections[k];
                p.ForEachSynapse((slot, i, j) =>
                {
                    foreach (var v in synapseVariables)
                    {
                        columns.Add(ColumnNames.Synapse(v, p, i, j));
                        list.Add((v[0], p.SynapseOffset + slot));
                    }
                });
            }
        }

        if (spec.Variables.Contains("loss"))
        {
            columns.Add("loss");
            list.Add(('L', 0));
        }

        Columns = columns;
        entries = [.. list];
        NeedsObservables = list.Exists(e => e.Item1 is 'E' or 'I' or 's' or 'f');
    }

    public IReadOnlyList<string> Columns { get; }

    public bool NeedsObservables { get; }

    public void Read(Span<double> values)
    {
        for (var k = 0; k < entries.Length; k++)
        {
            var (variable, index) = entries[k];
            values[k] = variable switch
            {
                'E' => model.ExcitatoryPool[index],
                'I' => model.InhibitoryPool[index],
                's' => model.NetInput[index],
                'f' => model.BalanceValues[index],
                // Read-only views: reading hands out no span that could be written, so the kept evaluation and the float32 weights stay.
                'x' => model.RatesView[index],
                'c' => model.Credit[index],
                'b' => model.BiasesReadOnly[index],
                'W' => model.WeightsView[index],
                'm' => model.Messengers[index],
                _ => model.Loss(),
            };
        }
    }
}
