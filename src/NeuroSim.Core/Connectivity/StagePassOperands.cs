namespace NeuroSim.Core.Connectivity;

/// <summary>What a stage pass does to each row after its retrograde share (<see cref="StagePassOperands.Update"/>).</summary>
public enum StageUpdate
{
    /// <summary>Nothing: the weights are only read.</summary>
    None,

    /// <summary>
    /// A forward-Euler plasticity step w_ij += ((a_i x_j) p_ij) h with the rule's plasticity factor a_i, and the pools of
    /// the updated row with the same rates added into <see cref="StagePassOperands.NextExcitatory"/> and
    /// <see cref="StagePassOperands.NextInhibitory"/>.
    /// </summary>
    Euler,

    /// <summary>
    /// The classical RK4 update w += h (k1 + 2 (k2 + k3) + k4) when each stage slope is a rank-1 plasticity drive
    /// k_s,ij = (a_s,i x_s,j) p_ij (<see cref="StagePassOperands.Slopes"/>, whose fourth factors the rule writes: a row's
    /// are read after the rule finished it), with the bits of the generic RK4 combining the stored slopes.
    /// </summary>
    Rk4,
}

/// <summary>
/// The operands of one projection's stage pass (<see cref="Projection.StagePass"/>), each in the projection's own
/// slices: rates and previous rates pre-sized, pools, stage factors and next pools post-sized.
/// </summary>
public readonly ref struct StagePassOperands
{
    /// <summary>Post factors a_i of the stage weights w + ((a x') p) h; empty: the weights as stored.</summary>
    public ReadOnlySpan<double> StageFactors { get; init; }

    /// <summary>Presynaptic rates x' of the stage weights.</summary>
    public ReadOnlySpan<double> PreviousRates { get; init; }

    /// <summary>h of the stage weights.</summary>
    public double StageStep { get; init; }

    /// <summary>The rates the pools are summed with.</summary>
    public ReadOnlySpan<double> Rates { get; init; }

    public Span<double> Excitatory { get; init; }

    public Span<double> Inhibitory { get; init; }

    /// <summary>The pools are complete already: the pass does not add to them.</summary>
    public bool PoolsKnown { get; init; }

    /// <summary>Turns completed rows into their retrograde factors (and plasticity factors, for <see cref="StageUpdate.Euler"/>).</summary>
    public IFusedRowRule Rule { get; init; }

    /// <summary>Gets sum_i r_i w_ij (added).</summary>
    public Span<double> Retrograde { get; init; }

    public StageUpdate Update { get; init; }

    /// <summary>h of the update (dt for Euler, dt / 6 for RK4).</summary>
    public double UpdateStep { get; init; }

    /// <summary>Pools of the updated rows (Euler update).</summary>
    public Span<double> NextExcitatory { get; init; }

    public Span<double> NextInhibitory { get; init; }

    /// <summary>The four slopes of the RK4 update.</summary>
    public Rk4Slopes Slopes { get; init; }
}
