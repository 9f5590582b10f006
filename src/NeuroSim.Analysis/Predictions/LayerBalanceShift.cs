namespace NeuroSim.Analysis.Predictions;

/// <summary>Prediction 6: tonic inhibition or disinhibition of the whole hidden layer during learning (protocols/predictions/layer-ei-shift.sweep.yaml).</summary>
public static class LayerBalanceShift
{
    /// <summary>Net tonic drive onto every hidden neuron: negative = inhibition, positive = excitation (disinhibition).</summary>
    public static IReadOnlyList<double> Drives { get; } = [-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0];

    public static PredictionOutcome Run(PredictionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sweep = PredictionSweep.Run(context, "layer-ei-shift.sweep.yaml", "p6");
        sweep.Expect(Drives, p => (sweep.PointValues("protocol.timeline[0].drive.pool")[p] == "inhibitory" ? -1 : 1) * double.Parse(sweep.PointValues("protocol.timeline[0].drive.amplitude")[p], CultureInfo.InvariantCulture));
        var credit = new double[context.Seeds, Drives.Count];
        var plasticity = new double[context.Seeds, Drives.Count];
        var control = Drives.ToList().IndexOf(0.0);
        for (var seed = 1; seed <= context.Seeds; seed++)
        {
            for (var k = 0; k < Drives.Count; k++)
            {
                credit[seed - 1, k] = MonitorMeasures.CreditShare(sweep.Monitor(k, seed, "hidden"), "hidden");
                plasticity[seed - 1, k] = MonitorMeasures.WeightChange(sweep.Monitor(k, seed, "weights"), "in->hidden");
            }
        }

        // Every drive against no drive on the same seed: the raw values with their paired differences, then the per-seed ratios.
        var rows = new List<PredictionRow>();
        var creditRaw = Enumerable.Range(0, Drives.Count).Select(k => Enumerable.Range(0, context.Seeds).Select(s => credit[s, k]).ToArray()).ToArray();
        var plasticityRaw = Enumerable.Range(0, Drives.Count).Select(k => Enumerable.Range(0, context.Seeds).Select(s => plasticity[s, k]).ToArray()).ToArray();
        var creditControl = PredictionRow.OverSeeds(Condition(Drives[control]), CreditQuantity, creditRaw[control]);
        var plasticityControl = PredictionRow.OverSeeds(Condition(Drives[control]), PlasticityQuantity, plasticityRaw[control]);
        var creditRatios = new PredictionRow?[Drives.Count];
        var plasticityRatios = new PredictionRow?[Drives.Count];
        for (var k = 0; k < Drives.Count; k++)
        {
            if (k == control)
            {
                rows.AddRange([creditControl, plasticityControl]);
                continue;
            }

            rows.Add(PredictionRow.Against(Condition(Drives[k]), CreditQuantity, creditRaw[k], creditControl));
            rows.Add(PredictionRow.Against(Condition(Drives[k]), PlasticityQuantity, plasticityRaw[k], plasticityControl));
            creditRatios[k] = PredictionRow.RatioTo(Condition(Drives[k]), CreditRatioQuantity, [.. creditRaw[k].Zip(creditRaw[control], (m, c) => m / c)], creditControl.Condition);
            plasticityRatios[k] = PredictionRow.RatioTo(Condition(Drives[k]), PlasticityRatioQuantity, [.. plasticityRaw[k].Zip(plasticityRaw[control], (m, c) => m / c)], plasticityControl.Condition);
        }

        rows.AddRange(creditRatios.OfType<PredictionRow>());
        rows.AddRange(plasticityRatios.OfType<PredictionRow>());
        var (inhibited, excited) = (Drives.ToList().IndexOf(-2.0), Drives.ToList().IndexOf(2.0));
        PredictionRow[] extremes = [creditRatios[inhibited]!, plasticityRatios[inhibited]!, creditRatios[excited]!, plasticityRatios[excited]!];
        var allCut = extremes.All(r => EffectWording.Direction(r, "lower", "higher", "unclear") == "lower");
        var effect =
            (allCut ? "Shifting the whole hidden layer out of balance, either way, cuts both the credit it passes upstream and upstream plasticity. " : string.Empty) +
            $"Against no drive in the same seed, tonic inhibition of 2: credit share passed upstream {EffectWording.Phrase(extremes[0], Pct, "the control's")}, upstream weight change {EffectWording.Phrase(extremes[1], Pct, "the control's")}; " +
            $"tonic excitation (disinhibition) of 2: credit share {EffectWording.Phrase(extremes[2], Pct, "the control's")}, upstream weight change {EffectWording.Phrase(extremes[3], Pct, "the control's")}.";
        var chart = new Figure(1, 2) { Width = 1200, Height = 480, Title = "Prediction 6: E-I shift of a whole layer", Subtitle = "line: mean over seeds, band: 95% CI, thin lines: single seeds (the pairing: every drive is compared with no drive on the same seed)" };
        var panels = new List<Panel>();
        foreach (var (title, raw, color) in new[] { ("credit share passed upstream, mean |c f(s)|", creditRaw, 0), ("upstream weight change, sum |dw| in->hidden", plasticityRaw, 1) })
        {
            var panel = new Panel { Title = title };
            panel.X.Label = "tonic drive on the hidden layer (inhibition < 0 < disinhibition)";
            panel.Y.Log = true;
            panel.Add(new MeanWithInterval("over seeds", [.. Drives], [.. raw], Palette.SeriesColor(color), 2.4));
            for (var seed = 0; seed < context.Seeds; seed++)
            {
                panel.Add(new LineSeries(null, [.. Drives], [.. raw.Select(v => v[seed])], Palette.SeriesColor(color), 0.7));
            }

            panels.Add(panel);
        }

        chart.Add(0, 0, panels[0]);
        chart.Add(0, 1, panels[1]);
        var figure = PredictionFigures.Save(context, chart, "p6-layer-ei-shift.svg");
        return new PredictionOutcome("6", "Pharmacological E-I shift of a whole layer", "tonic inhibitory (or excitatory, as disinhibition) drive from -2 to +2 onto every hidden neuron during one 1 s presentation", "the credit share the hidden layer passes upstream, mean |c f(s)|, and the upstream weight change, against no drive in the same seed", effect, rows, [figure])
        {
            InTheLab = "Shift the balance of a whole layer pharmacologically or chemogenetically (a GABA-A agonist such as muscimol for tonic inhibition, a low dose of an antagonist or silencing of its interneurons for disinhibition, each as a dose series) during one learning episode, and measure the plasticity of the synapses onto that layer (e.g. unitary EPSP or spine change) and the retrograde signal it sends; this maps to a tonic drive of -2 to +2 (in units of net input) onto every hidden neuron, the upstream sum |dw| and the credit share mean |c f(s)|, each relative to no drive.",
        };
    }

    public const string CreditQuantity = "hidden credit share mean |c f(s)|";
    public const string PlasticityQuantity = "upstream (in->hidden) sum |dw|";
    public const string CreditRatioQuantity = "hidden credit share / control's (same seed)";
    public const string PlasticityRatioQuantity = "upstream sum |dw| / control's (same seed)";

    public static string Condition(double drive) => string.Create(CultureInfo.InvariantCulture, $"tonic drive {drive:+0.0;-0.0;0} on the hidden layer");

    private static string Pct(double value) => EffectWording.Percent(value);
}
