using NeuroSim.Plotting.Layout;
using ScottPlot;
using Palette = NeuroSim.Plotting.Layout.Palette;

namespace NeuroSim.Plotting.Layers;

/// <summary>Points as filled circles (ScottPlot scatter points), one plottable per series.</summary>
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

    public void AddTo(Plot plot, AxisOptions x, AxisOptions y)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var visible = Enumerable.Range(0, Xs.Count).Select(k => (X: x.ToPlot(Xs[k]), Y: y.ToPlot(Ys[k]))).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        if (visible.Count == 0)
        {
            return;
        }

        double[] xs = [.. visible.Select(p => p.X)];
        double[] ys = [.. visible.Select(p => p.Y)];
        var points = plot.Add.ScatterPoints(xs, ys);
        points.MarkerShape = MarkerShape.FilledCircle;
        points.MarkerSize = (float)(2 * Radius);
        points.MarkerFillColor = Palette.ToColor(Color).WithAlpha(0.8);
        points.MarkerLineColor = Colors.White;
        points.MarkerLineWidth = 0.8f;
    }
}
