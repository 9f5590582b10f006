using NeuroSim.Experiments.Sweeps;

namespace NeuroSim.Analysis.Predictions;

/// <summary>
/// One number of a prediction: under a condition, a measured quantity's mean over N values (one per seed, the unit of
/// replication) and the half-width of its two-sided 95% confidence interval (Student t; NaN for one value, and for
/// descriptive statistics of a pooled set such as its median or largest value).
/// </summary>
public sealed record PredictionRow(string Condition, string Quantity, double Mean, double HalfWidth95, int N)
{
    /// <summary>The mean and 95% interval of <paramref name="perSeed"/> (one value per seed).</summary>
    public static PredictionRow OverSeeds(string condition, string quantity, IEnumerable<double> perSeed)
    {
        var (mean, half, n) = NeuroSim.Core.Statistics.MeanInterval.Of(perSeed);
        return new PredictionRow(condition, quantity, mean, half, n);
    }
}

/// <summary>A prediction for a wet-lab experiment: the manipulation, what is measured, the predicted effect in numbers, and its figure.</summary>
public sealed record PredictionOutcome(
    string Id,
    string Title,
    string Manipulation,
    string Measured,
    string Effect,
    IReadOnlyList<PredictionRow> Rows,
    IReadOnlyList<string> Figures);

/// <summary>Where a prediction finds its sweep files and writes its runs and figures, and how many seeds it uses.</summary>
public sealed record PredictionContext(string ProtocolsFolder, string OutputFolder, int Seeds, bool Png)
{
    /// <summary>Runs in parallel within each prediction's sweep (the numbers do not depend on it).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>The file <paramref name="file"/> (a sweep file or protocol) in <see cref="ProtocolsFolder"/>.</summary>
    public string Template(string file) => Path.Combine(ProtocolsFolder, file);
}
