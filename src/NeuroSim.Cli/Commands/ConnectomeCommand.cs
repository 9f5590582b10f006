using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroSim.Analysis.Connectome;

namespace NeuroSim.Cli.Commands;

/// <summary>`neurosim connectome --out DIR`: the paper's Fig. 4 with Leiden communities, quantified over seeds.</summary>
internal static class ConnectomeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var defaults = new ConnectomeSettings();
        var outOption = new OutputFolderOptions("Output folder.");
        var rates = OptionValues.NumberList("--rates", "Learning rates r, comma-separated.", ConnectomeStudy.DefaultRates, 0, 10);
        var prune = OptionValues.NumberList("--prune", "Prune fractions p, comma-separated.", [0.5, 0.8], 0, 0.99);
        var seeds = new Option<int>("--seeds") { Description = "Seeds per point.", DefaultValueFactory = _ => 5 }.AtLeast(1);
        var iterations = new Option<int>("--iterations") { Description = "Iterations of Algorithm 1.", DefaultValueFactory = _ => defaults.Iterations }.AtLeast(1);
        var neurons = new Option<int>("--neurons") { Description = "Network size.", DefaultValueFactory = _ => defaults.Neurons }.AtLeast(10);
        var png = new Option<bool>("--png") { Description = "Ignored: PNG and SVG are always written (kept for old scripts)." };
        var command = new Command("connectome", "The paper's Fig. 4: noise-driven all-to-all learning with pruning, learning rate swept; Leiden modularity, community count and within/between weight ratio over seeds; reordered heatmaps.")
        {
            outOption.Out, outOption.Overwrite, rates, prune, seeds, iterations, neurons, png,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var settings = defaults with
            {
                Iterations = parse.GetValue(iterations),
                Neurons = parse.GetValue(neurons),
            };
            using var folder = outOption.Open(parse, "connectome");
            var watch = Stopwatch.StartNew();
            var summary = ConnectomeStudy.Run(folder.WorkingPath, settings, parse.GetValue(rates)!, parse.GetValue(prune)!, parse.GetValue(seeds), parse.GetValue(png));
            folder.Commit();
            output.Write(summary);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done in {watch.Elapsed.TotalSeconds:F1} s: connectome.csv, summary.md, figures/ in {folder.FinalPath}"));
            return CliApp.Success;
        }));
        return command;
    }
}
