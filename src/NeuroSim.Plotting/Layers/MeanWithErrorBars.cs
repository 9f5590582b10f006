using NeuroSim.Core.Statistics;
using ScottPlot;
using Palette = NeuroSim.Plotting.Layout.Palette;

namespace NeuroSim.Plotting.Layers;

/// <summary>
/// The mean over seeds at each x, drawn as a marker with a vertical error bar over its 95% confidence interval
/// (Student t with n - 1 degrees of freedom, as <see cref="MeanWithInterval"/>), for conditions that are categories
/// rather than points on a line. Below two finite samples only the mean is drawn; NaN samples are left out; on a log
/// axis a bar whose lower end is not positive runs to the bottom of the panel.
/// </summary>
public sealed class MeanWithErrorBars : IPlotLayer
{
    public MeanWithErrorBars(string? label, IReadOnlyList<double> xs, IReadOnlyList<IReadOnlyList<double>> samples, string color, double width = 2)
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

    public IEnumerable<LegendEntry> Legend => Label is null ? [] : [new LegendEntry($"{Label} (mean, 95% CI)", Color, LegendMark.Dot)];

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
        var color = Palette.ToColor(Color);
        for (var k = 0; k < Xs.Count; k++)
        {
            var (mean, half) = Intervals[k];
            var (px, py) = (x.ToPlot(Xs[k]), y.ToPlot(mean));
            if (!double.IsFinite(px) || !double.IsFinite(py))
            {
                continue;
            }

            if (double.IsFinite(half))
            {
                var top = y.ToPlot(mean + half);
                var bottom = y.ToPlot(mean - half);
                if (!double.IsFinite(bottom))
                {
                    bottom = Math.Min(py, top) - 10; // below any panel's range on a log axis
                }

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
}
