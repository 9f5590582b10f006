namespace NeuroSim.Core.Kernels;

/// <summary>The five connectivity kernels every projection layout implements.</summary>
public enum KernelKind
{
    /// <summary>E and I pools: one pass over the rows.</summary>
    Pools,

    /// <summary>W^T delta: column-wise sums.</summary>
    Transposed,

    /// <summary>The rank-1 plasticity update, row by row.</summary>
    Outer,

    /// <summary>The per-synapse retrograde signal with spillover, row by row.</summary>
    Retrograde,

    /// <summary>Messengers collected per presynaptic neuron: column-wise sums.</summary>
    Messengers,
}
