using NeuroSim.Core.RunFolders;
using NeuroSim.Plotting.Data;
using NeuroSim.Plotting.Layout;
using NeuroSim.Plotting.Recipes;
using NeuroSim.Plotting.Rendering;

namespace NeuroSim.Tests.Plotting;

/// <summary>Every figure kind, built from a real (3-epoch demo) and a synthetic run folder.</summary>
public sealed class FigureRecipeTests(DemoRunFixture runs) : IClassFixture<DemoRunFixture>
{
    [Fact]
    public void Ei_balance_shows_five_aligned_rows_per_default_neuron_with_epochs_in_the_legend()
    {
        var figure = DemoRunFixture.Render(Build("ei-balance", runs.DemoRun), "recipe-ei-balance");

        // Default neurons: two hidden (L1:0, L1:1) and the output (L2:0); rows E&I, s, f, x, c.
        Assert.Equal(15, figure.Plots.Length);
        Assert.Equal(["neuron L1:0", "neuron L1:1", "neuron L2:0"], figure.PanelTitles);
        Assert.Equal(3 * 6, figure.Lines.Count);
        Assert.Equal(["E pool", "I pool", "x=[-1 -1] y=[-0.8]", "x=[-1 1] y=[0.8]", "x=[1 -1] y=[0.8]", "x=[1 1] y=[-0.8]"], figure.LegendLabels);
        Assert.Contains("recorded stretch 1 of 2", figure.Figure.Subtitle, StringComparison.Ordinal);

        // The PNG has text in the title band and under the bottom row (tick labels, "time (s)").
        var (width, height) = figure.Figure.PixelSize;
        Assert.True(figure.DarkPixels(0, 0, width / 2f, 24) > 200, "no title text");
        Assert.True(figure.DarkPixels(0, figure.Plots[^1].LastRender.DataRect.Bottom + 2, width, height - 30) > 200, "no x-axis text");

        // Only the bottom row carries the time label (aligned time axes), and every panel shows the same time range.
        Assert.Equal(3, figure.AxisLabels.Count(l => l.StartsWith("time", StringComparison.Ordinal)));
        Assert.Single(figure.Plots.Select(p => (p.Axes.GetLimits().Left, p.Axes.GetLimits().Right)).Distinct());
    }

    [Fact]
    public void Ei_balance_across_a_recording_gap_breaks_the_lines_and_marks_the_gap()
    {
        var figure = DemoRunFixture.Render(Build("ei-balance", runs.DemoRun, new PlotOptions { Neurons = ["L2:0"], FromMs = 0, ToMs = 1e9 }), "recipe-ei-balance-gap");
        Assert.Contains("not recorded", figure.LegendLabels);

        // Six series (E, I, s, f, x, c), each broken at the gap into two unconnected lines.
        Assert.Equal(2 * 6, figure.Lines.Count);
        Assert.Contains("time (s)", figure.AxisLabels);
    }

