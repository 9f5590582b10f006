using NeuroSim.Core.Kernels;

namespace NeuroSim.Core.Connectivity;

public sealed partial class DenseProjection
{
    private StageJob? stages;

    public override bool HasStagePasses => true;

    public override bool HasEulerStepWithPools => true;

    public override unsafe void StagePass(Span<double> w, StagePassOperands operands)
    {
        var o = operands;
        ArgumentNullException.ThrowIfNull(o.Rule);
        var staged = !o.StageFactors.IsEmpty;
        var slopes = o.Slopes;
        if (w.Length < SlotCount || o.Rates.Length < Pre.Size || o.Excitatory.Length < Post.Size || o.Inhibitory.Length < Post.Size || o.Retrograde.Length != Pre.Size
            || (staged && (o.StageFactors.Length < Post.Size || o.PreviousRates.Length < Pre.Size))
            || (o.Update == StageUpdate.Euler && (o.NextExcitatory.Length < Post.Size || o.NextInhibitory.Length < Post.Size))
            || (o.Update == StageUpdate.Rk4 && !SlopesFit(slopes)))
        {
            throw new ArgumentException($"projection '{Name}': stage pass spans do not match its {Post.Size} x {Pre.Size} shape");
        }

        stages ??= new StageJob(this);
        fixed (double* pw = w, pa = o.StageFactors, pxp = o.PreviousRates, px = o.Rates, pe = o.Excitatory, pi = o.Inhibitory, pp = Presence, partials = stages.Partials, pt = o.Retrograde)
        fixed (double* ne = o.NextExcitatory, ni = o.NextInhibitory, a1 = slopes.Factors1, a2 = slopes.Factors2, a3 = slopes.Factors3, a4 = slopes.Factors4)
        fixed (double* x1 = slopes.Rates1, x2 = slopes.Rates2, x3 = slopes.Rates3, x4 = slopes.Rates4)
        {
            stages.Operands = new StageOperands
            {
                Weights = pw,
                StageFactors = staged ? pa : null,
                PreviousRates = pxp,
                StageStep = o.StageStep,
                Rates = px,
                Excitatory = pe,
                Inhibitory = pi,
                Presence = pp,
                Partials = partials,
                PoolsKnown = o.PoolsKnown,
                Rule = o.Rule,
                Update = o.Update,
                UpdateStep = o.UpdateStep,
                NextExcitatory = ne,
                NextInhibitory = ni,
                Factors1 = a1,
                Factors2 = a2,
                Factors3 = a3,
                Factors4 = a4,
                Rates1 = x1,
                Rates2 = x2,
                Rates3 = x3,
                Rates4 = x4,
            };
            stages.Run(StageKind.Pass);

            // Group partial sums added in group order: the same bits whatever thread ran which group.
            for (var g = 0; g < stages.Groups; g++)
            {
                VectorKernels.Add(pt, partials + ((long)g * Pre.Size), Pre.Size);
            }
        }
    }

    public override unsafe void EulerStepWithPools(Span<double> w, ReadOnlySpan<double> factors, ReadOnlySpan<double> xPre, double h, Span<double> ePost, Span<double> iPost, IFusedRowRule? finished = null)
    {
        CheckSpans(w, xPre.Length, ePost.Length, iPost.Length);
        CheckSpans(w, Pre.Size, factors.Length, Post.Size);
        stages ??= new StageJob(this);
        fixed (double* pw = w, pa = factors, px = xPre, pe = ePost, pi = iPost, pp = Presence)
        {
            stages.Operands = new StageOperands { Weights = pw, Factors1 = pa, Rates = px, UpdateStep = h, NextExcitatory = pe, NextInhibitory = pi, Presence = pp, Rule = finished };
            stages.Run(StageKind.EulerWithPools);
        }
    }

    private bool SlopesFit(Rk4Slopes s) =>
        Math.Min(Math.Min(s.Factors1.Length, s.Factors2.Length), Math.Min(s.Factors3.Length, s.Factors4.Length)) >= Post.Size
        && Math.Min(Math.Min(s.Rates1.Length, s.Rates2.Length), Math.Min(s.Rates3.Length, s.Rates4.Length)) >= Pre.Size;

    private enum StageKind
    {
        Pass,
        EulerWithPools,
    }

    /// <summary>The pinned operands of one stage kernel call (unused ones null).</summary>
    private unsafe struct StageOperands
    {
        public double* Weights;
        public double* Presence;
        public double* Rates;
        public double* Excitatory;
        public double* Inhibitory;
        public double* Partials;
        public double* StageFactors;
        public double* PreviousRates;
        public double StageStep;
        public bool PoolsKnown;
        public IFusedRowRule? Rule;
        public StageUpdate Update;
        public double UpdateStep;
        public double* NextExcitatory;
        public double* NextInhibitory;
        public double* Factors1;
        public double* Factors2;
        public double* Factors3;
        public double* Factors4;
        public double* Rates1;
        public double* Rates2;
        public double* Rates3;
        public double* Rates4;
    }

