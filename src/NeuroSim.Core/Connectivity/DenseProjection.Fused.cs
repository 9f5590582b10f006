using NeuroSim.Core.Kernels;

namespace NeuroSim.Core.Connectivity;

public sealed partial class DenseProjection
{
    /// <summary>Row groups of the fused pass: a fixed number, so the retrograde partial sums do not depend on the thread count.</summary>
    public const int FusedGroups = 8;

    private FusedJob? fused;

    public override bool HasFusedEulerPass => true;

    public override unsafe void FusedEulerPass(Span<double> w, ReadOnlySpan<double> xPre, Span<double> ePost, Span<double> iPost, IFusedRowRule rule, double h, Span<double> targetPre)
    {
        CheckFusedSpans(w.Length, xPre, ePost, iPost, rule, targetPre);
        fixed (double* pw = w)
        {
            RunFused(new FusedOperands { Weights = pw }, xPre, ePost, iPost, rule, h, targetPre);
        }
    }

    public override unsafe void FusedEulerPassSingle(Span<float> w, ReadOnlySpan<double> xPre, Span<double> ePost, Span<double> iPost, IFusedRowRule rule, double h, Span<double> targetPre)
    {
        CheckFusedSpans(w.Length, xPre, ePost, iPost, rule, targetPre);
        fixed (float* pw = w)
        {
            RunFused(new FusedOperands { SingleWeights = pw }, xPre, ePost, iPost, rule, h, targetPre);
        }
    }

