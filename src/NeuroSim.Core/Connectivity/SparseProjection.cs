using NeuroSim.Core.Kernels;

namespace NeuroSim.Core.Connectivity;

/// <summary>
/// Compressed sparse rows: only synapses of the initial mask have slots, ordered by post neuron then pre
/// neuron, plus a transposed index (compressed columns) through which the transposed sums gather by
/// presynaptic neuron. Chosen when the mask is sparse.
/// </summary>
public sealed partial class SparseProjection : Projection
{
    private readonly int[] rowStart;
    private readonly int[] column;

    // The transposed index (compressed columns): for pre neuron j, its slots in increasing post neuron.
    private readonly int[] columnStart;
    private readonly int[] columnSlot;
    private readonly int[] columnRow;
    private readonly Job job;

    public SparseProjection(string name, NeuronGroup pre, NeuronGroup post, int synapseOffset, bool[] mask)
        : base(name, pre, post, synapseOffset)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Length != pre.Size * post.Size)
        {
            throw new ArgumentException($"mask of projection '{name}' has {mask.Length} entries; expected {pre.Size * post.Size}", nameof(mask));
        }

        rowStart = new int[post.Size + 1];
        var columns = new List<int>();
        for (var i = 0; i < post.Size; i++)
        {
            rowStart[i] = columns.Count;
            for (var j = 0; j < pre.Size; j++)
            {
                if (mask[(i * pre.Size) + j])
                {
                    columns.Add(j);
                }
            }
        }

        rowStart[post.Size] = columns.Count;
        column = [.. columns];
        columnStart = new int[pre.Size + 1];
        foreach (var j in column)
        {
            columnStart[j + 1]++;
        }

        for (var j = 0; j < pre.Size; j++)
        {
            columnStart[j + 1] += columnStart[j];
        }

        columnSlot = new int[column.Length];
        columnRow = new int[column.Length];
        var fill = columnStart[..^1];
        for (var i = 0; i < post.Size; i++)
        {
            for (var k = rowStart[i]; k < rowStart[i + 1]; k++)
            {
                var q = fill[column[k]]++;
                columnSlot[q] = k;
                columnRow[q] = i;
            }
        }

        job = new Job(this);
        InitializePresence(_ => true);
    }

    public override int SlotCount => column.Length;

    private protected override KernelJob LayoutJob => job;

    private protected override void RunRows() => RunChunks(Post.Size, ChunkOfLines(Post.Size), column.Length);

    private protected override void RunColumns() => RunChunks(Pre.Size, ChunkOfLines(Pre.Size), column.Length);

    /// <summary>Rows (or columns) per chunk for <paramref name="lines"/> lines sharing the synapses evenly.</summary>
    private int ChunkOfLines(int lines) => Chunking.ItemsPerChunk(lines, Math.Max(1, column.Length / Math.Max(1, lines)));

    /// <summary>
    /// One kernel call in flight: split by rows (pools, outer product, retrograde signal) or, through the
    /// transposed index, by presynaptic columns (transposed sums: each target element gathers its column in
    /// increasing post index, the order of the dense and row-scatter loops), so results do not depend on the
    /// thread count and match the dense layout bit for bit.
    /// </summary>
    private sealed unsafe class Job(SparseProjection owner) : KernelJob
    {
        public override void RunChunk(int chunk)
        {
            var isColumns = kind is KernelKind.Transposed or KernelKind.Messengers;
            var first = chunk * PerChunk;
            var last = Math.Min(first + PerChunk, isColumns ? owner.Pre.Size : owner.Post.Size);
            fixed (int* rowStart = owner.rowStart, column = owner.column, columnStart = owner.columnStart, columnSlot = owner.columnSlot, columnRow = owner.columnRow)
            {
                switch (kind)
                {
                    case KernelKind.Pools:
                        // a = w, b = x, c = E, d = I
                        for (var i = first; i < last; i++)
                        {
                            VectorKernels.PoolSparseRow(a, column, rowStart[i], rowStart[i + 1], b, out var sumE, out var sumI);
                            c[i] += sumE;
                            d[i] += sumI;
                        }

                        break;
                    case KernelKind.Transposed:
                        // a = w, b = delta, c = target; s1 = gain
                        for (var j = first; j < last; j++)
                        {
                            var t = c[j];
                            for (var q = columnStart[j]; q < columnStart[j + 1]; q++)
                            {
                                var di = s1 * b[columnRow[q]];
                                if (di != 0.0)
                                {
                                    t = Elementwise.AddScaled(t, a[columnSlot[q]], di);
                                }
                            }

                            c[j] = t;
                        }

                        break;
                    case KernelKind.Messengers:
                        // a = m, c = target
                        for (var j = first; j < last; j++)
                        {
                            var t = c[j];
                            for (var q = columnStart[j]; q < columnStart[j + 1]; q++)
                            {
                                t += a[columnSlot[q]];
                            }

                            c[j] = t;
                        }

                        break;
                    case KernelKind.Outer:
                        // a = dw, b = aPost, c = x, d = presence; s1 = scale
                        for (var i = first; i < last; i++)
                        {
                            var ai = s1 * b[i];
                            for (var k = rowStart[i]; k < rowStart[i + 1]; k++)
                            {
                                var v = Elementwise.Scaled(ai, c[column[k]]);
                                a[k] = d is null ? v : v * d[k];
                            }
                        }

                        break;
                    case KernelKind.Retrograde:
                        // a = w, b = delta, c = g, d = presence; s1 = gain, s2 = kappa
                        for (var i = first; i < last; i++)
                        {
                            int start = rowStart[i], end = rowStart[i + 1];
                            var rowSum = s2 != 0.0 ? VectorKernels.SparseRowSum(a, column, start, end) : 0.0;
                            var (direct, spill) = owner.RetrogradeRow(i, s1, b[i], s2, rowSum);
                            for (var k = start; k < end; k++)
                            {
                                var g = Elementwise.Affine(direct, a[k], spill);
                                c[k] = d is null ? g : g * d[k];
                            }
                        }

                        break;
                }
            }
        }
    }

    protected override int LayoutSlotOf(int post, int pre)
    {
        var index = Array.BinarySearch(column, rowStart[post], rowStart[post + 1] - rowStart[post], pre);
        return index >= 0 ? index : -1;
    }

    protected override int PostOf(int slot)
    {
        var index = Array.BinarySearch(rowStart, slot);
        if (index < 0)
        {
            return ~index - 1;
        }

        // Empty rows share a start: the slot belongs to the last row starting there.
        while (index + 1 < rowStart.Length - 1 && rowStart[index + 1] == slot)
        {
            index++;
        }

        return index;
    }

    protected override void ForEachSlot(Action<int, int, int> visit)
    {
        for (var i = 0; i < Post.Size; i++)
        {
            for (var k = rowStart[i]; k < rowStart[i + 1]; k++)
            {
                visit(k, i, column[k]);
            }
        }
    }
}
