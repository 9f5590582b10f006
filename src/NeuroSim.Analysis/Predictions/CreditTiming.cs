namespace NeuroSim.Analysis.Predictions;

/// <summary>
/// Prediction 5: the weight change of one trial against the messenger time constant tau_m (full clamp
/// overlap) and against the overlap of input and output clamping (fast messenger): protocols/predictions/credit-timing.yaml
/// run by credit-timing-messenger.sweep.yaml and credit-timing-overlap.sweep.yaml. The controls are the fastest
/// messenger and the full overlap (the first condition of each sweep); every other condition is compared with the
/// control of the same seed.
/// </summary>
public static class CreditTiming
{
    public static IReadOnlyList<double> MessengerMs { get; } = [1, 10, 30, 100, 300, 1000, 3000];

    public static IReadOnlyList<double> OverlapMs { get; } = [1000, 500, 200, 100, 50, 20];

    /// <summary>"Learning stops": the trial's weight change falls below this fraction of the control's, its whole 95% interval below it.</summary>
    public const double StopFraction = 0.1;

    public const string MessengerQuantity = "upstream (in->hidden) sum |dw| of the trial";
    public const string MessengerRatioQuantity = "upstream sum |dw| / the fastest messenger's (same seed)";
    public const string OverlapQuantity = "sum |dw| of the trial (in->hidden and hidden->out)";
    public const string OverlapRatioQuantity = "sum |dw| / the full overlap's (same seed)";

    public static string MessengerCondition(double ms) => string.Create(CultureInfo.InvariantCulture, $"tau_m = {ms:G4} ms (overlap 1000 ms)");

    public static string OverlapCondition(double ms) => string.Create(CultureInfo.InvariantCulture, $"overlap = {ms:G4} ms (tau_m = 1 ms)");

    public static PredictionOutcome Run(PredictionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Messengers carry credit upstream only, so their effect is measured on the upstream weights.
        var byMessenger = Raw(context, PredictionSweep.Run(context, "credit-timing-messenger.sweep.yaml", "p5-messenger"), "timescales.messenger (ms)", MessengerMs, upstreamOnly: true);
        var byOverlap = Raw(context, PredictionSweep.Run(context, "credit-timing-overlap.sweep.yaml", "p5-overlap"), "protocol.timeline[3].run (ms)", OverlapMs, upstreamOnly: false);
        var (messengerRows, messengerRatios) = Rows(byMessenger, MessengerMs, MessengerCondition, MessengerQuantity, MessengerRatioQuantity);
        var (overlapRows, overlapRatios) = Rows(byOverlap, OverlapMs, OverlapCondition, OverlapQuantity, OverlapRatioQuantity);
        List<PredictionRow> rows = [.. messengerRows, .. messengerRatios, .. overlapRows, .. overlapRatios];
        string At(IReadOnlyList<double> values, List<PredictionRow> ratios, double ms) =>
            string.Create(CultureInfo.InvariantCulture, $"at {ms:G4} ms, {EffectWording.Phrase(ratios[Index(values, ms) - 1], Pct, "the control's")}");
        var effect =
            $"Against the fastest messenger (tau_m = 1 ms) of the same seed, the upstream weight change of one trial: {At(MessengerMs, messengerRatios, 100)}; {At(MessengerMs, messengerRatios, 1000)}; {At(MessengerMs, messengerRatios, 3000)}. " +
            $"Against the full 1000 ms clamp overlap, the total weight change of one trial: {At(OverlapMs, overlapRatios, 500)}; {At(OverlapMs, overlapRatios, 100)}. " +
            $"Upstream change against tau_m: {Threshold("tau_m", MessengerMs, messengerRatios)}; total change against overlap: {Threshold("overlap", OverlapMs, overlapRatios)} (tau_x 10 ms, tau_c 100 ms, tau_w 1 s).";
        var chart = new Figure(1, 2) { Width = 1100, Height = 460, Title = "Prediction 5: weight change against messenger time constant and clamp overlap", Subtitle = "weight change of one trial relative to the control of the same seed (tau_m = 1 ms; overlap 1000 ms); dots: seeds; line: mean, band: 95% CI; dashed: 10%" };
        chart.Add(0, 0, Panel("messenger time constant tau_m (ms)", MessengerMs, messengerRatios, 0));
        chart.Add(0, 1, Panel("overlap of input and output clamps (ms)", OverlapMs, overlapRatios, 1));
        var figure = PredictionFigures.Save(context, chart, "p5-credit-timing.svg");
        return new PredictionOutcome("5", "Slowing the messenger, shortening the clamp overlap", "messenger time constant tau_m from 1 ms to 3 s; overlap of input and output clamping from 1 s to 20 ms", "the total weight change of one trial, sum |dw|, and its ratio to the fastest messenger's or the full overlap's of the same seed", effect, rows, [figure])
        {
            InTheLab = "Lengthen the retrograde messenger's lifetime pharmacologically (e.g. a blocker of its degrading enzyme or reuptake, as a concentration series) and, separately, shorten the overlap of presynaptic stimulation and the postsynaptic teaching signal in a pairing protocol from 1 s to 20 ms, measuring the plasticity one pairing trial induces upstream (e.g. the change of the unitary EPSP); this maps to the messenger time constant tau_m and the clamp overlap, and to sum |dw| of the trial relative to the control of the same preparation.",
        };
    }

    /// <summary>
    /// The threshold sentence, right whether or not a value is found: "its whole 95% interval first lies below 10% of
    /// the control's at tau_m = 1000 ms" or "at no tau_m tried (10 to 3000 ms) does its whole 95% interval lie below 10%
    /// of the control's". <paramref name="ratios"/> are the rows of values[1..] (the control, values[0], has none).
    /// </summary>
    internal static string Threshold(string quantity, IReadOnlyList<double> values, IReadOnlyList<PredictionRow> ratios)
    {
        var found = FirstClearlyBelow(ratios);
        return found is { } k
            ? string.Create(CultureInfo.InvariantCulture, $"its whole 95% interval first lies below {EffectWording.Percent(StopFraction)} of the control's at {quantity} = {values[k + 1]:G4} ms")
            : string.Create(CultureInfo.InvariantCulture, $"at no {quantity} tried ({values[1]:G4} to {values[^1]:G4} ms) does its whole 95% interval lie below {EffectWording.Percent(StopFraction)} of the control's");
    }

    /// <summary>The index of the first ratio row (in the order tried) whose effect's 95% interval (of the geometric mean ratio) lies wholly below <see cref="StopFraction"/>, or null.</summary>
    internal static int? FirstClearlyBelow(IReadOnlyList<PredictionRow> ratios)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        for (var k = 0; k < ratios.Count; k++)
        {
            if (ratios[k].Effect is { } effect && double.IsFinite(effect.Upper) && effect.Upper < StopFraction)
            {
                return k;
            }
        }

        return null;
    }

