using System.Xml.Linq;
using NeuroSim.Plotting.Layers;
using NeuroSim.Plotting.Scales;
using NeuroSim.Plotting.Svg;

namespace NeuroSim.Plotting.Layout;

/// <summary>Where a panel shows its legend.</summary>
public enum LegendPosition
{
    None,
    TopRight,
    TopLeft,
    BottomRight,
    BottomLeft,
}

/// <summary>A colour bar beside a panel, for the colour map of a heatmap.</summary>
public sealed record ColorBar(ColorMap Map, string Label);

/// <summary>One set of axes and the layers drawn on them.</summary>
public sealed class Panel
{
    public const double TickFontSize = 12;
    public const double LabelFontSize = 13;
    public const double TitleFontSize = 13;

    /// <summary>Room taken from the plot area for a colour bar, its tick labels and its label.</summary>
    public const double ColorBarWidth = 96;

    public string? Title { get; set; }

    public AxisOptions X { get; } = new();

    public AxisOptions Y { get; } = new();

    public IList<IPlotLayer> Layers { get; } = [];

    public LegendPosition Legend { get; set; } = LegendPosition.TopRight;

    /// <summary>A thin line at y = 0 when 0 lies inside the y range.</summary>
    public bool ZeroLine { get; set; }

    /// <summary>Square data units (heatmap cells): the plot area shrinks to keep them square.</summary>
    public bool KeepAspect { get; set; }

    public ColorBar? ColorBar { get; set; }

    /// <summary>Text drawn in the middle of an empty panel.</summary>
    public string? EmptyMessage { get; set; }

    public Panel Add(IPlotLayer layer)
    {
        Layers.Add(layer);
        return this;
    }

    internal Bounds XBounds()
    {
        var x = new Bounds();
        var y = new Bounds();
        foreach (var layer in Layers)
        {
            layer.IncludeBounds(x, y, X.Log, Y.Log);
        }

        return x;
    }

    internal Bounds YBounds()
    {
        var x = new Bounds();
        var y = new Bounds();
        foreach (var layer in Layers)
        {
            layer.IncludeBounds(x, y, X.Log, Y.Log);
        }

        return y;
    }

    /// <summary>The ends of an axis from its options and the data bounds.</summary>
    internal static (double Min, double Max) Range(AxisOptions axis, Bounds bounds)
    {
        double lo, hi;
        if (bounds.IsEmpty)
        {
            (lo, hi) = axis.Log ? (1.0, 10.0) : (0.0, 1.0);
        }
        else
        {
            (lo, hi) = (bounds.Min, bounds.Max);
        }

        if (axis.Min is double fixedMin)
        {
            lo = fixedMin;
        }

        if (axis.Max is double fixedMax)
        {
            hi = fixedMax;
        }

        if (axis.Log)
        {
            var (niceLo, niceHi) = LogScale.NiceRange(lo, hi);
            return (axis.Min ?? (axis.Tight && hi > lo ? lo : niceLo), axis.Max ?? (axis.Tight && hi > lo ? hi : niceHi));
        }

        if ((axis.Tight || (axis.Min is not null && axis.Max is not null)) && hi > lo)
        {
            return (lo, hi);
        }

        var (min, max) = LinearScale.NiceRange(lo, hi, axis.TickTarget);
        return (axis.Min ?? min, axis.Max ?? max);
    }

    internal static IScale Scale(AxisOptions axis, (double Min, double Max) range, double pixelFrom, double pixelTo) =>
        axis.Log ? new LogScale(range.Min, range.Max, pixelFrom, pixelTo) : new LinearScale(range.Min, range.Max, pixelFrom, pixelTo, axis.TickTarget);

