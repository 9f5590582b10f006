using NeuroSim.Core.Connectivity;
using NeuroSim.Core.Randomness;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Tests.Performance;

/// <summary>Networks large enough for the kernels to split work over threads, and the plain loops the fast kernels are checked against.</summary>
internal static class PerformanceNets
{
    /// <summary>
    /// A recurrent-and-layered network: in (37) -> hidden (300) dense, hidden -> hidden sparse with self-connections
    /// excluded (above the parallel threshold), hidden -> out (11) with a random mask. Odd sizes exercise SIMD tails.
    /// </summary>
    public static NetworkSpec Mixed(SynapseStorage recurrentStorage = SynapseStorage.Sparse, SynapseStorage maskedStorage = SynapseStorage.Dense, double density = 0.6)
    {
        var random = new SeededRandom(99);
        var recurrentMask = Enumerable.Range(0, 300 * 300).Select(_ => random.NextDouble() < density).ToArray();
        var outMask = Enumerable.Range(0, 11 * 300).Select(_ => random.NextDouble() < 0.5).ToArray();
        return new NetworkSpec(
            [new NeuronGroupSpec("in", 37), new NeuronGroupSpec("hidden", 300), new NeuronGroupSpec("out", 11)],
            [
                new ProjectionSpec("in", "hidden") { Distribution = WeightDistribution.Normal(1.0) },
                new ProjectionSpec("hidden", "hidden") { Mask = recurrentMask, Storage = recurrentStorage, Distribution = WeightDistribution.Normal(0.3) },
                new ProjectionSpec("hidden", "out") { Mask = outMask, Storage = maskedStorage, Distribution = WeightDistribution.Normal(1.0) },
            ]);
    }

    /// <summary>A balance-credit model on <see cref="Mixed"/>, inputs clamped and outputs taught, messengers with spillover when asked.</summary>
    public static BalanceCreditModel Model(bool messengers, SynapseStorage recurrentStorage = SynapseStorage.Sparse, SynapseStorage maskedStorage = SynapseStorage.Dense)
    {
        var spec = new BalanceCreditSpec
        {
            Network = Mixed(recurrentStorage, maskedStorage),
            Timescales = new Timescales(1, 5, 50, messengers ? 2 : null),
            Activation = "tanh",
            LearningRate = 0.05,
            Spillover = messengers ? 0.2 : 0.0,
            LearnBiases = true,
            InputGroups = ["in"],
            OutputGroups = ["out"],
            OutputCreditMode = OutputCreditMode.Inject,
            Seed = 5,
        };
        var model = new BalanceCreditModel(spec);
        model.Present(Support.Nets.RandomVector(37, 1), Support.Nets.RandomVector(11, 2, 0.8));
        return model;
    }

    /// <summary>Plain-loop reference of the pooled sums over the dense matrix of a projection.</summary>
    public static (double[] E, double[] I) ReferencePools(double[] dense, int rows, int cols, ReadOnlySpan<double> x)
    {
        var e = new double[rows];
        var inh = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                var w = dense[(i * cols) + j];
                e[i] += Math.Max(w, 0.0) * x[j];
                inh[i] += Math.Max(-w, 0.0) * x[j];
            }
        }

        return (e, inh);
    }
}
