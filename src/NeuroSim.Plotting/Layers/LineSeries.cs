using ScottPlot;
using Palette = NeuroSim.Plotting.Layout.Palette;

namespace NeuroSim.Plotting.Layers;

/// <summary>
/// One series as ScottPlot scatter lines without markers. A NaN (or a value a log axis cannot show)
/// breaks the line: each unbroken stretch is its own plottable, so gaps in a recording stay gaps
/// instead of being bridged by a straight segment.
/// </summary>
public sealed class LineSeries(string? label, IReadOnlyList<double> xs, IReadOnlyList<double> ys, string color, double width = 1.6, string? dash = null)
    : PointSeries("series", label, xs, ys, color)
{
    public double Width { get; } = width;

    public string? Dash { get; } = dash;

    public override IEnumerable<LegendEntry> Legend =>
        Label is null ? [] : [new LegendEntry(Label, Color, Dash is null ? LegendMark.Line : LegendMark.DashedLine, Dash)];

    public override void AddTo(Plot plot, AxisOptions x, AxisOptions y)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        foreach (var (xs, ys) in Stretches(x, y))
        {
            var line = xs.Length == 1 ? plot.Add.ScatterPoints(xs, ys) : plot.Add.ScatterLine(xs, ys);
            line.Color = Palette.ToColor(Color);
            line.LineWidth = (float)Width;
            line.MarkerSize = xs.Length == 1 ? (float)(2 * Width) : 0;
            line.LinePattern = Dash is null ? LinePattern.Solid : LinePattern.Dashed;
        }
    }

    /// <summary>The unbroken stretches of the series in plot coordinates.</summary>
    internal List<(double[] Xs, double[] Ys)> Stretches(AxisOptions x, AxisOptions y)
    {
        var stretches = new List<(double[], double[])>();
        var xs = new List<double>();
        var ys = new List<double>();
        for (var k = 0; k <= Xs.Count; k++)
        {
            var px = k < Xs.Count ? x.ToPlot(Xs[k]) : double.NaN;
            var py = k < Xs.Count ? y.ToPlot(Ys[k]) : double.NaN;
            if (double.IsFinite(px) && double.IsFinite(py))
            {
                xs.Add(px);
                ys.Add(py);
            }
            else if (xs.Count > 0)
            {
                stretches.Add(([.. xs], [.. ys]));
                xs.Clear();
                ys.Clear();
            }
        }

        return stretches;
    }
}
