using ScottPlot;
using Palette = NeuroSim.Plotting.Layout.Palette;

namespace NeuroSim.Plotting.Layers;

/// <summary>
/// A matrix as a ScottPlot heatmap: row r and column k cover [k, k+1] x [r, r+1] in data space (use an
/// inverted y axis so that row 0 is at the top). NaN cells (absent synapses) are light grey.
/// </summary>
public sealed class Heatmap : IPlotLayer
{
    public Heatmap(double[][] values, ColorMap colors)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(colors);
        Values = values;
        Colors = colors;
        Columns = values.Length == 0 ? 0 : values.Max(r => r.Length);
    }

    public double[][] Values { get; }

    public ColorMap Colors { get; }

    public int Rows => Values.Length;

    public int Columns { get; }

    /// <summary>Lines drawn between blocks, after these row and column counts (community boundaries).</summary>
    public IReadOnlyList<int> RowSeparators { get; init; } = [];

    public IReadOnlyList<int> ColumnSeparators { get; init; } = [];

    public IEnumerable<LegendEntry> Legend => [];

    public void IncludeBounds(Bounds x, Bounds y, bool xLog, bool yLog)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (Rows == 0 || Columns == 0)
        {
            return;
        }

        x.Include(0, xLog);
        x.Include(Math.Max(1, Columns), xLog);
        y.Include(0, yLog);
        y.Include(Math.Max(1, Rows), yLog);
    }

    public void AddTo(Plot plot, AxisOptions x, AxisOptions y)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(y);
        if (Rows == 0 || Columns == 0)
        {
            return;
        }

        var intensities = new double[Rows, Columns];
        for (var r = 0; r < Rows; r++)
        {
            for (var k = 0; k < Columns; k++)
            {
                intensities[r, k] = k < Values[r].Length ? Values[r][k] : double.NaN;
            }
        }

        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = Colors.ToColormap();
        heatmap.ManualRange = new ScottPlot.Range(Colors.Min, Colors.Max);
        heatmap.NaNCellColor = Palette.ToColor(ColorMap.MissingColor);

        // With no extent ScottPlot gives cell (r, k) the unit square at (k, r); lower-left alignment puts
        // its corner, not its centre, there (an extent would divide by rows - 1: a single row would vanish).
        heatmap.CellAlignment = Alignment.LowerLeft;

        // ScottPlot draws intensities[0, *] at the top of the extent; on a y axis that grows upwards
        // row 0 must then be flipped to y in [0, 1]. On an inverted axis the bitmap is mirrored already.
        heatmap.FlipVertically = !y.Inverted;
        var ink = Palette.ToColor(Palette.Ink);
        foreach (var row in RowSeparators)
        {
            plot.Add.Line(0, row, Columns, row).LineStyle = new LineStyle { Width = 1.5f, Color = ink };
        }

        foreach (var column in ColumnSeparators)
        {
            plot.Add.Line(column, 0, column, Rows).LineStyle = new LineStyle { Width = 1.5f, Color = ink };
        }
    }
}
