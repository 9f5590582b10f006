using System.Xml.Linq;
using NeuroSim.Core.RunFolders;
using NeuroSim.Plotting.Data;
using NeuroSim.Plotting.Layout;
using NeuroSim.Plotting.Recipes;
using NeuroSim.Plotting.Svg;

namespace NeuroSim.Tests.Plotting;

/// <summary>Every figure kind, built from a real (3-epoch demo) and a synthetic run folder.</summary>
public sealed class FigureRecipeTests(DemoRunFixture runs) : IClassFixture<DemoRunFixture>
{
    private static readonly XNamespace Svg = SvgCanvas.Ns;

    [Fact]
    public void Ei_balance_shows_five_aligned_rows_per_default_neuron_with_epochs_in_the_legend()
    {
        var figure = Build("ei-balance", runs.DemoRun);
        var document = DemoRunFixture.Render(figure, "recipe-ei-balance");

        // Default neurons: two hidden (L1:0, L1:1) and the output (L2:0); rows E&I, s, f, x, c.
        Assert.Equal(15, Panels(document).Count);
        Assert.Equal(["neuron L1:0", "neuron L1:1", "neuron L2:0"], Panels(document).Select(p => (string?)p.Attribute("data-title")).OfType<string>());
        Assert.Equal(3 * 6, Series(document).Count);
        var legend = SvgOutputTests.Texts(document, "legend-entry");
        Assert.Equal(["E pool", "I pool", "x=[-1 -1] y=[-0.8]", "x=[-1 1] y=[0.8]", "x=[1 -1] y=[0.8]", "x=[1 1] y=[-0.8]"], legend);
        Assert.Contains("recorded stretch 1 of 2", SvgOutputTests.Texts(document, "subtitle").Single(), StringComparison.Ordinal);

        // Only the bottom row carries the time label (aligned time axes).
        Assert.Equal(3, SvgOutputTests.Texts(document, "axis-label").Count(l => l.StartsWith("time", StringComparison.Ordinal)));
    }

    [Fact]
    public void Ei_balance_across_a_recording_gap_breaks_the_lines_and_marks_the_gap()
    {
        var figure = Build("ei-balance", runs.DemoRun, new PlotOptions { Neurons = ["L2:0"], FromMs = 0, ToMs = 1e9 });
        var document = DemoRunFixture.Render(figure, "recipe-ei-balance-gap");
        Assert.Contains("not recorded", SvgOutputTests.Texts(document, "legend-entry"));
        Assert.All(Series(document), p => Assert.Equal(2, ((string)p.Attribute("d")!).Count(c => c == 'M')));
        Assert.Contains("time (s)", SvgOutputTests.Texts(document, "axis-label"));
    }

    [Fact]
    public void Ei_balance_of_the_last_stretch_and_of_chosen_neurons()
    {
        var figure = Build("ei-balance", runs.DemoRun, new PlotOptions { Neurons = ["L0:0", "L1:7"], Segment = -1 });
        var document = DemoRunFixture.Render(figure, "recipe-ei-balance-last");
        Assert.Equal(10, Panels(document).Count);
        Assert.Contains("recorded stretch 2 of 2", SvgOutputTests.Texts(document, "subtitle").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_shows_a_heatmap_per_projection_trajectories_and_start_versus_end()
    {
        var document = DemoRunFixture.Render(Build("weights", runs.DemoRun), "recipe-weights");
        var heatmaps = document.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "heatmap").ToList();
        Assert.Equal([16, 8], heatmaps.Select(h => h.Elements(Svg + "rect").Count()));
        Assert.Single(document.Descendants(Svg + "g"), g => (string?)g.Attribute("class") == "colorbar");
        // 16 + 8 weights: a trajectory and a start-vs-end point each (legend: one entry per projection).
        Assert.Equal(24, document.Descendants(Svg + "path").Count(p => (string?)p.Attribute("class") == "series"));
        Assert.Equal(24, document.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "scatter").Sum(g => g.Elements(Svg + "circle").Count()));
        Assert.Contains("L0 → L1", SvgOutputTests.Texts(document, "legend-entry"));
    }

    [Fact]
    public void Weights_heatmap_follows_an_order_file_and_marks_community_boundaries()
    {
        var order = Path.Combine(runs.Root, "order.csv");
        File.WriteAllLines(order, ["group,index,community", "L1,7,a", "L1,0,a", "L1,3,b"]);
        var document = DemoRunFixture.Render(Build("weights", runs.DemoRun, new PlotOptions { OrderFile = order }), "recipe-weights-ordered");
        var heatmaps = document.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "heatmap").ToList();

