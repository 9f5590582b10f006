using System.Globalization;
using NeuroSim.Analysis.Connectome;
using NeuroSim.Core.RunFolders;

namespace NeuroSim.Analysis.Predictions;

/// <summary>
/// Prediction 3 (development): modularity of the connectome against the learning rate, from the Fig. 4
/// pipeline (`neurosim connectome`; the all-to-all experiment is not a protocol file: it is the paper's
/// Algorithm 1, run by <see cref="ConnectomeExperiment"/>).
/// </summary>
public static class DevelopmentModularity
{
    public static IReadOnlyList<double> Rates { get; } = [0.001, 0.01, 0.1];

    public static PredictionOutcome Run(PredictionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var folder = Path.Combine(context.OutputFolder, "runs", "p3");
        var template = new ConnectomeSettings { Neurons = context.Seeds > 1 ? 300 : 60, Iterations = context.Seeds > 1 ? 400 : 40 };
        ConnectomeStudy.Run(folder, template, Rates, [0.8], context.Seeds, context.Png);
        var table = CsvTable.Read(Path.Combine(folder, "connectome.csv"), "connectome.csv");
        var (rates, modularity) = (table.Numbers("r"), table.Numbers("modularity"));
        var rows = new List<PredictionRow>();
        var means = new List<double>();
        foreach (var r in Rates)
        {
            var q = modularity.Where((_, k) => rates[k] == r).ToList();
            var row = PredictionRow.OverSeeds(string.Create(CultureInfo.InvariantCulture, $"learning rate r = {r:G3} (prune p = 0.8)"), "Leiden modularity Q of (|W| + |W^T|)/2", q);
            means.Add(row.Mean);
            rows.Add(row);
        }

        var effect = string.Create(CultureInfo.InvariantCulture,
            $"Modularity {(means[^1] > means[0] ? "rises" : "falls")} with the learning rate, from Q = {means[0]:F3} at r = {Rates[0]} to {means[^1]:F3} at r = {Rates[^1]}: {(means[^1] > means[0] ? "the opposite of the paper's prediction that high learning rates (early development) favour across-module wiring; at these settings the rule gives more modular wiring when plasticity is fast" : "as the paper predicts, high learning rates favour across-module wiring")}.");
        return new PredictionOutcome("3", "Development: modularity against learning rate", "learning rate r of the all-to-all noise-driven network with pruning (the paper's Fig. 4)", "Leiden modularity Q of the final connectome", effect, rows, [Path.Combine("runs", "p3", "figures", "modularity-vs-rate.svg"), Path.Combine("runs", "p3", "figures", "reordered-weights-p0.8.svg")]);
    }
}
