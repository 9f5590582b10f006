using System.CommandLine;
using System.Globalization;
using NeuroSim.Analysis.Microcircuit.Continuous.Association;
using NeuroSim.Experiments;

namespace NeuroSim.Cli.Commands.Microcircuit;

/// <summary>`neurosim microcircuit association`: the shipped association files (paper Fig. 1, reference 6.6) with its report.</summary>
internal static class AssociationCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var defaults = new AssociationOptions();
        var outOption = new OutputFolderOptions("Run folder to write.", Path.Combine("runs", "microcircuit-association"));
        var target = OptionValues.Duration("--target", "How long the target is on.", "15 s");
        var settle = OptionValues.Duration("--settle", "Input alone before the target.", "200 ms");
        var after = OptionValues.Duration("--after", "Target off again at the end.", "500 ms");
        var sigma = new Option<double>("--sigma") { Description = "Somatic noise sigma.", DefaultValueFactory = _ => defaults.Sigma };
        var noise = MicrocircuitOptions.NoiseOption();
        var sample = OptionValues.Duration("--sample-every", "Monitor sampling interval.", "1 ms");
        var traced = new Option<int>("--traced") { Description = "Hidden and output neurons whose compartments are traced.", DefaultValueFactory = _ => defaults.TracedNeurons };
        var seed = new Option<ulong>("--seed") { Description = "Seed of weights (stream 1), input and target (stream 2) and noise (stream 3).", DefaultValueFactory = _ => 1UL };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted run into the same --out." };
        var png = new Option<bool>("--png") { Description = "Also write PNGs of the figures (needs rsvg-convert)." };
        var command = new Command("association", $"Paper Fig. 1: runs {AssociationExperiment.ModelFile} with {AssociationExperiment.ProtocolFile} (an SPS-initialised 30-20-10 circuit, one input, a random target switched on; the apical error appears and is explained away as W_up learns) and writes its report. The same as `neurosim run` of those files with --set.")
        {
            outOption.Out, outOption.Overwrite, target, settle, after, sigma, noise, sample, traced, seed, resume, png,
        };
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
                Seed = parse.GetValue(seed),
            };
            var report = new AssociationReport(options, parse.GetValue(png));
            using var files = ShippedFiles.Extract();
            var request = AssociationExperiment.Request(options, files, outOption.PathOf(parse)) with
            {
                Overwrite = parse.GetValue(outOption.Overwrite),
                Resume = parse.GetValue(resume),
                Report = report,
            };
            var code = RunCommand.Run(request, [.. parse.Tokens.Select(t => t.Value)], output, error);
            foreach (var (name, value) in report.Numbers)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {value:G4}"));
            }

            return code;
        }));
        return command;
    }
}
