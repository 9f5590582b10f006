using ScottPlot;
using Palette = NeuroSim.Plotting.Layout.Palette;

namespace NeuroSim.Plotting.Layers;

/// <summary>The dashed line y = x across the part of the plot where both axes overlap; it does not widen the axes.</summary>
public sealed class IdentityLine(string label = "y = x") : IPlotLayer
{
    public string Label { get; } = label;

    public IEnumerable<LegendEntry> Legend => [new LegendEntry(Label, Palette.Muted, LegendMark.DashedLine)];

    public void IncludeBounds(Bounds x, Bounds y, bool xLog, bool yLog)
    {
    }

    public void AddTo(Plot plot, AxisOptions x, AxisOptions y)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var limits = plot.Axes.GetLimits();
        var (xLo, xHi) = (Math.Min(limits.Left, limits.Right), Math.Max(limits.Left, limits.Right));
        var (yLo, yHi) = (Math.Min(limits.Bottom, limits.Top), Math.Max(limits.Bottom, limits.Top));

        // In data units, so that the line is y = x even when one axis is log and the other linear.
        var lo = Math.Max(FromPlot(xLo, x), FromPlot(yLo, y));
        var hi = Math.Min(FromPlot(xHi, x), FromPlot(yHi, y));
        if (!(hi > lo))
        {
            return;
        }

        const int points = 64;
        var log = x.Log || y.Log;
        var values = Enumerable.Range(0, points + 1).Select(k => log ? lo * Math.Pow(hi / lo, (double)k / points) : lo + ((hi - lo) * k / points)).ToArray();
        double[] xs = [.. values.Select(x.ToPlot)];
        double[] ys = [.. values.Select(y.ToPlot)];
        var line = plot.Add.ScatterLine(xs, ys);
        line.Color = Palette.ToColor(Palette.Muted);
        line.LineWidth = 1.2f;
        line.MarkerSize = 0;
        line.LinePattern = LinePattern.Dashed;
    }

    private static double FromPlot(double value, AxisOptions axis) => axis.Log ? Math.Pow(10, value) : value;
}
