using System.Xml.Linq;
using NeuroSim.Plotting.Svg;

namespace NeuroSim.Plotting.Layers;

/// <summary>A time window to shade: [Start, End] on the x axis, its tint, and an optional legend label.</summary>
public readonly record struct ShadedWindow(double Start, double End, string Color, string? Label = null);

/// <summary>
/// Vertical bands across the whole plot height (protocol epochs, clamp windows, unrecorded gaps). They
/// decorate: they do not widen the axis. Windows of the same label share a legend entry.
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

    public void Render(XElement target, PlotArea area)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(area);
        var group = SvgCanvas.Group(new XAttribute("class", "windows"));
        foreach (var window in Windows)
        {
            if (!area.X.CanShow(window.Start) || !area.X.CanShow(window.End))
            {
                continue;
            }

            var a = Math.Clamp(area.X.ToPixel(window.Start), area.Left, area.Right);
            var b = Math.Clamp(area.X.ToPixel(window.End), area.Left, area.Right);
            if (Math.Abs(b - a) < 0.01)
            {
                // An instantaneous event: a thin line.
                group.Add(SvgCanvas.Line(a, area.Top, a, area.Bottom, window.Color, 1.2));
                continue;
            }

            var rect = SvgCanvas.Rect(Math.Min(a, b), area.Top, Math.Abs(b - a), area.Height, window.Color);
            rect.SetAttributeValue("fill-opacity", SvgCanvas.Num(Opacity));
            group.Add(rect);
        }

        target.Add(group);
    }
}
