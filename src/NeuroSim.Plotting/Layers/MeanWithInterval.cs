using NeuroSim.Core.Statistics;
using ScottPlot;
using Palette = NeuroSim.Plotting.Layout.Palette;

namespace NeuroSim.Plotting.Layers;

/// <summary>
/// The mean over seeds of a quantity at each x with its 95% confidence interval (Student t with n - 1 degrees of
/// freedom): figures with seeds never show a mean alone. Drawn as a line over a band (ScottPlot FillY), or, for
/// conditions that are categories rather than points on a line, as markers with vertical error bars
/// (<see cref="ErrorBars"/>). Below two finite samples there is no interval (a gap in the band, a bare marker); NaN
/// samples (a failed seed) are left out; on a log axis, where the interval reaches 0 or below, the band or bar runs to
/// the bottom of the panel.
/// </summary>
public sealed class MeanWithInterval : IPlotLayer
{
    public MeanWithInterval(string? label, IReadOnlyList<double> xs, IReadOnlyList<IReadOnlyList<double>> samples, string color, double width = 2)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(samples);
        if (xs.Count != samples.Count)
        {
            throw new ArgumentException($"'{label}': {xs.Count} x values but {samples.Count} sample sets");
        }

        Label = label;
        Xs = xs;
        Color = color;
        Width = width;
        Intervals = [.. samples.Select(s => MeanInterval.Of(s)).Select(i => (i.Mean, i.HalfWidth))];
    }

    public string? Label { get; }

    public IReadOnlyList<double> Xs { get; }

    public string Color { get; }

    public double Width { get; }

    /// <summary>Mean and half-width of the 95% interval at each x (half-width NaN below two samples).</summary>
    public IReadOnlyList<(double Mean, double HalfWidth)> Intervals { get; }

    /// <summary>Markers with error bars at each x instead of a line over a band.</summary>
    public bool ErrorBars { get; init; }

    public IEnumerable<LegendEntry> Legend => Label is null ? [] : [new LegendEntry($"{Label} (mean, 95% CI)", Color, ErrorBars ? LegendMark.Dot : LegendMark.Line)];

    public void IncludeBounds(Bounds x, Bounds y, bool xLog, bool yLog)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        for (var k = 0; k < Xs.Count; k++)
        {
            var (mean, half) = Intervals[k];
            x.Include(Xs[k], xLog);
            y.Include(mean, yLog);
            y.Include(mean - half, yLog);
            y.Include(mean + half, yLog);
        }
    }

    public void AddTo(Plot plot, AxisOptions x, AxisOptions y)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (ErrorBars)
        {
            AddErrorBars(plot, x, y);
            return;
        }

        var band = Enumerable.Range(0, Xs.Count)
            .Select(k => (X: x.ToPlot(Xs[k]), Top: y.ToPlot(Intervals[k].Mean + Intervals[k].HalfWidth), Bottom: Bottom(k, y)))
            .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Top) && double.IsFinite(p.Bottom))
            .ToList();
        if (band.Count > 1)
        {
            var fill = plot.Add.FillY(band);
            fill.FillColor = Palette.ToColor(Color).WithAlpha(0.2);
            fill.LineWidth = 0;
            fill.MarkerSize = 0;
        }

        new LineSeries(null, Xs, [.. Intervals.Select(i => i.Mean)], Color, Width).AddTo(plot, x, y);
    }

    private void AddErrorBars(Plot plot, AxisOptions x, AxisOptions y)
    {
        var color = Palette.ToColor(Color);
        for (var k = 0; k < Xs.Count; k++)
        {
            var (px, py) = (x.ToPlot(Xs[k]), y.ToPlot(Intervals[k].Mean));
            if (!double.IsFinite(px) || !double.IsFinite(py))
            {
                continue;
            }

            var (top, bottom) = (y.ToPlot(Intervals[k].Mean + Intervals[k].HalfWidth), Bottom(k, y));
            if (double.IsFinite(top) && double.IsFinite(bottom))
            {
                var bar = plot.Add.ScatterLine(new[] { px, px }, new[] { bottom, top });
                bar.Color = color;
                bar.LineWidth = (float)Width;
                bar.MarkerSize = 0;
            }

            var marker = plot.Add.ScatterPoints(new[] { px }, new[] { py });
            marker.MarkerShape = MarkerShape.FilledSquare;
            marker.MarkerSize = (float)(4 * Width);
            marker.MarkerFillColor = color;
            marker.MarkerLineColor = Colors.White;
            marker.MarkerLineWidth = 0.8f;
        }
    }

    /// <summary>
    /// The band's or bar's lower edge at x k in plot units; on a log axis, where the interval reaches 0 or below, ten decades
    /// under the top (below any panel's range, so the band runs to the bottom instead of leaving a gap).
    /// </summary>
    private double Bottom(int k, AxisOptions y)
    {
        var (mean, half) = Intervals[k];
        var bottom = y.ToPlot(mean - half);
        return double.IsFinite(bottom) || !y.Log || !double.IsFinite(half) ? bottom : y.ToPlot(mean + half) - 10;
    }
}
