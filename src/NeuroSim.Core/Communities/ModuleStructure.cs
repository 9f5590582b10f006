namespace NeuroSim.Core.Communities;

/// <summary>
/// Measures of a weight matrix against a partition of its neurons: the node order that puts communities in
/// contiguous blocks (for reordered weight heatmaps) and the within/between-module weight ratio.
/// </summary>
public static class ModuleStructure
{
    /// <summary>
    /// The nodes sorted by community label, then by node index: order[a] is the node shown at position a. With
    /// <see cref="LeidenResult"/> labels (largest community first) the largest block comes first.
    /// </summary>
    public static int[] NodeOrder(ReadOnlySpan<int> membership)
    {
        var labels = membership.ToArray();
        var order = Enumerable.Range(0, labels.Length).ToArray();
        // OrderBy is stable, so nodes of one community keep ascending index order.
        return [.. order.OrderBy(i => labels[i])];
    }

    /// <summary>
    /// The row-major n x n <paramref name="matrix"/> with rows and columns permuted by <paramref name="order"/>:
    /// result[a, b] = matrix[order[a], order[b]].
    /// </summary>
    public static double[] Reorder(ReadOnlySpan<double> matrix, int nodeCount, ReadOnlySpan<int> order)
    {
        if (matrix.Length != nodeCount * nodeCount || order.Length != nodeCount)
        {
            throw new ArgumentException($"need an {nodeCount} x {nodeCount} matrix and {nodeCount} indices; got {matrix.Length} entries and {order.Length} indices");
        }

        var seen = new bool[nodeCount];
        foreach (var i in order)
        {
            if ((uint)i >= (uint)nodeCount || seen[i])
            {
                throw new ArgumentException($"order is not a permutation of 0..{nodeCount - 1} (at {i})", nameof(order));
            }

            seen[i] = true;
        }

        var result = new double[nodeCount * nodeCount];
        for (var a = 0; a < nodeCount; a++)
        {
            for (var b = 0; b < nodeCount; b++)
            {
                result[(a * nodeCount) + b] = matrix[(order[a] * nodeCount) + order[b]];
            }
        }

        return result;
    }

    /// <summary>
    /// The within/between-module weight ratio of a (signed, directed) row-major n x n weight matrix:
    /// mean |w_ij| over all ordered pairs (i, j), i != j, with i and j in the same community, divided by mean
    /// |w_ij| over all ordered pairs i != j in different communities. All pairs count, absent (zero) synapses
    /// included, and the diagonal is left out. Above 1 means weight concentrates inside modules (block-diagonal),
    /// below 1 between them. With no within pairs (all singletons) or no between pairs (one community) the
    /// ratio is NaN; with zero mean between weight and positive within weight it is +infinity.
    /// </summary>
    public static double WithinBetweenRatio(ReadOnlySpan<double> weights, int nodeCount, ReadOnlySpan<int> membership)
    {
        if (weights.Length != nodeCount * nodeCount || membership.Length != nodeCount)
        {
            throw new ArgumentException($"need an {nodeCount} x {nodeCount} matrix and {nodeCount} labels; got {weights.Length} entries and {membership.Length} labels");
        }

        double within = 0, between = 0;
        long withinPairs = 0, betweenPairs = 0;
        for (var i = 0; i < nodeCount; i++)
        {
            for (var j = 0; j < nodeCount; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var w = Math.Abs(weights[(i * nodeCount) + j]);
                if (membership[i] == membership[j])
                {
                    within += w;
                    withinPairs++;
                }
                else
                {
                    between += w;
                    betweenPairs++;
                }
            }
        }

        if (withinPairs == 0 || betweenPairs == 0)
        {
            return double.NaN;
        }

        return within / withinPairs / (between / betweenPairs);
    }

    /// <summary>
    /// The fraction of the total |w| (off the diagonal) on pairs in different communities; NaN when every weight is 0.
    /// </summary>
    public static double AcrossModuleFraction(ReadOnlySpan<double> weights, int nodeCount, ReadOnlySpan<int> membership)
    {
        if (weights.Length != nodeCount * nodeCount || membership.Length != nodeCount)
        {
            throw new ArgumentException($"need an {nodeCount} x {nodeCount} matrix and {nodeCount} labels; got {weights.Length} entries and {membership.Length} labels");
        }

        double total = 0, across = 0;
        for (var i = 0; i < nodeCount; i++)
        {
            for (var j = 0; j < nodeCount; j++)
            {
                if (i != j)
                {
                    var w = Math.Abs(weights[(i * nodeCount) + j]);
                    total += w;
                    across += membership[i] == membership[j] ? 0.0 : w;
                }
            }
        }

        return total > 0 ? across / total : double.NaN;
    }
}
