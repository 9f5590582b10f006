using NeuroSim.Core.Kernels;

namespace NeuroSim.Core.Connectivity;

/// <summary>
/// Row-major dense storage (slot = post * Pre.Size + pre). Absent synapses keep weight 0 and derivative 0,
/// so the pooled and transposed products need no mask test; only writes are masked.
/// </summary>
public sealed partial class DenseProjection : Projection
{
    private readonly Job job;

    public DenseProjection(string name, NeuronGroup pre, NeuronGroup post, int synapseOffset, bool[]? mask)
        : base(name, pre, post, synapseOffset)
    {
        var slots = pre.Size * post.Size;
        if (mask is not null && mask.Length != slots)
        {
            throw new ArgumentException($"mask of projection '{name}' has {mask.Length} entries; expected {slots}", nameof(mask));
        }

        job = new Job(this);
        InitializePresence(slot => mask is null || mask[slot]);
    }

    public override int SlotCount => Pre.Size * Post.Size;

    private protected override KernelJob LayoutJob => job;

    private protected override void RunRows() => RunChunks(Post.Size, Chunking.ItemsPerChunk(Post.Size, Pre.Size), SlotCount);

    // Wide column strips: each strip streams its part of every row, and its targets stay in L1.
    private protected override void RunColumns() => RunChunks(Pre.Size, Math.Max(256, Chunking.ItemsPerChunk(Pre.Size, Post.Size, VectorKernels.Lanes)), SlotCount);

    /// <summary>
    /// One kernel call in flight, split by rows (pools, outer product, retrograde signal: every output row is
    /// computed by one chunk) or by column strips (transposed sums: every target element is summed by one
    /// chunk over all rows in increasing order), so results do not depend on the thread count.
    /// </summary>
    private sealed unsafe class Job(DenseProjection owner) : KernelJob
    {
        public override void RunChunk(int chunk)
        {
            int rows = owner.Post.Size, cols = owner.Pre.Size;
            var first = chunk * PerChunk;
            var isColumns = kind is KernelKind.Transposed or KernelKind.Messengers;
            var last = Math.Min(first + PerChunk, isColumns ? cols : rows);
            switch (kind)
            {
                case KernelKind.Pools:
                    // a = w, b = x, c = E, d = I
                    for (var i = first; i < last; i++)
                    {
                        VectorKernels.PoolRow(a + ((long)i * cols), b, cols, out var sumE, out var sumI);
                        c[i] += sumE;
                        d[i] += sumI;
                    }

                    break;
                case KernelKind.Transposed:
                    // a = w, b = delta, c = target; s1 = gain
                    for (var i = 0; i < rows; i++)
                    {
                        var di = s1 * b[i];
                        if (di != 0.0)
                        {
                            VectorKernels.AddScaled(c + first, a + ((long)i * cols) + first, di, last - first);
                        }
                    }

                    break;
                case KernelKind.Messengers:
                    // a = m, c = target
                    for (var i = 0; i < rows; i++)
                    {
                        VectorKernels.Add(c + first, a + ((long)i * cols) + first, last - first);
                    }

                    break;
                case KernelKind.Outer:
                    // a = dw, b = aPost, c = x, d = presence; s1 = scale
                    for (var i = first; i < last; i++)
                    {
                        var offset = (long)i * cols;
                        VectorKernels.ScaledCopy(a + offset, s1 * b[i], c, d is null ? null : d + offset, cols);
                    }

                    break;
                case KernelKind.Retrograde:
                    // a = w, b = delta, c = g, d = presence; s1 = gain, s2 = kappa
                    for (var i = first; i < last; i++)
                    {
                        var offset = (long)i * cols;
                        var rowSum = s2 != 0.0 ? VectorKernels.RowSum(a + offset, cols) : 0.0;
                        var (direct, spill) = owner.RetrogradeRow(i, s1, b[i], s2, rowSum);
                        VectorKernels.AffineCopy(c + offset, direct, a + offset, spill, d is null ? null : d + offset, cols);
                    }

                    break;
            }
        }
    }

    protected override int LayoutSlotOf(int post, int pre) => (post * Pre.Size) + pre;

    protected override int PostOf(int slot) => slot / Pre.Size;

    protected override void ForEachSlot(Action<int, int, int> visit)
    {
        for (var i = 0; i < Post.Size; i++)
        {
            for (var j = 0; j < Pre.Size; j++)
            {
                visit((i * Pre.Size) + j, i, j);
            }
        }
    }
}
