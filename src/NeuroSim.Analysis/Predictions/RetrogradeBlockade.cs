using System.Globalization;
using NeuroSim.Plotting.Layers;
using NeuroSim.Plotting.Layout;

namespace NeuroSim.Analysis.Predictions;

/// <summary>Prediction 4: retrograde messenger blockade across hidden -> out (protocols/predictions/retrograde-blockade.sweep.yaml).</summary>
public static class RetrogradeBlockade
{
    public const int Epochs = 30;

    public static PredictionOutcome Run(PredictionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sweep = PredictionSweep.Run(context, "retrograde-blockade.sweep.yaml", "p4");
        // Points: (step, epochs) = (0.2, 30) then (0.002, 1), each with the gain 1 (control) then 0 (blocked).
        sweep.Expect(
            ["0.2 x 30, gain 1", "0.2 x 30, gain 0", "0.002 x 1, gain 1", "0.002 x 1, gain 0"],
            p => $"{sweep.PointValues("learning_rate")[p]} x {sweep.PointValues("protocol.timeline[1].repeat.times")[p]}, gain {sweep.PointValues("protocol.timeline[0].scale.gain")[p]}");
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
                var weights = sweep.Monitor(g, seed, "weights");
                var loss = sweep.Monitor(g, seed, "loss")["loss"];
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
        var smallStep = Enumerable.Range(1, context.Seeds)
            .Select(seed => MonitorMeasures.WeightChange(sweep.Monitor(3, seed, "weights"), "hidden->out", 0, 1) / MonitorMeasures.WeightChange(sweep.Monitor(2, seed, "weights"), "hidden->out", 0, 1))
            .ToList();
        var lossRatio = finalLoss[1].Zip(finalLoss[0], (b, c) => b / c).ToList();
        var rows = new List<PredictionRow>();
        foreach (var (label, g) in new[] { ("control", 0), ("blocked hidden->out", 1) })
        {
            rows.Add(PredictionRow.OverSeeds(label, $"upstream (in->hidden) sum |dw| over {Epochs} epochs", upstream[g]));
            rows.Add(PredictionRow.OverSeeds(label, "downstream (hidden->out) sum |dw| in the first presentation", downstreamFirst[g]));
            rows.Add(PredictionRow.OverSeeds(label, $"mean loss in epoch {Epochs}", finalLoss[g]));
        }

        var ratio = PredictionRow.OverSeeds("blocked / control", "downstream change in the first presentation", downstreamRatio);
        var lossRow = PredictionRow.OverSeeds("blocked / control", $"loss in epoch {Epochs}", lossRatio);
        var small = PredictionRow.OverSeeds("blocked / control, step 0.002 instead of 0.2", "downstream change in the first presentation", smallStep);
        rows.AddRange([ratio, lossRow, small]);
        var control = rows[0];
        var effect = string.Create(CultureInfo.InvariantCulture,
            $"Blocking the retrograde messenger across hidden->out leaves the upstream weights exactly unchanged (sum |dw| = {upstream[1].Max():G3} against {control.Mean:G3} ± {control.HalfWidth95:G2} in controls), leaves the downstream change of the first presentation at {ratio.Mean:P1} ± {ratio.HalfWidth95:P1} of the control's with the model's step lambda = 0.2 and at {small.Mean:P2} ± {small.HalfWidth95:P2} with lambda = 0.002 (the difference is the control's upstream weights and biases moving within the presentation), and learning plateaus with the loss after {Epochs} epochs at {lossRow.Mean:F1} ± {lossRow.HalfWidth95:F1} times the control's (the level of a network that learns only its last layer).");
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
