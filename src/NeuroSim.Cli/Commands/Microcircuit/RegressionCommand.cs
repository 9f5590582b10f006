using NeuroSim.Analysis.Microcircuit.Continuous.Regression;

namespace NeuroSim.Cli.Commands.Microcircuit;

/// <summary>`neurosim microcircuit regression`: the shipped Fig. 2 files, full microcircuit and shallow learner side by side.</summary>
internal static class RegressionCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var settings = new RecordOptions<RegressionOptions>(new RegressionOptions());
        var shared = new ShippedExperimentOptions("Output folder (full/ and shallow/ run folders and their comparison).", "microcircuit-regression", "Seed of student weights and noise, and of the teacher and its patterns.", "Continue an interrupted comparison into the same --out (each learner from its checkpoint).");
        var patterns = settings.Add("--patterns", "Training patterns per learner (100 ms each); a multiple of --evaluate-every.", o => o.Patterns, (o, v) => o with { Patterns = v });
        var every = settings.Add("--evaluate-every", "Measure the test error after every this many patterns.", o => o.EvaluateEvery, (o, v) => o with { EvaluateEvery = v });
        var testPatterns = settings.Add("--test-patterns", "Held-out test patterns.", o => o.TestPatterns, (o, v) => o with { TestPatterns = v });
        var sigma = settings.Add("--sigma", "Somatic noise sigma during training.", o => o.Sigma, (o, v) => o with { Sigma = v });
        var noise = settings.Add(MicrocircuitOptions.NoiseOption(), (o, v) => o with { Noise = v });
        var scale = settings.Add("--init-scale", "Student weights uniform in [-scale, scale].", o => o.WeightScale, (o, v) => o with { WeightScale = v });
        var etaHidden = settings.Add("--eta-up-hidden", "eta of the hidden layer's bottom-up weights (published: 1.1875e-3).", o => o.EtaUpHidden, (o, v) => o with { EtaUpHidden = v });
        var etaOutput = settings.Add("--eta-up-output", "eta of the output layer's bottom-up weights (published: 5e-4).", o => o.EtaUpOutput, (o, v) => o with { EtaUpOutput = v });
        var etaIp = settings.Add("--eta-ip", "eta of W_IP (published: 1.1875e-3).", o => o.EtaPyramidalToInterneuron, (o, v) => o with { EtaPyramidalToInterneuron = v });
        var etaPi = settings.Add("--eta-pi", "eta of W_PI (published: 5.9375e-3).", o => o.EtaInterneuronToPyramidal, (o, v) => o with { EtaInterneuronToPyramidal = v });
        var rateScale = settings.Add("--rate-scale", "Multiply every learning rate by this: k times the rates for P patterns stands for k P patterns at the rates themselves while weights change little per pattern (regression.csv's equivalent_patterns).", o => o.RateScale, (o, v) => o with { RateScale = v });
        var command = shared.Command("regression", $"Paper Fig. 2: runs {RegressionExperiment.ModelFile(RegressionLearner.Full)} and {RegressionExperiment.ModelFile(RegressionLearner.Shallow)} with {RegressionExperiment.ProtocolFile} (a 30-50-10 soft-ReLU microcircuit learns a 30-20-10 teacher online, 100 ms per pattern, sigma 0.3, against a shallow learner that trains only the top layer); writes both run folders, regression.csv, figures/, summary.md.", patterns, every, testPatterns, sigma, noise, scale, etaHidden, etaOutput, etaIp, etaPi, rateScale);
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var options = settings.Bind(parse) with { Seed = parse.GetValue(shared.Seed) };
            options.Validate();
            using var interruption = Interruption.Handle();
            var lines = new ProgressLines(output, TimeSpan.FromSeconds(10));
            var steps = new long[2];
            var outcome = RegressionExperiment.Run(options, shared.Output.PathOf(parse), parse.GetValue(shared.Output.Overwrite), parse.GetValue(shared.Resume), interruption.Token, (learner, step, total) =>
            {
                Interlocked.Exchange(ref steps[(int)learner], step);
                lines.Write(elapsed => string.Create(CultureInfo.InvariantCulture, $"step {Interlocked.Read(ref steps[0])} (full) and {Interlocked.Read(ref steps[1])} (shallow) of {total} ({elapsed.TotalSeconds:F0} s)"));
            }, parse.GetValue(shared.Png));
            if (outcome.Status == RunStatus.Interrupted)
            {
                error.WriteLine($"neurosim: interrupted; checkpoints kept in {outcome.OutputDirectory}");
                error.WriteLine($"resume with: neurosim {RunCommand.ResumeArguments(parse.Tokens.Select(t => t.Value))}");
                return interruption.ExitCode;
            }

            var result = outcome.Result!;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{outcome.Status}: final test error microcircuit {result.Full.FinalError:G4}, shallow {result.Shallow.FinalError:G4} -> {outcome.OutputDirectory} ({lines.Elapsed.TotalSeconds:F1} s)"));
            return outcome.Status == RunStatus.Complete ? CliApp.Success : CliApp.BadInput;
        }));
        return command;
    }
}
