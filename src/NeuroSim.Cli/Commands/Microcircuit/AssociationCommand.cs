using NeuroSim.Analysis.Microcircuit.Continuous.Association;

namespace NeuroSim.Cli.Commands.Microcircuit;

/// <summary>`neurosim microcircuit association`: the shipped association files (paper Fig. 1, reference 6.6) with its report.</summary>
internal static class AssociationCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var settings = new RecordOptions<AssociationOptions>(new AssociationOptions());
        var shared = new ShippedExperimentOptions("Run folder to write.", "microcircuit-association", "Seed of weights (stream 1), input and target (stream 2) and noise (stream 3).", pngDescription: "Ignored: PNG and SVG are always written (kept for old scripts).");
        var target = settings.Add(OptionValues.Duration("--target", "How long the target is on.", "15 s"), (o, v) => o with { TargetMs = v });
        var settle = settings.Add(OptionValues.Duration("--settle", "Input alone before the target.", "200 ms"), (o, v) => o with { SettleMs = v });
        var after = settings.Add(OptionValues.Duration("--after", "Target off again at the end.", "500 ms"), (o, v) => o with { AfterMs = v });
        var sigma = settings.Add("--sigma", "Somatic noise sigma.", o => o.Sigma, (o, v) => o with { Sigma = MicrocircuitOptions.Sigma(v) });
        var noise = settings.Add(MicrocircuitOptions.NoiseOption(), (o, v) => o with { Noise = v });
        var sample = settings.Add(OptionValues.Duration("--sample-every", "Monitor sampling interval.", "1 ms"), (o, v) => o with { SampleMs = v });
        var traced = settings.Add("--traced", "Hidden and output neurons whose compartments are traced.", o => o.TracedNeurons, (o, v) => o with { TracedNeurons = v is >= 1 and <= 10 ? v : throw new ArgumentException($"--traced must be 1 to 10 (the output layer has 10 neurons), got {v}") });
        var command = shared.Command("association", $"Paper Fig. 1: runs {AssociationExperiment.ModelFile} with {AssociationExperiment.ProtocolFile} (an SPS-initialised 30-20-10 circuit, one input, a random target switched on; the apical error appears and is explained away as W_up learns) and writes its report. The same as `neurosim run` of those files with --set.", target, settle, after, sigma, noise, sample, traced);
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var options = settings.Bind(parse) with { Seed = parse.GetValue(shared.Seed) };
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