    /// <summary>Draws the panel into the rectangle of its plot area (axes labels go outside it).</summary>
    internal void Render(SvgCanvas canvas, double left, double top, double width, double height, (double Min, double Max) xRange, (double Min, double Max) yRange, bool showXLabels, bool showYLabels)
    {
        if (ColorBar is not null)
        {
            width -= ColorBarWidth;
        }

        if (KeepAspect)
        {
            var unit = Math.Min(width / (xRange.Max - xRange.Min), height / (yRange.Max - yRange.Min));
            var w = unit * (xRange.Max - xRange.Min);
            var h = unit * (yRange.Max - yRange.Min);
            left += (width - w) / 2;
            top += (height - h) / 2;
            (width, height) = (w, h);
        }

        var xScale = X.Inverted ? Scale(X, xRange, left + width, left) : Scale(X, xRange, left, left + width);
        var yScale = Y.Inverted ? Scale(Y, yRange, top, top + height) : Scale(Y, yRange, top + height, top);
        var area = new PlotArea(left, top, width, height, xScale, yScale);
        var group = SvgCanvas.Group(new XAttribute("class", "panel"));
        if (Title is not null)
        {
            group.SetAttributeValue("data-title", Title);
        }

        canvas.Root.Add(group);

        var xTicks = X.Ticks ?? xScale.Ticks();
        var yTicks = Y.Ticks ?? yScale.Ticks();
        var grid = SvgCanvas.Group(new XAttribute("class", "grid"));
        if (Y.Grid)
        {
            foreach (var tick in yTicks)
            {
                var y = yScale.ToPixel(tick.Value);
                grid.Add(SvgCanvas.Line(left, y, left + width, y, Palette.Grid, 1));
            }
        }

        if (X.Grid)
        {
            foreach (var tick in xTicks)
            {
                var x = xScale.ToPixel(tick.Value);
                grid.Add(SvgCanvas.Line(x, top, x, top + height, Palette.Grid, 1));
            }
        }

        group.Add(grid);
        if (ZeroLine && !Y.Log && yRange.Min < 0 && yRange.Max > 0)
        {
            var y0 = yScale.ToPixel(0);
            group.Add(SvgCanvas.Line(left, y0, left + width, y0, "#AAAAAA", 1));
        }

        var layers = SvgCanvas.Group(new XAttribute("clip-path", canvas.ClipRect(left, top, width, height)));
        foreach (var layer in Layers)
        {
            layer.Render(layers, area);
        }

        group.Add(layers);
        if (EmptyMessage is not null)
        {
            group.Add(SvgCanvas.Text(left + (width / 2), top + (height / 2), EmptyMessage, LabelFontSize, "middle", Palette.Muted));
        }

        group.Add(SvgCanvas.Rect(left, top, width, height, "none", "#888888", 0.8));
        DrawTicks(group, area, xTicks, yTicks, showXLabels, showYLabels);
        if (Title is not null)
        {
            group.Add(SvgCanvas.Text(left, top - 7, Title, TitleFontSize, "start", Palette.Ink, "bold"));
        }

        if (Legend != LegendPosition.None)
        {
            DrawLegend(group, area);
        }

        if (ColorBar is not null)
        {
            DrawColorBar(canvas, group, area, ColorBar);
        }
    }

    private void DrawTicks(XElement group, PlotArea area, IReadOnlyList<Tick> xTicks, IReadOnlyList<Tick> yTicks, bool showXLabels, bool showYLabels)
    {
        var axes = SvgCanvas.Group(new XAttribute("class", "axes"));
        foreach (var tick in xTicks)
        {
            var x = area.X.ToPixel(tick.Value);
            axes.Add(SvgCanvas.Line(x, area.Bottom, x, area.Bottom + 4, Palette.Ink, 1));
            if (showXLabels && X.ShowTickLabels)
            {
                axes.Add(SvgCanvas.Text(x, area.Bottom + 17, tick.Label, TickFontSize, "middle", Palette.Ink));
            }
        }

        foreach (var tick in yTicks)
        {
            var y = area.Y.ToPixel(tick.Value);
            axes.Add(SvgCanvas.Line(area.Left - 4, y, area.Left, y, Palette.Ink, 1));
            if (showYLabels && Y.ShowTickLabels)
            {
                axes.Add(SvgCanvas.Text(area.Left - 7, y + (TickFontSize * 0.35), tick.Label, TickFontSize, "end", Palette.Ink));
            }
        }

        if (area.Y is LogScale log && Y.Ticks is null)
        {
            foreach (var v in log.MinorTicks())
            {
                var y = area.Y.ToPixel(v);
                axes.Add(SvgCanvas.Line(area.Left - 2.5, y, area.Left, y, Palette.Ink, 0.8));
            }
        }

        if (showXLabels && X.Label is not null)
        {
            var label = SvgCanvas.Text(area.Left + (area.Width / 2), area.Bottom + 36, X.Label, LabelFontSize, "middle", Palette.Ink);
            label.SetAttributeValue("class", "axis-label");
            axes.Add(label);
        }

        if (showYLabels && Y.Label is not null)
        {
            var widest = Y.ShowTickLabels && yTicks.Count > 0 ? yTicks.Max(t => SvgCanvas.TextWidth(t.Label, TickFontSize)) : 0;
            var x = area.Left - 14 - Math.Min(widest, 52);
            var label = SvgCanvas.Text(x, area.Top + (area.Height / 2), Y.Label, LabelFontSize, "middle", Palette.Ink, rotate: -90);
            label.SetAttributeValue("class", "axis-label");
            axes.Add(label);
        }

        group.Add(axes);
    }