    [Fact]
    public void Ei_balance_of_the_last_stretch_and_of_chosen_neurons()
    {
        var figure = DemoRunFixture.Render(Build("ei-balance", runs.DemoRun, new PlotOptions { Neurons = ["L0:0", "L1:7"], Segment = -1 }), "recipe-ei-balance-last");
        Assert.Equal(10, figure.Plots.Length);
        Assert.Contains("recorded stretch 2 of 2", figure.Figure.Subtitle, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_shows_a_heatmap_per_projection_trajectories_and_start_versus_end()
    {
        var figure = DemoRunFixture.Render(Build("weights", runs.DemoRun), "recipe-weights");
        var heatmaps = figure.Plottables<ScottPlot.Plottables.Heatmap>();
        Assert.Equal([(8, 2), (1, 8)], heatmaps.Select(h => (h.Intensities.GetLength(0), h.Intensities.GetLength(1))));
        Assert.Single(figure.Plots.SelectMany(p => p.Axes.GetPanels()).OfType<ScottPlot.Panels.ColorBar>());

        // 16 + 8 weights: a trajectory each (lines) and one scatter of start-vs-end points per projection.
        Assert.Equal(24, figure.Lines.Count(l => l.MarkerSize == 0 && l.LinePattern.Equals(ScottPlot.LinePattern.Solid)));
        Assert.Equal(24, figure.Lines.Where(l => l.MarkerSize > 0).Sum(l => l.Data.GetScatterPoints().Count));
        Assert.Contains("L0 → L1", figure.LegendLabels);
    }

    [Fact]
    public void Weights_heatmap_follows_an_order_file_and_marks_community_boundaries()
    {
        var order = Path.Combine(runs.Root, "order.csv");
        File.WriteAllLines(order, ["group,index,community", "L1,7,a", "L1,0,a", "L1,3,b"]);
        var figure = DemoRunFixture.Render(Build("weights", runs.DemoRun, new PlotOptions { OrderFile = order }), "recipe-weights-ordered");
        var heatmapPlots = figure.Plots.Where(p => p.GetPlottables<ScottPlot.Plottables.Heatmap>().Any()).ToList();

        // L0->L1: rows (L1) reordered, boundaries after "a" and after "b"; L1->L2: columns (L1) likewise.
        Assert.All(heatmapPlots, p => Assert.Equal(2, p.GetPlottables<ScottPlot.Plottables.LinePlot>().Count()));

        // The first cell of L1 -> L2 is now presynaptic neuron 7.
        var matrices = RunData.Open(runs.DemoRun).WeightMatrices();
        Assert.Equal(matrices[1].Matrix[0][7], heatmapPlots[1].GetPlottables<ScottPlot.Plottables.Heatmap>().Single().Intensities[0, 0]);
    }

    [Fact]
    public void Updates_raster_has_rows_for_x_c_and_W_that_fire_after_input_changes()
    {
        var figure = DemoRunFixture.Render(Build("updates", runs.DemoRun), "recipe-updates");
        var rows = Raster(figure).Rows.Where(r => r.Events.Count > 0).Select(r => r.Label).ToList();
        Assert.Contains(rows, r => r.StartsWith("x[", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("c[", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("W[", StringComparison.Ordinal));
        Assert.Equal(["firing x (11)", "credit c (11)", "plasticity W, b (35)"], figure.LegendLabels.Where(l => l.Contains('(', StringComparison.Ordinal)));
    }

    [Fact]
    public void Updates_events_are_dense_after_the_input_change_and_absent_once_converged()
    {
        var figure = DemoRunFixture.Render(Build("updates", runs.SyntheticRunPath, new PlotOptions { Threshold = 0.05 }), "recipe-updates-synthetic");
        var rows = Raster(figure).Rows.Where(r => r.Events.Count > 0).ToDictionary(r => r.Label, r => r.Events);

        // x[A:0] relaxes with tau 10 ms after the step at 50 ms, c[A:0] with 40 ms: one burst each, the
        // credit's longer. x[B:0] and c[B:0] are constant: no events.
        Assert.Single(rows["x[A:0]"]);
        Assert.Single(rows["c[A:0]"]);
        Assert.True(rows["c[A:0]"].Sum(e => e.End - e.Start) > rows["x[A:0]"].Sum(e => e.End - e.Start));
        Assert.False(rows.ContainsKey("x[B:0]"));
    }

    [Fact]
    public void Learning_draws_every_loss_column_of_every_run_on_a_log_axis()
    {
        var one = DemoRunFixture.Render(Build("learning", runs.DemoRun), "recipe-learning");
        Assert.Equal(["bp", "adiabatic", "multirate_eps0.1", "multirate_eps0.05"], one.LegendLabels);
        Assert.IsType<ScottPlot.TickGenerators.LogDecadeMinorTickGenerator>(((ScottPlot.TickGenerators.NumericAutomatic)one.Plots[0].Axes.Left.TickGenerator).MinorTickGenerator);
        var two = DemoRunFixture.Render(Build("learning", runs.DemoRun, null, runs.SyntheticRunPath), "recipe-learning-two");
        Assert.Equal(6, two.Plots[0].Legend.ManualItems.Count);
        Assert.Contains("synthetic: rule", two.LegendLabels);
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

        Assert.NotEmpty(DemoRunFixture.Render(Build(kind, runs.SyntheticRunPath), $"recipe-{kind}-synthetic").Plots);
        var constant = DemoRunFixture.Render(Build(kind, runs.ConstantRunPath), $"recipe-{kind}-constant");
        Assert.NotEmpty(constant.Plots);
        Assert.All(constant.Plots, p => Assert.True(p.Axes.GetLimits().IsReal, $"axis limits of '{p.Axes.Title.Label.Text}' are not finite"));
    }

    [Fact]
    public void Unknown_kinds_and_neurons_and_too_many_runs_are_refused_with_the_valid_choices()
    {
        var kind = Assert.Throws<ArgumentException>(() => FigureRecipes.Find("heatmap"));
        Assert.Equal("unknown figure kind 'heatmap'; valid kinds: ei-balance, weights, updates, learning, apical, connectome", kind.Message);
        var neuron = Assert.Throws<ArgumentException>(() => Build("ei-balance", runs.SyntheticRunPath, new PlotOptions { Neurons = ["C:0"] }));
        Assert.Equal("neuron 'C:0' is not recorded in monitors/traces.csv; recorded: A:0, B:0", neuron.Message);
        Assert.Throws<ArgumentException>(() => Build("weights", runs.DemoRun, null, runs.SyntheticRunPath));
        Assert.Throws<ArgumentException>(() => Build("ei-balance", runs.DemoRun, new PlotOptions { Segment = 3 }));
    }

    private static Figure Build(string kind, string run, PlotOptions? options = null, params string[] more) =>
        FigureRecipes.Build(FigureRecipes.Find(kind), [RunData.Open(run), .. more.Select(RunData.Open)], options ?? new PlotOptions());

    private static NeuroSim.Plotting.Layers.EventRaster Raster(FigureModel figure) =>
        figure.Plottables<NeuroSim.Plotting.Layers.EventRaster.RasterPlottable>().Single().Raster;
}
