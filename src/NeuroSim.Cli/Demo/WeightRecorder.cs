using NeuroSim.Core.Monitoring;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Cli.Demo;

/// <summary>Weight trajectories in the monitor format: time_ms, then every synapse ("W[L0->L1:i,j]") and bias ("b[L1:i]").</summary>
internal sealed class WeightRecorder : IDisposable
{
    private readonly BalanceCreditModel model;
    private readonly CsvTableWriter csv;
    private readonly int[] slots;

    public WeightRecorder(string path, BalanceCreditModel model)
    {
        this.model = model;
        var names = new List<string> { "time_ms" };
        var slotList = new List<int>();
        foreach (var p in model.Network.Projections)
        {
            p.ForEachSynapse((slot, i, j) =>
            {
                names.Add(ColumnNames.Synapse("W", p, i, j));
                slotList.Add(p.SynapseOffset + slot);
            });
        }

        foreach (var g in model.Network.Groups)
        {
            names.AddRange(Enumerable.Range(0, g.Size).Select(i => ColumnNames.Neuron("b", g, i)));
        }

        slots = [.. slotList];
        csv = new CsvTableWriter(path, names);
    }

    public void Record(double timeMs)
    {
        csv.Write(timeMs);
        var w = model.Weights;
        foreach (var slot in slots)
        {
            csv.Write(w[slot]);
        }

        csv.Write(model.Biases).EndRow();
    }

    public void Dispose() => csv.Dispose();
}
