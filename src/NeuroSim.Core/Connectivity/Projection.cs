using NeuroSim.Core.Kernels;

namespace NeuroSim.Core.Connectivity;

/// <summary>
/// The synapses from one group onto another (w_ij: onto post neuron i from pre neuron j), occupying
/// slots [SynapseOffset, SynapseOffset + SlotCount) of the flat weight vector. Kernels take the
/// projection's own slice of any per-synapse vector, so they work equally on the state and on the
/// stage vectors of an integrator. Synapses can be removed (lesion, pruning) but not added.
/// </summary>
public abstract class Projection(string name, NeuronGroup pre, NeuronGroup post, int synapseOffset)
{
    // 1.0 where the synapse exists, 0.0 where it does not; null while every slot exists. Kept as doubles
    // so that masked writes are a multiplication rather than a branch.
    private double[]? presence;
    private int[]? inDegree;

    public string Name { get; } = name;

    public NeuronGroup Pre { get; } = pre;

    public NeuronGroup Post { get; } = post;

    public int SynapseOffset { get; } = synapseOffset;

    /// <summary>Threads and profiling of this projection's kernels, set for the whole network by <see cref="Network.Kernels"/>.</summary>
    internal KernelSettings Kernels { get; set; } = KernelSettings.Default;

    /// <summary>Number of weight slots this projection occupies (dense: Post.Size * Pre.Size).</summary>
    public abstract int SlotCount { get; }

    /// <summary>Number of synapses that exist.</summary>
    public int ConnectionCount { get; private set; }

    /// <summary>Number of synapses the projection was built with (before any lesion or pruning).</summary>
    public int BuiltConnectionCount { get; private set; }

    public Range SlotRange => SynapseOffset..(SynapseOffset + SlotCount);

    /// <summary>Presence per slot (1 or 0), or empty when every slot holds a synapse.</summary>
    protected ReadOnlySpan<double> Presence => presence;

    /// <summary>Local slot of synapse post &lt;- pre, or -1 when it does not exist.</summary>
    public int SlotOf(int post, int pre)
    {
        var slot = LayoutSlotOf(post, pre);
        return slot >= 0 && IsPresent(slot) ? slot : -1;
    }

    public bool IsPresent(int slot) => presence is null || presence[slot] != 0.0;

    /// <summary>Calls <paramref name="visit"/>(slot, post, pre) for every existing synapse, in slot order.</summary>
    public void ForEachSynapse(Action<int, int, int> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        ForEachSlot((slot, i, j) =>
        {
            if (IsPresent(slot))
            {
                visit(slot, i, j);
            }
        });
    }

    /// <summary>Removes the synapse in <paramref name="slot"/> (its weight must be zeroed by the caller's state).</summary>
    public void Remove(int slot)
    {
        if (!IsPresent(slot))
        {
            return;
        }

        EnsurePresence()[slot] = 0.0;
        InDegreeArray()[PostOf(slot)]--;
        ConnectionCount--;
    }

    /// <summary>
    /// Writes |w| of every existing synapse, in slot order, from this projection's <paramref name="slice"/> into
    /// <paramref name="target"/> (which needs room for one value per slot); returns how many.
    /// </summary>
    public int PresentMagnitudes(ReadOnlySpan<double> slice, Span<double> target)
    {
        var values = slice[..SlotCount];
        if (presence is null)
        {
            for (var slot = 0; slot < values.Length; slot++)
            {
                target[slot] = Math.Abs(values[slot]);
            }

            return values.Length;
        }

        // Branch-free compaction: after pruning, presence is a random pattern a branch would mispredict half the time.
        var present = presence.AsSpan(0, values.Length);
        var count = 0;
        for (var slot = 0; slot < values.Length; slot++)
        {
            target[count] = Math.Abs(values[slot]);
            count += (int)present[slot];
        }

        return count;
    }

    /// <summary>Adds to <paramref name="slots"/> the slot of every existing synapse whose |w| in <paramref name="slice"/> is below <paramref name="threshold"/>.</summary>
    public void PresentBelow(ReadOnlySpan<double> slice, double threshold, List<int> slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        var values = slice[..SlotCount];
        for (var slot = 0; slot < values.Length; slot++)
        {
            // Both tests without short-circuit: the one branch left is on their conjunction, which is rarely true.
            if ((Math.Abs(values[slot]) < threshold) & (presence is null || presence[slot] != 0.0))
            {
                slots.Add(slot);
            }
        }
    }

