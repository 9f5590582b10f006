namespace NeuroSim.Analysis.Separation;

/// <summary>
/// What one grid point measured, averaged over the batch: the relative L2 deviation ||dW - dW_BP|| / ||dW_BP||
/// and the cosine between them (total and per projection), the worst pair, and the time x and c took to
/// settle within 1% of their fixed points (in ms, which is also in units of tau_x: the probe runs with tau_x = 1 ms; NaN
/// where they never left it).
/// </summary>
public sealed record PointResult(
    SeparationPoint Point,
    double Deviation,
    double MaxDeviation,
    double Cosine,
    IReadOnlyList<double> ProjectionDeviation,
    IReadOnlyList<double> ProjectionCosine,
    double SettleFiring,
    double SettleCredit,
    long StepsPerPresentation);