    /// <summary>
    /// The stage kernels of this projection. A stage pass is split into a fixed number of row groups, each walking its
    /// rows in cache-sized blocks (pools, the rule, the retrograde share, the update: all from the block's rows while
    /// they are in cache), like the fused Euler pass; the row kernels (an Euler step with the pools of the updated rows,
    /// an RK4 update) are split by row blocks. Every output is computed by one chunk in a fixed order, so results do not
    /// depend on the thread count.
    /// </summary>
    private sealed unsafe class StageJob(DenseProjection owner) : GroupedRowJob(owner), IChunkedWork
    {
        private StageKind kind;

        public StageOperands Operands { get; set; }

        public void Run(StageKind what)
        {
            kind = what;
            var parallel = Owner.SlotCount >= KernelThreads.MinimumParallelWork;
            var chunks = what == StageKind.Pass ? Groups : Chunking.ChunkCount(Owner.Post.Size, RowsPerBlock);
            KernelThreads.Run(this, chunks, parallel, Owner.Kernels);

            // Drop the pointers once the call returns, so that nothing outlives the pinning.
            Operands = default;
        }

        public void RunChunk(int chunk)
        {
            var op = Operands;
            switch (kind)
            {
                case StageKind.Pass:
                    RunGroup(op, chunk);
                    break;
                default:
                    RunEulerRows(op, chunk);
                    break;
            }
        }

        private void RunGroup(in StageOperands op, int group)
        {
            int rows = Owner.Post.Size, cols = Owner.Pre.Size;
            var partial = op.Partials + ((long)group * cols);
            new Span<double>(partial, cols).Clear();
            var end = Math.Min(rows, (group + 1) * RowsPerGroup);
            for (var first = group * RowsPerGroup; first < end; first += RowsPerBlock)
            {
                var last = Math.Min(end, first + RowsPerBlock);
                if (!op.PoolsKnown)
                {
                    for (var i = first; i < last; i++)
                    {
                        double sumE, sumI;
                        if (op.StageFactors is null)
                        {
                            VectorKernels.PoolRow(new StoredRow<double>(op.Weights + ((long)i * cols)), op.Rates, cols, out sumE, out sumI);
                        }
                        else
                        {
                            VectorKernels.PoolRow(StageRowOf(op, i, cols), op.Rates, cols, out sumE, out sumI);
                        }

                        op.Excitatory[i] += sumE;
                        op.Inhibitory[i] += sumI;
                    }
                }

                op.Rule!.FinishRows(first, Retrograde.AsSpan(first, last - first), Plasticity.AsSpan(first, last - first));
                for (var i = first; i < last; i++)
                {
                    if (op.StageFactors is null)
                    {
                        StageKernels.RetrogradeRow(new StoredRow<double>(op.Weights + ((long)i * cols)), partial, Retrograde[i], cols);
                    }
                    else
                    {
                        StageKernels.RetrogradeRow(StageRowOf(op, i, cols), partial, Retrograde[i], cols);
                    }
                }

                if (op.Update != StageUpdate.None)
                {
                    for (var i = first; i < last; i++)
                    {
                        UpdateRow(op, i, cols, op.Update, Plasticity[i]);
                    }

                    if (op.Update == StageUpdate.Euler)
                    {
                        op.Rule!.FinishUpdatedRows(first, last - first);
                    }
                }
            }
        }

        private void RunEulerRows(in StageOperands op, int chunk)
        {
            int rows = Owner.Post.Size, cols = Owner.Pre.Size;
            var first = chunk * RowsPerBlock;
            var last = Math.Min(rows, first + RowsPerBlock);
            for (var i = first; i < last; i++)
            {
                UpdateRow(op, i, cols, StageUpdate.Euler, op.Factors1[i]);
            }

            if (op.Rule is { } finished)
            {
                finished.FinishRows(first, Retrograde.AsSpan(first, last - first), Plasticity.AsSpan(first, last - first));
            }
        }

        /// <summary>Row <paramref name="i"/> takes the update: Euler with factor <paramref name="a"/> (its new pools into the next pools), or RK4.</summary>
        private static void UpdateRow(in StageOperands op, int i, int cols, StageUpdate update, double a)
        {
            var offset = (long)i * cols;
            var presence = op.Presence is null ? null : op.Presence + offset;
            if (update == StageUpdate.Euler)
            {
                VectorKernels.PoolRow(new EulerRow(op.Weights + offset, a, op.Rates, presence, op.UpdateStep), op.Rates, cols, out var sumE, out var sumI);
                op.NextExcitatory[i] += sumE;
                op.NextInhibitory[i] += sumI;
            }
            else
            {
                var factors = new Rk4Factors(op.Factors1[i], op.Factors2[i], op.Factors3[i], op.Factors4[i]);
                StageKernels.Rk4Row(op.Weights + offset, factors, new Rk4Rows(op.Rates1, op.Rates2, op.Rates3, op.Rates4), presence, op.UpdateStep, cols);
            }
        }

        private static StageRow StageRowOf(in StageOperands op, int i, int cols)
        {
            var offset = (long)i * cols;
            return new StageRow(op.Weights + offset, op.StageFactors[i], op.PreviousRates, op.Presence is null ? null : op.Presence + offset, op.StageStep);
        }
    }
}
