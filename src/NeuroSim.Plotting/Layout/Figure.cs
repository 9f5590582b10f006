using System.Xml.Linq;
using NeuroSim.Plotting.Layers;
using NeuroSim.Plotting.Svg;

namespace NeuroSim.Plotting.Layout;

/// <summary>
/// A grid of panels (small multiples) with a title, a figure-wide legend and optional shared axes: with
/// <see cref="ShareX"/> every panel shows the same x range and only the bottom row carries x labels
/// (time-aligned traces); with <see cref="ShareYInRow"/> the panels of a row share a y range and only
/// the first column carries y labels.
/// </summary>
public sealed class Figure
{
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

    /// <summary>Relative widths of the columns (default equal).</summary>
    public IReadOnlyList<double>? ColumnWeights { get; set; }

    /// <summary>Relative heights of the rows (default equal).</summary>
    public IReadOnlyList<double>? RowWeights { get; set; }

    /// <summary>Relative column widths of one row, when its panels need other proportions than <see cref="ColumnWeights"/>.</summary>
    public IDictionary<int, IReadOnlyList<double>> ColumnWeightsOfRow { get; } = new Dictionary<int, IReadOnlyList<double>>();

    public IEnumerable<Panel> Panels => cells.Select(c => c.Panel);

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

    public XDocument Render()
    {
        var canvas = new SvgCanvas(Width, Height);
        var top = 12.0;
        if (Title is not null)
        {
            top += 18;
            canvas.Root.Add(Attributed(SvgCanvas.Text(16, top, Title, 16, "start", Palette.Ink, "bold"), "title"));
            top += 6;
        }

        if (Subtitle is not null)
        {
            foreach (var line in Wrap(Subtitle, 12))
            {
                top += 15;
                canvas.Root.Add(Attributed(SvgCanvas.Text(16, top, line, 12, "start", Palette.Muted), "subtitle"));
            }

            top += 4;
        }

        if (HeaderLegend.Count > 0)
        {
            top = DrawHeaderLegend(canvas, top + 6);
        }

        var rowTitles = Enumerable.Range(0, Rows).Select(r => cells.Any(c => c.Row == r && c.Panel.Title is not null)).ToArray();
        top += rowTitles[0] ? 26 : 12;
        const double left = 84;
        var right = 18.0;
        var footnote = Footnote is null ? [] : Wrap(Footnote, 11);
        var bottom = 52.0 + (footnote.Count * 15) + (footnote.Count > 0 ? 6 : 0);
        var hgap = ShareYInRow ? 28.0 : 92.0;
        var vgaps = Enumerable.Range(1, Rows - 1).Select(r => (ShareX ? 12.0 : 58.0) + (rowTitles[r] ? 20 : 0)).ToArray();
        var usable = Width - left - right - (hgap * (Columns - 1));
        var rowHeights = Split(Height - top - bottom - vgaps.Sum(), RowWeights, Rows);

        var xShared = new Bounds();
        var rowBounds = Enumerable.Range(0, Rows).Select(_ => new Bounds()).ToArray();
        foreach (var (row, _, _, panel) in cells)
        {
            xShared.Include(panel.XBounds(), panel.X.Log);
            rowBounds[row].Include(panel.YBounds(), panel.Y.Log);
        }

        foreach (var (row, column, span, panel) in cells)
        {
            var columnWidths = Split(usable, ColumnWeightsOfRow.TryGetValue(row, out var own) ? own : ColumnWeights, Columns);
            var x = left + columnWidths.Take(column).Sum() + (hgap * column);
            var width = columnWidths.Skip(column).Take(span).Sum() + (hgap * (span - 1));
            var y = top + rowHeights.Take(row).Sum() + vgaps.Take(row).Sum();
            var xRange = Panel.Range(panel.X, ShareX ? xShared : panel.XBounds());
            var yRange = Panel.Range(panel.Y, ShareYInRow ? rowBounds[row] : panel.YBounds());
            var showX = !ShareX || row == Rows - 1;
            var showY = !ShareYInRow || column == 0;
            panel.Render(canvas, x, y, width, rowHeights[row], xRange, yRange, showX, showY);
        }

        for (var k = 0; k < footnote.Count; k++)
        {
            canvas.Root.Add(Attributed(SvgCanvas.Text(16, Height - 10 - (15 * (footnote.Count - 1 - k)), footnote[k], 11, "start", Palette.Muted), "footnote"));
        }

        return canvas.ToDocument();
    }

    private double DrawHeaderLegend(SvgCanvas canvas, double top)
    {
        const double size = 12;
        var legend = SvgCanvas.Group(new XAttribute("class", "legend"));
        var x = 16.0;
        var y = top + 8;
        foreach (var entry in HeaderLegend)
        {
            var width = 26 + SvgCanvas.TextWidth(entry.Label, size) + 18;
            if (x + width > Width - 16 && x > 16)
            {
                x = 16;
                y += 18;
            }

            legend.Add(Panel.LegendMarkElement(entry, x, y));
            legend.Add(Attributed(SvgCanvas.Text(x + 24, y + (size * 0.35), entry.Label, size, "start", Palette.Ink), "legend-entry"));
            x += width;
        }

        canvas.Root.Add(legend);
        return y + 8;
    }

    /// <summary>Breaks text into lines that fit the figure width (by the estimated text width).</summary>
    private List<string> Wrap(string text, double size)
    {
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && SvgCanvas.TextWidth(candidate, size) > Width - 32)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return lines;
    }

    private static XElement Attributed(XElement element, string cssClass)
    {
        element.SetAttributeValue("class", cssClass);
        return element;
    }

    private static double[] Split(double total, IReadOnlyList<double>? weights, int count)
    {
        total = Math.Max(total, 20 * count);
        var w = weights is { Count: > 0 } && weights.Count == count && weights.All(v => v > 0) ? weights : Enumerable.Repeat(1.0, count).ToList();
        var sum = w.Sum();
        return [.. w.Select(v => total * v / sum)];
    }
}
