using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroSim.Analysis.Microcircuit.Continuous.Association;

namespace NeuroSim.Cli.Commands.Microcircuit;

/// <summary>`neurosim microcircuit association`: paper Fig. 1, a target switched on and explained away (reference 6.6).</summary>
internal static class AssociationCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var defaults = new AssociationOptions();
        var outOption = new OutputFolderOptions("Run folder to write.", Path.Combine("runs", "microcircuit-association"));
        var targetS = new Option<double>("--target-s") { Description = "Seconds with the target on.", DefaultValueFactory = _ => defaults.TargetMs / 1000 };
        var settle = new Option<double>("--settle-ms") { Description = "Input alone before the target (ms).", DefaultValueFactory = _ => defaults.SettleMs };
        var after = new Option<double>("--after-ms") { Description = "Target off again at the end (ms).", DefaultValueFactory = _ => defaults.AfterMs };
        var sigma = new Option<double>("--sigma") { Description = "Somatic noise sigma.", DefaultValueFactory = _ => defaults.Sigma };
        var noise = new Option<string>("--noise") { Description = "Noise convention: per-step or euler-maruyama.", DefaultValueFactory = _ => "per-step" };
        var sample = new Option<double>("--sample-ms") { Description = "Monitor sampling interval (ms).", DefaultValueFactory = _ => defaults.SampleMs };
        var traced = new Option<int>("--traced") { Description = "Hidden and output neurons whose compartments are traced.", DefaultValueFactory = _ => defaults.TracedNeurons };
        var seed = new Option<ulong>("--seed") { Description = "Seed of weights, input, target and noise.", DefaultValueFactory = _ => 1UL };
        var png = new Option<bool>("--png") { Description = "Also write PNGs of the figures (needs rsvg-convert)." };
        var command = new Command("association", "Paper Fig. 1: an SPS-initialised 30-20-10 circuit, one input, a random target switched on; the apical error appears and is explained away as W_up learns. Writes a run folder for `neurosim plot --kind apical`.")
        {
            outOption.Out, outOption.Overwrite, targetS, settle, after, sigma, noise, sample, traced, seed, png,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var options = defaults with
            {
                TargetMs = parse.GetValue(targetS) * 1000,
                SettleMs = parse.GetValue(settle),
                AfterMs = parse.GetValue(after),
                Sigma = parse.GetValue(sigma),
                Noise = MicrocircuitOptions.ParseNoise(parse.GetValue(noise)!),
                SampleMs = parse.GetValue(sample),
                TracedNeurons = parse.GetValue(traced),
                Seed = parse.GetValue(seed),
            };
            options.Validate();
            var watch = Stopwatch.StartNew();
            using var folder = outOption.Open(parse, "microcircuit association");
            var result = AssociationReport.Run(options, folder, parse.GetValue(png));
            foreach (var (name, value) in AssociationReport.Checkpoints(result))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {value:G4}"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {folder.FinalPath} in {watch.Elapsed.TotalSeconds:F1} s"));
            return CliApp.Success;
        }));
        return command;
    }
}