        // L0->L1: rows (L1) reordered, boundaries after "a" and after "b"; L1->L2: columns (L1) likewise.
        Assert.Equal(2, heatmaps[0].Elements(Svg + "line").Count());
        Assert.Equal(2, heatmaps[1].Elements(Svg + "line").Count());
        // The first cell of L1 -> L2 is now presynaptic neuron 7, on the shared scale centred on 0.
        var matrices = RunData.Open(runs.DemoRun).WeightMatrices();
        var maxAbs = matrices.SelectMany(m => m.Matrix.SelectMany(r => r)).Max(Math.Abs);
        var expected = ColorMap.Diverging(maxAbs).ColorOf(matrices[1].Matrix[0][7]);
        Assert.Equal(expected, (string?)heatmaps[1].Elements(Svg + "rect").First().Attribute("fill"));
    }

    [Fact]
    public void Updates_raster_has_rows_for_x_c_and_W_that_fire_after_input_changes()
    {
        var document = DemoRunFixture.Render(Build("updates", runs.DemoRun), "recipe-updates");
        var rows = document.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "raster").Elements(Svg + "path").ToList();
        Assert.Contains(rows, r => ((string)r.Attribute("data-label")!).StartsWith("x[", StringComparison.Ordinal));
        Assert.Contains(rows, r => ((string)r.Attribute("data-label")!).StartsWith("c[", StringComparison.Ordinal));
        Assert.Contains(rows, r => ((string)r.Attribute("data-label")!).StartsWith("W[", StringComparison.Ordinal));
        Assert.Equal(["firing x (11)", "credit c (11)", "plasticity W, b (35)"], SvgOutputTests.Texts(document, "legend-entry").Where(l => l.Contains('(', StringComparison.Ordinal)));
    }

    [Fact]
    public void Updates_events_are_dense_after_the_input_change_and_absent_once_converged()
    {
        var figure = Build("updates", runs.SyntheticRunPath, new PlotOptions { Threshold = 0.05 });
        var document = DemoRunFixture.Render(figure, "recipe-updates-synthetic");
        var rows = document.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "raster").Elements(Svg + "path")
            .ToDictionary(r => (string)r.Attribute("data-label")!, r => (string)r.Attribute("d")!);

        // x[A:0] relaxes with tau 10 ms after the step at 50 ms, c[A:0] with 40 ms: one burst each, the
        // credit's longer. x[B:0] and c[B:0] are constant: no events.
        Assert.Equal(1, rows["x[A:0]"].Count(c => c == 'M'));
        Assert.Equal(1, rows["c[A:0]"].Count(c => c == 'M'));
        Assert.True(Width(rows["c[A:0]"]) > Width(rows["x[A:0]"]));
        Assert.False(rows.ContainsKey("x[B:0]"));
    }

    [Fact]
    public void Learning_draws_every_loss_column_of_every_run_on_a_log_axis()
    {
        var one = DemoRunFixture.Render(Build("learning", runs.DemoRun), "recipe-learning");
        Assert.Equal(["bp", "adiabatic", "multirate_eps0.1", "multirate_eps0.05"], SvgOutputTests.Texts(one, "legend-entry"));
        Assert.Contains(one.Descendants(Svg + "text"), t => t.Value.StartsWith("10⁻", StringComparison.Ordinal));
        var two = DemoRunFixture.Render(Build("learning", runs.DemoRun, null, runs.SyntheticRunPath), "recipe-learning-two");
        Assert.Equal(6, Series(two).Count);
        Assert.Contains("synthetic: rule", SvgOutputTests.Texts(two, "legend-entry"));
    }

    public static TheoryData<string> Kinds => [.. FigureRecipes.Kinds];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_renders_a_synthetic_run_and_a_constant_run_without_error(string kind)
    {
        if (kind == "apical")
        {
            // Compartment traces exist only in microcircuit runs (drawn in ApicalPlotTests); a rate-model run is refused with one line.
            var refused = Assert.Throws<ArgumentException>(() => Build(kind, runs.SyntheticRunPath));
            Assert.DoesNotContain('\n', refused.Message);
            return;
        }

        Assert.NotEmpty(Panels(DemoRunFixture.Render(Build(kind, runs.SyntheticRunPath), $"recipe-{kind}-synthetic")));
        var constant = DemoRunFixture.Render(Build(kind, runs.ConstantRunPath), $"recipe-{kind}-constant");
        Assert.NotEmpty(Panels(constant));
        Assert.DoesNotContain("NaN", constant.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_kinds_and_neurons_and_too_many_runs_are_refused_with_the_valid_choices()
    {
        var kind = Assert.Throws<ArgumentException>(() => FigureRecipes.Find("heatmap"));
        Assert.Equal("unknown figure kind 'heatmap'; valid kinds: ei-balance, weights, updates, learning, apical", kind.Message);
        var neuron = Assert.Throws<ArgumentException>(() => Build("ei-balance", runs.SyntheticRunPath, new PlotOptions { Neurons = ["C:0"] }));
        Assert.Equal("neuron 'C:0' is not recorded in monitors/traces.csv; recorded: A:0, B:0", neuron.Message);
        Assert.Throws<ArgumentException>(() => Build("weights", runs.DemoRun, null, runs.SyntheticRunPath));
        Assert.Throws<ArgumentException>(() => Build("ei-balance", runs.DemoRun, new PlotOptions { Segment = 3 }));
    }

    private static Figure Build(string kind, string run, PlotOptions? options = null, params string[] more) =>
        FigureRecipes.Build(FigureRecipes.Find(kind), [RunData.Open(run), .. more.Select(RunData.Open)], options ?? new PlotOptions());

    private static List<XElement> Panels(XDocument document) =>
        [.. document.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "panel")];

    private static List<XElement> Series(XDocument document) =>
        [.. document.Descendants(Svg + "path").Where(p => (string?)p.Attribute("class") == "series" && (string?)p.Attribute("data-label") is not null)];

    /// <summary>Total width of the marks of a raster row path (M x,y h w v ... ).</summary>
    private static double Width(string data) =>
        data.Split('h', StringSplitOptions.RemoveEmptyEntries).Skip(1).Where((_, k) => k % 2 == 0)
            .Sum(part => double.Parse(part.Split('v')[0], System.Globalization.CultureInfo.InvariantCulture));
}
