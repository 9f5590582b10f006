namespace NeuroSim.Plotting.Layout;

/// <summary>Maps values in [Min, Max] onto colours by linear interpolation between evenly spaced stops.</summary>
public sealed class ColorMap
{
    private readonly (double R, double G, double B)[] stops;

    public ColorMap(double min, double max, IReadOnlyList<string> colors)
    {
        ArgumentNullException.ThrowIfNull(colors);
        if (colors.Count < 2)
        {
            throw new ArgumentException("a colour map needs at least two colours");
        }

        if (!(max > min))
        {
            // Constant data: open a small interval so every value maps to the middle colour.
            var half = min == 0 || !double.IsFinite(min) ? 1 : Math.Abs(min) * 0.5;
            min = double.IsFinite(min) ? min - half : -1;
            max = double.IsFinite(max) ? max + half : 1;
        }

        Min = min;
        Max = max;
        stops = [.. colors.Select(Parse)];
    }

    /// <summary>Colour of NaN cells (an absent synapse).</summary>
    public const string MissingColor = "#DDDDDD";

    public double Min { get; }

    public double Max { get; }

    /// <summary>Tol BuRd centred on 0: symmetric range [-maxAbs, maxAbs], white at 0.</summary>
    public static ColorMap Diverging(double maxAbs) => new(-Positive(maxAbs), Positive(maxAbs), Palette.Diverging);

    public static ColorMap Sequential(double min, double max) => new(min, max, Palette.Sequential);

    /// <summary>"#RRGGBB" of a value; values outside the range take the end colours, NaN is light grey.</summary>
    public string ColorOf(double value)
    {
        if (double.IsNaN(value))
        {
            return MissingColor;
        }

        var t = Math.Clamp((value - Min) / (Max - Min), 0, 1) * (stops.Length - 1);
        var k = Math.Min((int)Math.Floor(t), stops.Length - 2);
        var u = t - k;
        var (r0, g0, b0) = stops[k];
        var (r1, g1, b1) = stops[k + 1];
        return Hex(r0 + ((r1 - r0) * u), g0 + ((g1 - g0) * u), b0 + ((b1 - b0) * u));
    }

    /// <summary>The same stops as a ScottPlot colormap over [0, 1] (the heatmap's range is set to [Min, Max]).</summary>
    public ScottPlot.IColormap ToColormap() =>
        new ScottPlot.Colormaps.CustomInterpolated([.. stops.Select(s => new ScottPlot.Color((byte)s.R, (byte)s.G, (byte)s.B))]);

    private static double Positive(double maxAbs) => maxAbs > 0 && double.IsFinite(maxAbs) ? maxAbs : 1;

    private static (double, double, double) Parse(string hex)
    {
        var digits = hex.TrimStart('#');
        return (
            int.Parse(digits.AsSpan(0, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            int.Parse(digits.AsSpan(2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            int.Parse(digits.AsSpan(4, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    private static string Hex(double r, double g, double b) =>
        string.Create(CultureInfo.InvariantCulture, $"#{(int)Math.Round(r):X2}{(int)Math.Round(g):X2}{(int)Math.Round(b):X2}");
}
