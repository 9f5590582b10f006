namespace NeuroSim.Core.Connectivity;

/// <summary>
/// Row-major dense storage (slot = post * Pre.Size + pre). Absent synapses keep weight 0 and derivative 0,
/// so the pooled and transposed products need no mask test; only writes are masked.
/// </summary>
public sealed class DenseProjection : Projection
{
    public DenseProjection(string name, NeuronGroup pre, NeuronGroup post, int synapseOffset, bool[]? mask)
        : base(name, pre, post, synapseOffset)
    {
        var slots = pre.Size * post.Size;
        if (mask is not null && mask.Length != slots)
        {
            throw new ArgumentException($"mask of projection '{name}' has {mask.Length} entries; expected {slots}", nameof(mask));
        }

        InitializePresence(slot => mask is null || mask[slot]);
    }

    public override int SlotCount => Pre.Size * Post.Size;

    public override void AccumulatePools(ReadOnlySpan<double> w, ReadOnlySpan<double> xPre, Span<double> ePost, Span<double> iPost)
    {
        var n = Pre.Size;
        for (var i = 0; i < Post.Size; i++)
        {
            var row = w.Slice(i * n, n);
            double e = 0.0, inh = 0.0;
            for (var j = 0; j < row.Length; j++)
            {
                var wij = row[j];
                var xj = xPre[j];
                e += Math.Max(wij, 0.0) * xj;
                inh += Math.Max(-wij, 0.0) * xj;
            }

            ePost[i] += e;
            iPost[i] += inh;
        }
    }

    public override void AccumulateTransposed(double gain, ReadOnlySpan<double> w, ReadOnlySpan<double> deltaPost, Span<double> targetPre)
    {
        var n = Pre.Size;
        var target = targetPre[..n];
        for (var i = 0; i < Post.Size; i++)
        {
            var d = gain * deltaPost[i];
            if (d == 0.0)
            {
                continue;
            }

            var row = w.Slice(i * n, n);
            for (var j = 0; j < target.Length; j++)
            {
                target[j] += row[j] * d;
            }
        }
    }

    public override void OuterProduct(double scale, ReadOnlySpan<double> aPost, ReadOnlySpan<double> xPre, Span<double> dw)
    {
        var n = Pre.Size;
        var x = xPre[..n];
        for (var i = 0; i < Post.Size; i++)
        {
            var a = scale * aPost[i];
            var row = dw.Slice(i * n, n);
            for (var j = 0; j < row.Length; j++)
            {
                row[j] = a * x[j];
            }
        }

        ApplyPresence(dw);
    }

    public override void RetrogradeSignal(double gain, double kappa, ReadOnlySpan<double> w, ReadOnlySpan<double> deltaPost, Span<double> g)
    {
        var n = Pre.Size;
        for (var i = 0; i < Post.Size; i++)
        {
            var row = w.Slice(i * n, n);
            var rowSum = 0.0;
            if (kappa != 0.0)
            {
                for (var j = 0; j < row.Length; j++)
                {
                    rowSum += row[j];
                }
            }

            var degree = InDegree(i);
            var mean = degree > 0 ? rowSum / degree : 0.0;
            var a = gain * deltaPost[i];
            var direct = a * (1.0 - kappa);
            var spill = a * kappa * mean;
            var gRow = g.Slice(i * n, n);
            for (var j = 0; j < row.Length; j++)
            {
                gRow[j] = (direct * row[j]) + spill;
            }
        }

        ApplyPresence(g);
    }

    public override void AccumulateIncomingMessengers(ReadOnlySpan<double> m, Span<double> targetPre)
    {
        var n = Pre.Size;
        var target = targetPre[..n];
        for (var i = 0; i < Post.Size; i++)
        {
            var row = m.Slice(i * n, n);
            for (var j = 0; j < target.Length; j++)
            {
                target[j] += row[j];
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
