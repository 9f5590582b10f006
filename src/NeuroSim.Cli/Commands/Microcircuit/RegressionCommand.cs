using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroSim.Analysis.Microcircuit.Continuous.Regression;

namespace NeuroSim.Cli.Commands.Microcircuit;

/// <summary>`neurosim microcircuit regression`: paper Fig. 2, a 30-50-10 student learning a 30-20-10 teacher online, against a shallow learner.</summary>
internal static class RegressionCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var defaults = new RegressionOptions();
        var outOption = new OutputFolderOptions("Output folder.", Path.Combine("runs", "microcircuit-regression"));
        var patterns = new Option<int>("--patterns") { Description = "Training patterns per learner (100 ms each); raise it for a longer run.", DefaultValueFactory = _ => defaults.Patterns };
        var every = new Option<int>("--evaluate-every") { Description = "Measure the test error after every this many patterns.", DefaultValueFactory = _ => defaults.EvaluateEvery };
        var testPatterns = new Option<int>("--test-patterns") { Description = "Held-out test patterns.", DefaultValueFactory = _ => defaults.TestPatterns };
        var sigma = new Option<double>("--sigma") { Description = "Somatic noise sigma during training.", DefaultValueFactory = _ => defaults.Sigma };
        var noise = new Option<string>("--noise") { Description = "Noise convention: per-step or euler-maruyama.", DefaultValueFactory = _ => "per-step" };
        var scale = new Option<double>("--init-scale") { Description = "Student weights uniform in [-scale, scale].", DefaultValueFactory = _ => defaults.WeightScale };
        var etaHidden = new Option<double>("--eta-up-hidden") { Description = "eta of the hidden layer's bottom-up weights (published: 1.1875e-3).", DefaultValueFactory = _ => defaults.EtaUpHidden };
        var etaOutput = new Option<double>("--eta-up-output") { Description = "eta of the output layer's bottom-up weights (published: 5e-4).", DefaultValueFactory = _ => defaults.EtaUpOutput };
        var etaIp = new Option<double>("--eta-ip") { Description = "eta of W_IP (published: 1.1875e-3).", DefaultValueFactory = _ => defaults.EtaPyramidalToInterneuron };
        var etaPi = new Option<double>("--eta-pi") { Description = "eta of W_PI (published: 5.9375e-3).", DefaultValueFactory = _ => defaults.EtaInterneuronToPyramidal };
        var seed = new Option<ulong>("--seed") { Description = "Seed of teacher, student weights, patterns and noise.", DefaultValueFactory = _ => 1UL };
        var png = new Option<bool>("--png") { Description = "Also write a PNG of the figure (needs rsvg-convert)." };
        var command = new Command("regression", "Paper Fig. 2: a 30-50-10 soft-ReLU microcircuit learns a 30-20-10 teacher online (100 ms per pattern, sigma 0.3), against a shallow learner that trains only the top layer; writes regression.csv, figures/, summary.md.")
        {
            outOption.Out, outOption.Overwrite, patterns, every, testPatterns, sigma, noise, scale, etaHidden, etaOutput, etaIp, etaPi, seed, png,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var options = defaults with
            {
                Patterns = parse.GetValue(patterns),
                EvaluateEvery = parse.GetValue(every),
                TestPatterns = parse.GetValue(testPatterns),
                Sigma = parse.GetValue(sigma),
                Noise = MicrocircuitOptions.ParseNoise(parse.GetValue(noise)!),
                WeightScale = parse.GetValue(scale),
                EtaUpHidden = parse.GetValue(etaHidden),
                EtaUpOutput = parse.GetValue(etaOutput),
                EtaPyramidalToInterneuron = parse.GetValue(etaIp),
                EtaInterneuronToPyramidal = parse.GetValue(etaPi),
                Seed = parse.GetValue(seed),
            };
            options.Validate();
            using var folder = outOption.Open(parse, "microcircuit regression");
            var started = DateTimeOffset.UtcNow;
            var watch = Stopwatch.StartNew();
            var gate = new object();
            var report = Math.Max(options.EvaluateEvery, options.Patterns / 10 / options.EvaluateEvery * options.EvaluateEvery);
            var result = RegressionExperiment.Run(options, (learner, point) =>
            {
                if (point.Pattern % report == 0 || point.Pattern == options.Patterns)
                {
                    lock (gate)
                    {
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{learner} pattern {point.Pattern}: test error {point.TestError:G4} (avg {point.Average:G4}) ({watch.Elapsed.TotalSeconds:F0} s)"));
                    }
                }
            });
            RegressionReport.Write(result, folder, parse.GetValue(png), started, watch.Elapsed.TotalSeconds);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"final test error: microcircuit {result.Full.FinalError:G4}, shallow {result.Shallow.FinalError:G4}; wrote {folder.FinalPath} in {watch.Elapsed.TotalSeconds:F1} s"));
            return CliApp.Success;
        }));
        return command;
    }
}
