using System.Xml.Linq;
using NeuroSim.Plotting.Layers;
using NeuroSim.Plotting.Layout;
using NeuroSim.Plotting.Rendering;
using SkiaSharp;

namespace NeuroSim.Tests.Plotting;

/// <summary>The house-style layer over ScottPlot: what a panel becomes, and what the PNG and SVG hold.</summary>
public sealed class FigureRenderingTests
{
    [Fact]
    public void A_line_plot_becomes_one_scottplot_line_per_series_with_legend_items_axis_labels_and_text_in_the_png()
    {
        var panel = new Panel();
        panel.X.Label = "time (ms)";
        panel.Y.Label = "rate x";
        double[] t = [0, 1, 2, 3];
        panel.Add(new LineSeries("E pool", t, [0, 1, 0.5, 0.2], Palette.Vermillion));
        panel.Add(new LineSeries("I pool", t, [0, -1, 0.5, 0.2], Palette.Blue));
        panel.Add(new LineSeries("s", t, [1, 2, 3, 4], Palette.Black, dash: "4 3"));
        var figure = new Figure(1, 1) { Title = "three series", Width = 600, Height = 400 };
        figure.Add(0, 0, panel);

        var model = new FigureModel(figure);

        Assert.Equal(3, model.Lines.Count);
        Assert.Equal([0.0, -1, 0.5, 0.2], model.Lines[1].Data.GetScatterPoints().Select(p => p.Y));
        Assert.Equal(ScottPlot.LinePattern.Dashed, model.Lines[2].LinePattern);
        Assert.Equal(["E pool", "I pool", "s"], model.LegendLabels);
        Assert.Equal(["time (ms)", "rate x"], model.AxisLabels);

        // The y range holds the data (-1 .. 4) with a small margin; the PNG is 2x the figure size.
        var limits = model.Plots[0].Axes.GetLimits();
        Assert.InRange(limits.Bottom, -1.3, -1.0);
        Assert.InRange(limits.Top, 4.0, 4.3);
        using var bitmap = SKBitmap.Decode(model.Png);
        Assert.Equal((1200, 800), (bitmap.Width, bitmap.Height));

        // Text was drawn (the embedded font has glyphs): dark pixels in the title band, under the x axis
        // (tick labels and label) and left of the y axis; none in the empty right margin of the title band.
        Assert.True(model.DarkPixels(16, 0, 200, 28) > 100, "no title text");
        Assert.True(model.DarkPixels(Figure.PadLeft, 400 - Figure.PadBottom + 4, 560, 400) > 100, "no x-axis text");
        Assert.True(model.DarkPixels(0, 60, Figure.PadLeft - 6, 340) > 100, "no y-axis text");
        Assert.Equal(0, model.DarkPixels(400, 0, 600, 20));
    }

