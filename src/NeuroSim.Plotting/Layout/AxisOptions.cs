namespace NeuroSim.Plotting.Layout;

/// <summary>A tick placed by hand: its position in data units and its text (category labels).</summary>
public readonly record struct Tick(double Value, string Label);

/// <summary>How one axis of a panel is drawn.</summary>
public sealed class AxisOptions
{
    public string? Label { get; set; }

    /// <summary>Log10 axis: data are drawn at log10(v), decades labelled, minor ticks at 2..9 per decade.</summary>
    public bool Log { get; set; }

    /// <summary>Fixed ends of the axis; null takes them from the data.</summary>
    public double? Min { get; set; }

    public double? Max { get; set; }

    /// <summary>Exact data range (no margin): for time axes.</summary>
    public bool Tight { get; set; }

    /// <summary>Larger values downwards (y) or leftwards (x): heatmap rows, raster rows.</summary>
    public bool Inverted { get; set; }

    /// <summary>Ticks to draw instead of the automatic ones (category labels).</summary>
    public IReadOnlyList<Tick>? Ticks { get; set; }

    public bool ShowTickLabels { get; set; } = true;

    public bool Grid { get; set; } = true;

    /// <summary>About how many intervals a linear axis is cut into.</summary>
    public int TickTarget { get; set; } = 5;

    /// <summary>Where a data value is drawn on this axis (log10 on a log axis; NaN where a log axis cannot show it).</summary>
    public double ToPlot(double value) => !Log ? value : value > 0 ? Decade(Math.Log10(value)) : double.NaN;

    /// <summary>
    /// log10 snapped to the whole decade it misses by rounding (log10(0.001) is -2.9999999999999996): an axis that ends
    /// at a decade must include that decade's tick.
    /// </summary>
    private static double Decade(double log)
    {
        var whole = Math.Round(log);
        return Math.Abs(log - whole) < 1e-12 ? whole : log;
    }
}
