namespace NeuroSim.Analysis.Predictions;

/// <summary>
/// Prediction 3 (development): the community structure of the connectome against the learning rate, from the paper's
/// Algorithm 1 (protocols/predictions/development-modularity.sweep.yaml; the full study is sweeps/connectome.yaml). The
/// lowest learning rate is the control; each higher rate is compared with it seed by seed (same initial network, same
/// noise stream).
/// </summary>
public static class DevelopmentModularity
{
    public static IReadOnlyList<double> Rates { get; } = [0.001, 0.01, 0.1];

    private static readonly (string Metric, string Quantity)[] Quantities =
    [
        ("modularity", "Leiden modularity Q of (|W| + |W^T|)/2"),
        ("across_module", "fraction of |w| across communities"),
    ];

    public static PredictionOutcome Run(PredictionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sweep = PredictionSweep.Run(context, "development-modularity.sweep.yaml", "p3");
        sweep.Expect([.. Rates.Select(r => r.ToString(CultureInfo.InvariantCulture))], p => sweep.PointValues("r")[p]);
        var rows = new List<PredictionRow>();
        var controls = Quantities.Select(q => PredictionRow.OverSeeds(Condition(0), q.Quantity, sweep.Metric(0, q.Metric))).ToArray();
        rows.AddRange(controls);
        for (var point = 1; point < Rates.Count; point++)
        {
            rows.AddRange(Quantities.Select((q, k) => PredictionRow.Against(Condition(point), q.Quantity, sweep.Metric(point, q.Metric), controls[k])));
        }

        var highQ = rows.Single(r => r.Condition == Condition(Rates.Count - 1) && r.Quantity == Quantities[0].Quantity);
        var highAcross = rows.Single(r => r.Condition == Condition(Rates.Count - 1) && r.Quantity == Quantities[1].Quantity);
        var modularity = EffectWording.Direction(highQ, "falls", "rises", "shows no clear change");
        var across = EffectWording.Direction(highAcross, "falls", "rises", "shows no clear change");
        var reading = (modularity, across) switch
        {
            ("falls", "rises") => "as the paper predicts, a high learning rate (early development) wires across modules",
            ("rises", "falls") => "the opposite of the paper's prediction that a high learning rate (early development) wires across modules: at these settings fast plasticity gives more modular wiring",
            _ => "neither the paper's pattern nor its opposite, clearly",
        };
        var effect = string.Create(CultureInfo.InvariantCulture,
            $"From r = {Rates[0]} to r = {Rates[^1]} the modularity {modularity} (Q {EffectWording.MeanCi(controls[0], EffectWording.Number)} to {EffectWording.MeanCi(highQ, EffectWording.Number)}; {EffectWording.Phrase(highQ, EffectWording.Number, $"r = {Rates[0]}")}) and the fraction of the weight across communities {across} ({EffectWording.Phrase(highAcross, EffectWording.Number, $"r = {Rates[0]}")}): {reading}.");
        return new PredictionOutcome("3", "Development: modularity against learning rate", "learning rate r of the all-to-all noise-driven network with pruning (the paper's Fig. 4, Algorithm 1)", "Leiden modularity Q of the final connectome and the fraction of |w| across communities", effect, rows,
            [Path.Combine("runs", "p3", "figures", "modularity.svg"), Path.Combine("runs", "p3", "figures", "connectome.svg")])
        {
            InTheLab = "Map the connectivity of a cortical area at several developmental stages, or after raising or lowering plasticity pharmacologically during development (e.g. multi-patch connectivity mapping or serial-section electron microscopy), and measure how modular the wiring is and how much of it runs between modules; this maps to the Leiden modularity Q of the symmetrised weight matrix and the across-community fraction of |w|, with the learning rate r standing for the level of plasticity.",
        };
    }

    private static string Condition(int point) => string.Create(CultureInfo.InvariantCulture, $"learning rate r = {Rates[point]:G3} (prune p = 0.8)");
}
