namespace NeuroSim.Plotting.Layout;

/// <summary>
/// Colours that colour-blind readers can tell apart: the Okabe-Ito qualitative palette (Okabe and Ito,
/// "Color Universal Design", 2008) for series, Paul Tol's BuRd diverging scheme for signed values.
/// </summary>
public static class Palette
{
    public const string Black = "#000000";
    public const string Orange = "#E69F00";
    public const string SkyBlue = "#56B4E9";
    public const string BluishGreen = "#009E73";
    public const string Yellow = "#F0E442";
    public const string Blue = "#0072B2";
    public const string Vermillion = "#D55E00";
    public const string ReddishPurple = "#CC79A7";

    /// <summary>Text, axes and frames.</summary>
    public const string Ink = "#222222";

    public const string Grid = "#E5E5E5";

    public const string Muted = "#777777";

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
