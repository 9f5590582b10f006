using NeuroSim.Plotting.Rendering;
using ScottPlot;
using Palette = NeuroSim.Plotting.Layout.Palette;
using ScottPlot.TickGenerators;

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

/// <summary>A colour bar beside a panel, for the colour map of its heatmap.</summary>
public sealed record ColorBar(ColorMap Map, string Label);

/// <summary>
/// One set of axes and the layers drawn on them: a recipe's description that <see cref="ToPlot"/> turns
/// into a ScottPlot <see cref="Plot"/> in NeuroSim's house style.
/// </summary>
public sealed class Panel
{
    public const float TickFontSize = 12;
    public const float LabelFontSize = 13;
    public const float TitleFontSize = 13;

    public string? Title { get; set; }

    public AxisOptions X { get; } = new();

    public AxisOptions Y { get; } = new();

    public IList<IPlotLayer> Layers { get; } = [];

    public LegendPosition Legend { get; set; } = LegendPosition.TopRight;

    /// <summary>A thin line at y = 0 when 0 lies inside the y range.</summary>
    public bool ZeroLine { get; set; }

    /// <summary>Square data units (heatmap cells).</summary>
    public bool KeepAspect { get; set; }

    public ColorBar? ColorBar { get; set; }

    /// <summary>Text drawn in the middle of an empty panel.</summary>
    public string? EmptyMessage { get; set; }

    public Panel Add(IPlotLayer layer)
    {
        Layers.Add(layer);
        return this;
    }

    /// <summary>The legend entries of the layers, once per label.</summary>
    public IReadOnlyList<LegendEntry> LegendEntries() => [.. Layers.SelectMany(l => l.Legend).DistinctBy(e => e.Label)];

    internal Bounds XBounds() => DataBounds().X;

    internal Bounds YBounds() => DataBounds().Y;

    /// <summary>A heatmap fills its cells to the frame: its axes take no margin.</summary>
    internal bool HasHeatmap => Layers.Any(l => l is Heatmap);

    /// <summary>The ends of an axis (data units) from its options and the data bounds: a 4% margin (none when tight), whole decades on a log axis.</summary>
    internal static (double Min, double Max) Range(AxisOptions axis, Bounds bounds, bool tight = false)
    {
        tight |= axis.Tight;
        var (lo, hi) = bounds.IsEmpty ? (axis.Log ? (1.0, 10.0) : (0.0, 1.0)) : (bounds.Min, bounds.Max);
        lo = axis.Min ?? lo;
        hi = axis.Max ?? hi;
        if (axis.Log)
        {
            var niceLo = Math.Pow(10, Math.Floor(Math.Log10(lo)));
            var niceHi = Math.Pow(10, Math.Ceiling(Math.Log10(hi)));
            niceHi = niceHi > niceLo ? niceHi : niceLo * 10;
            return (axis.Min ?? (tight && hi > lo ? lo : niceLo), axis.Max ?? (tight && hi > lo ? hi : niceHi));
        }

        if (!(hi > lo))
        {
            var half = lo == 0 ? 1 : Math.Abs(lo) * 0.5;
            return (axis.Min ?? lo - half, axis.Max ?? hi + half);
        }

        var margin = tight ? 0 : 0.04 * (hi - lo);
        return (axis.Min ?? lo - margin, axis.Max ?? hi + margin);
    }

    /// <summary>
    /// The ScottPlot plot of this panel over the given axis ranges (data units). Tick labels and axis
    /// labels are left out where a shared axis shows them on another panel.
    /// </summary>
    public Plot ToPlot((double Min, double Max) xRange, (double Min, double Max) yRange, bool showXLabels = true, bool showYLabels = true)
    {
        EmbeddedFonts.EnsureRegistered();
        var plot = new Plot();
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        StyleAxis(plot.Axes.Bottom, X, showXLabels);
        StyleAxis(plot.Axes.Left, Y, showYLabels);
        plot.Grid.MajorLineColor = Palette.ToColor(Palette.Grid);
        plot.Grid.XAxisStyle.IsVisible = X.Grid;
        plot.Grid.YAxisStyle.IsVisible = Y.Grid;
        plot.Axes.Title.Label.Text = Title ?? string.Empty;
        plot.Axes.Title.Label.FontSize = TitleFontSize;
        plot.Axes.Title.Label.Bold = true;

        var (x0, x1) = (X.ToPlot(xRange.Min), X.ToPlot(xRange.Max));
        var (y0, y1) = (Y.ToPlot(yRange.Min), Y.ToPlot(yRange.Max));
        plot.Axes.SetLimits(X.Inverted ? x1 : x0, X.Inverted ? x0 : x1, Y.Inverted ? y1 : y0, Y.Inverted ? y0 : y1);
        if (ZeroLine && !Y.Log && yRange.Min < 0 && yRange.Max > 0)
        {
            var zero = plot.Add.HorizontalLine(0, 1, Palette.ToColor("#AAAAAA"));
            zero.EnableAutoscale = false;
        }

        foreach (var layer in Layers)
        {
            layer.AddTo(plot, X, Y);
        }

        if (EmptyMessage is not null)
        {
            var message = plot.Add.Annotation(EmptyMessage, Alignment.MiddleCenter);
            message.LabelFontColor = Palette.ToColor(Palette.Muted);
            message.LabelBackgroundColor = Colors.Transparent;
            message.LabelBorderWidth = 0;
            message.LabelShadowColor = Colors.Transparent;
        }

        if (ColorBar is not null && plot.GetPlottables<ScottPlot.Plottables.Heatmap>().FirstOrDefault() is { } heatmap)
        {
            var bar = plot.Add.ColorBar(heatmap);
            bar.Label = ColorBar.Label;
            bar.LabelStyle.FontSize = LabelFontSize;
            bar.Axis.TickLabelStyle.FontSize = TickFontSize;
            bar.Axis.TickGenerator = new NumericAutomatic { LabelFormatter = Number };
        }

        if (KeepAspect)
        {
            plot.Axes.SquareUnits();
        }

        AddLegend(plot);
        return plot;
    }

