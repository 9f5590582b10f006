using System.Xml.Linq;
using NeuroSim.Plotting.Scales;

namespace NeuroSim.Plotting.Layers;

/// <summary>How a legend entry is drawn.</summary>
public enum LegendMark
{
    Line,
    DashedLine,
    Swatch,
    Dot,
}

/// <summary>A legend line: its text, colour, mark and (for dashed lines) the dash pattern.</summary>
public readonly record struct LegendEntry(string Label, string Color, LegendMark Mark, string? Dash = null);

/// <summary>The pixel rectangle of a panel's plot area and its two scales.</summary>
public sealed record PlotArea(double Left, double Top, double Width, double Height, IScale X, IScale Y)
{
    public double Right => Left + Width;

    public double Bottom => Top + Height;
}

/// <summary>The range of data values a layer needs to show on one axis.</summary>
public sealed class Bounds
{
    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public bool IsEmpty => Min > Max;

    /// <summary>Takes a value into the range; non-finite values, and values not above 0 on a log axis, are skipped.</summary>
    public void Include(double value, bool log)
    {
        if (!double.IsFinite(value) || (log && value <= 0))
        {
            return;
        }

        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
    }

    public void Include(Bounds other, bool log)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!other.IsEmpty)
        {
            Include(other.Min, log);
            Include(other.Max, log);
        }
    }
}

/// <summary>One kind of mark drawn in a panel (lines, shaded windows, scatter, heatmap, raster ...).</summary>
public interface IPlotLayer
{
    /// <summary>Adds the data values this layer must show; a layer that only decorates adds nothing.</summary>
    void IncludeBounds(Bounds x, Bounds y, bool xLog, bool yLog);

    IEnumerable<LegendEntry> Legend { get; }

    /// <summary>Draws into <paramref name="target"/> (a group clipped to the plot area).</summary>
    void Render(XElement target, PlotArea area);
}
