using System.Globalization;

namespace NeuroSim.Analysis.Predictions;

/// <summary>
/// Prediction 3 (development): modularity of the connectome against the learning rate, from the paper's Algorithm 1
/// (protocols/predictions/development-modularity.sweep.yaml; the full study is sweeps/connectome.yaml).
/// </summary>
public static class DevelopmentModularity
{
    public static IReadOnlyList<double> Rates { get; } = [0.001, 0.01, 0.1];

    public static PredictionOutcome Run(PredictionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sweep = PredictionSweep.Run(context, "development-modularity.sweep.yaml", "p3");
        sweep.Expect([.. Rates.Select(r => r.ToString(CultureInfo.InvariantCulture))], p => sweep.PointValues("r")[p]);
        var rows = new List<PredictionRow>();
        var means = new List<double>();
        for (var point = 0; point < Rates.Count; point++)
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"learning rate r = {Rates[point]:G3} (prune p = 0.8)");
            var q = sweep.Metric(point, "modularity");
            var row = PredictionRow.OverSeeds(label, "Leiden modularity Q of (|W| + |W^T|)/2", q);
            means.Add(row.Mean);
            rows.Add(row);
            rows.Add(PredictionRow.OverSeeds(label, "fraction of |w| across communities", sweep.Metric(point, "across_module")));
        }

        var rises = means[^1] > means[0];
        var effect = string.Create(CultureInfo.InvariantCulture,
            $"Modularity {(rises ? "rises" : "falls")} with the learning rate, from Q = {means[0]:F3} at r = {Rates[0]} to {means[^1]:F3} at r = {Rates[^1]}: {(rises ? "the opposite of the paper's prediction that high learning rates (early development) favour across-module wiring; at these settings the rule gives more modular wiring when plasticity is fast" : "as the paper predicts, high learning rates favour across-module wiring")}.");
        return new PredictionOutcome("3", "Development: modularity against learning rate", "learning rate r of the all-to-all noise-driven network with pruning (the paper's Fig. 4, Algorithm 1)", "Leiden modularity Q of the final connectome", effect, rows,
            [Path.Combine("runs", "p3", "figures", "modularity.svg"), Path.Combine("runs", "p3", "figures", "connectome.svg")]);
    }
}
