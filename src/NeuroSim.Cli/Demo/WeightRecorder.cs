using NeuroSim.Core.Monitoring;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Cli.Demo;

/// <summary>Wide-format weights: one row per presentation, one column per synapse ("L0->L1[i,j]") and bias ("b[i]").</summary>
internal sealed class WeightRecorder : IDisposable
{
    private readonly BalanceCreditModel model;
    private readonly CsvTableWriter csv;
    private readonly int[] slots;

    public WeightRecorder(string path, BalanceCreditModel model)
    {
        this.model = model;
        var names = new List<string>();
        var slotList = new List<int>();
        foreach (var p in model.Network.Projections)
        {
            p.ForEachSynapse((slot, i, j) =>
            {
                names.Add($"{p.Name}[{i},{j}]");
                slotList.Add(p.SynapseOffset + slot);
            });
        }

        slots = [.. slotList];
        csv = new CsvTableWriter(path, ["epoch", "presentation", "time_ms", .. names, .. Enumerable.Range(0, model.Network.NeuronCount).Select(i => $"b[{i}]")]);
    }

    public void Record(int epoch, int presentation, double timeMs)
    {
        csv.Write(epoch).Write(presentation).Write(timeMs);
        var w = model.Weights;
        foreach (var slot in slots)
        {
            csv.Write(w[slot]);
        }

        csv.Write(model.Biases).EndRow();
    }

    public void Dispose() => csv.Dispose();
}
