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

        // The blocked rows are compared with the control of the same seed: paired differences, and paired ratios.
        string[] quantities = [$"upstream (in->hidden) sum |dw| over {Epochs} epochs", "downstream (hidden->out) sum |dw| in the first presentation", $"mean loss in epoch {Epochs}"];
        var measured = new[] { upstream, downstreamFirst, finalLoss };
        var rows = new List<PredictionRow>();
        var controls = quantities.Select((q, k) => PredictionRow.OverSeeds("control", q, measured[k][0])).ToList();
        rows.AddRange(controls);
        rows.AddRange(quantities.Select((q, k) => PredictionRow.Against("blocked hidden->out", q, measured[k][1], controls[k])));
        var blockedUpstream = rows[3];
        var ratio = PredictionRow.RatioTo("blocked / control", "downstream change in the first presentation", downstreamRatio, "control");
        var lossRow = PredictionRow.RatioTo("blocked / control", $"loss in epoch {Epochs}", lossRatio, "control");
        var small = PredictionRow.RatioTo("blocked / control, step 0.002 instead of 0.2", "downstream change in the first presentation", smallStep, "control, step 0.002");
        rows.AddRange([ratio, lossRow, small]);
        var control = controls[0];
        var upstreamText = upstream[1].Max() == 0
            ? $"the upstream weights do not move at all (sum |dw| = 0 in every seed, against {EffectWording.MeanCi(control, EffectWording.Number)} in controls; {EffectWording.Phrase(blockedUpstream, EffectWording.Number, "control")})"
            : $"the upstream weights move by {EffectWording.MeanCi(blockedUpstream, EffectWording.Number)} (sum |dw|) against {EffectWording.MeanCi(control, EffectWording.Number)} in controls ({EffectWording.Phrase(blockedUpstream, EffectWording.Number, "control")})";
        var lossText = EffectWording.Direction(lossRow, "The loss after {0} epochs is lower than the control's: ", "Learning plateaus: the loss after {0} epochs is ", "The loss after {0} epochs shows ");
        var effect = string.Create(CultureInfo.InvariantCulture,
            $"Blocking the retrograde messenger across hidden->out: {upstreamText}. The downstream change of the first presentation, blocked against control: with the model's step lambda = 0.2, {EffectWording.Phrase(ratio, Pct1, "the control's")}; with lambda = 0.002, {EffectWording.Phrase(small, Pct2, "the control's")} (what differs is the control's upstream weights and biases moving within the presentation, which scales with the step). ") +
            string.Format(CultureInfo.InvariantCulture, lossText, Epochs) +
            (lossRow.Effect!.IsClear && lossRow.Effect.Estimate > 1
                ? $"{EffectWording.Phrase(lossRow, Times, "the control's", string.Empty)} (the level of a network that learns only its last layer)."
                : $"{EffectWording.Phrase(lossRow, Times, "the control's", string.Empty)}.");
        var chart = new Figure(1, 2) { Width = 1200, Height = 480, Title = "Prediction 4: retrograde messenger blockade across hidden -> out", Subtitle = "left: XOR learning, loss per epoch (line: mean over seeds, band: 95% CI, thin lines: single seeds); right: blocked / control of the same seed (dots: seeds; bar: 95% CI)" };
        var panel = new Panel { Title = "loss per epoch" };
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
        chart.Add(0, 1, RatioPanel([("downstream dw, 1st", ratio), ("the same, step 0.002", small), ($"loss, epoch {Epochs}", lossRow)]));
        var figure = PredictionFigures.Save(context, chart, "p4-retrograde-blockade.svg");
        return new PredictionOutcome("4", "Retrograde messenger blockade in one layer", $"retrograde gain of hidden->out set to 0 from the start of XOR training ({Epochs} epochs, 1 s presentations)", "weight change upstream and downstream of the block; the loss reached", effect, rows, [figure])
        {
            InTheLab = "Block the retrograde messenger at the synapses onto one layer only (e.g. a local infusion of a receptor antagonist or a postsynaptic knock-down of its synthesis, over a concentration range from no block to full block) while the animal learns a task, and measure synaptic change upstream and downstream of the block (e.g. spine volume or unitary EPSP amplitude) and the task error reached; this maps to the retrograde gain of hidden->out (1 = control, 0 = full block), sum |dw| per projection and the loss.",
        };
    }

    private static string Pct1(double value) => EffectWording.Percent(value, 1);

    private static string Pct2(double value) => EffectWording.Percent(value, 2);

    private static string Times(double value) => value.ToString("F1", CultureInfo.InvariantCulture) + " times";

    /// <summary>Per-seed ratios (dots), their mean and 95% interval (error bar), and the control's 1 (dashed).</summary>
    private static Panel RatioPanel(IReadOnlyList<(string Label, PredictionRow Row)> ratios)
    {
        var panel = new Panel { Title = "blocked / control, paired by seed" };
        panel.Y.Log = true;
        panel.Y.Label = "ratio (1 = no effect)";
        panel.X.Ticks = [.. ratios.Select((r, k) => new Tick(k, r.Label))];
        panel.X.Min = -0.6;
        panel.X.Max = ratios.Count - 0.4;
        panel.Add(new LineSeries("control (ratio 1)", [-0.6, ratios.Count - 0.4], [1, 1], Palette.Ink, 1.2, "5,3"));
        for (var k = 0; k < ratios.Count; k++)
        {
            var perSeed = ratios[k].Row.PerSeed;
            panel.Add(new MeanWithInterval(null, [k], [perSeed], Palette.SeriesColor(1)) { ErrorBars = true });
            panel.Add(new ScatterSeries(null, [.. perSeed.Select(_ => k + 0.2)], perSeed, Palette.SeriesColor(1), 2.5));
        }

        return panel;
    }
}
