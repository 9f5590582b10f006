using System.Globalization;
using NeuroSim.Plotting.Layers;
using NeuroSim.Plotting.Layout;

namespace NeuroSim.Analysis.Predictions;

/// <summary>Prediction 4: retrograde messenger blockade across hidden -> out (protocols/predictions/retrograde-blockade.yaml).</summary>
public static class RetrogradeBlockade
{
    public const int Epochs = 30;

    public static PredictionOutcome Run(PredictionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var template = context.Template("retrograde-blockade.yaml");
        var upstream = new List<double>[2];
        var downstreamFirst = new List<double>[2];
        var finalLoss = new List<double>[2];
        var curves = new List<double[]>[2];
        for (var g = 0; g < 2; g++)
        {
            upstream[g] = [];
            downstreamFirst[g] = [];
            finalLoss[g] = [];
            curves[g] = [];
        }

        for (var seed = 1; seed <= context.Seeds; seed++)
        {
            for (var g = 0; g < 2; g++)
            {
                var values = new Dictionary<string, string> { ["GAIN"] = g == 0 ? "1" : "0", ["EPOCHS"] = Epochs.ToString(CultureInfo.InvariantCulture) };
                var run = TemplateRuns.Run(template, values, Path.Combine(context.OutputFolder, "runs", "p4", $"{(g == 0 ? "control" : "blocked")}-seed{seed}"), (ulong)seed);
                var weights = TemplateRuns.Monitor(run, "weights");
                var loss = TemplateRuns.Monitor(run, "loss")["loss"];
                upstream[g].Add(MonitorMeasures.WeightChange(weights, "in->hidden"));
                downstreamFirst[g].Add(MonitorMeasures.WeightChange(weights, "hidden->out", 0, 1));

                // The loss at the end of each epoch's four presentations, averaged over the epoch.
                var perEpoch = Enumerable.Range(0, Epochs).Select(e => loss.Skip(1 + (4 * e)).Take(4).Average()).ToArray();
                curves[g].Add(perEpoch);
                finalLoss[g].Add(perEpoch[^1]);
            }
        }

        var downstreamRatio = downstreamFirst[1].Zip(downstreamFirst[0], (b, c) => b / c).ToList();

        // The same first presentation with a 100x smaller step: what remains of the downstream difference
        // is the upstream weights' and biases' own motion during the presentation, which scales with the step.
        var smallStep = new List<double>();
        for (var seed = 1; seed <= context.Seeds; seed++)
        {
            var changes = new double[2];
            for (var g = 0; g < 2; g++)
            {
                var values = new Dictionary<string, string> { ["GAIN"] = g == 0 ? "1" : "0", ["EPOCHS"] = "1" };
                var run = TemplateRuns.Run(template, values, Path.Combine(context.OutputFolder, "runs", "p4", $"small-step-{g}-seed{seed}"), (ulong)seed, [new("learning_rate", "0.002")]);
                changes[g] = MonitorMeasures.WeightChange(TemplateRuns.Monitor(run, "weights"), "hidden->out", 0, 1);
            }

            smallStep.Add(changes[1] / changes[0]);
        }
        var lossRatio = finalLoss[1].Zip(finalLoss[0], (b, c) => b / c).ToList();
        var rows = new List<PredictionRow>();
        foreach (var (label, g) in new[] { ("control", 0), ("blocked hidden->out", 1) })
        {
            var (um, us) = TemplateRuns.MeanSd(upstream[g]);
            var (dm, ds) = TemplateRuns.MeanSd(downstreamFirst[g]);
            var (lm, ls) = TemplateRuns.MeanSd(finalLoss[g]);
            rows.Add(new PredictionRow(label, $"upstream (in->hidden) sum |dw| over {Epochs} epochs", um, us, upstream[g].Count));
            rows.Add(new PredictionRow(label, "downstream (hidden->out) sum |dw| in the first presentation", dm, ds, downstreamFirst[g].Count));
            rows.Add(new PredictionRow(label, $"mean loss in epoch {Epochs}", lm, ls, finalLoss[g].Count));
        }

        var (rm, rs) = TemplateRuns.MeanSd(downstreamRatio);
        var (qm, qs) = TemplateRuns.MeanSd(lossRatio);
        rows.Add(new PredictionRow("blocked / control", "downstream change in the first presentation", rm, rs, downstreamRatio.Count));
        rows.Add(new PredictionRow("blocked / control", $"loss in epoch {Epochs}", qm, qs, lossRatio.Count));
        var (sm, ss) = TemplateRuns.MeanSd(smallStep);
        rows.Add(new PredictionRow("blocked / control, step 0.002 instead of 0.2", "downstream change in the first presentation", sm, ss, smallStep.Count));
        var effect = string.Create(CultureInfo.InvariantCulture,
            $"Blocking the retrograde messenger across hidden->out leaves the upstream weights exactly unchanged (sum |dw| = {upstream[1].Max():G3} against {upstream[0].Average():G3} ± {TemplateRuns.MeanSd(upstream[0]).Sd:G2} in controls), leaves the downstream change of the first presentation at {rm:P1} ± {rs:P1} of the control's with the model's step lambda = 0.2 and at {sm:P2} ± {ss:P2} with lambda = 0.002 (the difference is the control's upstream weights and biases moving within the presentation), and learning plateaus with the loss after {Epochs} epochs at {qm:F1} ± {qs:F1} times the control's (the level of a network that learns only its last layer).");
        var chart = new Figure(1, 1) { Width = 820, Height = 480, Title = "Prediction 4: retrograde messenger blockade across hidden -> out", Subtitle = "XOR learning, loss per epoch; line: mean over seeds, band: 95% confidence interval, thin lines: single seeds" };
        var panel = new Panel();
        panel.Y.Log = true;
        panel.X.Label = "epoch";
        panel.Y.Label = "mean loss ½(y − x)²";
        for (var g = 0; g < 2; g++)
        {
            var seeds = Enumerable.Range(0, Epochs).Select(e => (IReadOnlyList<double>)[.. curves[g].Select(c => c[e])]).ToList();
            panel.Add(new MeanWithInterval(g == 0 ? "control" : "blocked", [.. Enumerable.Range(1, Epochs).Select(e => (double)e)], seeds, Palette.SeriesColor(g), 2.5));
            foreach (var c in curves[g])
            {
                panel.Add(new LineSeries(null, [.. Enumerable.Range(1, Epochs).Select(e => (double)e)], c, Palette.SeriesColor(g), 0.8));
            }
        }

        chart.Add(0, 0, panel);
        var figure = PredictionFigures.Save(context, chart, "p4-retrograde-blockade.svg");
        return new PredictionOutcome("4", "Retrograde messenger blockade in one layer", $"retrograde gain of hidden->out set to 0 from the start of XOR training ({Epochs} epochs, 1 s presentations)", "weight change upstream and downstream of the block; the loss reached", effect, rows, [figure]);
    }
}