    /// <summary>Tick labels in the invariant culture whatever the machine's locale ("0.5", never "0,5").</summary>
    internal static string Number(double value) =>
        Math.Abs(value) < 1e-12 ? "0" : Math.Round(value, 10).ToString("G5", CultureInfo.InvariantCulture);

    /// <summary>A decade on a log axis, drawn at log10(v): "1e-3", "1", "100".</summary>
    internal static string Decade(double exponent)
    {
        var k = (int)Math.Round(exponent);
        return k is >= -2 and <= 3 ? Math.Pow(10, k).ToString("G", CultureInfo.InvariantCulture) : $"1e{k.ToString(CultureInfo.InvariantCulture)}";
    }

    private static void StyleAxis(IAxis axis, AxisOptions options, bool showLabels)
    {
        axis.Label.Text = showLabels ? options.Label ?? string.Empty : string.Empty;
        axis.Label.FontSize = LabelFontSize;
        axis.Label.Bold = false;
        axis.TickLabelStyle.FontSize = TickFontSize;
        axis.TickLabelStyle.IsVisible = showLabels && options.ShowTickLabels;
        if (options.Ticks is { } ticks)
        {
            var manual = new NumericManual();
            foreach (var tick in ticks)
            {
                manual.AddMajor(options.ToPlot(tick.Value), tick.Label);
            }

            axis.TickGenerator = manual;
        }
        else if (options.Log)
        {
            axis.TickGenerator = new NumericAutomatic
            {
                IntegerTicksOnly = true,
                LabelFormatter = Decade,
                MinorTickGenerator = new LogDecadeMinorTickGenerator(),
            };
        }
        else
        {
            // ScottPlot spaces ticks by the room their labels need; TickTarget only thins them on small panels.
            axis.TickGenerator = new NumericAutomatic { LabelFormatter = Number, TickDensity = Math.Clamp(options.TickTarget / 5.0, 0.5, 1) };
        }
    }

    private void AddLegend(Plot plot)
    {
        var entries = LegendEntries();
        plot.Legend.IsVisible = Legend != LegendPosition.None && entries.Count > 0;
        plot.Legend.Alignment = Legend switch
        {
            LegendPosition.TopLeft => Alignment.UpperLeft,
            LegendPosition.BottomLeft => Alignment.LowerLeft,
            LegendPosition.BottomRight => Alignment.LowerRight,
            _ => Alignment.UpperRight,
        };
        plot.Legend.FontSize = 11.5f;
        plot.Legend.OutlineColor = Palette.ToColor("#CCCCCC");
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.88);
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.ManualItems = [.. entries.Select(LegendItemOf)];
    }

    /// <summary>The ScottPlot legend item that draws a legend entry's mark.</summary>
    internal static LegendItem LegendItemOf(LegendEntry entry)
    {
        var color = Palette.ToColor(entry.Color);
        var item = new LegendItem { LabelText = entry.Label };
        switch (entry.Mark)
        {
            case LegendMark.Swatch:
                item.FillColor = color.WithAlpha(0.6);
                break;
            case LegendMark.Dot:
                item.MarkerShape = MarkerShape.FilledCircle;
                item.MarkerSize = 8;
                item.MarkerColor = color;
                break;
            default:
                item.LineColor = color;
                item.LineWidth = 2;
                item.LinePattern = entry.Mark == LegendMark.DashedLine ? LinePattern.Dashed : LinePattern.Solid;
                break;
        }

        return item;
    }

    private (Bounds X, Bounds Y) DataBounds()
    {
        var x = new Bounds();
        var y = new Bounds();
        foreach (var layer in Layers)
        {
            layer.IncludeBounds(x, y, X.Log, Y.Log);
        }

        return (x, y);
    }
}
