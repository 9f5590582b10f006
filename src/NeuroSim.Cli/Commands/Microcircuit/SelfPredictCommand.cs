using System.CommandLine;
using System.Globalization;
using NeuroSim.Analysis.Microcircuit.Continuous.SelfPrediction;
using NeuroSim.Experiments;

namespace NeuroSim.Cli.Commands.Microcircuit;

/// <summary>`neurosim microcircuit self-predict`: the shipped self-prediction files (reference 6.5) with their report.</summary>
internal static class SelfPredictCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var defaults = new SelfPredictionOptions();
        var outOption = new OutputFolderOptions("Run folder to write.", Path.Combine("runs", "microcircuit-self-predict"));
        var patterns = new Option<int>("--patterns") { Description = "Random input patterns (100 ms each).", DefaultValueFactory = _ => defaults.Patterns };
        var sizes = new Option<string>("--sizes") { Description = "Layer sizes input-hidden...-output.", DefaultValueFactory = _ => "30-20-10" };
        var sigma = new Option<double>("--sigma") { Description = "Somatic noise sigma.", DefaultValueFactory = _ => defaults.Sigma };
        var noise = MicrocircuitOptions.NoiseOption();
        var seed = new Option<ulong>("--seed") { Description = "Seed of weights (stream 1), input patterns (stream 2) and noise (stream 3).", DefaultValueFactory = _ => 1UL };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted run into the same --out." };
        var png = new Option<bool>("--png") { Description = "Also write a PNG of the figure (needs rsvg-convert)." };
        var command = new Command("self-predict", $"Runs {SelfPredictionExperiment.ModelFile} with {SelfPredictionExperiment.ProtocolFile}: the self-predicting state learned from random U(-1,1) weights with random inputs and no target (only W_IP and W_PI plastic); writes the run folder with self-prediction.csv, figures/, summary.md. The same as `neurosim run` of those files with --set.")
        {
            outOption.Out, outOption.Overwrite, patterns, sizes, sigma, noise, seed, resume, png,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var options = defaults with
            {
                Patterns = parse.GetValue(patterns) is >= 1 and <= 1_000_000 and var n ? n : throw new ArgumentException($"--patterns must be 1 to 1000000, got {parse.GetValue(patterns)}"),
                Sizes = MicrocircuitOptions.ParseSizes(parse.GetValue(sizes)!),
                Sigma = MicrocircuitOptions.Sigma(parse.GetValue(sigma)),
                Noise = parse.GetValue(noise)!,
                Seed = parse.GetValue(seed),
            };
            var report = new SelfPredictionReport(options, parse.GetValue(png));
            using var files = ShippedFiles.Extract();
            var request = SelfPredictionExperiment.Request(options, files, outOption.PathOf(parse)) with
            {
                Overwrite = parse.GetValue(outOption.Overwrite),
                Resume = parse.GetValue(resume),
                Report = report,
            };
            var code = RunCommand.Run(request, [.. parse.Tokens.Select(t => t.Value)], output, error);
            if (report.Result is { } result)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"||v_A||^2 {result.InitialApical:G4} -> {result.FinalApical:G4} (ratio {result.FinalApical / result.InitialApical:G3}); ||u_out - u_I||^2 {result.Points[0].TrackingSquared:G4} -> {result.FinalTracking:G4}; ||W_PI + B||/||B|| {result.InitialLateralDistance:F3} -> {result.Points[^1].LateralDistance:F3}"));
            }

            return code;
        }));
        return command;
    }
}
