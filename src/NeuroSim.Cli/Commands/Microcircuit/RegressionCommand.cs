using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroSim.Analysis.Microcircuit.Continuous.Regression;

namespace NeuroSim.Cli.Commands.Microcircuit;

/// <summary>`neurosim microcircuit regression`: the shipped Fig. 2 files, full microcircuit and shallow learner side by side.</summary>
internal static class RegressionCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var defaults = new RegressionOptions();
        var shared = new ShippedExperimentOptions("Output folder (full/ and shallow/ run folders and their comparison).", "microcircuit-regression", "Seed of student weights and noise, and of the teacher and its patterns.", "Continue an interrupted comparison into the same --out (each learner from its checkpoint).");
        var patterns = new Option<int>("--patterns") { Description = "Training patterns per learner (100 ms each); a multiple of --evaluate-every.", DefaultValueFactory = _ => defaults.Patterns };
        var every = new Option<int>("--evaluate-every") { Description = "Measure the test error after every this many patterns.", DefaultValueFactory = _ => defaults.EvaluateEvery };
        var testPatterns = new Option<int>("--test-patterns") { Description = "Held-out test patterns.", DefaultValueFactory = _ => defaults.TestPatterns };
        var sigma = new Option<double>("--sigma") { Description = "Somatic noise sigma during training.", DefaultValueFactory = _ => defaults.Sigma };
        var noise = MicrocircuitOptions.NoiseOption();
        var scale = new Option<double>("--init-scale") { Description = "Student weights uniform in [-scale, scale].", DefaultValueFactory = _ => defaults.WeightScale };
        var etaHidden = new Option<double>("--eta-up-hidden") { Description = "eta of the hidden layer's bottom-up weights (published: 1.1875e-3).", DefaultValueFactory = _ => defaults.EtaUpHidden };
        var etaOutput = new Option<double>("--eta-up-output") { Description = "eta of the output layer's bottom-up weights (published: 5e-4).", DefaultValueFactory = _ => defaults.EtaUpOutput };
        var etaIp = new Option<double>("--eta-ip") { Description = "eta of W_IP (published: 1.1875e-3).", DefaultValueFactory = _ => defaults.EtaPyramidalToInterneuron };
        var etaPi = new Option<double>("--eta-pi") { Description = "eta of W_PI (published: 5.9375e-3).", DefaultValueFactory = _ => defaults.EtaInterneuronToPyramidal };
        var command = shared.Command("regression", $"Paper Fig. 2: runs {RegressionExperiment.ModelFile(RegressionLearner.Full)} and {RegressionExperiment.ModelFile(RegressionLearner.Shallow)} with {RegressionExperiment.ProtocolFile} (a 30-50-10 soft-ReLU microcircuit learns a 30-20-10 teacher online, 100 ms per pattern, sigma 0.3, against a shallow learner that trains only the top layer); writes both run folders, regression.csv, figures/, summary.md.", patterns, every, testPatterns, sigma, noise, scale, etaHidden, etaOutput, etaIp, etaPi);
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var options = defaults with
            {
                Patterns = parse.GetValue(patterns),
                EvaluateEvery = parse.GetValue(every),
                TestPatterns = parse.GetValue(testPatterns),
                Sigma = parse.GetValue(sigma),
                Noise = parse.GetValue(noise)!,
                WeightScale = parse.GetValue(scale),
                EtaUpHidden = parse.GetValue(etaHidden),
                EtaUpOutput = parse.GetValue(etaOutput),
                EtaPyramidalToInterneuron = parse.GetValue(etaIp),
                EtaInterneuronToPyramidal = parse.GetValue(etaPi),
                Seed = parse.GetValue(shared.Seed),
            };
            options.Validate();
            using var interruption = Interruption.Handle();
            var lines = new ProgressLines(output, TimeSpan.FromSeconds(10));
            var steps = new long[2];
            var outcome = RegressionExperiment.Run(options, shared.Output.PathOf(parse), parse.GetValue(shared.Output.Overwrite), parse.GetValue(shared.Resume), interruption.Token, (learner, step, total) =>
            {
                Interlocked.Exchange(ref steps[(int)learner], step);
                lines.Write(elapsed => string.Create(CultureInfo.InvariantCulture, $"step {Interlocked.Read(ref steps[0])} (full) and {Interlocked.Read(ref steps[1])} (shallow) of {total} ({elapsed.TotalSeconds:F0} s)"));
            }, parse.GetValue(shared.Png));
            if (outcome.Status == "interrupted")
            {
                error.WriteLine($"neurosim: interrupted; checkpoints kept in {outcome.OutputDirectory}");
                error.WriteLine($"resume with: neurosim {RunCommand.ResumeArguments(parse.Tokens.Select(t => t.Value))}");
                return interruption.ExitCode;
            }

            var result = outcome.Result!;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{outcome.Status}: final test error microcircuit {result.Full.FinalError:G4}, shallow {result.Shallow.FinalError:G4} -> {outcome.OutputDirectory} ({lines.Elapsed.TotalSeconds:F1} s)"));
            return outcome.Status == "complete" ? CliApp.Success : CliApp.BadInput;
        }));
        return command;
    }
}
