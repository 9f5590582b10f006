using NeuroSim.Analysis.Microcircuit.Mnist;
using NeuroSim.Core.Randomness;
using NeuroSim.Core.Scheduling;
using NeuroSim.Experiments.Sweeps;
using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Analysis.Predictions;

/// <summary>
/// Prediction 7, for the dendritic microcircuit (Sacramento et al. 2018): how much the apical potential of
/// hidden pyramidal neurons changes when a teacher starts nudging the output, and what silencing the SST-like
/// interneurons does to learning. The circuit is the paper's Fig. 1 setting (30-20-10, self-predicting start,
/// one input pattern, a new target, sigma 0.1), simulated in continuous time (dt 0.1 ms, forward Euler).
/// </summary>
public static class MicrocircuitNudgingAndSst
{
    /// <summary>The trial's clock: the step, the baseline without a target, the learning with one, the measuring window.</summary>
    private static class Clock
    {
        public const double DtMs = 0.1;
        public const double BaselineMs = 2000;
        public const double LearningMs = 10_000;
        public const double WindowMs = 100;
    }

    public static PredictionOutcome Run(PredictionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var measures = new[] { new List<Trial>(), new List<Trial>() };
        for (var seed = 1; seed <= context.Seeds; seed++)
        {
            measures[0].Add(RunTrial((ulong)seed, silenced: false));
            measures[1].Add(RunTrial((ulong)seed, silenced: true));
        }

        // Each quantity under the control, then with the SST interneurons silenced against the control of the same seed.
        (string Quantity, Func<Trial, double> Of)[] quantities =
        [
            ($"hidden bottom-up weights: relative change ‖dW‖/‖W‖ in {Clock.BaselineMs / 1000:F0} s without a target", t => t.HiddenDrift),
            ($"output bottom-up weights: relative change in {Clock.BaselineMs / 1000:F0} s without a target", t => t.OutputDrift),
            ("RMS apical potential, no target (last 200 ms before onset)", t => t.ApicalBefore),
            ($"RMS apical potential, first {Clock.WindowMs:F0} ms of nudging", t => t.ApicalOnset),
            ($"RMS apical potential, last {Clock.WindowMs:F0} ms of {Clock.LearningMs / 1000:F0} s learning", t => t.ApicalAfter),
            ("output error ‖u_out − u_trgt‖² at target onset", t => t.ErrorBefore),
            ($"output error ‖u_out − u_trgt‖² after {Clock.LearningMs / 1000:F0} s", t => t.ErrorAfter),
            ("error remaining after learning (fraction)", t => t.ErrorAfter / t.ErrorBefore),
        ];
        const string Control = "control", Silenced = "SST interneurons silenced";
        var controls = quantities.Select(q => PredictionRow.OverSeeds(Control, q.Quantity, measures[0].Select(q.Of))).ToList();
        var silenced = quantities.Select((q, k) => PredictionRow.Against(Silenced, q.Quantity, [.. measures[1].Select(q.Of)], controls[k])).ToList();
        var rows = new List<PredictionRow>();
        rows.AddRange(controls);
        rows.AddRange(silenced);

        // Learning many patterns, where the hidden layer matters: the two-step scheme on the committed MNIST subset.
        var subset = Path.GetFullPath(Path.Combine(context.ProtocolsFolder, "..", "..", "tests", "data", "mnist-subset"));
        var learning = Directory.Exists(subset)
            ? Enumerable.Range(1, context.Seeds).Select(seed => SubsetLearning(subset, (ulong)seed)).ToList()
            : [];
        var mnistQuantity = $"MNIST subset, two-step scheme: held-out accuracy after {SubsetEpochs} epochs";
        if (learning.Count > 0)
        {
            var mnistControl = PredictionRow.OverSeeds(Control, mnistQuantity, learning.Select(r => r.Control));
            rows.Add(mnistControl);
            rows.Add(PredictionRow.Against(Silenced, mnistQuantity, [.. learning.Select(r => r.Silenced)], mnistControl));
            rows.Add(PredictionRow.OverSeeds("plain BP, same network and order", $"MNIST subset: held-out accuracy after {SubsetEpochs} epochs", learning.Select(r => r.Backprop)));
        }

        // Within a trial of the control: the apical potential at nudging onset against its no-target level of the same seed.
        var jump = PredictionRow.RatioTo(Control, "apical RMS at nudging onset / before", [.. measures[0].Select(t => t.ApicalOnset / t.ApicalBefore)], "no target (same seed, before onset)");
        rows.Add(jump);
        PredictionRow Find(string condition, int quantity) => rows.Single(r => r.Condition == condition && r.Quantity == quantities[quantity].Quantity);
        var (apicalBefore, apicalBeforeSilenced) = (Find(Control, 2), Find(Silenced, 2));
        var (drift, driftSilenced) = (Find(Control, 0), Find(Silenced, 0));
        var (remaining, remainingSilenced) = (Find(Control, 7), Find(Silenced, 7));
        var falseError = EffectWording.Direction(apicalBeforeSilenced, string.Empty, ": a false error", string.Empty);
        var effect = string.Create(CultureInfo.InvariantCulture,
            $"When a teacher starts nudging the output, the RMS apical potential of hidden pyramidal neurons in the first {Clock.WindowMs:F0} ms is {EffectWording.Phrase(jump, Fold, "its no-target level", string.Empty)} (no-target level {EffectWording.MeanCi(apicalBefore, G3)}, set by the noise); after {Clock.LearningMs / 1000:F0} s of learning, {EffectWording.MeanCi(remaining, Pct1)} of the initial output error remains. " +
            $"Silencing the SST interneurons (same seeds): the apical potential without any target is {EffectWording.MeanCi(apicalBeforeSilenced, G3)} (RMS), {EffectWording.Phrase(apicalBeforeSilenced, G3, "intact interneurons")}{falseError}; " +
            $"without a teacher the hidden bottom-up weights move by {EffectWording.MeanCi(driftSilenced, PctDigits)} in {Clock.BaselineMs / 1000:F0} s against {EffectWording.MeanCi(drift, PctDigits)} with intact interneurons ({EffectWording.Phrase(driftSilenced, PctDigits, "intact interneurons")}); " +
            $"of the single association's output error {EffectWording.MeanCi(remainingSilenced, Pct1)} remains after learning ({EffectWording.Phrase(remainingSilenced, Pct1, "intact interneurons")}; the output layer alone can fit one pattern).") +
            (learning.Count == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture,
                $" Learning many patterns (two-step scheme, 784-{SubsetHidden}-10 on the committed 300-digit MNIST subset, {SubsetEpochs} epochs, interneurons silenced in training and test): held-out accuracy {EffectWording.MeanCi(rows.Single(r => r.Condition == Control && r.Quantity == mnistQuantity), Pct1)} with intact interneurons, {EffectWording.MeanCi(rows.Single(r => r.Condition == Silenced && r.Quantity == mnistQuantity), Pct1)} with SST silenced ({EffectWording.Phrase(rows.Single(r => r.Condition == Silenced && r.Quantity == mnistQuantity), Pct1, "intact interneurons")}; plain BP: {EffectWording.MeanCi(rows[^2], Pct1)})."));

