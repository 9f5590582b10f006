using NeuroSim.Analysis.Microcircuit.Continuous.SelfPrediction;

namespace NeuroSim.Cli.Commands.Microcircuit;

/// <summary>`neurosim microcircuit self-predict`: the shipped self-prediction files (reference 6.5) with their report.</summary>
internal static class SelfPredictCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var settings = new RecordOptions<SelfPredictionOptions>(new SelfPredictionOptions());
        var shared = new ShippedExperimentOptions("Run folder to write.", "microcircuit-self-predict", "Seed of weights (stream 1), input patterns (stream 2) and noise (stream 3).");
        var patterns = settings.Add("--patterns", "Random input patterns (100 ms each).", o => o.Patterns, (o, v) => o with { Patterns = v is >= 1 and <= 1_000_000 ? v : throw new ArgumentException($"--patterns must be 1 to 1000000, got {v}") });
        var sizes = settings.Add(new Option<string>("--sizes") { Description = "Layer sizes input-hidden...-output.", DefaultValueFactory = _ => "30-20-10" }, (o, v) => o with { Sizes = MicrocircuitOptions.ParseSizes(v) });
        var sigma = settings.Add("--sigma", "Somatic noise sigma.", o => o.Sigma, (o, v) => o with { Sigma = MicrocircuitOptions.Sigma(v) });
        var noise = settings.Add(MicrocircuitOptions.NoiseOption(), (o, v) => o with { Noise = v });
        var command = shared.Command("self-predict", $"Runs {SelfPredictionExperiment.ModelFile} with {SelfPredictionExperiment.ProtocolFile}: the self-predicting state learned from random U(-1,1) weights with random inputs and no target (only W_IP and W_PI plastic); writes the run folder with self-prediction.csv, figures/, summary.md. The same as `neurosim run` of those files with --set.", patterns, sizes, sigma, noise);
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var options = settings.Bind(parse) with { Seed = parse.GetValue(shared.Seed) };
            var report = new SelfPredictionReport(options, parse.GetValue(shared.Png));
            var code = shared.RunShipped(parse, (files, folder) => SelfPredictionExperiment.Request(options, files, folder), report, output, error);
            if (report.Result is { } result)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"||v_A||^2 {result.InitialApical:G4} -> {result.FinalApical:G4} (ratio {result.FinalApical / result.InitialApical:G3}); ||u_out - u_I||^2 {result.Points[0].TrackingSquared:G4} -> {result.FinalTracking:G4}; ||W_PI + B||/||B|| {result.InitialLateralDistance:F3} -> {result.Points[^1].LateralDistance:F3}"));
            }

            return code;
        }));
        return command;
    }
}
