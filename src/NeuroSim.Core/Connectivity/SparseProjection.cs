namespace NeuroSim.Core.Connectivity;

/// <summary>
/// Compressed sparse rows: only existing synapses have slots, ordered by post neuron then pre neuron.
/// Chosen when the mask is sparse; the transposed product scatters along rows.
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
    }

    public override int SlotCount => column.Length;

    public override int ConnectionCount => column.Length;

    public override int SlotOf(int post, int pre)
    {
        var index = Array.BinarySearch(column, rowStart[post], rowStart[post + 1] - rowStart[post], pre);
        return index >= 0 ? index : -1;
    }

    public override void ForEachSynapse(Action<int, int, int> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        for (var i = 0; i < Post.Size; i++)
        {
            for (var k = rowStart[i]; k < rowStart[i + 1]; k++)
            {
                visit(k, i, column[k]);
            }
        }
    }

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

            var mean = end > start ? rowSum / (end - start) : 0.0;
            var a = gain * deltaPost[i];
            var direct = a * (1.0 - kappa);
            var spill = a * kappa * mean;
            for (var k = start; k < end; k++)
            {
                g[k] = (direct * w[k]) + spill;
            }
        }
    }

    public override void AccumulateIncomingMessengers(ReadOnlySpan<double> m, Span<double> targetPre)
    {
        for (var k = 0; k < column.Length; k++)
        {
            targetPre[column[k]] += m[k];
        }
    }

    public override void ZeroAbsent(Span<double> w)
    {
        // Every slot is an existing synapse.
    }
}
