using NeuroSim.Core.Statistics;

namespace NeuroSim.Analysis.Predictions;

/// <summary>
/// One number of a prediction: under a condition, a measured quantity's mean over N values (one per seed, the unit of
/// replication) and the half-width of its two-sided 95% confidence interval (Student t; NaN for one value). A row
/// compared with a control also carries the effect against it (<see cref="Effect"/>, paired by seed).
/// </summary>
public sealed record PredictionRow(string Condition, string Quantity, double Mean, double HalfWidth95, int N)
{
    /// <summary>The value of seed k + 1 at index k (NaN where that seed gives none): what predictions.csv lists per seed.</summary>
    public IReadOnlyList<double> PerSeed { get; init; } = [];

    /// <summary>The condition this row is compared with (same quantity, same seeds), or null for a row without a control.</summary>
    public string? Control { get; init; }

    /// <summary>
    /// The effect against <see cref="Control"/>: for an ordinary row the per-seed difference (this row minus the
    /// control's), for a row that is itself a per-seed ratio to the control that ratio against 1.
    /// </summary>
    public PairedEffect? Effect { get; init; }

    /// <summary>The 95% interval of the mean: [Mean - HalfWidth95, Mean + HalfWidth95] (NaN bounds without one).</summary>
    public (double Lower, double Upper) Interval => (Mean - HalfWidth95, Mean + HalfWidth95);

    /// <summary>The mean and 95% interval of <paramref name="perSeed"/>: entry k is seed k + 1 (NaN: no value for that seed).</summary>
    public static PredictionRow OverSeeds(string condition, string quantity, IEnumerable<double> perSeed)
    {
        ArgumentNullException.ThrowIfNull(perSeed);
        double[] values = [.. perSeed];
        var (mean, half, n) = MeanInterval.Of(values);
        return new PredictionRow(condition, quantity, mean, half, n) { PerSeed = values };
    }

    /// <summary>
    /// The row of <paramref name="perSeed"/> with its paired difference against <paramref name="control"/>, the row of the
    /// same quantity under the control condition over the same seeds.
    /// </summary>
    public static PredictionRow Against(string condition, string quantity, IReadOnlyList<double> perSeed, PredictionRow control)
    {
        ArgumentNullException.ThrowIfNull(control);
        if (control.Quantity != quantity)
        {
            throw new ArgumentException($"'{condition}' ({quantity}) is compared with a control row of another quantity ({control.Quantity})");
        }

        return OverSeeds(condition, quantity, perSeed) with { Control = control.Condition, Effect = PairedEffect.Difference(perSeed, control.PerSeed) };
    }

    /// <summary>A row of per-seed ratios to the control <paramref name="control"/> of the same seed, with its effect against 1.</summary>
    public static PredictionRow RatioTo(string condition, string quantity, IReadOnlyList<double> ratios, string control) =>
        OverSeeds(condition, quantity, ratios) with { Control = control, Effect = PairedEffect.Ratio(ratios) };
}

/// <summary>
/// A prediction for a wet-lab experiment: the manipulation, what is measured, the predicted effect in numbers, its
/// figure, and what a lab would measure for it (the model quantity it maps to).
/// </summary>
public sealed record PredictionOutcome(
    string Id,
    string Title,
    string Manipulation,
    string Measured,
    string Effect,
    IReadOnlyList<PredictionRow> Rows,
    IReadOnlyList<string> Figures)
{
    /// <summary>One sentence: what a lab would measure (and how it would manipulate) and the model quantity it maps to.</summary>
    public string? InTheLab { get; init; }
}

/// <summary>Where a prediction finds its sweep files and writes its runs and figures, and how many seeds it uses.</summary>
public sealed record PredictionContext(string ProtocolsFolder, string OutputFolder, int Seeds, bool Png)
{
    /// <summary>Seeds per condition unless told otherwise (`neurosim predict --seeds`; the shipped sweep files say the same).</summary>
    public const int DefaultSeeds = 10;

    /// <summary>Runs in parallel within each prediction's sweep (the numbers do not depend on it).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>The file <paramref name="file"/> (a sweep file or protocol) in <see cref="ProtocolsFolder"/>.</summary>
    public string Template(string file) => Path.Combine(ProtocolsFolder, file);
}
