using System.Diagnostics;
using NeuroSim.Core.Communities;
using NeuroSim.Core.Randomness;

namespace NeuroSim.Tests.Analysis.Communities;

public sealed class LeidenTests(ITestOutputHelper output)
{
    // Brandes et al. 2008 (IEEE TKDE 20:172), by integer linear programming: the maximum modularity of the karate
    // club is 0.41979 (4 communities); 0.4198 is that value to the 4 digits usually quoted.
    private const double KarateOptimum = 0.4198;

    // The acceptance band around the published optimum.
    private const double KarateTolerance = 0.001;

    // Leiden's Q comes from its aggregate graph's sums, the check's from the original edges: the same numbers added
    // in a different order, so they agree to rounding (a few ulps of values of order 1), far inside this.
    private const double SameQualityTolerance = 1e-12;

    private static readonly ulong[] Seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Fact]
    public void Karate_club_reaches_the_proven_maximum_modularity_with_every_one_of_ten_seeds()
    {
        var graph = Graphs.Karate();
        foreach (var seed in Seeds)
        {
            var result = new Leiden { Seed = seed }.Run(graph);
            var check = Modularity.Compute(graph, result.Membership);
            output.WriteLine($"seed {seed}: Q = {result.Modularity:F6} (independent {check:F6}), {result.CommunityCount} communities, {result.Iterations} iterations");
            Assert.InRange(result.Modularity, KarateOptimum - KarateTolerance, KarateOptimum + KarateTolerance);
            Assert.Equal(4, result.CommunityCount);
            Assert.Equal(check, result.Modularity, SameQualityTolerance);
        }
    }

    [Fact]
    public void Greedy_refinement_with_zero_randomness_also_reaches_the_karate_optimum()
    {
        var graph = Graphs.Karate();
        foreach (var seed in new ulong[] { 1, 2, 3 })
        {
            var result = new Leiden { Seed = seed, Randomness = 0 }.Run(graph);
            Assert.InRange(result.Modularity, KarateOptimum - KarateTolerance, KarateOptimum + KarateTolerance);
        }
    }

    [Fact]
    public void Karate_club_communities_are_each_connected()
    {
        var graph = Graphs.Karate();
        foreach (var seed in Seeds)
        {
            var result = new Leiden { Seed = seed, Resolution = 1.5 }.Run(graph);
            Assert.Empty(Graphs.DisconnectedCommunities(graph, result.Membership));
            result = new Leiden { Seed = seed }.Run(graph);
            Assert.Empty(Graphs.DisconnectedCommunities(graph, result.Membership));
        }
    }

    [Fact]
    public void Planted_partition_of_four_groups_of_32_is_recovered_exactly()
    {
        foreach (var graphSeed in new ulong[] { 11, 12, 13 })
        {
            var graph = Graphs.Planted(groups: 4, size: 32, pIn: 0.5, pOut: 0.02, graphSeed, out var planted);
            var plantedQ = Modularity.Compute(graph, planted);
            foreach (var seed in new ulong[] { 1, 2, 3 })
            {
                var result = new Leiden { Seed = seed }.Run(graph);
                output.WriteLine($"graph {graphSeed}, seed {seed}: Q = {result.Modularity:F6}, planted Q = {plantedQ:F6}, {result.CommunityCount} communities");
                Assert.True(Graphs.SamePartition(planted, result.Membership), $"graph {graphSeed}, seed {seed}: planted partition not recovered");
                Assert.Equal(plantedQ, result.Modularity, SameQualityTolerance);
            }
        }
    }

    [Fact]
    public void Block_structured_signed_weights_give_their_blocks_back_through_the_symmetrised_magnitude()
    {
        const int Blocks = 3, Size = 20;
        var w = Graphs.BlockWeights(Blocks, Size, inside: 1.0, outside: 0.1, seed: 5);
        var graph = WeightedGraph.FromSignedDirected(w, Blocks * Size);
        var result = new Leiden { Seed = 1 }.Run(graph);
        var planted = Enumerable.Range(0, Blocks * Size).Select(i => i / Size).ToArray();
        Assert.True(Graphs.SamePartition(planted, result.Membership));
        Assert.Equal(Modularity.Compute(graph, result.Membership), result.Modularity, SameQualityTolerance);
    }

    [Fact]
    public void Random_graph_communities_are_each_connected()
    {
        // Sparse G(n, p), n = 1000, mean degree 4, no planted structure. Measured while writing this: with the
        // refinement switched off (aggregating on the unrefined partition, which is Louvain with the fast local
        // move), seed 1 ends with a disconnected community on this graph, the defect Traag et al. 2019 (Fig. 3)
        // report for Louvain; Leiden leaves none with seeds 1..10.
        const int N = 1000;
        const double MeanDegree = 4;
        var random = new SeededRandom(1);
        var edges = new List<(int, int, double)>();
        for (var i = 0; i < N; i++)
        {
            for (var j = i + 1; j < N; j++)
            {
                if (random.NextDouble() < MeanDegree / N)
                {
                    edges.Add((i, j, 1.0));
                }
            }
        }

        var graph = WeightedGraph.FromEdges(N, edges);
        foreach (var seed in new ulong[] { 1, 2, 3 })
        {
            var result = new Leiden { Seed = seed }.Run(graph);
            output.WriteLine($"seed {seed}: Q = {result.Modularity:F6}, {result.CommunityCount} communities, {result.Iterations} iterations");
            Assert.Empty(Graphs.DisconnectedCommunities(graph, result.Membership));
            Assert.Equal(Modularity.Compute(graph, result.Membership), result.Modularity, SameQualityTolerance);
        }
    }

    [Fact]
    public void Two_disconnected_cliques_are_two_communities()
    {
        var edges = new List<(int, int, double)>();
        for (var i = 0; i < 5; i++)
        {
            for (var j = i + 1; j < 5; j++)
            {
                edges.Add((i, j, 1.0));
                edges.Add((i + 5, j + 5, 1.0));
            }
        }

        var result = new Leiden { Seed = 3 }.Run(WeightedGraph.FromEdges(10, edges));
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1, 1], result.Membership);
        // Each clique: all 10 of its 20 edges inside, half the strength: Q = 2 (1/2 - 1/4) = 1/2.
        Assert.Equal(0.5, result.Modularity, SameQualityTolerance);
    }

    [Fact]
    public void Graphs_without_weight_give_each_node_its_own_community_and_zero_modularity()
    {
        foreach (var n in new[] { 0, 1, 7 })
        {
            var graph = WeightedGraph.FromEdges(n, []);
            var result = new Leiden().Run(graph);
            Assert.Equal(Enumerable.Range(0, n), result.Membership);
            Assert.Equal(n, result.CommunityCount);
            Assert.Equal(0.0, result.Modularity);
            Assert.Equal(0.0, Modularity.Compute(graph, result.Membership));
        }
    }

    [Fact]
    public void A_single_node_with_a_self_loop_is_one_community_with_zero_modularity()
    {
        var graph = WeightedGraph.FromEdges(1, [(0, 0, 2.0)]);
        var result = new Leiden().Run(graph);
        Assert.Equal([0], result.Membership);
        // A_00 = 4 = 2m = k_0: Q = 4/4 - (4/4)^2 = 0.
        Assert.Equal(0.0, result.Modularity);
    }

    [Fact]
    public void Same_seed_gives_the_same_partition_bit_for_bit()
    {
        var graph = Graphs.Planted(groups: 5, size: 20, pIn: 0.2, pOut: 0.05, seed: 4, out _);
        var a = new Leiden { Seed = 9 }.Run(graph);
        var b = new Leiden { Seed = 9 }.Run(graph);
        Assert.Equal(a.Membership, b.Membership);
        Assert.Equal(BitConverter.DoubleToInt64Bits(a.Modularity), BitConverter.DoubleToInt64Bits(b.Modularity));
    }

    [Fact]
    public void Labels_run_from_the_largest_community_down()
    {
        var result = new Leiden { Seed = 1 }.Run(Graphs.Karate());
        var sizes = Enumerable.Range(0, result.CommunityCount).Select(c => result.Membership.Count(x => x == c)).ToArray();
        Assert.Equal(sizes.OrderByDescending(s => s), sizes);
    }

    [Fact]
    public void Dense_300_node_weight_matrix_is_partitioned_into_connected_communities()
    {
        const int N = 300;
        var w = Graphs.BlockWeights(blocks: 6, size: 50, inside: 1.0, outside: 0.5, seed: 8);
        var graph = WeightedGraph.FromSignedDirected(w, N);
        var clock = Stopwatch.StartNew();
        var result = new Leiden { Seed = 1 }.Run(graph);
        clock.Stop();
        output.WriteLine($"300 dense nodes ({graph.EntryCount} entries): {clock.Elapsed.TotalMilliseconds:F1} ms, Q = {result.Modularity:F6}, {result.CommunityCount} communities, {result.Iterations} iterations");
        Assert.Empty(Graphs.DisconnectedCommunities(graph, result.Membership));
        Assert.Equal(Modularity.Compute(graph, result.Membership), result.Modularity, SameQualityTolerance);
        Assert.True(Graphs.SamePartition(Enumerable.Range(0, N).Select(i => i / 50).ToArray(), result.Membership));
    }
}
