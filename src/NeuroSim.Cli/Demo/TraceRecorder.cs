using NeuroSim.Core.Monitoring;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Protocols;

namespace NeuroSim.Cli.Demo;

/// <summary>
/// E-I balance traces of every neuron (<see cref="BalanceCreditVariables.BalanceView"/>) through the run path's own monitor (<see cref="MonitorRecorder"/>),
/// sampled when the demo asks rather than on a period.
/// </summary>
internal sealed class TraceRecorder : IDisposable
{
    private readonly BalanceCreditModel model;
    private readonly MonitorRecorder monitor;

    public TraceRecorder(string path, BalanceCreditModel model)
    {
        this.model = model;
        monitor = MonitorRecorder.Plan(new MonitorSpec("traces", [.. BalanceCreditVariables.BalanceView.Select(v => v.Symbol)], ["all"], [], 1), model, periodSteps: 1);
        monitor.Open(path);
    }

    public void Record(double timeMs)
    {
        model.UpdateObservables();
        monitor.Record(timeMs);
    }

    public void Dispose() => monitor.Dispose();
}
