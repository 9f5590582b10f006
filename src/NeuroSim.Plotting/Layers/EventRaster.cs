using System.Xml.Linq;
using NeuroSim.Plotting.Svg;

namespace NeuroSim.Plotting.Layers;

/// <summary>One row of a raster: its events as [start, end] intervals on the x axis (start = end for a point event).</summary>
public sealed record RasterRow(string Label, string Color, IReadOnlyList<(double Start, double End)> Events);

/// <summary>
/// An event raster: row r occupies [r, r+1] on the y axis (use an inverted axis for row 0 on top), each
/// event a mark of at least <see cref="MinimumWidth"/> pixels. One path per row keeps the file small.
/// Rows of the same colour share a legend entry named by <see cref="LegendLabels"/>.
/// </summary>
public sealed class EventRaster(IReadOnlyList<RasterRow> rows) : IPlotLayer
{
    public IReadOnlyList<RasterRow> Rows { get; } = rows ?? throw new ArgumentNullException(nameof(rows));

    public double MinimumWidth { get; init; } = 1.2;

    /// <summary>Legend text per colour; colours not in it are left out of the legend.</summary>
    public IReadOnlyDictionary<string, string> LegendLabels { get; init; } = new Dictionary<string, string>();

    public IEnumerable<LegendEntry> Legend =>
        Rows.Select(r => r.Color).Distinct().Where(LegendLabels.ContainsKey).Select(c => new LegendEntry(LegendLabels[c], c, LegendMark.Swatch));

    public void IncludeBounds(Bounds x, Bounds y, bool xLog, bool yLog)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        foreach (var row in Rows)
        {
            foreach (var (start, end) in row.Events)
            {
                x.Include(start, xLog);
                x.Include(end, xLog);
            }
        }

        y.Include(0, yLog);
        y.Include(Math.Max(1, Rows.Count), yLog);
    }

    public void Render(XElement target, PlotArea area)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(area);
        var group = SvgCanvas.Group(new XAttribute("class", "raster"));
        for (var r = 0; r < Rows.Count; r++)
        {
            var row = Rows[r];
            var top = Math.Min(area.Y.ToPixel(r), area.Y.ToPixel(r + 1));
            var height = Math.Abs(area.Y.ToPixel(r + 1) - area.Y.ToPixel(r));
            var inset = Math.Min(0.15 * height, 1);
            var data = new System.Text.StringBuilder();
            foreach (var (start, end) in row.Events)
            {
                if (!area.X.CanShow(start) || !area.X.CanShow(end))
                {
                    continue;
                }

                var a = area.X.ToPixel(start);
                var b = area.X.ToPixel(end);
                var width = Math.Max(Math.Abs(b - a), MinimumWidth);
                var left = Math.Min(a, b) - (Math.Abs(b - a) < MinimumWidth ? MinimumWidth / 2 : 0);
                data.Append('M').Append(SvgCanvas.Num(left)).Append(',').Append(SvgCanvas.Num(top + inset))
                    .Append('h').Append(SvgCanvas.Num(width)).Append('v').Append(SvgCanvas.Num(height - (2 * inset)))
                    .Append('h').Append(SvgCanvas.Num(-width)).Append('z');
            }

            if (data.Length > 0)
            {
                var path = new XElement(SvgCanvas.Ns + "path", new XAttribute("d", data.ToString()), new XAttribute("fill", row.Color), new XAttribute("data-label", row.Label));
                path.SetAttributeValue("shape-rendering", "crispEdges");
                group.Add(path);
            }
        }

        target.Add(group);
    }
}