        var chart = new Figure(1, 2) { Width = 1100, Height = 460, Title = "Prediction 7: dendritic microcircuit, apical potential on nudging and SST silencing", Subtitle = "30-20-10, self-predicting start, one pattern, sigma 0.1; target switched on at 2 s; line: mean over seeds, band: 95% CI, thin lines: single seeds" };
        chart.Add(0, 0, TracePanel(measures, t => t.ApicalTrace, "RMS apical potential (hidden)", log: true));
        chart.Add(0, 1, TracePanel(measures, t => t.ErrorTrace, "‖u_out − u_trgt‖²", log: true));
        var figure = PredictionFigures.Save(context, chart, "p7-microcircuit-apical.svg");
        return new PredictionOutcome(
            "7",
            "Microcircuit: apical potential on nudging, and silencing SST interneurons",
            $"a target nudges the output of the Sacramento et al. microcircuit after {Clock.BaselineMs / 1000:F1} s without one; in a second condition the SST-like interneurons are silenced throughout",
            "RMS apical potential of the hidden pyramidal neurons before and after nudging starts, and the output error after 10 s of learning",
            effect,
            rows,
            [figure])
        {
            InTheLab = "Image apical-dendrite calcium (or record dendritic potentials) of pyramidal neurons one stage below the output while a teaching signal is switched on, and silence SST interneurons optogenetically (e.g. an inhibitory opsin in SST-Cre animals) with and without a teacher, measuring dendritic activity, synaptic drift and learning of one versus many associations; this maps to the RMS apical potential v_A of the hidden pyramidal neurons, the relative change of their bottom-up weights and the output error or held-out accuracy.",
        };
    }

    private static string G3(double value) => EffectWording.Number(value);

    private static string Pct1(double value) => EffectWording.Percent(value, 1);

    private static string PctDigits(double value) => EffectWording.PercentDigits(value);

    private static string Fold(double value) => value.ToString("F1", CultureInfo.InvariantCulture) + " times";

    public const int SubsetEpochs = 15;
    public const int SubsetHidden = 64;

    /// <summary>
    /// Held-out accuracy of the two-step microcircuit (784-64-10, the MNIST command's settings) after training on
    /// 200 of the 300 committed digits, with intact and with silenced interneurons, and of plain BP beside it.
    /// </summary>
    private static (double Control, double Silenced, double Backprop) SubsetLearning(string folder, ulong seed)
    {
        var data = Mnist.Load(folder, on: 0.8, off: 0.1);
        var train = new Dataset("mnist-subset-train", [.. data.Inputs.Take(200)], [.. data.Targets.Take(200)]);
        var test = new Dataset("mnist-subset-test", [.. data.Inputs.Skip(200)], [.. data.Targets.Skip(200)]);
        var settings = new MnistTwoStepSettings { Sizes = [784, SubsetHidden, 10], Seed = seed };
        var accuracy = new double[3];
        for (var condition = 0; condition < 2; condition++)
        {
            var experiment = new MnistTwoStepExperiment(settings, train, test);
            experiment.Microcircuit.Scheme.InterneuronsSilenced = condition == 1;
            for (var epoch = 0; epoch < SubsetEpochs; epoch++)
            {
                experiment.RunEpoch(0);
            }

            accuracy[condition] = experiment.Scores[^1].MicrocircuitAccuracy;
            accuracy[2] = experiment.Scores[^1].BackpropAccuracy;
        }

        return (accuracy[0], accuracy[1], accuracy[2]);
    }

    private static Panel TracePanel(List<Trial>[] measures, Func<Trial, double[]> trace, string label, bool log)
    {
        var panel = new Panel();
        panel.Y.Log = log;
        panel.X.Label = "time (s)";
        panel.Y.Label = label;
        for (var c = 0; c < 2; c++)
        {
            var length = trace(measures[c][0]).Length;
            var time = Enumerable.Range(0, length).Select(k => (k + 1) * Clock.WindowMs / 1000.0).ToArray();
            var seeds = Enumerable.Range(0, length).Select(k => (IReadOnlyList<double>)[.. measures[c].Select(t => trace(t)[k])]).ToList();
            panel.Add(new MeanWithInterval(c == 0 ? "control" : "SST silenced", time, seeds, Palette.SeriesColor(c), 2.5));
            foreach (var t in measures[c])
            {
                panel.Add(new LineSeries(null, time, trace(t), Palette.SeriesColor(c), 0.6));
            }
        }

        return panel;
    }

    private sealed record Trial(double HiddenDrift, double OutputDrift, double ApicalBefore, double ApicalOnset, double ApicalAfter, double ErrorBefore, double ErrorAfter, double[] ApicalTrace, double[] ErrorTrace);

    private static Trial RunTrial(ulong seed, bool silenced)
    {
        var spec = new MicrocircuitSpec
        {
            Sizes = [30, 20, 10],
            Rates = MicrocircuitRates.SingleAssociation,
            NoiseSigma = 0.1,
            Seed = seed,
        };
        var model = new MicrocircuitModel(spec) { InterneuronsSilenced = silenced, StepNoiseDtMs = Clock.DtMs };
        var random = Seeds.Random(seed, SeedStreams.NudgingTrials);
        model.Weights.Randomize(random, (_, _) => 1.0);
        model.Weights.SetSelfPredicting(model.Conductances);
        var input = Enumerable.Range(0, 30).Select(_ => random.NextUniform(0, 1)).ToArray();
        var target = Enumerable.Range(0, 10).Select(_ => random.NextUniform(-1, 1)).ToArray();
        var scheduler = new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Coupled, DtMs = Clock.DtMs, Integrator = "euler" });
        var perWindow = (int)Math.Round(Clock.WindowMs / Clock.DtMs);
        var windows = (int)Math.Round((Clock.BaselineMs + Clock.LearningMs) / Clock.WindowMs);
        var onsetWindow = (int)Math.Round(Clock.BaselineMs / Clock.WindowMs);
        var apical = new double[windows];
        var error = new double[windows];
        var hiddenStart = model.Weights.Up(0).ToArray();
        var outputStart = model.Weights.Up(1).ToArray();
        double hiddenDrift = 0, outputDrift = 0;
        model.Present(input);
        for (var w = 0; w < windows; w++)
        {
            if (w == onsetWindow)
            {
                hiddenDrift = RelativeChange(hiddenStart, model.Weights.Up(0));
                outputDrift = RelativeChange(outputStart, model.Weights.Up(1));
                model.Present(input, target);
            }

            double apicalSum = 0, errorSum = 0;
            for (var k = 0; k < perWindow; k++)
            {
                scheduler.Advance(1);
                model.Observe();
                var apicalNow = model.Activity.Apical(0);
                apicalSum += DenseMath.SquaredNorm(apicalNow) / apicalNow.Length;
                var output = model.PyramidalPotential(1);
                for (var i = 0; i < output.Length; i++)
                {
                    errorSum += (output[i] - target[i]) * (output[i] - target[i]);
                }
            }

            apical[w] = Math.Sqrt(apicalSum / perWindow);
            error[w] = errorSum / perWindow;
        }

        return new Trial(
            HiddenDrift: hiddenDrift,
            OutputDrift: outputDrift,
            ApicalBefore: Math.Sqrt(((apical[onsetWindow - 1] * apical[onsetWindow - 1]) + (apical[onsetWindow - 2] * apical[onsetWindow - 2])) / 2),
            ApicalOnset: apical[onsetWindow],
            ApicalAfter: apical[^1],
            ErrorBefore: error[onsetWindow - 1],
            ErrorAfter: error[^1],
            ApicalTrace: apical,
            ErrorTrace: error);
    }

    private static double RelativeChange(double[] before, ReadOnlySpan<double> after)
    {
        double change = 0, norm = 0;
        for (var k = 0; k < before.Length; k++)
        {
            change += (after[k] - before[k]) * (after[k] - before[k]);
            norm += before[k] * before[k];
        }

        return Math.Sqrt(change / norm);
    }
}
