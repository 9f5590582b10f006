using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroSim.Analysis.Microcircuit.Continuous.SelfPrediction;

namespace NeuroSim.Cli.Commands.Microcircuit;

/// <summary>`neurosim microcircuit self-predict`: learning the self-predicting state from random weights (reference 6.5).</summary>
internal static class SelfPredictCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var defaults = new SelfPredictionOptions();
        var outOption = new OutputFolderOptions("Output folder.", Path.Combine("runs", "microcircuit-self-predict"));
        var patterns = new Option<int>("--patterns") { Description = "Random input patterns (100 ms each).", DefaultValueFactory = _ => defaults.Patterns };
        var sizes = new Option<string>("--sizes") { Description = "Layer sizes input-hidden...-output.", DefaultValueFactory = _ => "30-20-10" };
        var sigma = new Option<double>("--sigma") { Description = "Somatic noise sigma.", DefaultValueFactory = _ => defaults.Sigma };
        var noise = new Option<string>("--noise") { Description = "Noise convention: per-step (sigma dt N(0,1), the reimplementations') or euler-maruyama (sigma sqrt(dt) N(0,1)).", DefaultValueFactory = _ => "per-step" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of weights, inputs and noise.", DefaultValueFactory = _ => 1UL };
        var png = new Option<bool>("--png") { Description = "Also write a PNG of the figure (needs rsvg-convert)." };
        var command = new Command("self-predict", "Learn the self-predicting state from random U(-1,1) weights with random inputs and no target (only W_IP and W_PI plastic); writes self-prediction.csv, figures/, summary.md.")
        {
            outOption.Out, outOption.Overwrite, patterns, sizes, sigma, noise, seed, png,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var options = defaults with
            {
                Patterns = parse.GetValue(patterns),
                Sizes = MicrocircuitOptions.ParseSizes(parse.GetValue(sizes)!),
                Sigma = parse.GetValue(sigma),
                Noise = MicrocircuitOptions.ParseNoise(parse.GetValue(noise)!),
                Seed = parse.GetValue(seed),
            };
            options.Validate();
            using var folder = outOption.Open(parse, "microcircuit self-predict");
            var started = DateTimeOffset.UtcNow;
            var watch = Stopwatch.StartNew();
            var result = SelfPredictionExperiment.Run(options, p =>
            {
                if (p.Pattern == 1 || p.Pattern % 100 == 0)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pattern {p.Pattern}: ||v_A||^2 {p.ApicalSquared:G4}, ||u_out - u_I||^2 {p.TrackingSquared:G4}, ||W_PI + B||/||B|| {p.LateralDistance:F3} ({watch.Elapsed.TotalSeconds:F0} s)"));
                }
            });
            SelfPredictionReport.Write(result, folder, parse.GetValue(png), started, watch.Elapsed.TotalSeconds);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"||v_A||^2 {result.InitialApical:G4} -> {result.FinalApical:G4} (ratio {result.FinalApical / result.InitialApical:G3}); wrote {folder.FinalPath} in {watch.Elapsed.TotalSeconds:F1} s"));
            return CliApp.Success;
        }));
        return command;
    }
}