    private void CheckFusedSpans(int weights, ReadOnlySpan<double> xPre, Span<double> ePost, Span<double> iPost, IFusedRowRule rule, Span<double> targetPre)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (weights < SlotCount || xPre.Length < Pre.Size || ePost.Length < Post.Size || iPost.Length < Post.Size || targetPre.Length != Pre.Size)
        {
            throw new ArgumentException($"projection '{Name}': fused pass spans do not match its {Post.Size} x {Pre.Size} shape");
        }
    }

    /// <summary>Runs the fused pass over pinned weights (double or float32, in <paramref name="operands"/>), then adds the group partials of W^T delta into <paramref name="targetPre"/>.</summary>
    private unsafe void RunFused(FusedOperands operands, ReadOnlySpan<double> xPre, Span<double> ePost, Span<double> iPost, IFusedRowRule rule, double h, Span<double> targetPre)
    {
        fused ??= new FusedJob(this);
        fixed (double* px = xPre, pe = ePost, pi = iPost, pp = Presence, partials = fused.Partials, pt = targetPre)
        {
            operands.Rates = px;
            operands.Presence = pp;
            operands.Excitatory = pe;
            operands.Inhibitory = pi;
            operands.Partials = partials;
            operands.Rule = rule;
            operands.Step = h;
            fused.Run(operands);

            // Group partial sums added in group order: the same bits whatever thread ran which group.
            for (var g = 0; g < fused.Groups; g++)
            {
                VectorKernels.Add(pt, partials + ((long)g * Pre.Size), Pre.Size);
            }
        }
    }

    private static bool IsParallel(DenseProjection projection) => projection.SlotCount >= KernelThreads.MinimumParallelWork;

    /// <summary>The pinned operands of one fused pass; exactly one of the two weight pointers is set.</summary>
    private unsafe struct FusedOperands
    {
        public double* Weights;
        public float* SingleWeights;
        public double* Rates;
        public double* Presence;
        public double* Excitatory;
        public double* Inhibitory;
        public double* Partials;
        public IFusedRowRule? Rule;
        public double Step;
    }

    /// <summary>
    /// The fused pass split into a fixed number of row groups; each group walks its rows in blocks small enough
    /// to stay in cache between the pool sums (first read) and the retrograde sums and update (second visit),
    /// so the weights stream from memory once.
    /// </summary>
    /// <summary>
    /// What the fused jobs share: rows cut into <see cref="FusedGroups"/> fixed groups (W^T delta summed per group into
    /// <see cref="Partials"/>, then the groups in order, so the sum does not depend on the thread count), row blocks
    /// for the chunks, and per-row scratch for the retrograde and plasticity factors.
    /// </summary>
    private abstract class GroupedRowJob
    {
        protected GroupedRowJob(DenseProjection owner, int groups = FusedGroups)
        {
            Owner = owner;
            var rows = owner.Post.Size;
            Groups = Math.Min(groups, Math.Max(1, rows));
            RowsPerGroup = (rows + Groups - 1) / Groups;
            RowsPerBlock = Chunking.ItemsPerChunk(rows, owner.Pre.Size);
            Retrograde = new double[rows];
            Plasticity = new double[rows];
            Partials = new double[Groups * owner.Pre.Size];
        }

        public int Groups { get; }

        public double[] Partials { get; }

        protected DenseProjection Owner { get; }

        protected int RowsPerGroup { get; }

        protected int RowsPerBlock { get; }

        protected double[] Retrograde { get; }

        protected double[] Plasticity { get; }
    }

    /// <summary>
    /// The fused forward-Euler pass. A projection too small to be split over threads is one group: its neurons are
    /// finished in one call and W^T delta needs no partial sums (eight groups cost N = 200 a tenth of its step).
    /// </summary>
    private sealed unsafe class FusedJob(DenseProjection owner) : GroupedRowJob(owner, IsParallel(owner) ? FusedGroups : 1), IChunkedWork
    {
        private FusedOperands operands;

        public void Run(FusedOperands pinned)
        {
            operands = pinned;
            KernelThreads.Run(this, Groups, IsParallel(Owner), Owner.Kernels);

            // Drop the pointers once the pass returns, so that nothing outlives the pinning.
            operands = default;
        }

        public void RunChunk(int chunk)
        {
            if (operands.SingleWeights is null)
            {
                RunGroup(operands.Weights, chunk);
            }
            else
            {
                RunGroup(operands.SingleWeights, chunk);
            }
        }

        private void RunGroup<TWeight>(TWeight* w, int group)
            where TWeight : unmanaged
        {
            int rows = Owner.Post.Size, cols = Owner.Pre.Size;
            var x = operands.Rates;
            var presence = operands.Presence;
            var partial = operands.Partials + ((long)group * cols);
            new Span<double>(partial, cols).Clear();
            var end = Math.Min(rows, (group + 1) * RowsPerGroup);
            for (var first = group * RowsPerGroup; first < end; first += RowsPerBlock)
            {
                var last = Math.Min(end, first + RowsPerBlock);
                var i = first;
                if (typeof(TWeight) == typeof(double) && RowPairKernels.Supported)
                {
                    for (; i + 1 < last; i += 2)
                    {
                        var row = (double*)w + ((long)i * cols);
                        RowPairKernels.PoolRows(row, row + cols, x, cols, out var a, out var b);
                        operands.Excitatory[i] += a.Excitatory;
                        operands.Inhibitory[i] += a.Inhibitory;
                        operands.Excitatory[i + 1] += b.Excitatory;
                        operands.Inhibitory[i + 1] += b.Inhibitory;
                    }
                }

                for (; i < last; i++)
                {
                    VectorKernels.PoolRow(w + ((long)i * cols), x, cols, out var sumE, out var sumI);
                    operands.Excitatory[i] += sumE;
                    operands.Inhibitory[i] += sumI;
                }

                operands.Rule!.FinishRows(first, Retrograde.AsSpan(first, last - first), Plasticity.AsSpan(first, last - first));
                i = first;
                if (typeof(TWeight) == typeof(double) && RowPairKernels.Supported)
                {
                    for (; i + 1 < last; i += 2)
                    {
                        var offset = (long)i * cols;
                        var row = (double*)w + offset;
                        var rowPresence = presence is null ? null : presence + offset;
                        RowPairKernels.FusedRows(
                            row, row + cols, x, rowPresence, rowPresence is null ? null : rowPresence + cols, partial,
                            new RowFactors(Retrograde[i], Plasticity[i]), new RowFactors(Retrograde[i + 1], Plasticity[i + 1]), operands.Step, cols);
                    }
                }

                for (; i < last; i++)
                {
                    var offset = (long)i * cols;
                    var rowPresence = presence is null ? null : presence + offset;
                    VectorKernels.FusedRow(w + offset, x, rowPresence, partial, Retrograde[i], Plasticity[i], operands.Step, cols);
                }
            }
        }
    }
}
