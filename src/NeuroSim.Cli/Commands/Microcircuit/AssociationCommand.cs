using System.CommandLine;
using System.Globalization;
using NeuroSim.Analysis.Microcircuit.Continuous.Association;

namespace NeuroSim.Cli.Commands.Microcircuit;

/// <summary>`neurosim microcircuit association`: the shipped association files (paper Fig. 1, reference 6.6) with its report.</summary>
internal static class AssociationCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var defaults = new AssociationOptions();
        var shared = new ShippedExperimentOptions("Run folder to write.", "microcircuit-association", "Seed of weights (stream 1), input and target (stream 2) and noise (stream 3).", pngDescription: "Also write PNGs of the figures (needs rsvg-convert).");
        var targetS = new Option<double>("--target-s") { Description = "Seconds with the target on.", DefaultValueFactory = _ => defaults.TargetMs / 1000 };
        var settle = new Option<double>("--settle-ms") { Description = "Input alone before the target (ms).", DefaultValueFactory = _ => defaults.SettleMs };
        var after = new Option<double>("--after-ms") { Description = "Target off again at the end (ms).", DefaultValueFactory = _ => defaults.AfterMs };
        var sigma = new Option<double>("--sigma") { Description = "Somatic noise sigma.", DefaultValueFactory = _ => defaults.Sigma };
        var noise = MicrocircuitOptions.NoiseOption();
        var sample = new Option<double>("--sample-ms") { Description = "Monitor sampling interval (ms).", DefaultValueFactory = _ => defaults.SampleMs };
        var traced = new Option<int>("--traced") { Description = "Hidden and output neurons whose compartments are traced.", DefaultValueFactory = _ => defaults.TracedNeurons };
        var command = shared.Command("association", $"Paper Fig. 1: runs {AssociationExperiment.ModelFile} with {AssociationExperiment.ProtocolFile} (an SPS-initialised 30-20-10 circuit, one input, a random target switched on; the apical error appears and is explained away as W_up learns) and writes its report. The same as `neurosim run` of those files with --set.", targetS, settle, after, sigma, noise, sample, traced);
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var options = defaults with
            {
                TargetMs = MicrocircuitOptions.Positive(parse.GetValue(targetS), "--target-s") * 1000,
                SettleMs = MicrocircuitOptions.Positive(parse.GetValue(settle), "--settle-ms"),
                AfterMs = MicrocircuitOptions.Positive(parse.GetValue(after), "--after-ms"),
                Sigma = MicrocircuitOptions.Sigma(parse.GetValue(sigma)),
                Noise = parse.GetValue(noise)!,
                SampleMs = MicrocircuitOptions.Positive(parse.GetValue(sample), "--sample-ms"),
                TracedNeurons = parse.GetValue(traced) is >= 1 and <= 10 and var n ? n : throw new ArgumentException($"--traced must be 1 to 10 (the output layer has 10 neurons), got {parse.GetValue(traced)}"),
                Seed = parse.GetValue(shared.Seed),
            };
            var report = new AssociationReport(options, parse.GetValue(shared.Png));
            var code = shared.RunShipped(parse, (files, folder) => AssociationExperiment.Request(options, files, folder), report, output, error);
            foreach (var (name, value) in report.Numbers)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {value:G4}"));
            }

            return code;
        }));
        return command;
    }
}
