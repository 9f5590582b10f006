using NeuroSim.Plotting.Rendering;
using ScottPlot;

namespace NeuroSim.Plotting.Layout;

/// <summary>
/// A grid of panels (small multiples) with a title, a figure-wide legend and optional shared axes: with
/// <see cref="ShareX"/> every panel shows the same x range and only the bottom row carries x labels
/// (time-aligned traces); with <see cref="ShareYInRow"/> the panels of a row share a y range and only
/// the first column carries y labels. <see cref="ToMultiplot"/> gives the ScottPlot model,
/// <see cref="FigureCanvas"/> draws it.
/// </summary>
public sealed class Figure
{
    /// <summary>Space around each data area for tick labels, axis labels and the panel title (fixed so data areas align).</summary>
    internal const float PadLeft = 76, PadRight = 14, PadTop = 24, PadBottom = 44, PadHiddenX = 8, ColorBarRoom = 96;

    private readonly List<(int Row, int Column, int Span, Panel Panel)> cells = [];

    public Figure(int rows, int columns)
    {
        if (rows < 1 || columns < 1)
        {
            throw new ArgumentException($"a figure needs at least one row and column, got {rows} x {columns}");
        }

        Rows = rows;
        Columns = columns;
    }

    public int Rows { get; }

    public int Columns { get; }

    public double Width { get; set; } = 900;

    public double Height { get; set; } = 600;

    public string? Title { get; set; }

    public string? Subtitle { get; set; }

    /// <summary>Small print under the panels (what the shading means, where the data came from).</summary>
    public string? Footnote { get; set; }

    /// <summary>Entries shown once for the whole figure, under the title.</summary>
    public IList<LegendEntry> HeaderLegend { get; } = [];

    public bool ShareX { get; set; }

    public bool ShareYInRow { get; set; }

    /// <summary>Rows whose panels keep their own y range (and y tick labels) even with <see cref="ShareYInRow"/>.</summary>
    public ISet<int> FreeYRows { get; } = new HashSet<int>();

    /// <summary>Relative widths of the columns (default equal).</summary>
    public IReadOnlyList<double>? ColumnWeights { get; set; }

    /// <summary>Relative heights of the rows (default equal).</summary>
    public IReadOnlyList<double>? RowWeights { get; set; }

    /// <summary>Relative column widths of one row, when its panels need other proportions than <see cref="ColumnWeights"/>.</summary>
    public IDictionary<int, IReadOnlyList<double>> ColumnWeightsOfRow { get; } = new Dictionary<int, IReadOnlyList<double>>();

    public IEnumerable<Panel> Panels => cells.Select(c => c.Panel);

    /// <summary>Pixel size of the figure (whole pixels).</summary>
    public (int Width, int Height) PixelSize => ((int)Math.Round(Width), (int)Math.Round(Height));

    public Panel Add(int row, int column, Panel panel, int columnSpan = 1)
    {
        ArgumentNullException.ThrowIfNull(panel);
        if (row < 0 || row >= Rows || column < 0 || column + columnSpan > Columns || columnSpan < 1)
        {
            throw new ArgumentException($"panel at row {row}, column {column} (span {columnSpan}) is outside the {Rows} x {Columns} grid");
        }

        cells.Add((row, column, columnSpan, panel));
        return panel;
    }

