using NeuroSim.Core.RunFolders;
using NeuroSim.Plotting.Layers;
using NeuroSim.Plotting.Recipes;
using ScottPlot.Plottables;

namespace NeuroSim.Tests.Plotting;

/// <summary>Figures that show the protocol (issue [figures] item 2), on a hand-written protocol run folder.</summary>
public sealed class ProtocolFigureTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"neurosim-protocol-figures-{Guid.NewGuid():N}");
    private readonly string run;

    public ProtocolFigureTests()
    {
        run = ProtocolRun.Write(Path.Combine(root, "protocol"));
    }

    [Fact]
    public void A_drive_is_shaded_only_on_the_panels_of_the_neurons_it_drives_and_labelled_with_pool_waveform_and_amplitude()
    {
        var figure = Render("ei-balance", new PlotOptions { Neurons = ["H:0", "H:3"] });
        const string label = "I drive: step 1.5 into H:3";
        Assert.Contains(label, figure.LegendLabels);
        var driveColor = NeuroSim.Plotting.Layout.Palette.ToColor(figure.Figure.HeaderLegend.Single(e => e.Label == label).Color);

        // Panels are added column by column: H:0 first, then H:3.
        var rows = figure.Plots.Length / 2;
        bool HasDrive(ScottPlot.Plot plot) => plot.GetPlottables<HorizontalSpan>().Any(s => s.X1 == ProtocolRun.DriveStart && s.X2 == ProtocolRun.DriveEnd && s.FillColor.WithAlpha(1.0) == driveColor.WithAlpha(1.0));
        Assert.All(figure.Plots.Take(rows), p => Assert.False(HasDrive(p)));
        Assert.All(figure.Plots.Skip(rows), p => Assert.True(HasDrive(p)));
    }

    [Fact]
    public void Instantaneous_events_are_labelled_markers_and_block_to_unblock_is_a_band()
    {
        var figure = Render("ei-balance", new PlotOptions { Neurons = ["H:3"] });
        var panel = figure.Plots[0];
        var marker = Assert.Single(panel.GetPlottables<VerticalLine>());
        Assert.Equal(ProtocolRun.LesionAt, marker.X);
        Assert.Contains(panel.GetPlottables<Text>(), t => t.LabelText == "lesion H:1" && t.Location.X == ProtocolRun.LesionAt);
        Assert.Contains(panel.GetPlottables<HorizontalSpan>(), s => s.X1 == 0 && s.X2 == ProtocolRun.UnblockAt);
        Assert.Contains("blocked: plasticity on all", figure.LegendLabels);
        Assert.Contains(EventMarkers.LegendLabel, figure.LegendLabels);
    }

    [Fact]
    public void Every_tint_drawn_in_a_panel_is_listed_in_the_legend()
    {
        var figure = Render("ei-balance", new PlotOptions { Neurons = ["H:0", "H:3"] });
        var listed = figure.Figure.HeaderLegend.Select(e => NeuroSim.Plotting.Layout.Palette.ToColor(e.Color).WithAlpha(1.0)).ToHashSet();
        var drawn = figure.Plottables<HorizontalSpan>().Select(s => s.FillColor.WithAlpha(1.0)).Distinct().ToList();
        Assert.True(drawn.Count >= 3, "stimulus, drive and block bands");
        Assert.All(drawn, c => Assert.Contains(c, listed));
    }

    [Fact]
    public void Ei_balance_reads_every_monitor_file_of_the_run()
    {
        // H:0 is only in network.csv (10 ms), H:3's pools only in hidden3.csv (1 ms).
        var figure = Render("ei-balance", new PlotOptions { Neurons = ["H:0", "H:3"] });
        var rate = RunData.Open(run).Monitor("network").Numbers("x[H:0]");
        var rows = figure.Plots.Length / 2;
        var rateOfH0 = figure.Plots[3].GetPlottables<Scatter>().Single().Data.GetScatterPoints();
        Assert.Equal(rate, rateOfH0.Select(p => p.Y));
        Assert.Equal(301, figure.Plots[rows].GetPlottables<Scatter>().First().Data.GetScatterPoints().Count);
        Assert.Contains("hidden3", figure.Figure.Footnote, StringComparison.Ordinal);
        Assert.Contains("network", figure.Figure.Footnote, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false, true)]
    [InlineData(YRanges.Shared, false, false)]
    [InlineData(YRanges.Free, true, true)]
    public void Y_ranges_are_shared_per_row_or_free_and_credit_is_free_by_default(YRanges? choice, bool rateFree, bool creditFree)
    {
        var figure = Render("ei-balance", new PlotOptions { Neurons = ["H:0", "H:3"], YRanges = choice });
        var rows = figure.Plots.Length / 2;
        bool Differ(int row) => figure.Plots[row].Axes.GetLimits().VerticalRange != figure.Plots[rows + row].Axes.GetLimits().VerticalRange;

        // The last two rows are rate x and credit c. H:0's rate climbs from 0.3 to 0.6, H:3's stays 0.2; the credits
        // follow a cosine and a sine of amplitude 1e-3: a shared row gives both neurons the same range, a free one not.
        Assert.Equal(rateFree, Differ(rows - 2));
        Assert.Equal(creditFree, Differ(rows - 1));
    }

    [Fact]
    public void Learning_draws_the_loss_monitor_when_the_run_has_no_loss_csv()
    {
        var figure = Render("learning", new PlotOptions());
        var network = RunData.Open(run).Monitor("network");
        var line = Assert.Single(figure.Lines);
        Assert.All(network.Numbers("loss").Zip(line.Data.GetScatterPoints()), pair => Assert.Equal(Math.Log10(pair.First), pair.Second.Y, 12));
        Assert.Equal(network.Numbers("time_ms"), line.Data.GetScatterPoints().Select(p => p.X));
        Assert.Equal(["time (ms)", "mean loss ½(y − x)²"], figure.AxisLabels);
    }

    [Fact]
    public void The_updates_threshold_ignores_the_lesion_jump_so_plasticity_events_stay_visible()
    {
        var figure = Render("updates", new PlotOptions());
        var raster = figure.Plottables<EventRaster.RasterPlottable>().Single().Raster;
        var w = raster.Rows.Where(r => r.Label.StartsWith("W[", StringComparison.Ordinal)).ToDictionary(r => r.Label, r => r.Events);

        // Against the lesion's rate (0.05 / ms) the learning (1e-4 / ms) would be 0.2%, below the 2% threshold.
        Assert.Contains(w["W[in->H:0<-0]"], e => e.Start >= ProtocolRun.UnblockAt);
        Assert.Contains(w["W[H->O:0<-1]"], e => e.Start >= ProtocolRun.UnblockAt);
        Assert.DoesNotContain(w["W[in->H:0<-0]"], e => e.End <= ProtocolRun.UnblockAt - 10);
    }

    [Fact]
    public void Weights_draws_absent_synapses_as_absent_and_orders_the_panels_along_the_network()
    {
        var figure = Render("weights", new PlotOptions());
        Assert.Equal(["in → H", "H → O"], figure.PanelTitles.Take(2));
        var heatmaps = figure.Plottables<ScottPlot.Plottables.Heatmap>();
        Assert.True(double.IsNaN(heatmaps[0].Intensities[1, 0]), "the masked synapse is absent, not 0");
        Assert.Equal(0.3, heatmaps[0].Intensities[1, 1]);
        Assert.Equal(ScottPlot.Color.FromHex(NeuroSim.Plotting.Layout.ColorMap.MissingColor), heatmaps[0].NaNCellColor);
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private FigureModel Render(string kind, PlotOptions options) =>
        DemoRunFixture.Render(FigureRecipes.Build(FigureRecipes.Find(kind), [RunData.Open(run)], options), $"protocol-{kind}");
}