    /// <summary>Presence of every slot, for checkpoints.</summary>
    public bool[] PresenceSnapshot() => [.. Enumerable.Range(0, SlotCount).Select(IsPresent)];

    /// <summary>Restores presence from <see cref="PresenceSnapshot"/>.</summary>
    public void RestorePresence(ReadOnlySpan<bool> present)
    {
        if (present.Length != SlotCount)
        {
            throw new ArgumentException($"projection '{Name}': {present.Length} presence flags for {SlotCount} slots");
        }

        var values = EnsurePresence();
        var degree = InDegreeArray();
        Array.Clear(degree);
        ConnectionCount = 0;
        for (var slot = 0; slot < values.Length; slot++)
        {
            values[slot] = present[slot] ? 1.0 : 0.0;
            if (present[slot])
            {
                degree[PostOf(slot)]++;
                ConnectionCount++;
            }
        }
    }

    /// <summary>Number of existing synapses onto post neuron <paramref name="post"/>.</summary>
    public int InDegree(int post) => InDegreeArray()[post];

    /// <summary>e_i += sum_j max(w_ij, 0) x_j and inh_i += sum_j max(-w_ij, 0) x_j in one pass over w.</summary>
    public unsafe void AccumulatePools(ReadOnlySpan<double> w, ReadOnlySpan<double> xPre, Span<double> ePost, Span<double> iPost)
    {
        CheckSpans(w, xPre.Length, ePost.Length, iPost.Length);
        fixed (double* pw = w, px = xPre, pe = ePost, pi = iPost)
        {
            Dispatch(KernelKind.Pools, pw, px, pe, pi, 0.0, 0.0);
        }
    }

    /// <summary>target_j += gain * sum_i w_ij delta_i (the retrograde sum W^T delta).</summary>
    public unsafe void AccumulateTransposed(double gain, ReadOnlySpan<double> w, ReadOnlySpan<double> deltaPost, Span<double> targetPre)
    {
        CheckSpans(w, targetPre.Length, deltaPost.Length, Post.Size);
        fixed (double* pw = w, pd = deltaPost, pt = targetPre)
        {
            Dispatch(KernelKind.Transposed, pw, pd, pt, null, gain, 0.0);
        }
    }

    /// <summary>dw_ij = scale * a_i * x_j on existing synapses and 0 elsewhere (the rank-1 plasticity update).</summary>
    public unsafe void OuterProduct(double scale, ReadOnlySpan<double> aPost, ReadOnlySpan<double> xPre, Span<double> dw)
    {
        CheckSpans(dw, xPre.Length, aPost.Length, Post.Size);
        fixed (double* pdw = dw, pa = aPost, px = xPre, pp = Presence)
        {
            Dispatch(KernelKind.Outer, pdw, pa, px, pp, scale, 0.0);
        }
    }

    /// <summary>
    /// The per-synapse retrograde signal with spillover: g_ij = gain * delta_i * ((1 - kappa) w_ij + kappa * mean_j w_ij),
    /// where the mean runs over the existing synapses onto post neuron i (messenger that leaks to the neighbours
    /// of the same postsynaptic site). Zero on absent synapses.
    /// </summary>
    public unsafe void RetrogradeSignal(double gain, double kappa, ReadOnlySpan<double> w, ReadOnlySpan<double> deltaPost, Span<double> g)
    {
        CheckSpans(w, Pre.Size, deltaPost.Length, Post.Size);
        CheckSpans(g, Pre.Size, Post.Size, Post.Size);
        fixed (double* pw = w, pd = deltaPost, pg = g, pp = Presence)
        {
            Dispatch(KernelKind.Retrograde, pw, pd, pg, pp, gain, kappa);
        }
    }

    /// <summary>target_j += sum_i m_ij (credit collected by the presynaptic terminal).</summary>
    public unsafe void AccumulateIncomingMessengers(ReadOnlySpan<double> m, Span<double> targetPre)
    {
        CheckSpans(m, targetPre.Length, Post.Size, Post.Size);
        fixed (double* pm = m, pt = targetPre)
        {
            Dispatch(KernelKind.Messengers, pm, null, pt, null, 0.0, 0.0);
        }
    }

