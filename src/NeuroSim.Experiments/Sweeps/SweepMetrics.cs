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

        if (metric.Stat == "settle")
        {
            return SettlingTime([.. Enumerable.Range(0, times.Length).Where(k => times[k] >= metric.FromMs && times[k] <= metric.ToMs).Select(k => times[k])], window, metric.Tolerance);
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

    /// <summary>
    /// The run's weight change against its adiabatic twin's, both from the same initial weights: the relative L2
    /// distance ||dW - dW_bp|| / ||dW_bp|| and the cosine, over every matrix in weights/ (in file name order).
    /// </summary>
    public static (double Deviation, double Cosine) CompareWithBackprop(string run, string adiabatic, string initial)
    {
        var w = Weights(run);
        var bp = Weights(adiabatic);
        var w0 = Weights(initial);
        if (w.Length != w0.Length || bp.Length != w0.Length)
        {
            throw new InvalidDataException($"weights/ of {run}, its adiabatic twin and its initial state hold {w.Length}, {bp.Length} and {w0.Length} values");
        }

        double difference = 0, norm = 0, dot = 0, own = 0;
        for (var k = 0; k < w0.Length; k++)
        {
            var (change, step) = (w[k] - w0[k], bp[k] - w0[k]);
            difference += (change - step) * (change - step);
            norm += step * step;
            dot += change * step;
            own += change * change;
        }

        return (Math.Sqrt(difference / norm), dot / Math.Sqrt(own * norm));
    }

    /// <summary>
    /// The first sample time from which the column stays within <paramref name="tolerance"/> (relative) of its last value
    /// (absolute when the last value is 0); NaN when no sample is finite.
    /// </summary>
    public static double SettlingTime(IReadOnlyList<double> times, IReadOnlyList<double> values, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0 || !double.IsFinite(values[^1]))
        {
            return double.NaN;
        }

        var final = values[^1];
        var band = tolerance * (final == 0 ? 1 : Math.Abs(final));
        var settled = values.Count - 1;
        while (settled > 0 && Math.Abs(values[settled - 1] - final) <= band)
        {
            settled--;
        }

        return times[settled];
    }

    /// <summary>
    /// ||W - W0|| (Frobenius) of one projection (<paramref name="projection"/> "pre->post", weights/pre-post.csv), or of
    /// every projection together when it is null, between a run's final weights and its initial state's.
    /// </summary>
    public static double WeightChange(string run, string initial, string? projection)
    {
        var file = projection is null ? null : WeightFileOf(projection);
        var (w, w0) = (Weights(run, file), Weights(initial, file));
        if (w.Length != w0.Length)
        {
            throw new InvalidDataException($"weights/ of {run} and of its initial state hold {w.Length} and {w0.Length} values");
        }

        var sum = 0.0;
        for (var k = 0; k < w.Length; k++)
        {
            sum += (w[k] - w0[k]) * (w[k] - w0[k]);
        }

        return Math.Sqrt(sum);
    }

    /// <summary>The file in weights/ of projection "pre->post".</summary>
    public static string WeightFileOf(string projection)
    {
        ArgumentNullException.ThrowIfNull(projection);
        var ends = projection.Split("->");
        return ColumnNames.ProjectionFile(ends[0], ends[^1]) + ".csv";
    }

    private static double[] Weights(string folder, string? only = null)
    {
        var values = new List<double>();
        IEnumerable<string> files = only is null ? Directory.GetFiles(Path.Combine(folder, "weights"), "*.csv").Order(StringComparer.Ordinal) : [Path.Combine(folder, "weights", only)];
        foreach (var file in files)
        {
            using var reader = CsvReader.Open(file, Path.GetFileName(file));
            while (reader.Read() is { } record)
            {
                foreach (var cell in record.Cells)
                {
                    values.Add(CsvReader.TryParseNumber(cell, out var value) ? value : throw new InvalidDataException($"{file}: '{cell}' is not a number"));
                }
            }
        }

        return [.. values];
    }
}
