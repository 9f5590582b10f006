namespace NeuroSim.Plotting.Layout;

/// <summary>
/// Colours that colour-blind readers can tell apart: the Okabe-Ito qualitative palette (Okabe and Ito,
/// "Color Universal Design", 2008) for series, Paul Tol's BuRd diverging scheme for signed values. The colours are
/// static readonly, not const: a figure library's colours are theme data that callers should read, not copy at
/// compile time.
/// </summary>
public static class Palette
{
    public static readonly string Black = "#000000";
    public static readonly string Orange = "#E69F00";
    public static readonly string SkyBlue = "#56B4E9";
    public static readonly string BluishGreen = "#009E73";
    public static readonly string Yellow = "#F0E442";
    public static readonly string Blue = "#0072B2";
    public static readonly string Vermillion = "#D55E00";
    public static readonly string ReddishPurple = "#CC79A7";

    /// <summary>Text, axes and frames.</summary>
    public static readonly string Ink = "#222222";

    public static readonly string Grid = "#E5E5E5";

    public static readonly string Muted = "#777777";

    /// <summary>Series colours in order (yellow last: it is faint on white).</summary>
    public static IReadOnlyList<string> Series { get; } = [Blue, Vermillion, BluishGreen, ReddishPurple, Orange, SkyBlue, Black, Yellow];

    /// <summary>Light tints for shaded windows (Tol's "light" scheme), distinguishable under the common colour-vision deficiencies.</summary>
    public static IReadOnlyList<string> Tints { get; } = ["#77AADD", "#EE8866", "#44BB99", "#EEDD88", "#FFAABB", "#99DDFF", "#BBCC33", "#AAAA00"];

    /// <summary>Tol BuRd, from strong blue (negative) through white to strong red (positive).</summary>
    public static IReadOnlyList<string> Diverging { get; } = ["#2166AC", "#4393C3", "#92C5DE", "#D1E5F0", "#F7F7F7", "#FDDBC7", "#F4A582", "#D6604D", "#B2182B"];

    /// <summary>Tol YlOrBr, light to dark, for values of one sign.</summary>
    public static IReadOnlyList<string> Sequential { get; } = ["#FFFFE5", "#FFF7BC", "#FEE391", "#FEC44F", "#FB9A29", "#EC7014", "#CC4C02", "#993404", "#662506"];

    public static string SeriesColor(int index) => Cyclic(Series, index);

    public static string Tint(int index) => Cyclic(Tints, index);

    /// <summary>The ScottPlot colour of a "#RRGGBB" string.</summary>
    public static ScottPlot.Color ToColor(string hex) => ScottPlot.Color.FromHex(hex);

    /// <summary>The colour at <paramref name="index"/>, counting round the list in both directions.</summary>
    private static string Cyclic(IReadOnlyList<string> colours, int index) => colours[((index % colours.Count) + colours.Count) % colours.Count];
}
