using ScottPlot;
using Palette = NeuroSim.Plotting.Layout.Palette;

namespace NeuroSim.Plotting.Layers;

/// <summary>Points as filled circles (ScottPlot scatter points), one plottable per series.</summary>
public sealed class ScatterSeries(string? label, IReadOnlyList<double> xs, IReadOnlyList<double> ys, string color, double radius = 3.5)
    : PointSeries("scatter", label, xs, ys, color)
{
    public double Radius { get; } = radius;

    public override IEnumerable<LegendEntry> Legend => Label is null ? [] : [new LegendEntry(Label, Color, LegendMark.Dot)];

    public override void AddTo(Plot plot, AxisOptions x, AxisOptions y)
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
