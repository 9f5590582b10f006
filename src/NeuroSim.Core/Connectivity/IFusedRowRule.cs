namespace NeuroSim.Core.Connectivity;

/// <summary>
/// The model's part of a fused forward-Euler pass over one projection (<see cref="Projection.FusedEulerPass"/>):
/// once the E and I pools of a block of post neurons are complete, the model turns them into each row's
/// retrograde factor (the weight of the row in W^T delta) and plasticity factor (dW_ij = factor x_j).
/// Blocks are disjoint and may be finished on different threads.
/// </summary>
public interface IFusedRowRule
{
    /// <summary>
    /// Post neurons [<paramref name="firstPost"/>, + count) of the projection have complete pools; write their
    /// factors into <paramref name="retrograde"/> and <paramref name="plasticity"/> (indexed from firstPost).
    /// </summary>
    void FinishRows(int firstPost, Span<double> retrograde, Span<double> plasticity);

    /// <summary>
    /// Post neurons [<paramref name="firstPost"/>, + <paramref name="count"/>) have taken a stage pass's Euler update and
    /// the pools of their new weights are complete (<see cref="StageUpdate.Euler"/>); the rule may finish them for the next
    /// evaluation, on the thread that updated them. Nothing by default.
    /// </summary>
    void FinishUpdatedRows(int firstPost, int count)
    {
    }
}
