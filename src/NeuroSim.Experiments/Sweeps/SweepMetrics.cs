using NeuroSim.Core.RunFolders;

namespace NeuroSim.Experiments.Sweeps;

/// <summary>The metrics of a sweep computed from one run folder.</summary>
public static class SweepMetrics
{
    /// <summary>
    /// The value of <paramref name="metric"/> in <paramref name="run"/>: its statistic over the monitor
    /// column's samples with time in [FromMs, ToMs]. NaN when the window holds no sample (a run that stopped early).
    /// </summary>
    public static double Compute(MetricSpec metric, RunData run)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(run);
        var table = run.Monitor(metric.Monitor);
        if (!table.Has(metric.Column))
        {
            throw new ArgumentException($"metric '{metric.Name}': monitors/{metric.Monitor}.csv has no column '{metric.Column}'; it has {string.Join(", ", table.Header.Skip(1).Take(12))}{(table.Header.Count > 13 ? ", ..." : string.Empty)}");
        }

        var times = table.Numbers("time_ms");
        var values = table.Numbers(metric.Column);
        var window = Enumerable.Range(0, times.Length).Where(k => times[k] >= metric.FromMs && times[k] <= metric.ToMs).Select(k => values[k]).ToList();
        if (window.Count == 0)
        {
            return double.NaN;
        }

        return metric.Stat switch
        {
            "last" => window[^1],
            "first" => window[0],
            "mean" => window.Average(),
            "min" => window.Min(),
            "max" => window.Max(),
            _ => window.MaxBy(Math.Abs),
        };
    }
}
