using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Protocols;

namespace NeuroSim.Cli.Demo;

/// <summary>
/// Weight trajectories through the run path's own monitor (<see cref="MonitorRecorder"/>): time_ms, every bias
/// ("b[L1:i]") and every synapse ("W[L0->L1:i&lt;-j]"), sampled when the demo asks.
/// </summary>
internal sealed class WeightRecorder : IDisposable
{
    private readonly MonitorRecorder monitor;

    public WeightRecorder(string path, BalanceCreditModel model)
    {
        monitor = MonitorRecorder.Plan(new MonitorSpec("weights", ["W", "b"], ["all"], [], 1), model, periodSteps: 1);
        monitor.Open(path);
    }

    public void Record(double timeMs) => monitor.Record(timeMs);

    public void Dispose() => monitor.Dispose();
}
