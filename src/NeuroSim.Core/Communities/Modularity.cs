namespace NeuroSim.Core.Communities;

/// <summary>
/// Newman-Girvan modularity with a resolution gamma (Newman and Girvan 2004; Reichardt and Bornholdt 2006),
/// in the adjacency-matrix form Q = (1 / 2m) sum_ij [A_ij - gamma k_i k_j / 2m] delta(c_i, c_j), computed
/// straight from the definition: the sum of A_ij over the stored entries with c_i = c_j, minus gamma times
/// sum_c (K_c / 2m)^2 with K_c the total strength of community c. Written independently of <see cref="Leiden"/>,
/// which keeps its own running sums, so that each checks the other.
/// </summary>
public static class Modularity
{
    /// <summary>
    /// Q of the partition <paramref name="membership"/> (community label per node; any non-negative labels).
    /// Q is defined as 0 when the graph has no weight (2m = 0), where the formula would be 0/0.
    /// </summary>
    public static double Compute(WeightedGraph graph, ReadOnlySpan<int> membership, double resolution = 1.0)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (membership.Length != graph.NodeCount)
        {
            throw new ArgumentException($"membership has {membership.Length} entries for {graph.NodeCount} nodes", nameof(membership));
        }

        var twoM = graph.TotalWeight;
        if (twoM == 0)
        {
            return 0.0;
        }

        var inside = 0.0;
        var communityStrength = new Dictionary<int, double>();
        for (var i = 0; i < graph.NodeCount; i++)
        {
            if (membership[i] < 0)
            {
                throw new ArgumentException($"node {i} has negative community label {membership[i]}", nameof(membership));
            }

            var neighbours = graph.Neighbours(i);
            var weights = graph.NeighbourWeights(i);
            for (var e = 0; e < neighbours.Length; e++)
            {
                if (membership[neighbours[e]] == membership[i])
                {
                    inside += weights[e];
                }
            }

            communityStrength[membership[i]] = communityStrength.GetValueOrDefault(membership[i]) + graph.Strength(i);
        }

        var expected = 0.0;
        foreach (var k in communityStrength.Values)
        {
            expected += (k / twoM) * (k / twoM);
        }

        return (inside / twoM) - (resolution * expected);
    }
}