    /// <summary>Whether this storage layout has a fused forward-Euler pass (<see cref="FusedEulerPass"/>).</summary>
    public virtual bool HasFusedEulerPass => false;

    /// <summary>
    /// One forward-Euler pass over this projection's weights that reads each row from memory once: the row's
    /// E and I pools are added into <paramref name="ePost"/> and <paramref name="iPost"/>, <paramref name="rule"/>
    /// turns completed pools into the row's retrograde factor r_i and plasticity factor a_i, then the row adds
    /// r_i w_ij (old weights) into <paramref name="targetPre"/> and steps w_ij += h a_i x_j on existing synapses.
    /// </summary>
    public virtual void FusedEulerPass(Span<double> w, ReadOnlySpan<double> xPre, Span<double> ePost, Span<double> iPost, IFusedRowRule rule, double h, Span<double> targetPre) =>
        throw new NotSupportedException($"projection '{Name}' ({GetType().Name}) has no fused forward-Euler pass");

    /// <summary>
    /// <see cref="FusedEulerPass"/> with the weights stored in float32 (<paramref name="w"/>): products and sums in
    /// double, each updated weight rounded back to float32; half the memory traffic.
    /// </summary>
    public virtual void FusedEulerPassSingle(Span<float> w, ReadOnlySpan<double> xPre, Span<double> ePost, Span<double> iPost, IFusedRowRule rule, double h, Span<double> targetPre) =>
        throw new NotSupportedException($"projection '{Name}' ({GetType().Name}) has no fused forward-Euler pass");

    /// <summary>Whether this storage layout has the stage pass of the fused integrator paths (<see cref="StagePass"/>).</summary>
    public virtual bool HasStagePasses => false;

    /// <summary>Whether this storage layout has <see cref="EulerStepWithPools"/>.</summary>
    public virtual bool HasEulerStepWithPools => false;

    /// <summary>
    /// One pass over this projection's rows that evaluates an integrator stage, in row blocks small enough to stay in
    /// cache: the E and I pools of each row with <see cref="StagePassOperands.Rates"/> are added into the pools (unless
    /// they are known), the rule turns completed rows into their retrograde factors r_i, the retrograde sums get
    /// sum_i r_i w_ij, and then each row takes <see cref="StagePassOperands.Update"/>. The weights read are the stored
    /// <paramref name="w"/>, or the stage weights w_ij + ((a_i x'_j) p_ij) h computed as they are read and never stored.
    /// The retrograde sum is grouped by a fixed partition of the rows (as in <see cref="FusedEulerPass"/>); the pools have
    /// the bits of <see cref="AccumulatePools"/> on the same weights, and an update the bits of the generic one.
    /// </summary>
    public virtual void StagePass(Span<double> w, StagePassOperands operands) =>
        throw new NotSupportedException($"projection '{Name}' ({GetType().Name}) has no stage kernels");

    /// <summary>
    /// A forward-Euler plasticity step w_ij += ((a_i x_j) p_ij) h (the bits of <see cref="OuterProduct"/> followed by
    /// the Euler update) that also adds the pools of the updated rows with the same rates into <paramref name="ePost"/>
    /// and <paramref name="iPost"/> (the bits of <see cref="AccumulatePools"/> on the new weights): one pass for the step
    /// and the next evaluation. When <paramref name="finished"/> is given, it is called for each block of rows once their
    /// pools are complete (for a projection that is the only one onto its post group), on the thread that summed them.
    /// </summary>
    public virtual void EulerStepWithPools(Span<double> w, ReadOnlySpan<double> factors, ReadOnlySpan<double> xPre, double h, Span<double> ePost, Span<double> iPost, IFusedRowRule? finished = null) =>
        throw new NotSupportedException($"projection '{Name}' ({GetType().Name}) has no stage kernels");

    /// <summary>Zeroes every slot that is not an existing synapse.</summary>
    public void ZeroAbsent(Span<double> w)
    {
        if (presence is null)
        {
            return;
        }

        for (var k = 0; k < presence.Length; k++)
        {
            w[k] *= presence[k];
        }
    }