    private void DrawLegend(XElement group, PlotArea area)
    {
        var entries = Layers.SelectMany(l => l.Legend).DistinctBy(e => e.Label).ToList();
        if (entries.Count == 0)
        {
            return;
        }

        const double size = 11.5;
        const double rowHeight = 16;
        var boxWidth = entries.Max(e => SvgCanvas.TextWidth(e.Label, size)) + 36;
        var boxHeight = (entries.Count * rowHeight) + 6;
        var right = Legend is LegendPosition.TopRight or LegendPosition.BottomRight;
        var bottom = Legend is LegendPosition.BottomLeft or LegendPosition.BottomRight;
        var x = right ? area.Right - boxWidth - 6 : area.Left + 6;
        var y = bottom ? area.Bottom - boxHeight - 6 : area.Top + 6;
        var legend = SvgCanvas.Group(new XAttribute("class", "legend"));
        var box = SvgCanvas.Rect(x, y, boxWidth, boxHeight, "white", "#CCCCCC", 0.8);
        box.SetAttributeValue("fill-opacity", "0.88");
        legend.Add(box);
        for (var k = 0; k < entries.Count; k++)
        {
            var entry = entries[k];
            var cy = y + 3 + (rowHeight * k) + (rowHeight / 2);
            legend.Add(LegendMarkElement(entry, x + 6, cy));
            var text = SvgCanvas.Text(x + 30, cy + (size * 0.35), entry.Label, size, "start", Palette.Ink);
            text.SetAttributeValue("class", "legend-entry");
            legend.Add(text);
        }

        group.Add(legend);
    }

    /// <summary>The sample mark of a legend entry, 18 pixels wide, starting at x and centred on cy.</summary>
    internal static XElement LegendMarkElement(LegendEntry entry, double x, double cy) => entry.Mark switch
    {
        LegendMark.Swatch => WithOpacity(SvgCanvas.Rect(x, cy - 5, 18, 10, entry.Color), 0.6),
        LegendMark.Dot => SvgCanvas.Circle(x + 9, cy, 4, entry.Color),
        LegendMark.DashedLine => SvgCanvas.Line(x, cy, x + 18, cy, entry.Color, 2, entry.Dash ?? "4 3"),
        _ => SvgCanvas.Line(x, cy, x + 18, cy, entry.Color, 2.2),
    };

    private static XElement WithOpacity(XElement element, double opacity)
    {
        element.SetAttributeValue("fill-opacity", SvgCanvas.Num(opacity));
        return element;
    }

    private static void DrawColorBar(SvgCanvas canvas, XElement group, PlotArea area, ColorBar bar)
    {
        var id = canvas.NewId("gradient");
        var gradient = new XElement(SvgCanvas.Ns + "linearGradient", new XAttribute("id", id), new XAttribute("x1", "0"), new XAttribute("y1", "1"), new XAttribute("x2", "0"), new XAttribute("y2", "0"));
        const int stops = 32;
        for (var k = 0; k <= stops; k++)
        {
            var value = bar.Map.Min + ((bar.Map.Max - bar.Map.Min) * k / stops);
            gradient.Add(new XElement(SvgCanvas.Ns + "stop", new XAttribute("offset", SvgCanvas.Num((double)k / stops)), new XAttribute("stop-color", bar.Map.ColorOf(value))));
        }

        canvas.Definitions.Add(gradient);
        var x = area.Right + 16;
        const double width = 14;
        var top = area.Top;
        var height = Math.Max(area.Height, 60);
        var colorbar = SvgCanvas.Group(new XAttribute("class", "colorbar"));
        colorbar.Add(SvgCanvas.Rect(x, top, width, height, $"url(#{id})", "#888888", 0.8));
        var scale = new LinearScale(bar.Map.Min, bar.Map.Max, top + height, top, 4);
        foreach (var tick in scale.Ticks())
        {
            var y = scale.ToPixel(tick.Value);
            colorbar.Add(SvgCanvas.Line(x + width, y, x + width + 4, y, Palette.Ink, 1));
            colorbar.Add(SvgCanvas.Text(x + width + 7, y + (TickFontSize * 0.35), tick.Label, TickFontSize, "start", Palette.Ink));
        }

        colorbar.Add(SvgCanvas.Text(x + width + 54, top + (height / 2), bar.Label, LabelFontSize, "middle", Palette.Ink, rotate: 90));
        group.Add(colorbar);
    }
}
