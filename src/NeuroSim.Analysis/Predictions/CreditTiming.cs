using System.Globalization;
using NeuroSim.Plotting.Layers;
using NeuroSim.Plotting.Layout;

namespace NeuroSim.Analysis.Predictions;

/// <summary>
/// Prediction 5: the weight change of one trial against the messenger time constant tau_m (full clamp
/// overlap) and against the overlap of input and output clamping (fast messenger): protocols/predictions/credit-timing.yaml
/// run by credit-timing-messenger.sweep.yaml and credit-timing-overlap.sweep.yaml.
/// </summary>
public static class CreditTiming
{
    public static IReadOnlyList<double> MessengerMs { get; } = [1, 10, 30, 100, 300, 1000, 3000];

    public static IReadOnlyList<double> OverlapMs { get; } = [1000, 500, 200, 100, 50, 20];

    /// <summary>"Learning stops": the trial's weight change falls below this fraction of the best condition's.</summary>
    public const double StopFraction = 0.1;

    public static PredictionOutcome Run(PredictionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Messengers carry credit upstream only, so their effect is measured on the upstream weights.
        var byMessenger = Relative(context, PredictionSweep.Run(context, "credit-timing-messenger.sweep.yaml", "p5-messenger"), "timescales.messenger (ms)", MessengerMs, upstreamOnly: true);
        var byOverlap = Relative(context, PredictionSweep.Run(context, "credit-timing-overlap.sweep.yaml", "p5-overlap"), "protocol.timeline[3].run (ms)", OverlapMs, upstreamOnly: false);
        var rows = new List<PredictionRow>();
        rows.AddRange(MessengerMs.Select((t, k) => PredictionRow.OverSeeds(string.Create(CultureInfo.InvariantCulture, $"tau_m = {t:G4} ms (overlap 1000 ms)"), "upstream (in->hidden) sum |dw| of the trial / the fastest messenger's", byMessenger[k])));
        rows.AddRange(OverlapMs.Select((o, k) => PredictionRow.OverSeeds(string.Create(CultureInfo.InvariantCulture, $"overlap = {o:G4} ms (tau_m = 1 ms)"), "sum |dw| of the trial / the full overlap's", byOverlap[k])));
        var stopM = FirstBelow(MessengerMs, byMessenger);
        var stopO = FirstBelow(OverlapMs, byOverlap);
        var effect = string.Create(CultureInfo.InvariantCulture,
            $"The upstream weight change per trial falls as the messenger slows (tau_m = 100 ms: {byMessenger[3].Average():P0} of the fastest messenger's; 1000 ms: {byMessenger[5].Average():P0}; 3000 ms: {byMessenger[6].Average():P0}), and the total weight change falls as the clamp overlap shortens (500 ms: {byOverlap[1].Average():P0} of the full overlap's; 100 ms: {byOverlap[3].Average():P0}); it drops below {StopFraction:P0} {Describe("tau_m", stopM)} and {Describe("overlap", stopO)} (tau_x 10 ms, tau_c 100 ms, tau_w 1 s).");
        var chart = new Figure(1, 2) { Width = 1100, Height = 460, Title = "Prediction 5: slow messengers and short clamp overlaps weaken learning", Subtitle = "weight change of one trial relative to the best condition; dots: seeds" };
        chart.Add(0, 0, Panel("messenger time constant tau_m (ms)", MessengerMs, byMessenger, 0));
        chart.Add(0, 1, Panel("overlap of input and output clamps (ms)", OverlapMs, byOverlap, 1));
        var figure = PredictionFigures.Save(context, chart, "p5-credit-timing.svg");
        return new PredictionOutcome("5", "Slowing the messenger, shortening the clamp overlap", "messenger time constant tau_m from 1 ms to 3 s; overlap of input and output clamping from 1 s to 20 ms", "the total weight change of one trial, sum |dw|, relative to the fastest messenger or the full overlap", effect, rows, [figure]);
    }

    /// <summary>Per condition (grid point, whose <paramref name="column"/> must be <paramref name="values"/>), the sum |dw| of each seed's run relative to the largest of that seed.</summary>
    private static List<double>[] Relative(PredictionContext context, PredictionSweep sweep, string column, IReadOnlyList<double> values, bool upstreamOnly)
    {
        sweep.Expect(values, p => double.Parse(sweep.PointValues(column)[p], CultureInfo.InvariantCulture));
        var raw = new double[context.Seeds, values.Count];
        for (var seed = 1; seed <= context.Seeds; seed++)
        {
            for (var k = 0; k < values.Count; k++)
            {
                var weights = sweep.Monitor(k, seed, "weights");
                raw[seed - 1, k] = MonitorMeasures.WeightChange(weights, "in->hidden") + (upstreamOnly ? 0 : MonitorMeasures.WeightChange(weights, "hidden->out"));
            }
        }

        var relative = new List<double>[values.Count];
        for (var k = 0; k < values.Count; k++)
        {
            relative[k] = [.. Enumerable.Range(0, context.Seeds).Select(s => raw[s, k] / Enumerable.Range(0, values.Count).Max(j => raw[s, j]))];
        }

        return relative;
    }

    private static double? FirstBelow(IReadOnlyList<double> values, List<double>[] relative) =>
        values.Select((v, k) => (v, mean: relative[k].Average())).Where(p => p.mean < StopFraction).Select(p => (double?)p.v).FirstOrDefault();

    /// <summary>"at tau_m = 300 ms", or "at no tau_m tried" when no condition fell below the threshold.</summary>
    private static string Describe(string quantity, double? value) =>
        value is { } v ? string.Create(CultureInfo.InvariantCulture, $"at {quantity} = {v:G4} ms") : $"at no {quantity} tried";

    private static Panel Panel(string label, IReadOnlyList<double> values, List<double>[] relative, int color)
    {
        var panel = new Panel();
        panel.X.Log = true;
        panel.X.Label = label;
        panel.Y.Label = "weight change / best";
        panel.Add(new LineSeries("mean", [.. values], [.. relative.Select(r => r.Average())], Palette.SeriesColor(color), 2.2));
        panel.Add(new ScatterSeries(null, [.. values.SelectMany((v, k) => relative[k].Select(_ => v))], [.. relative.SelectMany(r => r)], Palette.SeriesColor(color), 2.5));
        return panel;
    }
}
