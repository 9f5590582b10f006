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
        var rates = new Option<string>("--rates") { Description = "Learning rates r, comma-separated.", DefaultValueFactory = _ => string.Join(",", ConnectomeStudy.DefaultRates.Select(r => r.ToString(CultureInfo.InvariantCulture))) };
        var prune = new Option<string>("--prune") { Description = "Prune fractions p, comma-separated.", DefaultValueFactory = _ => "0.5,0.8" };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per point.", DefaultValueFactory = _ => 5 };
        var iterations = new Option<int>("--iterations") { Description = "Iterations of Algorithm 1.", DefaultValueFactory = _ => defaults.Iterations };
        var neurons = new Option<int>("--neurons") { Description = "Network size.", DefaultValueFactory = _ => defaults.Neurons };
        var png = new Option<bool>("--png") { Description = "Also write PNGs (needs rsvg-convert)." };
        var command = new Command("connectome", "The paper's Fig. 4: noise-driven all-to-all learning with pruning, learning rate swept; Leiden modularity, community count and within/between weight ratio over seeds; reordered heatmaps.")
        {
            outOption.Out, outOption.Overwrite, rates, prune, seeds, iterations, neurons, png,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var settings = defaults with
            {
                Iterations = parse.GetValue(iterations) is var i and >= 1 ? i : throw new ArgumentException("--iterations must be >= 1"),
                Neurons = parse.GetValue(neurons) is var n and >= 10 ? n : throw new ArgumentException("--neurons must be >= 10"),
            };
            var seedCount = parse.GetValue(seeds) is var s and >= 1 ? s : throw new ArgumentException("--seeds must be >= 1");
            var rateList = OptionLists.Numbers(parse.GetValue(rates)!, "--rates", 0, 10);
            var pruneList = OptionLists.Numbers(parse.GetValue(prune)!, "--prune", 0, 0.99);
            using var folder = outOption.Open(parse, "connectome");
            var watch = Stopwatch.StartNew();
            var summary = ConnectomeStudy.Run(folder.WorkingPath, settings, rateList, pruneList, seedCount, parse.GetValue(png));
            folder.Commit();
            output.Write(summary);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done in {watch.Elapsed.TotalSeconds:F1} s: connectome.csv, summary.md, figures/ in {folder.FinalPath}"));
            return CliApp.Success;
        }));
        return command;
    }

}
