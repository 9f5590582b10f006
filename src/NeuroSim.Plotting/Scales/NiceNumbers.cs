using System.Globalization;

namespace NeuroSim.Plotting.Scales;

/// <summary>1-2-5 tick steps, nice ranges and tick labels that print the same on every culture.</summary>
public static class NiceNumbers
{
    /// <summary>The 1-2-5 step (1, 2, 5, 10, 20, ...) that cuts <paramref name="span"/> into about <paramref name="target"/> intervals.</summary>
    public static double Step(double span, int target)
    {
        if (!(span > 0) || double.IsInfinity(span) || target < 1)
        {
            return 1;
        }

        var raw = span / target;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        var nice = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10;
        return nice * magnitude;
    }

    /// <summary>Ticks k * step inside [min, max] (with a relative slack of 1e-9 for the ends).</summary>
    public static IReadOnlyList<double> TicksIn(double min, double max, double step)
    {
        var ticks = new List<double>();
        if (!(step > 0) || !(max >= min))
        {
            return ticks;
        }

        var slack = 1e-9 * Math.Max(Math.Abs(max - min), step);
        var first = Math.Ceiling((min - slack) / step);
        var last = Math.Floor((max + slack) / step);
        for (var k = first; k <= last && ticks.Count < 1000; k++)
        {
            var value = k * step;
            ticks.Add(Math.Abs(value) < step * 1e-9 ? 0 : value);
        }

        return ticks;
    }

    /// <summary>Label of a tick on a linear axis of the given step: as many decimals as the step needs.</summary>
    public static string Format(double value, double step)
    {
        if (value == 0)
        {
            return "0";
        }

        var magnitude = Math.Max(Math.Abs(value), step);
        if (magnitude >= 1e6 || step < 1e-4)
        {
            var digits = Math.Max(0, (int)Math.Floor(Math.Log10(magnitude)) - (int)Math.Floor(Math.Log10(step)));
            return value.ToString("0." + new string('#', Math.Min(digits, 6)) + "E+0", CultureInfo.InvariantCulture).Replace("E+", "e", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal);
        }

        var decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(step) + 1e-9), 0, 10);
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Replace("-", "\u2212", StringComparison.Ordinal);
    }

    /// <summary>"10⁻³": a power of ten with a superscript exponent (a Unicode minus sign for negatives).</summary>
    public static string PowerOfTen(int exponent)
    {
        const string superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var digits = Math.Abs(exponent).ToString(CultureInfo.InvariantCulture).Select(d => superscripts[d - '0']);
        return "10" + (exponent < 0 ? "⁻" : string.Empty) + string.Concat(digits);
    }
}
