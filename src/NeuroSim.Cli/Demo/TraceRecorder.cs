using NeuroSim.Core.Monitoring;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Cli.Demo;

/// <summary>E-I balance traces in the monitor format: time_ms, then E, I, s, f, x, c of every neuron.</summary>
internal sealed class TraceRecorder : IDisposable
{
    private readonly BalanceCreditModel model;
    private readonly CsvTableWriter csv;

    public TraceRecorder(string path, BalanceCreditModel model)
    {
        this.model = model;
        var columns = new List<string> { "time_ms" };
        foreach (var group in model.Network.Groups)
        {
            for (var i = 0; i < group.Size; i++)
            {
                columns.AddRange(ColumnNames.NeuronVariables.Select(v => ColumnNames.Neuron(v, group, i)));
            }
        }

        csv = new CsvTableWriter(path, columns);
    }

    public void Record(double timeMs)
    {
        model.UpdateObservables();
        csv.Write(timeMs);
        for (var i = 0; i < model.Network.NeuronCount; i++)
        {
            csv.Write(model.ExcitatoryPool[i]).Write(model.InhibitoryPool[i]).Write(model.NetInput[i])
                .Write(model.BalanceValues[i]).Write(model.Rates[i]).Write(model.Credit[i]);
        }

        csv.EndRow();
    }

    public void Dispose() => csv.Dispose();
}
