using MathNet.Numerics.Distributions;

namespace NeuroSim.Core.Statistics;

/// <summary>The mean of repeated measurements (seeds) and its 95% confidence interval, Student t with n - 1 degrees of freedom.</summary>
public static class MeanInterval
{
    /// <summary>
    /// Mean and half-width t(0.975, n - 1) s / sqrt(n) of the finite values, and their count n. NaN values (a failed
    /// seed) are left out; with no value both are NaN, with one the half-width is NaN.
    /// </summary>
    public static (double Mean, double HalfWidth, int Count) Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0)
        {
            return (double.NaN, double.NaN, 0);
        }

        var mean = finite.Average();
        if (finite.Count == 1)
        {
            return (mean, double.NaN, 1);
        }

        var variance = finite.Sum(v => (v - mean) * (v - mean)) / (finite.Count - 1);
        var t = StudentT.InvCDF(0, 1, finite.Count - 1, 0.975);
        return (mean, t * Math.Sqrt(variance / finite.Count), finite.Count);
    }
}
