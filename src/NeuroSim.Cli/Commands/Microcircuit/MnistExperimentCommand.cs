using NeuroSim.Analysis.Microcircuit.Mnist;

namespace NeuroSim.Cli.Commands.Microcircuit;

/// <summary>
/// `neurosim microcircuit mnist`: MNIST with the paper's two-step steady-state scheme against plain BP on the same
/// split (the first --train digits / the last --test digits of the 10,000), architecture, initial network and order.
/// </summary>
internal static class MnistExperimentCommand
{
    private enum Interneurons
    {
        Learned,
        Analytic,
    }

    private enum TopDown
    {
        Random,
        Tied,
    }

    private enum Rescaling
    {
        Paper,
        Compensated,
    }

    private enum InterneuronRule
    {
        Lms,
        Normalized,
        Centered,
    }

    public static Command Create(TextWriter output, TextWriter error)
    {
        var bound = new RecordOptions<MnistTwoStepSettings>(new MnistTwoStepSettings());
        var data = MnistFolder.DataOption();
        var sizes = bound.Add(MicrocircuitOptions.Sizes("Layer sizes, input to output (e.g. 784-256-10 or 784-500-500-10).", bound.Defaults.Sizes), (s, v) => s with { Sizes = v });
        var epochs = bound.Add("--epochs", "Passes over the training digits.", s => s.Epochs, (s, v) => s with { Epochs = v }).AtLeast(1);
        var train = new Option<int>("--train") { Description = "Training digits (the first N).", DefaultValueFactory = _ => 8000 }.AtLeast(1);
        var test = new Option<int>("--test") { Description = "Held-out digits (the last N).", DefaultValueFactory = _ => 2000 }.AtLeast(1);
        var seed = bound.Add("--seed", "Seed of the initial weights and the example order.", s => s.Seed, (s, v) => s with { Seed = v });
        var eta = bound.Add("--eta", "Microcircuit step (backprop units per batch; per-layer rates eta / (lambda_out lambda_A^(N-1-l)), see --rescaling).", s => s.Eta, (s, v) => s with { Eta = v }).Finite(0, minExcluded: true);
        var bpRate = bound.Add("--bp-rate", "Plain-BP learning rate (batch-mean gradient).", s => s.BackpropRate, (s, v) => s with { BackpropRate = v }).Finite(0, minExcluded: true);
        var feedback = bound.Add("--feedback-scale", "Fixed random top-down weights B uniform in +-this (with --top-down tied: the factor on W_up^T).", s => s.FeedbackScale, (s, v) => s with { FeedbackScale = v }).Finite(0);
        var initScale = bound.Add("--init-scale", "Initial bottom-up weights uniform in +-this (PH: 0.05).", s => s.UpScale, (s, v) => s with { UpScale = v }).Finite(0);
        var interneurons = bound.Add(OptionValues.Choice("--interneurons", "learned (W^IP plastic at 2 eta_PP, the paper) or analytic (W^IP, W^PI reset to the self-predicting state after every batch).", Interneurons.Learned), (s, v) => s with { AnalyticInterneurons = v == Interneurons.Analytic });
        var apical = bound.Add("--g-apical", "Apical conductance g_A (PH: 0.471; lambda_A = g_A / (g_lk + g_B + g_A)).", s => s.Apical, (s, v) => s with { Apical = v }).Finite(0, minExcluded: true);
        var somatic = bound.Add("--g-som", "Nudging conductance g_som of the output layer and the interneurons (PH: 0.12).", s => s.Somatic, (s, v) => s with { Somatic = v }).Finite(0, minExcluded: true);
        var interneuronRate = bound.Add("--interneuron-rate", "Learning rate of W^IP(l) as a multiple of eta_PP(l) (PH: 2); with --interneuron-rule normalized, the fraction of the interneuron error corrected per step.", s => s.InterneuronRate, (s, v) => s with { InterneuronRate = v }).Finite(0);
        var interneuronRule = bound.Add(OptionValues.Choice("--interneuron-rule", "lms (the paper: eta_IP x error x rates), normalized (each example's interneuron error divided by |r|^2 + 1 of its presynaptic rates and bias: normalised LMS) or centered (normalised LMS on the rates minus their running mean, a covariance rule); the last two ours [I].", InterneuronRule.Lms), (s, v) => s with { NormalizedInterneurons = v != InterneuronRule.Lms, CenteredInterneurons = v == InterneuronRule.Centered });
        var interneuronPhase = bound.Add(OptionValues.Choice("--interneuron-phase", "The settling W^IP learns from: nudged (with every other class, the paper), repeated (the nudged one, once more after the consolidation) or free (only a free settling after it); the last two ours [I].", InterneuronPhase.Nudged), (s, v) => s with { InterneuronPhase = v });
        var interneuronSteps = bound.Add("--interneuron-steps", "With --interneuron-phase repeated or free: how many times W^IP learns from its settling of each batch (interneuron plasticity on a faster timescale than the pyramidal weights; ours [I]).", s => s.InterneuronSteps, (s, v) => s with { InterneuronSteps = v });
        var topDown = bound.Add(OptionValues.Choice("--top-down", "random (fixed random B, feedback alignment: the paper) or tied (B = feedback-scale x W_up^T after every batch: the backprop condition).", TopDown.Random), (s, v) => s with { TiedTopDown = v == TopDown.Tied });
        var rescaling = bound.Add(OptionValues.Choice("--rescaling", "Per-layer rates: paper (eta / (lambda_out lambda_A^(N-1-l))) or compensated (also / (1 - lambda_I)^(N-1-l): the interneurons' own nudging cancels that share of each hidden layer's teaching signal; ours [I]).", Rescaling.Paper), (s, v) => s with { CompensateInterneuronNudging = v == Rescaling.Compensated });
        var seeds = new Option<int>("--seeds") { Description = "Repeat for seeds 1..N (N >= 2): folders seed-K and the final errors' 95% intervals over seeds in seeds.csv and summary.md (--seed is then not used).", DefaultValueFactory = _ => 1 }.AtLeast(1);
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint of an unfinished run with the same settings (written after every epoch)." };
        var outOption = new OutputFolderOptions("Output folder.");
        var command = new Command("mnist", "MNIST with the two-step steady-state microcircuit (Sacramento et al. 2018, section 3.4) against plain backprop: test error and loss per epoch, learning-curve figure, summary.")
        {
            data, sizes, epochs, train, test, seed, eta, bpRate, feedback, initScale, interneurons, interneuronRate, interneuronRule, interneuronPhase, interneuronSteps, topDown, rescaling, apical, somatic, seeds, resume, outOption.Out, outOption.Overwrite,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var settings = bound.Bind(parse);
            settings.Validate();
            var (trainSet, testSet) = MnistTwoStepRun.Split(parse.GetValue(data)!, parse.GetValue(train), parse.GetValue(test), settings);
            using var folder = outOption.Open(parse, "microcircuit mnist", parse.GetValue(resume) ? PartialFolderPolicy.MustContinue : PartialFolderPolicy.ContinueOnlyWhenAsked);
            var seedCount = parse.GetValue(seeds);
            if (seedCount > 1)
            {
                var console = CliConsole.Create(output);
                MnistSeedsRun.Run(settings, seedCount, trainSet, testSet, folder, line => console.MarkupLine(Markup.Escape(line)));
                console.MarkupLine(Markup.Escape($"wrote seed-1 ... seed-{seedCount}, seeds.csv, summary.md, manifest.json to {folder.FinalPath}"));
                return CliApp.Success;
            }

            return Run(new MnistTwoStepExperiment(settings, trainSet, testSet), folder, output);
        }));
        return command;
    }

    private static int Run(MnistTwoStepExperiment experiment, RunFolder folder, TextWriter output)
    {
        var console = CliConsole.Create(output);
        void Log(string line) => console.MarkupLine(Markup.Escape(line));
        if (console.Profile.Capabilities.Interactive)
        {
            console.Progress().Start(context =>
            {
                var task = context.AddTask("training", maxValue: experiment.Settings.Epochs);
                MnistTwoStepRun.Run(experiment, folder, Log, (batch, batches) =>
                {
                    task.Description = $"epoch {experiment.EpochsDone + 1}";
                    task.Value = experiment.EpochsDone + ((double)batch / batches);
                });
            });
        }
        else
        {
            MnistTwoStepRun.Run(experiment, folder, Log);
        }

        var wall = experiment.Scores[^1].WallSeconds;
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"wrote learning.csv, plots/learning.svg, summary.md, manifest.json to {folder.FinalPath} ({wall:F1} s of training and evaluation)")));
        return CliApp.Success;
    }
}
