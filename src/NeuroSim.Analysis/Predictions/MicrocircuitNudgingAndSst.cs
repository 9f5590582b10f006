using System.Globalization;
using NeuroSim.Analysis.Microcircuit.Mnist;
using NeuroSim.Core.Randomness;
using NeuroSim.Core.Scheduling;
using NeuroSim.Experiments.Sweeps;
using NeuroSim.Models.Microcircuit;
using NeuroSim.Models.Training;
using NeuroSim.Plotting.Layers;
using NeuroSim.Plotting.Layout;

namespace NeuroSim.Analysis.Predictions;

/// <summary>
/// Prediction 7, for the dendritic microcircuit (Sacramento et al. 2018): how much the apical potential of
/// hidden pyramidal neurons changes when a teacher starts nudging the output, and what silencing the SST-like
/// interneurons does to learning. The circuit is the paper's Fig. 1 setting (30-20-10, self-predicting start,
/// one input pattern, a new target, sigma 0.1), simulated in continuous time (dt 0.1 ms, forward Euler).
/// </summary>
public static class MicrocircuitNudgingAndSst
{
    public const double DtMs = 0.1;
    public const double BaselineMs = 2000;
    public const double LearningMs = 10_000;
    public const double WindowMs = 100;

    public static PredictionOutcome Run(PredictionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var measures = new[] { new List<Trial>(), new List<Trial>() };
        for (var seed = 1; seed <= context.Seeds; seed++)
        {
            measures[0].Add(RunTrial((ulong)seed, silenced: false));
            measures[1].Add(RunTrial((ulong)seed, silenced: true));
        }

        var rows = new List<PredictionRow>();
        string[] labels = ["control", "SST interneurons silenced"];
        for (var c = 0; c < 2; c++)
        {
            rows.Add(Row(labels[c], $"hidden bottom-up weights: relative change ‖dW‖/‖W‖ in {BaselineMs / 1000:F0} s without a target", measures[c].Select(t => t.HiddenDrift)));
            rows.Add(Row(labels[c], $"output bottom-up weights: relative change in {BaselineMs / 1000:F0} s without a target", measures[c].Select(t => t.OutputDrift)));
            rows.Add(Row(labels[c], "RMS apical potential, no target (last 200 ms before onset)", measures[c].Select(t => t.ApicalBefore)));
            rows.Add(Row(labels[c], $"RMS apical potential, first {WindowMs:F0} ms of nudging", measures[c].Select(t => t.ApicalOnset)));
            rows.Add(Row(labels[c], $"RMS apical potential, last {WindowMs:F0} ms of {LearningMs / 1000:F0} s learning", measures[c].Select(t => t.ApicalAfter)));
            rows.Add(Row(labels[c], "output error ‖u_out − u_trgt‖² at target onset", measures[c].Select(t => t.ErrorBefore)));
            rows.Add(Row(labels[c], $"output error ‖u_out − u_trgt‖² after {LearningMs / 1000:F0} s", measures[c].Select(t => t.ErrorAfter)));
        }

        // Learning many patterns, where the hidden layer matters: the two-step scheme on the committed MNIST subset.
        var subset = Path.GetFullPath(Path.Combine(context.ProtocolsFolder, "..", "..", "tests", "data", "mnist-subset"));
        var learning = Directory.Exists(subset)
            ? Enumerable.Range(1, context.Seeds).Select(seed => SubsetLearning(subset, (ulong)seed)).ToList()
            : [];
        if (learning.Count > 0)
        {
            rows.Add(Row("control", $"MNIST subset, two-step scheme: held-out accuracy after {SubsetEpochs} epochs", learning.Select(r => r.Control)));
            rows.Add(Row("SST interneurons silenced", $"MNIST subset, two-step scheme: held-out accuracy after {SubsetEpochs} epochs", learning.Select(r => r.Silenced)));
            rows.Add(Row("plain BP, same network and order", $"MNIST subset: held-out accuracy after {SubsetEpochs} epochs", learning.Select(r => r.Backprop)));
        }

        var jump = measures[0].Select(t => t.ApicalOnset / t.ApicalBefore).ToList();
        var remaining = measures[0].Select(t => t.ErrorAfter / t.ErrorBefore).ToList();
        var remainingSilenced = measures[1].Select(t => t.ErrorAfter / t.ErrorBefore).ToList();
        rows.Add(Row("control", "apical RMS at nudging onset / before", jump));
        rows.Add(Row("control", "error remaining after learning (fraction)", remaining));
        rows.Add(Row("SST interneurons silenced", "error remaining after learning (fraction)", remainingSilenced));
        var (jm, js) = MeanAndInterval(jump);
        var (rm, rs) = MeanAndInterval(remaining);
        var (sm, ss) = MeanAndInterval(remainingSilenced);
        var (bm, bs) = MeanAndInterval(measures[1].Select(t => t.ApicalBefore).ToList());
        var (cm, cs) = MeanAndInterval(measures[0].Select(t => t.ApicalBefore).ToList());
        var (dcm, dcs) = MeanAndInterval(measures[0].Select(t => t.HiddenDrift).ToList());
        var (dsm, dss) = MeanAndInterval(measures[1].Select(t => t.HiddenDrift).ToList());
        var effect = string.Create(CultureInfo.InvariantCulture,
            $"When a teacher starts nudging the output, the RMS apical potential of hidden pyramidal neurons rises {jm:F1} ± {js:F1} fold above its no-target level ({cm:G3} ± {cs:G2}, set by the noise) within {WindowMs:F0} ms, and falls back as the bottom-up weights learn: after {LearningMs / 1000:F0} s, {rm:P1} ± {rs:P1} of the initial output error remains. " +
            $"Silencing the SST interneurons removes the cancellation of top-down input: the apical potential without any target is {bm:G3} ± {bs:G2} (RMS), a permanent false error that drives the hidden bottom-up synapses without any teacher ({dsm:P2} ± {dss:P2} relative weight change in {BaselineMs / 1000:F0} s, against {dcm:P3} ± {dcs:P3} with intact interneurons); the single association itself is still learned ({sm:P1} ± {ss:P1} of the output error remains), because the output layer alone can fit one pattern; learning many patterns is another matter.") +
            (learning.Count == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture,
                $" Learning many patterns (two-step scheme, 784-{SubsetHidden}-10 on the committed 300-digit MNIST subset, {SubsetEpochs} epochs, interneurons silenced in training and test): held-out accuracy {learning.Average(r => r.Control):P1} ± {MeanAndInterval(learning.Select(r => r.Control).ToList()).HalfWidth95:P1} with intact interneurons, {learning.Average(r => r.Silenced):P1} ± {MeanAndInterval(learning.Select(r => r.Silenced).ToList()).HalfWidth95:P1} with SST silenced (plain BP: {learning.Average(r => r.Backprop):P1})."));

