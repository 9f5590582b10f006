namespace NeuroSim.Analysis.Predictions;

/// <summary>Quantities read off monitors by several predictions.</summary>
internal static class MonitorMeasures
{
    /// <summary>sum |w(last) - w(first)| over the W columns of a projection ("in->hidden").</summary>
    public static double WeightChange(Dictionary<string, double[]> monitor, string projection, int firstRow = 0, int lastRow = -1) =>
        monitor.Where(p => p.Key.StartsWith($"W[{projection}:", StringComparison.Ordinal))
            .Sum(p => Math.Abs(p.Value[lastRow < 0 ? p.Value.Length + lastRow : lastRow] - p.Value[firstRow]));

    /// <summary>Mean over the neurons of a group of |c f(s)| in the last row.</summary>
    public static double CreditShare(Dictionary<string, double[]> monitor, string group)
    {
        var values = monitor.Keys.Where(k => k.StartsWith($"c[{group}:", StringComparison.Ordinal))
            .Select(k => Math.Abs(monitor[k][^1] * monitor["f" + k[1..]][^1])).ToArray();
        return values.Average();
    }
}
