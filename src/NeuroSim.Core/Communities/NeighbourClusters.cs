namespace NeuroSim.Core.Communities;

/// <summary>
/// Scratch of one Leiden local move: the clusters among a node's neighbours (the node's own first, then in the order
/// the neighbours list them) and the edge weight from the node to each. Both the moving and the refinement phase
/// gather them this way; only the cluster labels and whether neighbours outside the node's community count differ.
/// </summary>
internal sealed class NeighbourClusters(int nodes)
{
    private readonly bool[] seen = new bool[nodes];

    /// <summary>Edge weight from the node to each gathered cluster (0 for every other cluster).</summary>
    public double[] WeightTo { get; } = new double[nodes];

    /// <summary>The gathered clusters, the first <see cref="Count"/> of them.</summary>
    public int[] Clusters { get; } = new int[nodes];

    public int Count { get; private set; }

    /// <summary>
    /// Gathers the clusters (labels <paramref name="clusterOf"/>) of the neighbours of <paramref name="v"/>, not counting
    /// <paramref name="v"/> itself, and only those in its own community when <paramref name="community"/> is given.
    /// </summary>
    public void Gather(WeightedGraph graph, int v, int[] clusterOf, int[]? community = null)
    {
        var own = clusterOf[v];
        var neighbours = graph.Neighbours(v);
        var weights = graph.NeighbourWeights(v);
        Clusters[0] = own;
        seen[own] = true;
        Count = 1;
        for (var e = 0; e < neighbours.Length; e++)
        {
            var u = neighbours[e];
            if (u == v || (community is not null && community[u] != community[v]))
            {
                continue;
            }

            var c = clusterOf[u];
            if (!seen[c])
            {
                seen[c] = true;
                Clusters[Count++] = c;
            }

            WeightTo[c] += weights[e];
        }
    }

    /// <summary>Forgets the gathered clusters, ready for the next node.</summary>
    public void Clear()
    {
        for (var k = 0; k < Count; k++)
        {
            WeightTo[Clusters[k]] = 0;
            seen[Clusters[k]] = false;
        }

        Count = 0;
    }
}