        var chart = new Figure(1, 2) { Width = 1100, Height = 460, Title = "Prediction 7: dendritic microcircuit, apical potential on nudging and SST silencing", Subtitle = "30-20-10, self-predicting start, one pattern, sigma 0.1; target switched on at 2 s; thin lines: single seeds" };
        chart.Add(0, 0, TracePanel(measures, t => t.ApicalTrace, "RMS apical potential (hidden)", log: true));
        chart.Add(0, 1, TracePanel(measures, t => t.ErrorTrace, "‖u_out − u_trgt‖²", log: true));
        var figure = PredictionFigures.Save(context, chart, "p7-microcircuit-apical.svg");
        return new PredictionOutcome(
            "7",
            "Microcircuit: apical potential on nudging, and silencing SST interneurons",
            $"a target nudges the output of the Sacramento et al. microcircuit after {BaselineMs / 1000:F1} s without one; in a second condition the SST-like interneurons are silenced throughout",
            "RMS apical potential of the hidden pyramidal neurons before and after nudging starts, and the output error after 10 s of learning",
            effect,
            rows,
            [figure]);
    }

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

    private static PredictionRow Row(string condition, string quantity, IEnumerable<double> perSeed) => PredictionRow.OverSeeds(condition, quantity, perSeed);

    /// <summary>Mean over seeds and the half-width of its 95% confidence interval, as the table gives them.</summary>
    private static (double Mean, double HalfWidth95) MeanAndInterval(IEnumerable<double> perSeed)
    {
        var (mean, half, _) = NeuroSim.Core.Statistics.MeanInterval.Of(perSeed);
        return (mean, half);
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
            var time = Enumerable.Range(0, length).Select(k => (k + 1) * WindowMs / 1000.0).ToArray();
            var mean = Enumerable.Range(0, length).Select(k => measures[c].Average(t => trace(t)[k])).ToArray();
            panel.Add(new LineSeries(c == 0 ? "control" : "SST silenced", time, mean, Palette.SeriesColor(c), 2.5));
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
        var model = new MicrocircuitModel(spec) { InterneuronsSilenced = silenced, StepNoiseDtMs = DtMs };
        var random = Seeds.Random(seed, SeedStreams.NudgingTrials);
        model.Weights.Randomize(random, (_, _) => 1.0);
        model.Weights.SetSelfPredicting(model.Conductances);
        var input = Enumerable.Range(0, 30).Select(_ => random.NextUniform(0, 1)).ToArray();
        var target = Enumerable.Range(0, 10).Select(_ => random.NextUniform(-1, 1)).ToArray();
        var scheduler = new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Coupled, DtMs = DtMs, Integrator = "euler" });
        var perWindow = (int)Math.Round(WindowMs / DtMs);
        var windows = (int)Math.Round((BaselineMs + LearningMs) / WindowMs);
        var onsetWindow = (int)Math.Round(BaselineMs / WindowMs);
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
