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
        var shared = new ShippedExperimentOptions("Run folder to write.", "microcircuit-association", "Seed of weights (stream 1), input and target (stream 2) and noise (stream 3).", pngDescription: "Ignored: PNG and SVG are always written (kept for old scripts).");
        var target = OptionValues.Duration("--target", "How long the target is on.", "15 s");
        var settle = OptionValues.Duration("--settle", "Input alone before the target.", "200 ms");
        var after = OptionValues.Duration("--after", "Target off again at the end.", "500 ms");
        var sigma = new Option<double>("--sigma") { Description = "Somatic noise sigma.", DefaultValueFactory = _ => defaults.Sigma };
        var noise = MicrocircuitOptions.NoiseOption();
        var sample = OptionValues.Duration("--sample-every", "Monitor sampling interval.", "1 ms");
        var traced = new Option<int>("--traced") { Description = "Hidden and output neurons whose compartments are traced.", DefaultValueFactory = _ => defaults.TracedNeurons };
        var command = shared.Command("association", $"Paper Fig. 1: runs {AssociationExperiment.ModelFile} with {AssociationExperiment.ProtocolFile} (an SPS-initialised 30-20-10 circuit, one input, a random target switched on; the apical error appears and is explained away as W_up learns) and writes its report. The same as `neurosim run` of those files with --set.", target, settle, after, sigma, noise, sample, traced);
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var options = defaults with
            {
                TargetMs = parse.GetValue(target),
                SettleMs = parse.GetValue(settle),
                AfterMs = parse.GetValue(after),
                Sigma = MicrocircuitOptions.Sigma(parse.GetValue(sigma)),
                Noise = parse.GetValue(noise)!,
                SampleMs = parse.GetValue(sample),
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
