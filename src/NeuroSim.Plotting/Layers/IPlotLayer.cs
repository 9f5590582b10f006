using ScottPlot;

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

/// <summary>
/// One kind of mark drawn in a panel (lines, shaded windows, scatter, heatmap, raster ...): a recipe's
/// description of it, which <see cref="AddTo"/> turns into ScottPlot plottables.
/// </summary>
public interface IPlotLayer
{
    /// <summary>Adds the data values this layer must show; a layer that only decorates adds nothing.</summary>
    void IncludeBounds(Bounds x, Bounds y, bool xLog, bool yLog);

    IEnumerable<LegendEntry> Legend { get; }

    /// <summary>Adds the layer's plottables to <paramref name="plot"/>, mapping data through the panel's axes.</summary>
    void AddTo(Plot plot, AxisOptions x, AxisOptions y);
}
