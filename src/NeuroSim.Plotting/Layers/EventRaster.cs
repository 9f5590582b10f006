using ScottPlot;
using Palette = NeuroSim.Plotting.Layout.Palette;

namespace NeuroSim.Plotting.Layers;

/// <summary>One row of a raster: its events as [start, end] intervals on the x axis (start = end for a point event).</summary>
public sealed record RasterRow(string Label, string Color, IReadOnlyList<(double Start, double End)> Events);

/// <summary>
/// An event raster: row r occupies [r, r+1] on the y axis (use an inverted axis for row 0 on top). Rows
/// of the same colour share a legend entry named by <see cref="LegendLabels"/>.
/// </summary>
public sealed class EventRaster(IReadOnlyList<RasterRow> rows) : IPlotLayer
{
    public IReadOnlyList<RasterRow> Rows { get; } = rows ?? throw new ArgumentNullException(nameof(rows));

    /// <summary>Narrowest mark in pixels, so that a single-step event stays visible on a long time axis.</summary>
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

    public void AddTo(Plot plot, AxisOptions x, AxisOptions y)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(x);
        plot.Add.Plottable(new RasterPlottable(this, x));
    }

    /// <summary>
    /// ScottPlot has no raster with a minimum mark width: this draws every event of the raster in one
    /// plottable, each at least <see cref="MinimumWidth"/> pixels wide.
    /// </summary>
    internal sealed class RasterPlottable(EventRaster raster, AxisOptions x) : IPlottable
    {
        public EventRaster Raster { get; } = raster;

        public bool IsVisible { get; set; } = true;

        public IAxes Axes { get; set; } = new Axes();

        public IEnumerable<LegendItem> LegendItems => LegendItem.None;

        public AxisLimits GetAxisLimits() => AxisLimits.NoLimits;

        public void Render(RenderPack rp)
        {
            ArgumentNullException.ThrowIfNull(rp);
            var minimum = (float)Raster.MinimumWidth;

            // Abutting marks of one burst must not show anti-aliasing seams between them.
            var antialias = rp.Paint.IsAntialias;
            rp.Paint.IsAntialias = false;
            for (var r = 0; r < Raster.Rows.Count; r++)
            {
                var row = Raster.Rows[r];
                var fill = new FillStyle { Color = Palette.ToColor(row.Color) };
                var top = Math.Min(Axes.GetPixelY(r), Axes.GetPixelY(r + 1));
                var bottom = Math.Max(Axes.GetPixelY(r), Axes.GetPixelY(r + 1));
                var inset = Math.Min(0.15f * (bottom - top), 1f);
                foreach (var (start, end) in row.Events)
                {
                    var (a, b) = (x.ToPlot(start), x.ToPlot(end));
                    if (!double.IsFinite(a) || !double.IsFinite(b))
                    {
                        continue;
                    }

                    var left = Math.Min(Axes.GetPixelX(a), Axes.GetPixelX(b));
                    var right = Math.Max(Axes.GetPixelX(a), Axes.GetPixelX(b));
                    if (right - left < minimum)
                    {
                        var middle = (left + right) / 2;
                        (left, right) = (middle - (minimum / 2), middle + (minimum / 2));
                    }

                    Drawing.FillRectangle(rp.Canvas, new PixelRect(left, right, bottom - inset, top + inset), rp.Paint, fill);
                }
            }

            rp.Paint.IsAntialias = antialias;
        }
    }
}
