using System.Xml.Linq;
using NeuroSim.Plotting.Layers;
using NeuroSim.Plotting.Layout;
using NeuroSim.Plotting.Svg;

namespace NeuroSim.Tests.Plotting;

public sealed class SvgOutputTests
{
    private static readonly XNamespace Svg = SvgCanvas.Ns;

    [Fact]
    public void A_line_plot_has_one_path_per_series_legend_entries_and_axis_labels()
    {
        var panel = new Panel();
        panel.X.Label = "time (ms)";
        panel.Y.Label = "rate x";
        double[] t = [0, 1, 2, 3];
        panel.Add(new LineSeries("E pool", t, [0, 1, 0.5, 0.2], Palette.Vermillion));
        panel.Add(new LineSeries("I pool", t, [0, -1, 0.5, 0.2], Palette.Blue));
        panel.Add(new LineSeries("s", t, [1, 2, 3, 4], Palette.Black, dash: "4 3"));
        var figure = new Figure(1, 1) { Title = "three series" };
        figure.Add(0, 0, panel);

        var document = Reparse(figure.Render());

        Assert.Equal(Svg + "svg", document.Root!.Name);
        Assert.Equal(3, document.Descendants(Svg + "path").Count(p => (string?)p.Attribute("class") == "series"));
        Assert.Equal(["E pool", "I pool", "s"], Texts(document, "legend-entry"));
        Assert.Equal(["time (ms)", "rate x"], Texts(document, "axis-label"));
        Assert.Equal(["three series"], Texts(document, "title"));
    }

    [Fact]
    public void A_NaN_breaks_the_line_into_two_pieces()
    {
        var panel = new Panel().Add(new LineSeries("x", [0, 1, double.NaN, 3, 4], [0, 1, double.NaN, 1, 0], Palette.Blue));
        var figure = new Figure(1, 1);
        figure.Add(0, 0, panel);
        var path = Reparse(figure.Render()).Descendants(Svg + "path").Single(p => (string?)p.Attribute("class") == "series");
        Assert.Equal(2, ((string)path.Attribute("d")!).Count(c => c == 'M'));
    }

    [Fact]
    public void Empty_and_constant_data_render_without_error_on_linear_and_log_axes()
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

        var document = Reparse(figure.Render());

        Assert.Equal(4, document.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "panel"));
        Assert.DoesNotContain("NaN", document.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", document.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Shared_x_axes_label_only_the_bottom_row_and_align_the_panels()
    {
        var figure = new Figure(2, 2) { ShareX = true, ShareYInRow = true };
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

        var document = Reparse(figure.Render());
        // y labels only in the first column, x labels only in the bottom row.
        Assert.Equal(["row 0", "row 1", "time (ms)", "time (ms)"], Texts(document, "axis-label").Order(StringComparer.Ordinal));
        var frames = document.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "panel")
            .Select(g => g.Elements(Svg + "rect").Single(r => (string?)r.Attribute("fill") == "none")).ToList();
        Assert.Equal((string?)frames[0].Attribute("width"), (string?)frames[1].Attribute("width"));
        Assert.Equal((string?)frames[0].Attribute("x"), (string?)frames[2].Attribute("x"));
    }

    [Fact]
    public void Heatmap_draws_one_cell_per_entry_with_white_at_zero_and_a_colour_bar()
    {
        var map = ColorMap.Diverging(2);
        Assert.Equal("#F7F7F7", map.ColorOf(0));
        Assert.Equal("#2166AC", map.ColorOf(-2));
        Assert.Equal("#B2182B", map.ColorOf(5));
        var panel = new Panel { KeepAspect = true, ColorBar = new ColorBar(map, "weight w") };
        panel.Y.Inverted = true;
        panel.Add(new Heatmap([[1, -1, 0], [2, -2, double.NaN]], map) { RowSeparators = [1] });
        var figure = new Figure(1, 1);
        figure.Add(0, 0, panel);

        var document = Reparse(figure.Render());

        var heatmap = document.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "heatmap");
        Assert.Equal(6, heatmap.Elements(Svg + "rect").Count());
        Assert.Single(heatmap.Elements(Svg + "line"));
        Assert.Single(document.Descendants(Svg + "linearGradient"));
        Assert.Contains(document.Descendants(Svg + "text"), t => t.Value == "weight w");
    }

    [Fact]
    public void Scatter_with_identity_line_and_raster_render_their_marks()
    {
        var scatter = new Panel().Add(new ScatterSeries("w", [0, 1, 2], [0, 1.5, 2], Palette.Blue)).Add(new IdentityLine());
        var raster = new Panel().Add(new EventRaster([new RasterRow("x[L1:0]", Palette.Blue, [(0, 1), (5, 5)]), new RasterRow("c[L1:0]", Palette.ReddishPurple, [])]));
        var figure = new Figure(1, 2);
        figure.Add(0, 0, scatter);
        figure.Add(0, 1, raster);

        var document = Reparse(figure.Render());

        var scatterGroup = document.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "scatter");
        Assert.Equal(3, scatterGroup.Elements(Svg + "circle").Count());
        Assert.Single(document.Descendants(Svg + "path"), p => (string?)p.Attribute("class") == "identity");
        var rows = document.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "raster").Elements(Svg + "path").ToList();
        Assert.Single(rows);
        Assert.Equal(2, ((string)rows[0].Attribute("d")!).Count(c => c == 'M'));
    }

    [Fact]
    public void Numbers_in_the_svg_are_invariant_and_short()
    {
        Assert.Equal("1.5", SvgCanvas.Num(1.5));
        Assert.Equal("0", SvgCanvas.Num(-0.001));
        Assert.Equal("-3.14", SvgCanvas.Num(-3.14159));
        Assert.Equal("12345.68", SvgCanvas.Num(12345.678));
    }

    [Fact]
    public void Writing_a_file_leaves_no_temporary_behind()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"neurosim-svg-{Guid.NewGuid():N}");
        try
        {
            var figure = new Figure(1, 1);
            figure.Add(0, 0, new Panel());
            SvgFile.Write(figure.Render(), Path.Combine(folder, "f.svg"));
            Assert.Equal(["f.svg"], Directory.GetFiles(folder).Select(Path.GetFileName));
            XDocument.Load(Path.Combine(folder, "f.svg"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Serialises and parses again: the text written to disk is well-formed XML.</summary>
    internal static XDocument Reparse(XDocument document) => XDocument.Parse(document.ToString());

    internal static List<string> Texts(XDocument document, string cssClass) =>
        [.. document.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == cssClass).Select(t => t.Value)];
}
