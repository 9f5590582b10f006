using System.Globalization;
using NeuroSim.Plotting.Layers;
using NeuroSim.Plotting.Layout;

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

        var rows = new List<PredictionRow>();
        var creditRel = new List<double>[Drives.Count];
        var plasticityRel = new List<double>[Drives.Count];
        for (var k = 0; k < Drives.Count; k++)
        {
            creditRel[k] = [.. Enumerable.Range(0, context.Seeds).Select(s => credit[s, k] / credit[s, control])];
            plasticityRel[k] = [.. Enumerable.Range(0, context.Seeds).Select(s => plasticity[s, k] / plasticity[s, control])];
            var condition = string.Create(CultureInfo.InvariantCulture, $"tonic drive {Drives[k]:+0.0;-0.0;0} on the hidden layer");
            rows.Add(PredictionRow.OverSeeds(condition, "hidden credit share mean |c f(s)| / control", creditRel[k]));
            rows.Add(PredictionRow.OverSeeds(condition, "upstream (in->hidden) sum |dw| / control", plasticityRel[k]));
        }

        var (creditInhibited, plasticityInhibited) = (rows[0], rows[1]);
        var effect = string.Create(CultureInfo.InvariantCulture,
            $"Shifting the whole hidden layer out of balance cuts both the credit it passes upstream and upstream plasticity: tonic inhibition of 2 leaves {creditInhibited.Mean:P0} ± {creditInhibited.HalfWidth95:P0} of the control's credit share and {plasticityInhibited.Mean:P0} ± {plasticityInhibited.HalfWidth95:P0} of its upstream weight change; tonic excitation (disinhibition) of 2 leaves {creditRel[^1].Average():P0} and {plasticityRel[^1].Average():P0}.");
        var chart = new Figure(1, 1) { Width = 820, Height = 480, Title = "Prediction 6: E-I shift of a whole layer", Subtitle = "relative to no drive; line: mean over seeds, band: 95% confidence interval" };
        var panel = new Panel();
        panel.X.Label = "tonic drive on the hidden layer (inhibition < 0 < disinhibition)";
        panel.Y.Label = "relative to control";
        panel.Add(new MeanWithInterval("credit share passed upstream", [.. Drives], creditRel, Palette.SeriesColor(0), 2.2));
        panel.Add(new MeanWithInterval("upstream weight change", [.. Drives], plasticityRel, Palette.SeriesColor(1), 2.2));
        chart.Add(0, 0, panel);
        var figure = PredictionFigures.Save(context, chart, "p6-layer-ei-shift.svg");
        return new PredictionOutcome("6", "Pharmacological E-I shift of a whole layer", "tonic inhibitory (or excitatory, as disinhibition) drive from -2 to +2 onto every hidden neuron during one 1 s presentation", "the credit share the hidden layer passes upstream, mean |c f(s)|, and the upstream weight change, relative to no drive", effect, rows, [figure]);
    }
}
