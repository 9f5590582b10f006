using NeuroSim.Core.Kernels;

namespace NeuroSim.Core.Connectivity;

public sealed partial class SparseProjection
{
    private EulerJob? euler;

    public override bool HasEulerStepWithPools => true;

    public override unsafe void EulerStepWithPools(Span<double> w, ReadOnlySpan<double> factors, ReadOnlySpan<double> xPre, double h, Span<double> ePost, Span<double> iPost, IFusedRowRule? finished = null)
    {
        CheckSpans(w, xPre.Length, ePost.Length, iPost.Length);
        CheckSpans(w, Pre.Size, factors.Length, Post.Size);
        euler ??= new EulerJob(this);
        fixed (double* pw = w, pa = factors, px = xPre, pe = ePost, pi = iPost, pp = Presence)
        fixed (int* rows = rowStart, columns = column)
        {
            euler.Run(new EulerOperands { Weights = pw, Factors = pa, Rates = px, Step = h, Excitatory = pe, Inhibitory = pi, Presence = pp, RowStart = rows, Column = columns, Rule = finished });
        }
    }

    private unsafe struct EulerOperands
    {
        public double* Weights;
        public double* Factors;
        public double* Rates;
        public double* Excitatory;
        public double* Inhibitory;
        public double* Presence;
        public int* RowStart;
        public int* Column;
        public double Step;
        public IFusedRowRule? Rule;
    }

    /// <summary>
    /// The Euler step with pools over compressed rows, split by row chunks: each synapse takes w + ((a_i x_j) p) h (the
    /// bits of the outer product and the Euler update), then the row's pools are summed over the new weights in the lanes
    /// of their columns (the bits of the pooled kernel).
    /// </summary>
    private sealed unsafe class EulerJob(SparseProjection owner) : IChunkedWork
    {
        private readonly double[] unused = new double[owner.Post.Size];
        private EulerOperands operands;
        private int perChunk;

        public void Run(EulerOperands pinned)
        {
            operands = pinned;
            perChunk = owner.ChunkOfLines(owner.Post.Size);
            KernelThreads.Run(this, Chunking.ChunkCount(owner.Post.Size, perChunk), owner.SlotCount >= KernelThreads.MinimumParallelWork, owner.Kernels);
            operands = default;
        }

        public void RunChunk(int chunk)
        {
            var op = operands;
            var first = chunk * perChunk;
            var last = Math.Min(owner.Post.Size, first + perChunk);
            for (var i = first; i < last; i++)
            {
                var a = op.Factors[i];
                int start = op.RowStart[i], end = op.RowStart[i + 1];
                for (var k = start; k < end; k++)
                {
                    var v = Elementwise.Scaled(a, op.Rates[op.Column[k]]);
                    op.Weights[k] = Elementwise.AddScaled(op.Weights[k], op.Presence is null ? v : v * op.Presence[k], op.Step);
                }

                VectorKernels.PoolSparseRow(op.Weights, op.Column, start, end, op.Rates, out var sumE, out var sumI);
                op.Excitatory[i] += sumE;
                op.Inhibitory[i] += sumI;
            }

            op.Rule?.FinishRows(first, unused.AsSpan(first, last - first), unused.AsSpan(first, last - first));
        }
    }
}