    /// <summary>
    /// The ScottPlot model: one subplot per panel (in the order added), each with its final axis limits
    /// (shared ranges are computed here, as the union over the sharing panels) and fixed padding, laid out
    /// by a layout that places every data area where <paramref name="headerHeight"/> leaves room.
    /// </summary>
    public Multiplot ToMultiplot(float headerHeight = 0, float footerHeight = 0)
    {
        var xShared = new Bounds();
        var rowBounds = Enumerable.Range(0, Rows).Select(_ => new Bounds()).ToArray();
        foreach (var (row, _, _, panel) in cells)
        {
            xShared.Include(panel.XBounds(), panel.X.Log);
            rowBounds[row].Include(panel.YBounds(), panel.Y.Log);
        }

        var rectangles = DataRectangles(headerHeight, footerHeight);
        var multiplot = new Multiplot();
        multiplot.RemovePlot(multiplot.GetPlot(0));
        for (var k = 0; k < cells.Count; k++)
        {
            var (row, column, _, panel) = cells[k];
            var showX = !ShareX || row == Rows - 1 || !cells.Any(c => c.Row > row && c.Column == column);
            var sharedY = ShareYInRow && !FreeYRows.Contains(row);
            var showY = !sharedY || column == 0;
            var xRange = Panel.Range(panel.X, ShareX ? xShared : panel.XBounds(), panel.HasHeatmap);
            var yRange = Panel.Range(panel.Y, sharedY ? rowBounds[row] : panel.YBounds(), panel.HasHeatmap);
            var plot = panel.ToPlot(xRange, yRange, showX, showY);
            plot.FigureBackground.Color = Colors.Transparent;
            var padding = Padding(panel, showX);
            plot.Layout.Fixed(padding);
            var data = rectangles[k];
            multiplot.AddPlot(plot);
            rectangles[k] = new PixelRect(data.Left - padding.Left, data.Right + padding.Right, data.Bottom + padding.Bottom, data.Top - padding.Top);
        }

        multiplot.Layout = new FixedRectangles(rectangles);
        return multiplot;
    }

    private static PixelPadding Padding(Panel panel, bool showX) =>
        new(PadLeft, PadRight + (panel.ColorBar is null ? 0 : ColorBarRoom), showX ? PadBottom : PadHiddenX, PadTop);

    /// <summary>The data area of every panel, in the order added: weighted rows and columns between header and footer.</summary>
    private PixelRect[] DataRectangles(float headerHeight, float footerHeight)
    {
        var (width, height) = PixelSize;
        var top = headerHeight + PadTop;
        var bottom = height - footerHeight - PadBottom;
        var hgap = (ShareYInRow && FreeYRows.Count == 0 ? 24f : PadLeft + 16) + PadRight;
        var vgaps = Enumerable.Range(1, Math.Max(0, Rows - 1)).Select(r => ShareX ? PadTop : PadTop + PadBottom + 8).ToArray();
        var rowHeights = Split(bottom - top - vgaps.Sum(), RowWeights, Rows);
        var rectangles = new PixelRect[cells.Count];
        for (var k = 0; k < cells.Count; k++)
        {
            var (row, column, span, panel) = cells[k];
            var usable = width - PadLeft - PadRight - (hgap * (Columns - 1));
            var columnWidths = Split(usable, ColumnWeightsOfRow.TryGetValue(row, out var own) ? own : ColumnWeights, Columns);
            var left = PadLeft + columnWidths.Take(column).Sum() + (hgap * column);
            var right = left + columnWidths.Skip(column).Take(span).Sum() + (hgap * (span - 1)) - (panel.ColorBar is null ? 0 : ColorBarRoom);
            var y = top + rowHeights.Take(row).Sum() + vgaps.Take(row).Sum();
            rectangles[k] = new PixelRect(MathF.Round(left), MathF.Round(right), MathF.Round(y + rowHeights[row]), MathF.Round(y));
        }

        return rectangles;
    }

    private static float[] Split(float total, IReadOnlyList<double>? weights, int count)
    {
        total = Math.Max(total, 20 * count);
        var w = weights is { Count: > 0 } && weights.Count == count && weights.All(v => v > 0) ? weights : Enumerable.Repeat(1.0, count).ToList();
        var sum = w.Sum();
        return [.. w.Select(v => (float)(total * v / sum))];
    }

    /// <summary>
    /// Places each subplot in a rectangle computed by the figure: ScottPlot's grid layouts give equal
    /// cells, while NeuroSim's figures weight rows and columns and let a panel span columns.
    /// </summary>
    private sealed class FixedRectangles(PixelRect[] rectangles) : IMultiplotLayout
    {
        public PixelRect[] GetSubplotRectangles(SubplotCollection subplots, PixelRect figureRect) =>
            [.. rectangles.Select(r => new PixelRect(r.Left + figureRect.Left, r.Right + figureRect.Left, r.Bottom + figureRect.Top, r.Top + figureRect.Top))];
    }
}