    private static int Index(IReadOnlyList<double> values, double ms) => values.ToList().IndexOf(ms);

    private static string Pct(double value) => EffectWording.Percent(value);

    /// <summary>
    /// The rows of one half: sum |dw| per condition (the control first, the others against it, paired by seed), and
    /// the per-seed ratios to the control of every other condition.
    /// </summary>
    private static (List<PredictionRow> Raw, List<PredictionRow> Ratios) Rows(double[][] raw, IReadOnlyList<double> values, Func<double, string> condition, string quantity, string ratioQuantity)
    {
        var control = PredictionRow.OverSeeds(condition(values[0]), quantity, raw[0]);
        List<PredictionRow> rows = [control, .. Enumerable.Range(1, values.Count - 1).Select(k => PredictionRow.Against(condition(values[k]), quantity, raw[k], control))];
        List<PredictionRow> ratios = [.. Enumerable.Range(1, values.Count - 1).Select(k => PredictionRow.RatioTo(condition(values[k]), ratioQuantity, [.. raw[k].Zip(raw[0], (m, c) => m / c)], control.Condition))];
        return (rows, ratios);
    }

    /// <summary>Per condition (grid point, whose <paramref name="column"/> must be <paramref name="values"/>), the sum |dw| of each seed's run (entry k: seed k + 1).</summary>
    private static double[][] Raw(PredictionContext context, PredictionSweep sweep, string column, IReadOnlyList<double> values, bool upstreamOnly)
    {
        sweep.Expect(values, p => double.Parse(sweep.PointValues(column)[p], CultureInfo.InvariantCulture));
        var raw = new double[values.Count][];
        for (var k = 0; k < values.Count; k++)
        {
            raw[k] = new double[context.Seeds];
            for (var seed = 1; seed <= context.Seeds; seed++)
            {
                var weights = sweep.Monitor(k, seed, "weights");
                raw[k][seed - 1] = MonitorMeasures.WeightChange(weights, "in->hidden") + (upstreamOnly ? 0 : MonitorMeasures.WeightChange(weights, "hidden->out"));
            }
        }

        return raw;
    }

    private static Panel Panel(string label, IReadOnlyList<double> values, List<PredictionRow> ratios, int color)
    {
        var panel = new Panel();
        panel.X.Log = true;
        panel.X.Label = label;
        panel.Y.Label = "weight change / control's (same seed)";

        // The control itself is 1 in every seed.
        var seeds = ratios[0].PerSeed.Count;
        List<IReadOnlyList<double>> samples = [Enumerable.Repeat(1.0, seeds).ToArray(), .. ratios.Select(r => r.PerSeed)];
        panel.Add(new MeanWithInterval("relative weight change", [.. values], samples, Palette.SeriesColor(color), 2.2));
        panel.Add(new ScatterSeries(null, [.. values.SelectMany((v, k) => samples[k].Select(_ => v))], [.. samples.SelectMany(r => r)], Palette.SeriesColor(color), 2.5));
        panel.Add(new LineSeries(string.Create(CultureInfo.InvariantCulture, $"{EffectWording.Percent(StopFraction)} of control"), [values.Min(), values.Max()], [StopFraction, StopFraction], Palette.Ink, 1.2, "5,3"));
        return panel;
    }
}