    [Fact]
    public void Rendering_the_same_figure_twice_gives_byte_identical_png()
    {
        static Figure Make()
        {
            var figure = new Figure(1, 2) { Title = "same input, same bytes", Width = 700, Height = 300 };
            figure.Add(0, 0, new Panel()).Add(new LineSeries("x", [0, 1, 2, 3], [0.1, 0.7, 0.4, 0.9], Palette.Blue));
            var heat = figure.Add(0, 1, new Panel { ColorBar = new ColorBar(ColorMap.Diverging(1), "w") });
            heat.Add(new Heatmap([[0.5, -0.5], [1, double.NaN]], ColorMap.Diverging(1)));
            return figure;
        }

        var first = FigureCanvas.Png(Make());
        var second = FigureCanvas.Png(Make());
        Assert.True(first.Length > 1000);
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_NaN_breaks_the_line_into_two_unconnected_lines()
    {
        var figure = new Figure(1, 1);
        figure.Add(0, 0, new Panel()).Add(new LineSeries("x", [0, 1, double.NaN, 3, 4], [0, 1, double.NaN, 1, 0], Palette.Blue));
        var lines = new FigureModel(figure).Lines;
        Assert.Equal([[0.0, 1], [3.0, 4]], lines.Select(l => l.Data.GetScatterPoints().Select(p => p.X).ToArray()));
    }

    [Fact]
    public void Empty_and_constant_data_render_with_finite_limits_on_linear_and_log_axes()
    {
        var figure = new Figure(2, 2);
        figure.Add(0, 0, new Panel()).Add(new LineSeries("empty", [], [], Palette.Blue));
        figure.Add(0, 1, new Panel()).Add(new LineSeries("constant", [0, 1, 2], [3, 3, 3], Palette.Blue));
        var log = figure.Add(1, 0, new Panel());
        log.Y.Log = true;
        log.Add(new LineSeries("zeros on a log axis", [0, 1], [0, 0], Palette.Blue));
        var single = figure.Add(1, 1, new Panel());
        single.Y.Log = true;
        single.Add(new LineSeries("one point", [5], [1e-3], Palette.Blue));
        single.Add(new Heatmap([], ColorMap.Diverging(0)));

        var model = new FigureModel(figure);

        Assert.Equal(4, model.Plots.Length);
        Assert.All(model.Plots, p => Assert.True(p.Axes.GetLimits().IsReal));
        var constant = model.Plots[1].Axes.GetLimits();
        Assert.True(constant.Bottom < 3 && constant.Top > 3);

        // The log axis draws log10(value): 1e-3 sits at -3, inside whole decades.
        Assert.Equal(-3, model.Plots[3].GetPlottables<ScottPlot.Plottables.Scatter>().Single().Data.GetScatterPoints()[0].Y, 12);
        Assert.Equal((-3.0, -2.0), (model.Plots[3].Axes.GetLimits().Bottom, model.Plots[3].Axes.GetLimits().Top));
    }

    [Fact]
    public void Shared_axes_label_only_the_bottom_row_and_first_column_and_align_the_data_areas()
    {
        var figure = new Figure(2, 2) { ShareX = true, ShareYInRow = true, Width = 800, Height = 500 };
        for (var r = 0; r < 2; r++)
        {
            for (var c = 0; c < 2; c++)
            {
                var panel = figure.Add(r, c, new Panel());
                panel.X.Label = "time (ms)";
                panel.Y.Label = $"row {r}";
                panel.Add(new LineSeries(null, [0, 10 * (c + 1)], [r, r + c + 1], Palette.Blue));
            }
        }

        var model = new FigureModel(figure);

        Assert.Equal(["row 0", "row 1", "time (ms)", "time (ms)"], model.AxisLabels.Order(StringComparer.Ordinal));
        Assert.Single(model.Plots.Select(p => (p.Axes.GetLimits().Left, p.Axes.GetLimits().Right)).Distinct());
        Assert.Equal(model.Plots[0].Axes.GetLimits().Top, model.Plots[1].Axes.GetLimits().Top);
        var areas = model.Plots.Select(p => p.LastRender.DataRect).ToList();
        Assert.Equal(areas[0].Width, areas[1].Width, 0.5);
        Assert.Equal(areas[0].Left, areas[2].Left, 0.5);
        Assert.Equal(areas[0].Height, areas[2].Height, 0.5);
    }

    [Fact]
    public void Heatmap_puts_row_0_at_the_top_greys_missing_cells_and_has_a_colour_bar()
    {
        var map = ColorMap.Diverging(2);
        Assert.Equal("#F7F7F7", map.ColorOf(0));
        Assert.Equal("#2166AC", map.ColorOf(-2));
        Assert.Equal("#B2182B", map.ColorOf(5));
        var panel = new Panel { ColorBar = new ColorBar(map, "weight w"), Legend = LegendPosition.None };
        panel.Y.Inverted = true;
        panel.X.Grid = panel.Y.Grid = false;
        panel.Add(new Heatmap([[2, 2, 2], [-2, -2, double.NaN]], map) { RowSeparators = [1] });
        var figure = new Figure(1, 1) { Width = 500, Height = 400 };
        figure.Add(0, 0, panel);

        var model = new FigureModel(figure);

        var heatmap = Assert.Single(model.Plottables<ScottPlot.Plottables.Heatmap>());
        Assert.Equal((2, 3), (heatmap.Intensities.GetLength(0), heatmap.Intensities.GetLength(1)));
        Assert.Single(model.Plottables<ScottPlot.Plottables.LinePlot>());
        var bar = Assert.Single(model.Plots[0].Axes.GetPanels().OfType<ScottPlot.Panels.ColorBar>());
        Assert.Equal("weight w", bar.Label);

        // The cells fill the frame (no margin), row 0 at the top of the inverted y axis.
        var limits = model.Plots[0].Axes.GetLimits();
        Assert.Equal((0.0, 3.0, 2.0, 0.0), (limits.Left, limits.Right, limits.Bottom, limits.Top));

        // Row 0 (all +2, red) is drawn in the top half of the data area, row 1 (blue) in the bottom half.
        var area = model.Plots[0].LastRender.DataRect;
        Assert.Equal(SKColor.Parse("#B2182B"), PixelAt(model.Png, area.Left + (area.Width / 6), area.Top + (area.Height / 4)));
        Assert.Equal(SKColor.Parse("#2166AC"), PixelAt(model.Png, area.Left + (area.Width / 6), area.Bottom - (area.Height / 4)));
        Assert.Equal(SKColor.Parse(ColorMap.MissingColor), PixelAt(model.Png, area.Right - (area.Width / 6), area.Bottom - (area.Height / 4)));
    }

    [Fact]
    public void Scatter_identity_line_and_raster_become_their_plottables()
    {
        var scatter = new Panel().Add(new ScatterSeries("w", [0, 1, 2], [0, 1.5, 2], Palette.Blue)).Add(new IdentityLine());
        var raster = new Panel().Add(new EventRaster([new RasterRow("x[L1:0]", Palette.Blue, [(0, 1), (5, 5)]), new RasterRow("c[L1:0]", Palette.ReddishPurple, [])]));
        var figure = new Figure(1, 2);
        figure.Add(0, 0, scatter);
        figure.Add(0, 1, raster);

        var model = new FigureModel(figure);

        var lines = model.Plots[0].GetPlottables<ScottPlot.Plottables.Scatter>().ToList();
        Assert.Equal(3, lines[0].Data.GetScatterPoints().Count);
        Assert.Equal(7, lines[0].MarkerSize);
        Assert.Equal(ScottPlot.LinePattern.Dashed, lines[1].LinePattern);
        Assert.All(lines[1].Data.GetScatterPoints(), p => Assert.Equal(p.X, p.Y, 12));
        Assert.Equal(["w", "y = x"], model.LegendLabels);
        var drawn = Assert.Single(model.Plots[1].GetPlottables<EventRaster.RasterPlottable>());
        Assert.Equal([2, 0], drawn.Raster.Rows.Select(r => r.Events.Count));
    }

    [Fact]
    public void Seeds_are_drawn_as_a_mean_line_over_a_95_percent_student_t_band()
    {
        // 1, 2, 3, 4: mean 2.5, s = 1.2909944, t(0.975, 3) = 3.1824463 (tables), half-width t s / 2 = 2.0541.
        var layer = new MeanWithInterval("r", [0, 1], [[1, 2, 3, 4], [5, double.NaN]], Palette.Blue);
        Assert.Equal(2.5, layer.Intervals[0].Mean, 12);
        Assert.Equal(3.1824463 * 1.2909944 / 2, layer.Intervals[0].HalfWidth, 5);
        Assert.True(double.IsNaN(layer.Intervals[1].HalfWidth), "one sample has no interval");
        var figure = new Figure(1, 1);
        figure.Add(0, 0, new Panel()).Add(layer).Add(new MeanWithInterval("q", [0, 1, 2], [[1, 3], [2, 4], [3, 5]], Palette.Vermillion));
        var model = new FigureModel(figure);
        Assert.Single(model.Plottables<ScottPlot.Plottables.FillY>());
        Assert.Equal(["r (mean, 95% CI)", "q (mean, 95% CI)"], model.LegendLabels);
        Assert.Equal([2.0, 3, 4], model.Lines[1].Data.GetScatterPoints().Select(p => p.Y));
    }

    [Fact]
    public void Categories_are_drawn_as_a_mean_with_a_95_percent_error_bar()
    {
        // 1, 2, 3, 4: mean 2.5, half-width t(0.975, 3) s / 2 = 3.1824463 * 1.2909944 / 2 = 2.0541 (as above).
        var layer = new MeanWithInterval("drug", [0, 1], [[1, 2, 3, 4], [7]], Palette.Blue) { ErrorBars = true };
        var half = 3.1824463 * 1.2909944 / 2;
        Assert.Equal(half, layer.Intervals[0].HalfWidth, 5);
        var figure = new Figure(1, 1);
        figure.Add(0, 0, new Panel()).Add(layer);
        var model = new FigureModel(figure);

        // One bar (the single sample at x = 1 has no interval) from mean - h to mean + h, and a marker per mean.
        var lines = model.Lines.Select(l => l.Data.GetScatterPoints()).ToList();
        var bar = Assert.Single(lines, p => p.Count == 2);
        Assert.Equal([0.0, 0.0], bar.Select(p => p.X));
        Assert.Equal(2.5 - half, bar[0].Y, 5);
        Assert.Equal(2.5 + half, bar[1].Y, 5);
        Assert.Equal([2.5, 7.0], lines.Where(p => p.Count == 1).Select(p => p[0].Y));
        Assert.Equal(["drug (mean, 95% CI)"], model.LegendLabels);
    }

    [Fact]
    public void On_a_log_axis_a_band_that_reaches_zero_runs_to_the_bottom_instead_of_leaving_a_gap()
    {
        // At x = 1 the interval of 0.01, 1 reaches below 0; the band must still cover x = 0, 1 and 2.
        var figure = new Figure(1, 1);
        var panel = figure.Add(0, 0, new Panel());
        panel.Y.Log = true;
        panel.Add(new MeanWithInterval("r", [0, 1, 2], [[1, 1.1, 0.9], [0.01, 1], [1, 1.1, 0.9]], Palette.Blue));
        var fill = Assert.Single(new FigureModel(figure).Plottables<ScottPlot.Plottables.FillY>());
        var limits = fill.GetAxisLimits();
        Assert.Equal(0, limits.Left);
        Assert.Equal(2, limits.Right);
        Assert.True(limits.Bottom < -5, $"the band's bottom at x = 1 runs below the panel (bottom {limits.Bottom})");
    }

    [Fact]
    public void A_log_axis_that_ends_on_decades_labels_both_end_decades()
    {
        // log10(0.001) is -2.9999999999999996 in floating point: unsnapped, the axis would start just above its -3 tick.
        var figure = new Figure(1, 1);
        var panel = figure.Add(0, 0, new Panel());
        panel.X.Log = true;
        panel.Add(new LineSeries("r", [0.001, 0.01, 0.1], [1, 2, 3], Palette.Blue));
        var plot = new FigureModel(figure).Plots.Single();
        var limits = plot.Axes.GetLimits();
        Assert.Equal((-3.0, -1.0), (limits.Left, limits.Right));
        plot.RenderInMemory(400, 300);
        var labels = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToList();
        Assert.Equal(["1e-3", "0.01", "0.1"], labels);
    }

    [Fact]
    public void Tick_labels_use_the_invariant_culture_whatever_the_thread_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            // A culture with a decimal comma (the build runs in invariant-globalization mode, so no named culture is at hand).
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;
            Assert.Equal("0,5", 0.5.ToString(CultureInfo.CurrentCulture));
            Assert.Equal("0.5", Panel.Number(0.5));
            Assert.Equal("1e-4", Panel.Decade(-4));
            Assert.Equal("0.01", Panel.Decade(-2));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void The_embedded_font_is_what_scottplot_resolves_and_it_has_glyphs()
    {
        EmbeddedFonts.EnsureRegistered();
        var typeface = ScottPlot.Fonts.GetTypeface(ScottPlot.Fonts.Default, bold: false, italic: false);
        Assert.Equal(EmbeddedFonts.Family, typeface.FamilyName);
        using var font = new SKFont(typeface, 12);
        Assert.DoesNotContain((ushort)0, font.GetGlyphs("time (ms) 0.5 → c"));
        Assert.Equal(EmbeddedFonts.Family, ScottPlot.Fonts.GetTypeface("no such family", bold: true, italic: false).FamilyName);
    }

    [Fact]
    public void Writing_a_figure_gives_a_png_and_a_well_formed_svg_and_leaves_no_temporary_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"neurosim-figure-{Guid.NewGuid():N}");
        try
        {
            var figure = new Figure(1, 1) { Title = "t" };
            figure.Add(0, 0, new Panel()).Add(new LineSeries("x", [0, 1], [0, 1], Palette.Blue));
            var (png, svg) = FigureFile.Write(figure, Path.Combine(folder, "f.svg"));
            Assert.Equal(["f.png", "f.svg"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.Equal(FigureCanvas.Png(figure), File.ReadAllBytes(png));
            var document = XDocument.Load(svg);
            Assert.Equal("svg", document.Root!.Name.LocalName);
            Assert.Contains(document.Descendants(), e => e.Name.LocalName == "text" && e.Value.Contains('t', StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static SKColor PixelAt(byte[] png, float x, float y)
    {
        using var bitmap = SKBitmap.Decode(png);
        return bitmap.GetPixel((int)(x * FigureCanvas.PngScale), (int)(y * FigureCanvas.PngScale));
    }
}
