using NeuroSim.Plotting.Scales;

namespace NeuroSim.Plotting.Layout;

/// <summary>How one axis of a panel is drawn.</summary>
public sealed class AxisOptions
{
    public string? Label { get; set; }

    public bool Log { get; set; }

    /// <summary>Fixed ends of the axis; null takes them from the data.</summary>
    public double? Min { get; set; }

    public double? Max { get; set; }

    /// <summary>Exact data range (no widening to the next nice tick): for time axes.</summary>
    public bool Tight { get; set; }

    /// <summary>Larger values downwards (y) or leftwards (x): heatmap rows, raster rows.</summary>
    public bool Inverted { get; set; }

    /// <summary>Ticks to draw instead of the scale's own (category labels).</summary>
    public IReadOnlyList<Tick>? Ticks { get; set; }

    public bool ShowTickLabels { get; set; } = true;

    public bool Grid { get; set; } = true;

    /// <summary>About how many intervals a linear axis is cut into.</summary>
    public int TickTarget { get; set; } = 5;
}
