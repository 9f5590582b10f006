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
        ArgumentNullException.ThrowIfNull(rule);
        CheckSpans(w, xPre.Length, ePost.Length, iPost.Length);
        if (targetPre.Length != Pre.Size)
        {
            throw new ArgumentException($"projection '{Name}': {targetPre.Length} retrograde targets for {Pre.Size} presynaptic neurons");
        }

        fused ??= new FusedJob(this);
        fixed (double* pw = w, px = xPre, pe = ePost, pi = iPost, pp = Presence)
        {
            fused.Run(pw, null, px, pp, pe, pi, rule, h);
        }

        AddPartials(fused, targetPre);
    }

    public override unsafe void FusedEulerPassSingle(Span<float> w, ReadOnlySpan<double> xPre, Span<double> ePost, Span<double> iPost, IFusedRowRule rule, double h, Span<double> targetPre)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (w.Length != SlotCount || xPre.Length != Pre.Size || ePost.Length != Post.Size || iPost.Length != Post.Size || targetPre.Length != Pre.Size)
        {
            throw new ArgumentException($"projection '{Name}': fused pass spans do not match its {Post.Size} x {Pre.Size} shape");
        }

        fused ??= new FusedJob(this);
        fixed (float* pw = w)
        fixed (double* px = xPre, pe = ePost, pi = iPost, pp = Presence)
        {
            fused.Run(null, pw, px, pp, pe, pi, rule, h);
        }

        AddPartials(fused, targetPre);
    }

    private unsafe void AddPartials(FusedJob job, Span<double> targetPre)
    {
        // Group partial sums added in group order: the same bits whatever thread ran which group.
        fixed (double* pt = targetPre, partials = job.Partials)
        {
            for (var g = 0; g < job.Groups; g++)
            {
                VectorKernels.Add(pt, partials + ((long)g * Pre.Size), Pre.Size);
            }
        }
    }

    /// <summary>
    /// The fused pass split into a fixed number of row groups; each group walks its rows in blocks small enough
    /// to stay in cache between the pool sums (first read) and the retrograde sums and update (second visit),
    /// so the weights stream from memory once.
    /// </summary>
    private sealed unsafe class FusedJob : IChunkedWork
    {
        private readonly DenseProjection owner;
        private readonly double[] retrograde;
        private readonly double[] plasticity;
        private readonly int rowsPerGroup;
        private readonly int rowsPerBlock;
        private double* w;
        private float* wSingle;
        private double* x;
        private double* presence;
        private double* e;
        private double* inh;
        private double* partials;
        private IFusedRowRule? rule;
        private double h;

        public FusedJob(DenseProjection owner)
        {
            this.owner = owner;
            var rows = owner.Post.Size;
            Groups = Math.Min(FusedGroups, Math.Max(1, rows));
            rowsPerGroup = (rows + Groups - 1) / Groups;
            rowsPerBlock = Chunking.ItemsPerChunk(rows, owner.Pre.Size);
            retrograde = new double[rows];
            plasticity = new double[rows];
            Partials = new double[Groups * owner.Pre.Size];
        }

        public int Groups { get; }

        public double[] Partials { get; }

        public void Run(double* pw, float* pwSingle, double* px, double* pp, double* pe, double* pi, IFusedRowRule fusedRule, double step)
        {
            w = pw;
            wSingle = pwSingle;
            x = px;
            presence = pp;
            e = pe;
            inh = pi;
            rule = fusedRule;
            h = step;
            fixed (double* pPartials = Partials)
            {
                partials = pPartials;
                KernelThreads.Run(this, Groups, owner.SlotCount >= KernelThreads.MinimumParallelWork, owner.Kernels);
                partials = null;
            }

            w = null;
            wSingle = null;
            x = null;
            presence = null;
            e = null;
            inh = null;
            rule = null;
        }

        public void RunChunk(int chunk)
        {
            int rows = owner.Post.Size, cols = owner.Pre.Size;
            var partial = partials + ((long)chunk * cols);
            new Span<double>(partial, cols).Clear();
            var end = Math.Min(rows, (chunk + 1) * rowsPerGroup);
            for (var first = chunk * rowsPerGroup; first < end; first += rowsPerBlock)
            {
                var last = Math.Min(end, first + rowsPerBlock);
                for (var i = first; i < last; i++)
                {
                    double sumE, sumI;
                    if (wSingle is null)
                    {
                        VectorKernels.PoolRow(w + ((long)i * cols), x, cols, out sumE, out sumI);
                    }
                    else
                    {
                        VectorKernels.PoolRowSingle(wSingle + ((long)i * cols), x, cols, out sumE, out sumI);
                    }

                    e[i] += sumE;
                    inh[i] += sumI;
                }

                rule!.FinishRows(first, retrograde.AsSpan(first, last - first), plasticity.AsSpan(first, last - first));
                for (var i = first; i < last; i++)
                {
                    var offset = (long)i * cols;
                    var rowPresence = presence is null ? null : presence + offset;
                    if (wSingle is null)
                    {
                        VectorKernels.FusedRow(w + offset, x, rowPresence, partial, retrograde[i], plasticity[i], h, cols);
                    }
                    else
                    {
                        VectorKernels.FusedRowSingle(wSingle + offset, x, rowPresence, partial, retrograde[i], plasticity[i], h, cols);
                    }
                }
            }
        }
    }
}
