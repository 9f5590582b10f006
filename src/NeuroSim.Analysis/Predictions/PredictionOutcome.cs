namespace NeuroSim.Analysis.Predictions;

/// <summary>One number of a prediction: under a condition, a measured quantity's mean and spread (standard deviation) over N runs.</summary>
public sealed record PredictionRow(string Condition, string Quantity, double Mean, double Spread, int N);

/// <summary>A prediction for a wet-lab experiment: the manipulation, what is measured, the predicted effect in numbers, and its figure.</summary>
public sealed record PredictionOutcome(
    string Id,
    string Title,
    string Manipulation,
    string Measured,
    string Effect,
    IReadOnlyList<PredictionRow> Rows,
    IReadOnlyList<string> Figures);

/// <summary>Where a prediction finds its protocol templates and writes its runs and figures, and how many seeds it uses.</summary>
public sealed record PredictionContext(string ProtocolsFolder, string OutputFolder, int Seeds, bool Png)
{
    /// <summary>The protocol template <paramref name="file"/> in <see cref="ProtocolsFolder"/>.</summary>
    public string Template(string file) => Path.Combine(ProtocolsFolder, file);
}
