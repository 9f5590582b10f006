namespace NeuroSim.Core.Connectivity;

/// <summary>
/// Compressed sparse rows: only synapses of the initial mask have slots, ordered by post neuron then pre
/// neuron. Chosen when the mask is sparse; the transposed product scatters along rows.
/// </summary>
public sealed class SparseProjection : Projection
{
    private readonly int[] rowStart;
    private readonly int[] column;

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
        InitializePresence(_ => true);
    }

    public override int SlotCount => column.Length;

    public override void AccumulatePools(ReadOnlySpan<double> w, ReadOnlySpan<double> xPre, Span<double> ePost, Span<double> iPost)
    {
        for (var i = 0; i < Post.Size; i++)
        {
            double e = 0.0, inh = 0.0;
            for (var k = rowStart[i]; k < rowStart[i + 1]; k++)
            {
                var wk = w[k];
                var xj = xPre[column[k]];
                e += Math.Max(wk, 0.0) * xj;
                inh += Math.Max(-wk, 0.0) * xj;
            }

            ePost[i] += e;
            iPost[i] += inh;
        }
    }

    public override void AccumulateTransposed(double gain, ReadOnlySpan<double> w, ReadOnlySpan<double> deltaPost, Span<double> targetPre)
    {
        for (var i = 0; i < Post.Size; i++)
        {
            var d = gain * deltaPost[i];
            if (d == 0.0)
            {
                continue;
            }

            for (var k = rowStart[i]; k < rowStart[i + 1]; k++)
            {
                targetPre[column[k]] += w[k] * d;
            }
        }
    }

    public override void OuterProduct(double scale, ReadOnlySpan<double> aPost, ReadOnlySpan<double> xPre, Span<double> dw)
    {
        for (var i = 0; i < Post.Size; i++)
        {
            var a = scale * aPost[i];
            for (var k = rowStart[i]; k < rowStart[i + 1]; k++)
            {
                dw[k] = a * xPre[column[k]];
            }
        }

        ApplyPresence(dw);
    }

    public override void RetrogradeSignal(double gain, double kappa, ReadOnlySpan<double> w, ReadOnlySpan<double> deltaPost, Span<double> g)
    {
        for (var i = 0; i < Post.Size; i++)
        {
            int start = rowStart[i], end = rowStart[i + 1];
            var rowSum = 0.0;
            if (kappa != 0.0)
            {
                for (var k = start; k < end; k++)
                {
                    rowSum += w[k];
                }
            }

            var degree = InDegree(i);
            var mean = degree > 0 ? rowSum / degree : 0.0;
            var a = gain * deltaPost[i];
            var direct = a * (1.0 - kappa);
            var spill = a * kappa * mean;
            for (var k = start; k < end; k++)
            {
                g[k] = (direct * w[k]) + spill;
            }
        }

        ApplyPresence(g);
    }

    public override void AccumulateIncomingMessengers(ReadOnlySpan<double> m, Span<double> targetPre)
    {
        for (var k = 0; k < column.Length; k++)
        {
            targetPre[column[k]] += m[k];
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
