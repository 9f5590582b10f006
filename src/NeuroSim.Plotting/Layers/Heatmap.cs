using System.Xml.Linq;
using NeuroSim.Plotting.Layout;
using NeuroSim.Plotting.Svg;

namespace NeuroSim.Plotting.Layers;

/// <summary>
/// A matrix as coloured cells: row r and column k cover [k, k+1] x [r, r+1] in data space (use an
/// inverted y axis so that row 0 is at the top). NaN cells are light grey.
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
        x.Include(0, xLog);
        x.Include(Math.Max(1, Columns), xLog);
        y.Include(0, yLog);
        y.Include(Math.Max(1, Rows), yLog);
    }

    public void Render(XElement target, PlotArea area)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(area);
        var group = SvgCanvas.Group(new XAttribute("class", "heatmap"));
        for (var r = 0; r < Rows; r++)
        {
            for (var k = 0; k < Values[r].Length; k++)
            {
                var x0 = area.X.ToPixel(k);
                var x1 = area.X.ToPixel(k + 1);
                var y0 = area.Y.ToPixel(r);
                var y1 = area.Y.ToPixel(r + 1);
                var cell = SvgCanvas.Rect(Math.Min(x0, x1), Math.Min(y0, y1), Math.Abs(x1 - x0), Math.Abs(y1 - y0), Colors.ColorOf(Values[r][k]));
                cell.SetAttributeValue("shape-rendering", "crispEdges");
                group.Add(cell);
            }
        }

        foreach (var row in RowSeparators)
        {
            var y = area.Y.ToPixel(row);
            group.Add(SvgCanvas.Line(area.X.ToPixel(0), y, area.X.ToPixel(Columns), y, Palette.Ink, 1.5));
        }

        foreach (var column in ColumnSeparators)
        {
            var x = area.X.ToPixel(column);
            group.Add(SvgCanvas.Line(x, area.Y.ToPixel(0), x, area.Y.ToPixel(Rows), Palette.Ink, 1.5));
        }

        target.Add(group);
    }
}
