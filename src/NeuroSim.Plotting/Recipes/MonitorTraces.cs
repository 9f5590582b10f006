namespace NeuroSim.Plotting.Recipes;

/// <summary>
/// The neuron traces of all monitor files of a run over one time window: a column is taken from the first
/// monitor that records it, sliced on that monitor's own time base (monitors may sample at different periods).
/// </summary>
public sealed class MonitorTraces
{
    private readonly List<(CsvTable Monitor, double[] Time, TimeWindow Window)> monitors;
    private readonly HashSet<string> used = [];
    private readonly TimeWindow window;

    public MonitorTraces(IReadOnlyList<CsvTable> monitors, TimeWindow window, PlotOptions options)
    {
        ArgumentNullException.ThrowIfNull(monitors);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(options);
        this.window = window;
        var within = options with { FromMs = window.FromMs, ToMs = window.ToMs };
        this.monitors = [];
        foreach (var monitor in monitors)
        {
            var time = monitor.Numbers("time_ms");
            if (time.Length > 0 && time[0] <= window.ToMs && time[^1] >= window.FromMs)
            {
                this.monitors.Add((monitor, time, TimeWindow.Choose(time, within)));
            }
        }
    }

    /// <summary>Names of the monitors a slice was taken from, in the order they were first used.</summary>
    public IEnumerable<string> Sources => monitors.Select(m => m.Monitor.Name).Where(used.Contains);

    public bool Has(string column) => monitors.Any(m => m.Monitor.Has(column));

    /// <summary>Time and values of a column inside the window (NaN across recording gaps), or null when no monitor records it.</summary>
    public (double[] X, double[] Y)? Slice(string column)
    {
        foreach (var (monitor, time, window) in monitors)
        {
            if (monitor.Has(column))
            {
                used.Add(monitor.Name);
                var (xs, ys) = window.Slice(time, monitor.Numbers(column));
                return (window.InSeconds == this.window.InSeconds ? xs : [.. xs.Select(x => this.window.Display(window.InSeconds ? x * 1000 : x))], ys);
            }
        }

        return null;
    }
}
