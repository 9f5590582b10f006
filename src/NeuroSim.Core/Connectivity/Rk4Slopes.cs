namespace NeuroSim.Core.Connectivity;

/// <summary>
/// The four stage slopes of one projection's weights in a classical RK4 step when each is a rank-1 plasticity drive,
/// k_s,ij = (a_s,i x_s,j) p_ij: the post factors a_s (projection-local, post-sized) and the presynaptic stage rates x_s
/// (pre-sized), s = 1..4 (<see cref="StageUpdate.Rk4"/>).
/// </summary>
public readonly ref struct Rk4Slopes(
    ReadOnlySpan<double> factors1,
    ReadOnlySpan<double> factors2,
    ReadOnlySpan<double> factors3,
    ReadOnlySpan<double> factors4,
    ReadOnlySpan<double> rates1,
    ReadOnlySpan<double> rates2,
    ReadOnlySpan<double> rates3,
    ReadOnlySpan<double> rates4)
{
    public ReadOnlySpan<double> Factors1 { get; } = factors1;

    public ReadOnlySpan<double> Factors2 { get; } = factors2;

    public ReadOnlySpan<double> Factors3 { get; } = factors3;

    public ReadOnlySpan<double> Factors4 { get; } = factors4;

    public ReadOnlySpan<double> Rates1 { get; } = rates1;

    public ReadOnlySpan<double> Rates2 { get; } = rates2;

    public ReadOnlySpan<double> Rates3 { get; } = rates3;

    public ReadOnlySpan<double> Rates4 { get; } = rates4;
}
