using NeuroSim.Plotting.Layout;
using ScottPlot;
using Palette = NeuroSim.Plotting.Layout.Palette;

namespace NeuroSim.Plotting.Layers;

/// <summary>
/// One series as ScottPlot scatter lines without markers. A NaN (or a value a log axis cannot show)
/// breaks the line: each unbroken stretch is its own plottable, so gaps in a recording stay gaps
/// instead of being bridged by a straight segment.
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

    public void AddTo(Plot plot, AxisOptions x, AxisOptions y)
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
