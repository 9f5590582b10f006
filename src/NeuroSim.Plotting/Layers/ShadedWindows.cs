using ScottPlot;
using Palette = NeuroSim.Plotting.Layout.Palette;

namespace NeuroSim.Plotting.Layers;

/// <summary>A time window to shade: [Start, End] on the x axis, its tint, and an optional legend label.</summary>
public readonly record struct ShadedWindow(double Start, double End, string Color, string? Label = null);

/// <summary>
/// Vertical bands across the whole plot height (protocol epochs, clamp windows, unrecorded gaps), as
/// ScottPlot horizontal spans. They decorate: they do not widen the axis. Windows of the same label
/// share a legend entry. A window of no duration is drawn as a thin line.
/// </summary>
public sealed class ShadedWindows(IReadOnlyList<ShadedWindow> windows, double opacity = 0.22) : IPlotLayer
{
    public IReadOnlyList<ShadedWindow> Windows { get; } = windows ?? throw new ArgumentNullException(nameof(windows));

    public double Opacity { get; } = opacity;

    public IEnumerable<LegendEntry> Legend =>
        Windows.Where(w => w.Label is not null).DistinctBy(w => w.Label).Select(w => new LegendEntry(w.Label!, w.Color, LegendMark.Swatch));

    public void IncludeBounds(Bounds x, Bounds y, bool xLog, bool yLog)
    {
    }

    public void AddTo(Plot plot, AxisOptions x, AxisOptions y)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(x);
        foreach (var window in Windows)
        {
            var (start, end) = (x.ToPlot(window.Start), x.ToPlot(window.End));
            if (!double.IsFinite(start) || !double.IsFinite(end))
            {
                continue;
            }

            if (end <= start)
            {
                var line = plot.Add.VerticalLine(start, 1.2f, Palette.ToColor(window.Color));
                line.EnableAutoscale = false;
                continue;
            }

            var span = plot.Add.HorizontalSpan(start, end, Palette.ToColor(window.Color).WithAlpha(Opacity));
            span.LineWidth = 0;
            span.EnableAutoscale = false;
        }
    }
}
