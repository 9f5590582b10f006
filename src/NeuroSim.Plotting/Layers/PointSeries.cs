using ScottPlot;

namespace NeuroSim.Plotting.Layers;

/// <summary>
/// What a line and a scatter series share: labelled (x, y) pairs of one colour, and axis bounds over the pairs a
/// panel can show (finite, and positive on a log axis).
/// </summary>
public abstract class PointSeries : IPlotLayer
{
    protected PointSeries(string kind, string? label, IReadOnlyList<double> xs, IReadOnlyList<double> ys, string color)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        if (xs.Count != ys.Count)
        {
            throw new ArgumentException($"{kind} '{label}': {xs.Count} x values but {ys.Count} y values");
        }

        Label = label;
        Xs = xs;
        Ys = ys;
        Color = color;
    }

    /// <summary>Legend text; null keeps the series out of the legend.</summary>
    public string? Label { get; }

    public IReadOnlyList<double> Xs { get; }

    public IReadOnlyList<double> Ys { get; }

    public string Color { get; }

    public abstract IEnumerable<LegendEntry> Legend { get; }

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

    public abstract void AddTo(Plot plot, AxisOptions x, AxisOptions y);
}
