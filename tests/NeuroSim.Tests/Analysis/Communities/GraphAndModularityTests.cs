using NeuroSim.Core.Communities;

namespace NeuroSim.Tests.Analysis.Communities;

public sealed class GraphAndModularityTests
{
    // Hand-computed values below are sums of a few exact fractions; this allows for the last-bit rounding of each.
    private const double HandTolerance = 1e-14;

    [Fact]
    public void Karate_club_has_34_nodes_78_edges_and_degrees_summing_to_156()
    {
        var edges = Graphs.KarateEdges();
        Assert.Equal(78, edges.Length);
        var graph = Graphs.Karate();
        Assert.Equal(34, graph.NodeCount);
        Assert.Equal(156, graph.EntryCount);
        Assert.Equal(156.0, Enumerable.Range(0, 34).Sum(graph.Strength));
        Assert.Equal(156.0, graph.TotalWeight);
        // The two leaders: the instructor (member 1) has 16 ties, the administrator (member 34) has 17.
        Assert.Equal(16.0, graph.Strength(0));
        Assert.Equal(17.0, graph.Strength(33));
    }

    [Fact]
    public void Two_triangles_joined_by_an_edge_split_into_the_triangles_has_modularity_five_fourteenths()
    {
        var graph = WeightedGraph.FromEdges(6, [(0, 1, 1), (1, 2, 1), (0, 2, 1), (3, 4, 1), (4, 5, 1), (3, 5, 1), (2, 3, 1)]);
        // m = 7; each triangle holds 3 edges and strength 7: Q = 2 (3/7 - (7/14)^2) = 5/14.
        Assert.Equal(5.0 / 14.0, Modularity.Compute(graph, [0, 0, 0, 1, 1, 1]), HandTolerance);
        // One community: Q = 7/7 - 1 = 0. At resolution 2 the triangles give 2 (3/7 - 2/4) = -1/7.
        Assert.Equal(0.0, Modularity.Compute(graph, [4, 4, 4, 4, 4, 4]), HandTolerance);
        Assert.Equal(-1.0 / 7.0, Modularity.Compute(graph, [0, 0, 0, 1, 1, 1], resolution: 2), HandTolerance);
        var found = new Leiden { Seed = 1 }.Run(graph);
        Assert.Equal([0, 0, 0, 1, 1, 1], found.Membership);
    }

    [Fact]
    public void Dense_and_edge_list_constructors_agree_and_self_loops_count_twice()
    {
        double[] dense = [2, 1, 0, 1, 0, 3, 0, 3, 0];
        var fromDense = WeightedGraph.FromDense(dense, 3);
        var fromEdges = WeightedGraph.FromEdges(3, [(0, 1, 0.5), (1, 0, 0.5), (0, 0, 1), (1, 2, 3)]);
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                Assert.Equal(dense[(i * 3) + j], fromDense.Weight(i, j));
                Assert.Equal(dense[(i * 3) + j], fromEdges.Weight(i, j));
            }
        }

        Assert.Equal(10.0, fromEdges.TotalWeight);
        Assert.Equal([0, 1], fromDense.Neighbours(0).ToArray());
    }

    [Fact]
    public void Dense_constructor_rejects_asymmetric_and_negative_matrices()
    {
        Assert.Throws<ArgumentException>(() => WeightedGraph.FromDense([0, 1, 2, 0], 2));
        Assert.Throws<ArgumentException>(() => WeightedGraph.FromDense([0, -1, -1, 0], 2));
        Assert.Throws<ArgumentException>(() => WeightedGraph.FromDense([0, 1, 1], 2));
    }

    [Fact]
    public void Signed_directed_weights_symmetrise_to_the_mean_magnitude_with_no_diagonal()
    {
        double[] w = [5, 2, -1, -4, 7, 0, 3, 0.5, -9];
        var graph = WeightedGraph.FromSignedDirected(w, 3);
        Assert.Equal(3.0, graph.Weight(0, 1));   // (|2| + |-4|) / 2
        Assert.Equal(3.0, graph.Weight(1, 0));
        Assert.Equal(2.0, graph.Weight(0, 2));   // (|-1| + |3|) / 2
        Assert.Equal(0.25, graph.Weight(1, 2));  // (|0| + |0.5|) / 2
        Assert.Equal(0.0, graph.Weight(0, 0));
        Assert.Equal(0.0, graph.Weight(2, 2));
        Assert.Equal(2 * (3 + 2 + 0.25), graph.TotalWeight);
    }
}

public sealed class ModuleStructureTests
{
    [Fact]
    public void Within_between_ratio_of_a_hand_made_block_matrix_is_six()
    {
        // Communities {0, 1} and {2, 3}; the diagonal (5, 7, 9, 1) is left out.
        // Within ordered pairs: |2|, |-4|, |3|, |-6| -> mean 15/4. Between: 1, 0, 0, |-1|, 1, 0, 0, |-2| -> mean 5/8.
        double[] w =
        [
            5, 2, 1, 0,
            -4, 7, 0, -1,
            1, 0, 9, 3,
            0, -2, -6, 1,
        ];
        Assert.Equal(6.0, ModuleStructure.WithinBetweenRatio(w, 4, [0, 0, 1, 1]));
        Assert.True(double.IsNaN(ModuleStructure.WithinBetweenRatio(w, 4, [0, 0, 0, 0])));
        Assert.True(double.IsNaN(ModuleStructure.WithinBetweenRatio(w, 4, [0, 1, 2, 3])));
    }

    [Fact]
    public void Reordering_by_community_makes_the_blocks_contiguous()
    {
        int[] membership = [1, 0, 1, 0];
        var order = ModuleStructure.NodeOrder(membership);
        Assert.Equal([1, 3, 0, 2], order);
        double[] w =
        [
            0, 1, 2, 3,
            4, 5, 6, 7,
            8, 9, 10, 11,
            12, 13, 14, 15,
        ];
        double[] expected =
        [
            5, 7, 4, 6,
            13, 15, 12, 14,
            1, 3, 0, 2,
            9, 11, 8, 10,
        ];
        Assert.Equal(expected, ModuleStructure.Reorder(w, 4, order));
        Assert.Throws<ArgumentException>(() => ModuleStructure.Reorder(w, 4, [0, 0, 1, 2]));
    }
}
