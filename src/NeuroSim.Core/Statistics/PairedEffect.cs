namespace NeuroSim.Core.Statistics;

/// <summary>How an effect against a control is expressed, and so which value means "no effect".</summary>
public enum EffectScale
{
    /// <summary>Per seed, manipulation minus control; no effect is 0.</summary>
    Difference,

    /// <summary>Per seed, manipulation divided by control; no effect is 1.</summary>
    Ratio,
}

/// <summary>
/// An effect against a control measured on the same seeds (the unit of replication: the control and the manipulation
/// of one seed share its network). <see cref="Estimate"/> is the mean over seeds of the per-seed difference (or ratio)
/// with the half-width of its two-sided 95% Student-t interval (n - 1 degrees of freedom, <see cref="MeanInterval"/>).
/// The standardized effect is Cohen's d_z: the mean per-seed departure from no effect divided by the standard deviation
/// (n - 1 denominator) of the per-seed values, (mean(d) - null) / sd(d), the effect size of a paired (one-sample) t test;
/// t = d_z sqrt(n).
/// </summary>
public sealed record PairedEffect(EffectScale Scale, double Estimate, double HalfWidth, int Count, double StandardDeviation)
{
    /// <summary>The value that means no effect: 0 for a difference, 1 for a ratio.</summary>
    public double Null => Scale == EffectScale.Ratio ? 1.0 : 0.0;

    public double Lower => Estimate - HalfWidth;

    public double Upper => Estimate + HalfWidth;

    /// <summary>
    /// Cohen's d_z = (mean - null) / sd of the per-seed values; NaN below two seeds or when every seed gives the null
    /// itself, +-infinity when the seeds agree exactly on a value other than the null.
    /// </summary>
    public double Dz => Count < 2 ? double.NaN : (Estimate - Null) / StandardDeviation;

    /// <summary>
    /// Whether the 95% interval excludes the null (0 or 1): only then does a text state an effect. An interval that
    /// touches the null, or none at all (fewer than two seeds), is "no clear effect".
    /// </summary>
    public bool IsClear => double.IsFinite(HalfWidth) && (Lower > Null || Upper < Null);

    /// <summary>
    /// Manipulation minus control, seed by seed: entry k of both lists is the same seed. Seeds where either value is
    /// not finite (no measurement) are left out of both.
    /// </summary>
    public static PairedEffect Difference(IReadOnlyList<double> manipulation, IReadOnlyList<double> control)
    {
        ArgumentNullException.ThrowIfNull(manipulation);
        ArgumentNullException.ThrowIfNull(control);
        if (manipulation.Count != control.Count)
        {
            throw new ArgumentException($"paired effect: {manipulation.Count} manipulated values but {control.Count} controls (one of each per seed)");
        }

        return Of(EffectScale.Difference, [.. manipulation.Zip(control, (m, c) => m - c)]);
    }

    /// <summary>Per-seed ratios manipulation / control of the same seed, against 1; non-finite ratios are left out.</summary>
    public static PairedEffect Ratio(IEnumerable<double> ratios)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        return Of(EffectScale.Ratio, [.. ratios]);
    }

    private static PairedEffect Of(EffectScale scale, List<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        var (mean, half, count) = MeanInterval.Of(finite);
        var sd = count < 2 ? double.NaN : Math.Sqrt(finite.Sum(v => (v - mean) * (v - mean)) / (count - 1));
        return new PairedEffect(scale, mean, half, count, sd);
    }
}
