using NeuroSim.Core.RunFolders;
using NeuroSim.Analysis.Microcircuit.Continuous.Association;
using NeuroSim.Cli;
using NeuroSim.Experiments;
using NeuroSim.Plotting.Data;
using NeuroSim.Plotting.Layers;
using NeuroSim.Plotting.Recipes;
using NeuroSim.Plotting.Rendering;

namespace NeuroSim.Tests.Plotting;

/// <summary>`neurosim plot --kind apical` on a tiny association run folder (120 ms).</summary>
public sealed class ApicalPlotTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"neurosim-apical-test-{Guid.NewGuid():N}");
    private readonly string run;

    public ApicalPlotTests()
    {
        run = Path.Combine(root, "assoc");
        using var files = ShippedFiles.Extract();
        var outcome = ExperimentRunner.Execute(ExperimentRunner.Prepare(AssociationExperiment.Request(new AssociationOptions { SettleMs = 40, TargetMs = 60, AfterMs = 20, TracedNeurons = 2 }, files, run)));
        Assert.Equal("complete", outcome.Status);
    }

    [Fact]
    public void The_association_run_folder_holds_traces_epochs_and_the_apical_figures()
    {
        Assert.True(File.Exists(Path.Combine(run, "manifest.json")));
        Assert.True(File.Exists(Path.Combine(run, "plots", "apical.svg")));
        Assert.True(File.Exists(Path.Combine(run, "plots", "apical.png")));
        Assert.True(File.Exists(Path.Combine(run, "figures", "association.png")));
        var svgTexts = System.Xml.Linq.XDocument.Load(Path.Combine(run, "plots", "apical.svg")).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim());
        Assert.Contains("Dendritic microcircuit compartments: assoc", svgTexts);
        var data = RunData.Open(run);
        Assert.Equal(["clamp-input", "clamp-output", "release-output"], data.Epochs().Select(e => e.Kind));
        Assert.Equal([0.0, 40.0, 100.0], data.Epochs().Select(e => e.StartMs));
        var traces = data.Monitor("traces");
        Assert.Equal(121, traces.RowCount);
        Assert.DoesNotContain(Directory.GetDirectories(root), d => Path.GetFileName(d).StartsWith('.'));
    }

    [Fact]
    public void Apical_draws_soma_basal_apical_and_interneuron_versus_top_down_per_neuron()
    {
        var data = RunData.Open(run);
        var figure = FigureRecipes.Build(FigureRecipes.Find("apical"), [data], new PlotOptions());
        var panels = figure.Panels.ToList();

        // Default neurons L1:0, L1:1 and L2:0, three rows each.
        Assert.Equal(9, panels.Count);
        Assert.Equal(["neuron L1:0", "neuron L1:1", "neuron L2:0"], panels.Select(p => p.Title).OfType<string>());
        var hidden = panels.Take(3).Select(p => p.Layers.OfType<LineSeries>().Select(s => s.Label).ToList()).ToList();
        Assert.Equal(["soma u", "basal prediction v̂_B"], hidden[0]);
        Assert.Equal(["apical v_A"], hidden[1]);
        Assert.Equal(["top-down B r", "interneuron prediction -W_PI r_I"], hidden[2]);
        var output = panels.Skip(6).Select(p => p.Layers.OfType<LineSeries>().Select(s => s.Label).ToList()).ToList();
        Assert.Equal(["soma u", "basal prediction v̂_B", "target u_trgt"], output[0]);
        Assert.Empty(output[1]);
        Assert.Equal("no apical compartment (output)", panels[7].EmptyMessage);
        Assert.Equal(["soma u", "interneuron u_I"], output[2]);

        // The interneuron prediction is the lateral term with its sign flipped, sample by sample; the target is
        // drawn only while it is on (a break before and after).
        var traces = data.Monitor("traces");
        var lateral = traces.Numbers("lat[L1:0]");
        var drawn = panels[2].Layers.OfType<LineSeries>().Single(s => s.Label!.StartsWith("interneuron", StringComparison.Ordinal));
        Assert.Equal(lateral.Length, drawn.Ys.Count);
        for (var k = 0; k < lateral.Length; k++)
        {
            Assert.Equal(-lateral[k], drawn.Ys[k]);
        }

        var target = panels[6].Layers.OfType<LineSeries>().Single(s => s.Label == "target u_trgt");
        Assert.Equal(60, target.Ys.Count(double.IsFinite));
        // The runner samples a switching time before the switch: the target is first drawn at 41 ms, last at 100 ms.
        Assert.True(double.IsNaN(target.Ys[40]) && double.IsFinite(target.Ys[41]) && double.IsFinite(target.Ys[100]) && double.IsNaN(target.Ys[101]));
        Assert.Contains(figure.HeaderLegend, e => e.Label == "apical v_A");
    }

    [Fact]
    public void Plot_draws_a_microcircuit_run_as_apical_also_under_the_default_ei_balance_kind()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var svg = Path.Combine(root, "default.svg");
        var code = CliApp.Run(["plot", run, "--neurons", "L1:1,L2:1", "--from", "30", "--to", "80", "--out", svg], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        Assert.True(File.Exists(Path.ChangeExtension(svg, ".png")));
        var figure = new FigureModel(FigureRecipes.Build(FigureRecipes.Find("ei-balance"), [RunData.Open(run)], new PlotOptions { Neurons = ["L1:1", "L2:1"], FromMs = 30, ToMs = 80 }));
        Assert.Equal(["neuron L1:1", "neuron L2:1"], figure.PanelTitles);
        Assert.Contains("t = 30-80 ms", figure.Figure.Subtitle, StringComparison.Ordinal);
        Assert.Contains("apical v_A", figure.LegendLabels);
        Assert.All(figure.Plots, p => Assert.Equal((30.0, 80.0), (p.Axes.GetLimits().Left, p.Axes.GetLimits().Right)));
    }

    [Theory]
    [InlineData("weights")]
    [InlineData("updates")]
    public void Weights_and_updates_draw_a_microcircuit_run(string kind)
    {
        var figure = new FigureModel(FigureRecipes.Build(FigureRecipes.Find(kind), [RunData.Open(run)], new PlotOptions()));
        Assert.NotEmpty(figure.Plots);
        if (kind == "weights")
        {
            // Along the network: the bottom-up projection L0 -> L1 comes first.
            Assert.Equal("L0 → L1", figure.PanelTitles[0]);
            Assert.NotEmpty(figure.Plottables<ScottPlot.Plottables.Heatmap>());
        }
        else
        {
            Assert.Contains(figure.Plottables<EventRaster.RasterPlottable>().Single().Raster.Rows, r => r.Events.Count > 0);
        }
    }

    [Fact]
    public void A_run_without_compartment_traces_is_refused_in_one_line()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var empty = Path.Combine(root, "empty");
        Directory.CreateDirectory(Path.Combine(empty, "monitors"));
        File.WriteAllText(Path.Combine(empty, "monitors", "traces.csv"), "time_ms,x[A:0]\n0,1\n");
        var code = CliApp.Run(["plot", empty, "--kind", "apical"], stdout, stderr);
        Assert.Equal(2, code);
        Assert.Equal("neurosim: error: run folder 'empty' has no microcircuit compartment traces (columns like vA[L1:0]) in monitors/", stderr.ToString().Trim());
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
