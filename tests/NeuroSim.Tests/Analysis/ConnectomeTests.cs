using NeuroSim.Analysis.Communities;
using NeuroSim.Analysis.Connectome;

namespace NeuroSim.Tests.Analysis;

public sealed class ConnectomeTests
{
    private static readonly ConnectomeSettings Small = new() { Neurons = 40, Iterations = 30, LearningRate = 0.05, PruneFraction = 0.5 };

    [Fact]
    public void The_Fig4_pipeline_runs_end_to_end_at_small_size()
    {
        using var temp = new TempFolder();
        var summary = ConnectomeStudy.Run(temp.Path, Small, [0.01, 0.1], [0.5], seeds: 2, png: false);
        Assert.Contains("| 0.5 | 0.01 |", summary, StringComparison.Ordinal);
        Assert.Equal(1 + 4, File.ReadAllLines(temp.Combine("connectome.csv")).Length);
        Assert.True(File.Exists(temp.Combine("figures", "modularity-vs-rate.svg")));
        Assert.True(File.Exists(temp.Combine("figures", "reordered-weights-p0.5.svg")));
    }

    [Fact]
    public void Pruning_holds_the_density_at_one_minus_p_and_the_reported_modularity_is_that_of_the_final_weights()
    {
        var result = ConnectomeExperiment.Run(Small);
        var n = Small.Neurons;
        var density = result.Weights.Count(w => w != 0) / (double)(n * (n - 1));

        // The p-quantile cut removes at least half of all off-diagonal pairs (ties at zero can remove a few more).
        Assert.InRange(density, 0.45, 0.5);
        Assert.All(Enumerable.Range(0, n), i => Assert.Equal(0.0, result.Weights[(i * n) + i]));
        Assert.False(result.Diverged);
        var independent = Modularity.Compute(WeightedGraph.FromSignedDirected(result.Weights, n), result.Communities.Membership);
        Assert.Equal(independent, result.Communities.Modularity, 12);
    }

    [Fact]
    public void Without_learning_the_weights_only_lose_their_smallest_half()
    {
        var frozen = ConnectomeExperiment.Run(Small with { LearningRate = 0 });
        var initial = ConnectomeExperiment.Run(Small with { LearningRate = 0, Iterations = 0, PruneFraction = 0 });
        var kept = frozen.Weights.Select((w, k) => (w, k)).Where(p => p.w != 0).ToList();
        Assert.All(kept, p => Assert.Equal(initial.Weights[p.k], p.w));
        var smallestKept = kept.Min(p => Math.Abs(p.w));
        var largestPruned = initial.Weights.Select((w, k) => (w, k)).Where(p => frozen.Weights[p.k] == 0 && p.w != 0).Max(p => Math.Abs(p.w));
        Assert.True(largestPruned <= smallestKept, "pruning removed the smallest magnitudes");
    }
}
