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
/// of one seed share its network), with a two-sided 95% Student-t interval (n - 1 degrees of freedom,
/// <see cref="MeanInterval"/>) and Cohen's d_z, the effect size of a paired (one-sample) t test: the mean of the
/// per-seed values divided by their standard deviation (n - 1 denominator), so that t = d_z sqrt(n).
/// <list type="bullet">
/// <item>A difference: per seed, manipulation minus control; <see cref="Estimate"/> is the mean difference and the
/// interval mean +- t s / sqrt(n); no effect is 0.</item>
/// <item>A ratio: per seed, manipulation / control, analysed on the log scale as ratios are (the per-seed log ratios
/// get the t interval and d_z); <see cref="Estimate"/> is the geometric mean ratio exp(mean log r) and the interval
/// its back-transformed bounds exp(mean log r +- t s / sqrt(n)); no effect is 1. A seed whose control is near 0 then
/// weighs as one large log ratio instead of dominating an arithmetic mean.</item>
/// </list>
/// </summary>
public sealed record PairedEffect(EffectScale Scale, double Estimate, double Lower, double Upper, int Count, double StandardDeviation)
{
    /// <summary>The value that means no effect: 0 for a difference, 1 for a ratio.</summary>
    public double Null => Scale == EffectScale.Ratio ? 1.0 : 0.0;

    /// <summary>
    /// Cohen's d_z: the mean per-seed difference (for a ratio, log ratio) over the standard deviation of those values;
    /// NaN below two seeds or when every seed gives no effect exactly, +-infinity when the seeds agree exactly on
    /// another value.
    /// </summary>
    public double Dz => Count < 2 ? double.NaN : (Scale == EffectScale.Ratio ? Math.Log(Estimate) : Estimate) / StandardDeviation;

    /// <summary>
    /// Whether the 95% interval excludes the null (0 or 1): only then does a text state an effect. An interval that
    /// touches the null, or none at all (fewer than two seeds), is "no clear effect".
    /// </summary>
    public bool IsClear => double.IsFinite(Lower) && double.IsFinite(Upper) && (Lower > Null || Upper < Null);

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

        var (mean, half, count, sd) = Of(manipulation.Zip(control, (m, c) => m - c));
        return new PairedEffect(EffectScale.Difference, mean, mean - half, mean + half, count, sd);
    }

    /// <summary>
    /// Per-seed ratios manipulation / control of the same seed, against 1, on the log scale; ratios that are not
    /// finite and positive (no log) are left out.
    /// </summary>
    public static PairedEffect Ratio(IEnumerable<double> ratios)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        var (mean, half, count, sd) = Of(ratios.Where(r => r > 0).Select(r => Math.Log(r)));
        return new PairedEffect(EffectScale.Ratio, Math.Exp(mean), Math.Exp(mean - half), Math.Exp(mean + half), count, sd);
    }

    private static (double Mean, double HalfWidth, int Count, double StandardDeviation) Of(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        var (mean, half, count) = MeanInterval.Of(finite);
        var sd = count < 2 ? double.NaN : Math.Sqrt(finite.Sum(v => (v - mean) * (v - mean)) / (count - 1));
        return (mean, half, count, sd);
    }
}
