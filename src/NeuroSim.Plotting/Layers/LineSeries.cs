using System.Xml.Linq;
using NeuroSim.Plotting.Svg;

namespace NeuroSim.Plotting.Layers;

/// <summary>
/// One series as one SVG path. A NaN (or a value a log axis cannot show) breaks the line, so gaps in a
/// recording stay gaps instead of being bridged by a straight segment.
/// </summary>
public sealed class LineSeries : IPlotLayer
{
    public LineSeries(string? label, IReadOnlyList<double> xs, IReadOnlyList<double> ys, string color, double width = 1.6, string? dash = null)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        if (xs.Count != ys.Count)
        {
            throw new ArgumentException($"series '{label}': {xs.Count} x values but {ys.Count} y values");
        }

        Label = label;
        Xs = xs;
        Ys = ys;
        Color = color;
        Width = width;
        Dash = dash;
    }

    /// <summary>Legend text; null keeps the series out of the legend.</summary>
    public string? Label { get; }

    public IReadOnlyList<double> Xs { get; }

    public IReadOnlyList<double> Ys { get; }

    public string Color { get; }

    public double Width { get; }

    public string? Dash { get; }

    public IEnumerable<LegendEntry> Legend =>
        Label is null ? [] : [new LegendEntry(Label, Color, Dash is null ? LegendMark.Line : LegendMark.DashedLine, Dash)];

    public void IncludeBounds(Bounds x, Bounds y, bool xLog, bool yLog)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        for (var k = 0; k < Xs.Count; k++)
        {
            if (double.IsFinite(Xs[k]) && double.IsFinite(Ys[k]) && (!xLog || Xs[k] > 0) && (!yLog || Ys[k] > 0))
            {
                x.Include(Xs[k], xLog);
                y.Include(Ys[k], yLog);
            }
        }
    }

    public void Render(XElement target, PlotArea area)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(area);
        var px = new double[Xs.Count];
        var py = new double[Xs.Count];
        for (var k = 0; k < Xs.Count; k++)
        {
            var visible = area.X.CanShow(Xs[k]) && area.Y.CanShow(Ys[k]);
            px[k] = visible ? area.X.ToPixel(Xs[k]) : double.NaN;
            py[k] = visible ? area.Y.ToPixel(Ys[k]) : double.NaN;
        }

        var path = SvgCanvas.Path(SvgCanvas.PolylineData(px, py), Color, Width);
        path.SetAttributeValue("class", "series");
        if (Label is not null)
        {
            path.SetAttributeValue("data-label", Label);
        }

        if (Dash is not null)
        {
            path.SetAttributeValue("stroke-dasharray", Dash);
        }

        target.Add(path);
    }
}
