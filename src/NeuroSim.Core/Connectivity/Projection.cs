namespace NeuroSim.Core.Connectivity;

/// <summary>
/// The synapses from one group onto another (w_ij: onto post neuron i from pre neuron j), occupying
/// slots [SynapseOffset, SynapseOffset + SlotCount) of the flat weight vector. Kernels take the
/// projection's own slice of any per-synapse vector, so they work equally on the state and on the
/// stage vectors of an integrator.
/// </summary>
public abstract class Projection
{
    protected Projection(string name, NeuronGroup pre, NeuronGroup post, int synapseOffset)
    {
        Name = name;
        Pre = pre;
        Post = post;
        SynapseOffset = synapseOffset;
    }

    public string Name { get; }

    public NeuronGroup Pre { get; }

    public NeuronGroup Post { get; }

    public int SynapseOffset { get; }

    /// <summary>Number of weight slots this projection occupies (dense: Post.Size * Pre.Size).</summary>
    public abstract int SlotCount { get; }

    /// <summary>Number of synapses that exist (mask set).</summary>
    public abstract int ConnectionCount { get; }

    public Range SlotRange => SynapseOffset..(SynapseOffset + SlotCount);

    /// <summary>Local slot of synapse post &lt;- pre, or -1 when the mask says it does not exist.</summary>
    public abstract int SlotOf(int post, int pre);

    /// <summary>Calls <paramref name="visit"/>(slot, post, pre) for every existing synapse, in slot order.</summary>
    public abstract void ForEachSynapse(Action<int, int, int> visit);

    /// <summary>e_i += sum_j max(w_ij, 0) x_j and inh_i += sum_j max(-w_ij, 0) x_j in one pass over w.</summary>
    public abstract void AccumulatePools(ReadOnlySpan<double> w, ReadOnlySpan<double> xPre, Span<double> ePost, Span<double> iPost);

    /// <summary>target_j += gain * sum_i w_ij delta_i (the retrograde sum W^T delta).</summary>
    public abstract void AccumulateTransposed(double gain, ReadOnlySpan<double> w, ReadOnlySpan<double> deltaPost, Span<double> targetPre);

    /// <summary>dw_ij = scale * a_i * x_j on existing synapses and 0 elsewhere (the rank-1 plasticity update).</summary>
    public abstract void OuterProduct(double scale, ReadOnlySpan<double> aPost, ReadOnlySpan<double> xPre, Span<double> dw);

    /// <summary>
    /// The per-synapse retrograde signal with spillover: g_ij = gain * delta_i * ((1 - kappa) w_ij + kappa * mean_j w_ij),
    /// where the mean runs over the existing synapses onto post neuron i (messenger that leaks to the neighbours
    /// of the same postsynaptic site). Zero on absent synapses.
    /// </summary>
    public abstract void RetrogradeSignal(double gain, double kappa, ReadOnlySpan<double> w, ReadOnlySpan<double> deltaPost, Span<double> g);

    /// <summary>target_j += sum_i m_ij (credit collected by the presynaptic terminal).</summary>
    public abstract void AccumulateIncomingMessengers(ReadOnlySpan<double> m, Span<double> targetPre);

    /// <summary>Zeroes every slot that is not an existing synapse.</summary>
    public abstract void ZeroAbsent(Span<double> w);
}
