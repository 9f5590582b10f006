using NeuroSim.Core.Statistics;

namespace NeuroSim.Analysis.Predictions;

/// <summary>
/// The words the report puts around a number: a mean with its 95% interval, and an effect against a control that is
/// stated only when its interval excludes the control's value (0 for a difference, 1 for a ratio) and reads
/// "no clear effect" otherwise, so that no sentence claims an effect its interval does not support.
/// </summary>
public static class EffectWording
{
    /// <summary>The words that replace an effect whose 95% interval contains the control value (or that has no interval).</summary>
    public const string NoClearEffect = "no clear effect";

    /// <summary>"41%" (invariant, no space before the sign).</summary>
    public static string Percent(double fraction, int decimals = 0) =>
        double.IsFinite(fraction) ? (100 * fraction).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%" : "n/a";

    /// <summary>"0.0199%", "20%": a percentage to three significant digits.</summary>
    public static string PercentDigits(double fraction) =>
        double.IsFinite(fraction) ? (100 * fraction).ToString("G3", CultureInfo.InvariantCulture) + "%" : "n/a";

    /// <summary>Three significant digits, invariant.</summary>
    public static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("G3", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>"+0.12" / "-0.12" / "0": a difference with its sign.</summary>
    public static string WithSign(double value, Func<double, string> format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return value > 0 ? "+" + format(value) : format(value);
    }

    /// <summary>"0.41 ± 0.05", or "0.41 (one seed, no interval)".</summary>
    public static string MeanCi(PredictionRow row, Func<double, string> format)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(format);
        return double.IsFinite(row.HalfWidth95) ? $"{format(row.Mean)} ± {format(row.HalfWidth95)}" : $"{format(row.Mean)} (n = {row.N}, no interval)";
    }

    /// <summary>
    /// Picks the words for the effect's direction: <paramref name="lower"/> or <paramref name="higher"/> when its 95%
    /// interval lies wholly below or above the control value, <paramref name="unclear"/> otherwise.
    /// </summary>
    public static string Direction(PredictionRow row, string lower, string higher, string unclear)
    {
        ArgumentNullException.ThrowIfNull(row);
        var effect = row.Effect ?? throw new ArgumentException($"'{row.Condition}' has no control");
        return !effect.IsClear ? unclear : effect.Estimate < effect.Null ? lower : higher;
    }

    /// <summary>
    /// The effect in a sentence, against <paramref name="control"/> (default: the row's control condition). A clear
    /// difference: "-0.53 against control (95% CI -0.71 to -0.35; d_z = -2.10)"; a clear ratio: "41% of the control's
    /// (95% CI 30% to 52%; d_z = -3.20)"; otherwise "no clear effect against control (difference +0.02, 95% CI -0.05 to
    /// 0.09)" or "no clear effect (98% of the control's, 95% CI 90% to 106%)". <paramref name="format"/> formats a value
    /// of the quantity (for a ratio row, a ratio); <paramref name="relation"/> joins a ratio to its control ("of";
    /// empty for a format that says "times").
    /// </summary>
    public static string Phrase(PredictionRow row, Func<double, string> format, string? control = null, string relation = "of")
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(format);
        var effect = row.Effect ?? throw new ArgumentException($"'{row.Condition}' has no control");
        control ??= row.Control;
        var interval = HasInterval(effect)
            ? $"95% CI {Bound(effect, effect.Lower, format)} to {Bound(effect, effect.Upper, format)}"
            : $"n = {effect.Count}, no interval";
        if (effect.Scale == EffectScale.Ratio)
        {
            var ratio = relation.Length == 0 ? $"{format(effect.Estimate)} {control}" : $"{format(effect.Estimate)} {relation} {control}";
            return effect.IsClear ? $"{ratio} ({interval}; d_z = {Dz(effect.Dz)})" : $"{NoClearEffect} ({ratio}, {interval})";
        }

        var difference = WithSign(effect.Estimate, format);
        return effect.IsClear
            ? $"{difference} against {control} ({interval}; d_z = {Dz(effect.Dz)})"
            : $"{NoClearEffect} against {control} (difference {difference}, {interval})";
    }

    /// <summary>The table's effect cell: "-0.53 (-0.71 to -0.35)", "ratio 0.41 (0.30 to 0.52)" (geometric mean), prefixed "no clear effect: " when the interval contains the control value.</summary>
    public static string Cell(PairedEffect effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        var value = effect.Scale == EffectScale.Ratio ? "ratio " + Number(effect.Estimate) : WithSign(effect.Estimate, Number);
        var interval = HasInterval(effect) ? $" ({Number(effect.Lower)} to {Number(effect.Upper)})" : " (no interval)";
        return (effect.IsClear ? string.Empty : NoClearEffect + ": ") + value + interval;
    }

    /// <summary>Cohen's d_z with two decimals below 10 and three digits above; "n/a" without spread or seeds.</summary>
    public static string Dz(double dz) =>
        !double.IsFinite(dz) ? "n/a" : Math.Abs(dz) < 10 ? dz.ToString("F2", CultureInfo.InvariantCulture) : dz.ToString("G3", CultureInfo.InvariantCulture);

    private static bool HasInterval(PairedEffect effect) => double.IsFinite(effect.Lower) && double.IsFinite(effect.Upper);

    private static string Bound(PairedEffect effect, double bound, Func<double, string> format) =>
        effect.Scale == EffectScale.Ratio ? format(bound) : WithSign(bound, format);
}