    /// <summary>Multiplies <paramref name="values"/> by the presence mask (no-op while every slot exists).</summary>
    protected void ApplyPresence(Span<double> values)
    {
        if (presence is null)
        {
            return;
        }

        var v = values[..presence.Length];
        for (var k = 0; k < v.Length; k++)
        {
            v[k] *= presence[k];
        }
    }

    /// <summary>The layout's kernel job, through which every kernel call runs.</summary>
    private protected abstract KernelJob LayoutJob { get; }

    /// <summary>
    /// Runs one kernel over pinned spans (the caller keeps them pinned until it returns): a, b, c, d are the
    /// kernel's operands in the order of the public method's parameters, absent ones null. Transposed sums are
    /// split by presynaptic columns, every other kernel by post rows.
    /// </summary>
    private unsafe void Dispatch(KernelKind kind, double* a, double* b, double* c, double* d, double s1, double s2)
    {
        LayoutJob.Set(kind, a, b, c, d, s1, s2);
        if (kind is KernelKind.Transposed or KernelKind.Messengers)
        {
            RunColumns();
        }
        else
        {
            RunRows();
        }

        LayoutJob.Clear();
    }

    /// <summary>Runs <see cref="LayoutJob"/> split by post rows.</summary>
    private protected abstract void RunRows();

    /// <summary>Runs <see cref="LayoutJob"/> split by presynaptic columns.</summary>
    private protected abstract void RunColumns();

    /// <summary>Runs <see cref="LayoutJob"/> over <paramref name="items"/> rows or columns, <paramref name="perChunk"/> to a chunk; in parallel when <paramref name="work"/> (slots touched) is large enough.</summary>
    private protected void RunChunks(int items, int perChunk, int work)
    {
        LayoutJob.PerChunk = perChunk;
        KernelThreads.Run(LayoutJob, Chunking.ChunkCount(items, perChunk), work >= KernelThreads.MinimumParallelWork, Kernels);
    }

    /// <summary>
    /// The factors of post row <paramref name="post"/>'s retrograde signal g_ij = direct w_ij + spill, from its
    /// row sum of weights (used only when kappa is not 0): direct = gain delta (1 - kappa), spill = gain delta kappa mean_j w_ij.
    /// </summary>
    private protected (double Direct, double Spill) RetrogradeRow(int post, double gain, double deltaPost, double kappa, double rowSum)
    {
        var degree = InDegree(post);
        var mean = degree > 0 ? rowSum / degree : 0.0;
        var gi = gain * deltaPost;
        return (gi * (1.0 - kappa), gi * kappa * mean);
    }

    /// <summary>Slot of post &lt;- pre in the storage layout whether or not the synapse exists, or -1 when the layout has no slot.</summary>
    protected abstract int LayoutSlotOf(int post, int pre);

    /// <summary>Post neuron of a slot.</summary>
    protected abstract int PostOf(int slot);

    /// <summary>Visits every slot of the layout with its post and pre neuron.</summary>
    protected abstract void ForEachSlot(Action<int, int, int> visit);

    /// <summary>Called once by constructors after the layout exists: marks the absent slots.</summary>
    protected void InitializePresence(Func<int, bool> present)
    {
        ArgumentNullException.ThrowIfNull(present);
        var degree = new int[Post.Size];
        var all = true;
        var count = 0;
        var values = new double[SlotCount];
        ForEachSlot((slot, i, _) =>
        {
            if (present(slot))
            {
                values[slot] = 1.0;
                degree[i]++;
                count++;
            }
            else
            {
                all = false;
            }
        });
        presence = all ? null : values;
        inDegree = degree;
        ConnectionCount = count;
        BuiltConnectionCount = count;
    }

    private protected void CheckSpans(ReadOnlySpan<double> slots, int preLength, int postLength, int postLength2)
    {
        if (slots.Length < SlotCount || preLength < Pre.Size || postLength < Post.Size || postLength2 < Post.Size)
        {
            throw new ArgumentException($"projection '{Name}': kernel spans shorter than its {SlotCount} slots or its {Post.Size} x {Pre.Size} groups");
        }
    }

    private double[] EnsurePresence()
    {
        if (presence is null)
        {
            presence = new double[SlotCount];
            presence.AsSpan().Fill(1.0);
        }

        return presence;
    }

    private int[] InDegreeArray() => inDegree ?? throw new InvalidOperationException("presence not initialized");
}
