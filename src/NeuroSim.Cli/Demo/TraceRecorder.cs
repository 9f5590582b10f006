using NeuroSim.Core.Monitoring;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Cli.Demo;

/// <summary>Long-format E-I balance traces: one row per neuron per sample.</summary>
internal sealed class TraceRecorder(string path, BalanceCreditModel model) : IDisposable
{
    private readonly CsvTableWriter csv = new(path, ["epoch", "presentation", "time_ms", "neuron", "group", "E", "I", "s", "f", "x", "c"]);

    public void Record(int epoch, int presentation, double timeMs)
    {
        model.UpdateObservables();
        foreach (var group in model.Network.Groups)
        {
            for (var i = group.Offset; i < group.End; i++)
            {
                csv.Write(epoch).Write(presentation).Write(timeMs).Write(i).Write(group.Name)
                    .Write(model.ExcitatoryPool[i]).Write(model.InhibitoryPool[i]).Write(model.NetInput[i])
                    .Write(model.BalanceValues[i]).Write(model.Rates[i]).Write(model.Credit[i]).EndRow();
            }
        }
    }

    public void Dispose() => csv.Dispose();
}
