using NeuroSim.Core.Monitoring;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Models.Protocols;

/// <summary>
/// Streams one monitor to monitors/&lt;name&gt;.csv: time_ms, then the chosen variables of the chosen neurons
/// (neuron by neuron) and synapses, sampled on absolute steps that are multiples of its period.
/// </summary>
public sealed class MonitorRecorder : IDisposable
{
    // Average characters per value written with shortest round-trip formatting ("-0.12345678901234567,").
    private const int BytesPerValue = 21;

    private readonly BalanceCreditModel model;
    private readonly (char Variable, int Index)[] entries;
    private CsvTableWriter? csv;

    private MonitorRecorder(MonitorSpec spec, BalanceCreditModel model, long periodSteps)
    {
        this.model = model;
        Name = spec.Name;
        PeriodSteps = periodSteps;
        var columns = new List<string> { "time_ms" };
        var list = new List<(char, int)>();
        foreach (var variable in spec.Variables)
        {
            if (!MonitorSpec.AllVariables.Contains(variable))
            {
                throw new ArgumentException($"unknown variable '{variable}'; valid: {string.Join(", ", MonitorSpec.AllVariables)}");
            }
        }

        var neuronVariables = spec.Variables.Where(MonitorSpec.NeuronVariables.Contains).ToArray();
        if (neuronVariables.Length > 0)
        {
            if (spec.Neurons.Count == 0)
            {
                throw new ArgumentException($"variables {string.Join(", ", neuronVariables)} need 'neurons' (for example [hidden:0, out])");
            }

            foreach (var neuron in Selections.Neurons(model.Network, spec.Neurons))
            {
                var group = model.Network.Groups.First(g => neuron >= g.Offset && neuron < g.End);
                foreach (var v in neuronVariables)
                {
                    columns.Add(ColumnNames.Neuron(v, group, neuron - group.Offset));
                    list.Add((v[0], neuron));
                }
            }
        }

        var synapseVariables = spec.Variables.Where(MonitorSpec.SynapseVariables.Contains).ToArray();
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

        if (list.Count == 0)
        {
            throw new ArgumentException("the monitor records nothing: give variables (and neurons or projections)");
        }

        Columns = columns;
        entries = [.. list];
        NeedsObservables = list.Exists(e => e.Item1 is 'E' or 'I' or 's' or 'f');
    }

    public string Name { get; }

    public long PeriodSteps { get; }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>Whether a sample needs the pools and f(s) recomputed.</summary>
    public bool NeedsObservables { get; }

    public long Length => csv?.Length ?? 0;

    public void FlushToDisk() => csv?.FlushToDisk();

    /// <summary>Checks the spec against the model without opening a file.</summary>
    public static MonitorRecorder Plan(MonitorSpec spec, BalanceCreditModel model, long periodSteps)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(model);
        return new MonitorRecorder(spec, model, periodSteps);
    }

    /// <summary>Expected bytes for a run of <paramref name="totalSteps"/> base steps.</summary>
    public long EstimateBytes(long totalSteps) => ((totalSteps / PeriodSteps) + 1) * Columns.Count * (long)BytesPerValue;

    public void Open(string path) => csv = new CsvTableWriter(path, Columns);

    public void Resume(string path, long length) => csv = CsvTableWriter.Resume(path, length, Columns.Count);

    /// <summary>Writes one row; observables must be current when <see cref="NeedsObservables"/>.</summary>
    public void Record(double timeMs)
    {
        var writer = csv ?? throw new InvalidOperationException($"monitor '{Name}' is not open");
        writer.Write(timeMs);
        foreach (var (variable, index) in entries)
        {
            writer.Write(variable switch
            {
                'E' => model.ExcitatoryPool[index],
                'I' => model.InhibitoryPool[index],
                's' => model.NetInput[index],
                'f' => model.BalanceValues[index],
                'x' => model.Rates[index],
                'c' => model.Credit[index],
                'b' => model.Biases[index],
                'W' => model.Weights[index],
                'm' => model.Messengers[index],
                _ => model.Loss(),
            });
        }

        writer.EndRow();
    }

    public void Dispose() => csv?.Dispose();
}
