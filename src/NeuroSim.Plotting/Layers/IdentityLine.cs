using System.Xml.Linq;
using NeuroSim.Plotting.Svg;

namespace NeuroSim.Plotting.Layers;

/// <summary>The dashed line y = x across the part of the plot where both axes overlap.</summary>
public sealed class IdentityLine(string label = "y = x") : IPlotLayer
{
    public string Label { get; } = label;

    public IEnumerable<LegendEntry> Legend => [new LegendEntry(Label, Layout.Palette.Muted, LegendMark.DashedLine)];

    public void IncludeBounds(Bounds x, Bounds y, bool xLog, bool yLog)
    {
    }

    public void Render(XElement target, PlotArea area)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(area);
        var lo = Math.Max(area.X.Min, area.Y.Min);
        var hi = Math.Min(area.X.Max, area.Y.Max);
        if (!(hi > lo))
        {
            return;
        }

        // Many points along the line so that it is also straight-as-drawn on mixed linear/log axes.
        const int points = 64;
        var xs = new double[points + 1];
        var ys = new double[points + 1];
        var log = area.X is Scales.LogScale || area.Y is Scales.LogScale;
        for (var k = 0; k <= points; k++)
        {
            var v = log ? lo * Math.Pow(hi / lo, (double)k / points) : lo + ((hi - lo) * k / points);
            xs[k] = area.X.ToPixel(v);
            ys[k] = area.Y.ToPixel(v);
        }

        var path = SvgCanvas.Path(SvgCanvas.PolylineData(xs, ys), Layout.Palette.Muted, 1.2);
        path.SetAttributeValue("stroke-dasharray", "5 4");
        path.SetAttributeValue("class", "identity");
        target.Add(path);
    }
}
