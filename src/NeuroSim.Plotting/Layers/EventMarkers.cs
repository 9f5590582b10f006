using ScottPlot;
using Palette = NeuroSim.Plotting.Layout.Palette;

namespace NeuroSim.Plotting.Layers;

/// <summary>An instantaneous protocol event (block, unblock, lesion, prune, set) at one time, and its label.</summary>
public readonly record struct EventMarker(double At, string Label);

/// <summary>
/// Instantaneous events as dashed vertical lines (ScottPlot VerticalLine), each labelled at the top of
/// the plot area with what happened. They decorate: they do not widen the axis.
/// </summary>
public sealed class EventMarkers(IReadOnlyList<EventMarker> events, string? color = null) : IPlotLayer
{
    public const string LegendLabel = "event (labelled)";

    public IReadOnlyList<EventMarker> Events { get; } = events ?? throw new ArgumentNullException(nameof(events));

    /// <summary>The lines' colour (the palette's ink unless given).</summary>
    public string Color { get; } = color ?? Palette.Ink;

    public IEnumerable<LegendEntry> Legend => Events.Count == 0 ? [] : [new LegendEntry(LegendLabel, Color, LegendMark.DashedLine)];

    public void IncludeBounds(Bounds x, Bounds y, bool xLog, bool yLog)
    {
    }

    public void AddTo(Plot plot, AxisOptions x, AxisOptions y)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(x);
        var limits = plot.Axes.GetLimits();
        foreach (var marker in Events)
        {
            var at = x.ToPlot(marker.At);
            if (!double.IsFinite(at))
            {
                continue;
            }

            var line = plot.Add.VerticalLine(at, 1.2f, Palette.ToColor(Color), LinePattern.Dashed);
            line.EnableAutoscale = false;
            var text = plot.Add.Text(marker.Label, at, limits.Top);
            text.LabelFontSize = 10;
            text.LabelFontColor = Palette.ToColor(Color);
            text.LabelAlignment = Alignment.UpperLeft;
            text.OffsetX = 2;
            text.OffsetY = 1;
        }
    }
}
