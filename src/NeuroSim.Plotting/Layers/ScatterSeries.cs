using System.Xml.Linq;
using NeuroSim.Plotting.Svg;

namespace NeuroSim.Plotting.Layers;

/// <summary>Points as circles, one group per series.</summary>
public sealed class ScatterSeries : IPlotLayer
{
    public ScatterSeries(string? label, IReadOnlyList<double> xs, IReadOnlyList<double> ys, string color, double radius = 3.5)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        if (xs.Count != ys.Count)
        {
            throw new ArgumentException($"scatter '{label}': {xs.Count} x values but {ys.Count} y values");
        }

        Label = label;
        Xs = xs;
        Ys = ys;
        Color = color;
        Radius = radius;
    }

    public string? Label { get; }

    public IReadOnlyList<double> Xs { get; }

    public IReadOnlyList<double> Ys { get; }

    public string Color { get; }

    public double Radius { get; }

    public IEnumerable<LegendEntry> Legend => Label is null ? [] : [new LegendEntry(Label, Color, LegendMark.Dot)];

    public void IncludeBounds(Bounds x, Bounds y, bool xLog, bool yLog)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        for (var k = 0; k < Xs.Count; k++)
        {
            x.Include(Xs[k], xLog);
            y.Include(Ys[k], yLog);
        }
    }

    public void Render(XElement target, PlotArea area)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(area);
        var group = SvgCanvas.Group(new XAttribute("class", "scatter"), new XAttribute("fill-opacity", "0.8"));
        for (var k = 0; k < Xs.Count; k++)
        {
            if (area.X.CanShow(Xs[k]) && area.Y.CanShow(Ys[k]))
            {
                group.Add(SvgCanvas.Circle(area.X.ToPixel(Xs[k]), area.Y.ToPixel(Ys[k]), Radius, Color, "white"));
            }
        }

        target.Add(group);
    }
}
