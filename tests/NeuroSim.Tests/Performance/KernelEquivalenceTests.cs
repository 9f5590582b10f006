using NeuroSim.Core.Connectivity;
using NeuroSim.Core.Randomness;

namespace NeuroSim.Tests.Performance;

/// <summary>
/// Every fast kernel (SIMD rows, eight-lane reductions, transposed index, fork-join) against the plain loop it
/// replaces. Elementwise kernels and the transposed sums keep the plain loop's order of operations and must
/// agree bit for bit; the pooled and spillover row sums are reordered into eight lanes and must agree to a
/// relative 1e-13 of the row's absolute sum.
/// </summary>
public sealed class KernelEquivalenceTests
{
    private const double ReductionTolerance = 1e-13;

    [Theory]
    [InlineData(SynapseStorage.Dense)]
    [InlineData(SynapseStorage.Sparse)]
    public void Pooled_sums_match_the_plain_loop_within_the_reduction_tolerance(SynapseStorage storage)
    {
        var (network, w, x) = Build(storage);
        var n = network.NeuronCount;
        var e = new double[n];
        var inh = new double[n];
        var s = new double[n];
        network.ComputePools(w, x, new double[n], new double[n], new double[n], e, inh, s);
        foreach (var p in network.Projections)
        {
            var (refE, refI) = PerformanceNets.ReferencePools(Dense(p, w), p.Post.Size, p.Pre.Size, x.AsSpan(p.Pre.Range));
            var (absE, absI) = PerformanceNets.ReferencePools(Dense(p, w), p.Post.Size, p.Pre.Size, [.. x.AsSpan(p.Pre.Range).ToArray().Select(Math.Abs)]);
            for (var i = 0; i < p.Post.Size; i++)
            {
                // Each post group here has one incoming projection, so the pool is that projection's sum.
                Assert.InRange(Math.Abs(e[p.Post.Offset + i] - refE[i]), 0, ReductionTolerance * (absE[i] + 1e-300));
                Assert.InRange(Math.Abs(inh[p.Post.Offset + i] - refI[i]), 0, ReductionTolerance * (absI[i] + 1e-300));
            }
        }
    }

    [Fact]
    public void Dense_and_sparse_layouts_give_bit_identical_kernel_results()
    {
        var (dense, w1, x) = Build(SynapseStorage.Dense);
        var (sparse, w2, _) = Build(SynapseStorage.Sparse);
        var n = dense.NeuronCount;
        var delta = Nets.RandomVector(n, 17);
        double[] gains = [0.7, 1.3];

        SamePools(dense, w1, sparse, w2, x);

        // Transposed sums and messenger collection.
        var (t1, t2) = (new double[n], new double[n]);
        dense.TransposedProduct(gains, w1, delta, t1);
        sparse.TransposedProduct(gains, w2, delta, t2);
        AssertBits(t1, t2);
        dense.CollectMessengers(w1, t1);
        sparse.CollectMessengers(w2, t2);
        AssertBits(t1, t2);

        // Per-synapse outputs, compared synapse by synapse.
        var (g1, g2) = (new double[w1.Length], new double[w2.Length]);
        dense.RetrogradeSignal(gains, 0.3, w1, delta, g1);
        sparse.RetrogradeSignal(gains, 0.3, w2, delta, g2);
        AssertSynapseBits(dense, g1, sparse, g2);
        dense.OuterProduct(0.01, gains, delta, x, g1);
        sparse.OuterProduct(0.01, gains, delta, x, g2);
        AssertSynapseBits(dense, g1, sparse, g2);
    }

    [Theory]
    [InlineData(SynapseStorage.Dense)]
    [InlineData(SynapseStorage.Sparse)]
    public void Transposed_sums_messengers_and_outer_products_match_the_plain_loops_bit_for_bit(SynapseStorage storage)
    {
        var (network, w, x) = Build(storage);
        var n = network.NeuronCount;
        var delta = Nets.RandomVector(n, 23);
        delta[40] = 0.0;
        double[] gains = [0.5, 2.0];
        var target = new double[n];
        network.TransposedProduct(gains, w, delta, target);
        var messengers = new double[n];
        network.CollectMessengers(w, messengers);
        var dw = new double[w.Length];
        network.OuterProduct(0.25, gains, delta, x, dw);

        var refTarget = new double[n];
        var refMessengers = new double[n];
        for (var k = 0; k < network.Projections.Count; k++)
        {
            var p = network.Projections[k];
            var dense = Dense(p, w);
            for (var i = 0; i < p.Post.Size; i++)
            {
                var d = gains[k] * delta[p.Post.Offset + i];
                for (var j = 0; j < p.Pre.Size; j++)
                {
                    if (d != 0.0)
                    {
                        refTarget[p.Pre.Offset + j] += dense[(i * p.Pre.Size) + j] * d;
                    }

                    refMessengers[p.Pre.Offset + j] += dense[(i * p.Pre.Size) + j];
                }
            }

            var scale = 0.25 * gains[k];
            p.ForEachSynapse((slot, i, j) => Assert.Equal(
                BitConverter.DoubleToInt64Bits(scale * delta[p.Post.Offset + i] * x[p.Pre.Offset + j]),
                BitConverter.DoubleToInt64Bits(dw[p.SynapseOffset + slot])));
        }

        AssertBits(refTarget, target);
        AssertBits(refMessengers, messengers);
    }

    [Theory]
    [InlineData(SynapseStorage.Dense)]
    [InlineData(SynapseStorage.Sparse)]
    public void Retrograde_signal_with_spillover_matches_the_plain_loop(SynapseStorage storage)
    {
        var (network, w, _) = Build(storage);
        var n = network.NeuronCount;
        var delta = Nets.RandomVector(n, 29);
        double[] gains = [1.0, 0.4];
        const double kappa = 0.35;
        var g = new double[w.Length];
        network.RetrogradeSignal(gains, kappa, w, delta, g);
        for (var k = 0; k < network.Projections.Count; k++)
        {
            var p = network.Projections[k];
            var rowSum = new double[p.Post.Size];
            var rowAbs = new double[p.Post.Size];
            p.ForEachSynapse((slot, i, _) =>
            {
                rowSum[i] += w[p.SynapseOffset + slot];
                rowAbs[i] += Math.Abs(w[p.SynapseOffset + slot]);
            });
            p.ForEachSynapse((slot, i, _) =>
            {
                var a = gains[k] * delta[p.Post.Offset + i];
                var mean = rowSum[i] / p.InDegree(i);
                var expected = (a * (1 - kappa) * w[p.SynapseOffset + slot]) + (a * kappa * mean);
                var bound = (ReductionTolerance * Math.Abs(a) * rowAbs[i] / p.InDegree(i)) + (1e-15 * Math.Abs(expected));
                Assert.InRange(Math.Abs(g[p.SynapseOffset + slot] - expected), 0, bound);
            });
        }
    }

    [Fact]
    public void Pooled_sums_over_signed_zero_weights_have_the_same_bits_in_lanes_and_in_the_scalar_loop()
    {
        // The lanes take max(w, 0) as maxpd(0, w), which gives -0 for w = -0; the scalar loop (sparse rows) takes Math.Max, which gives +0.
        var (dense, w1, x) = Build(SynapseStorage.Dense);
        var (sparse, w2, _) = Build(SynapseStorage.Sparse);
        for (var k = 0; k < dense.Projections.Count; k++)
        {
            var (pd, ps) = (dense.Projections[k], sparse.Projections[k]);
            pd.ForEachSynapse((slot, i, j) =>
            {
                if ((i + j) % 3 != 1)
                {
                    var zero = (i + j) % 3 == 0 ? -0.0 : 0.0;
                    w1[pd.SynapseOffset + slot] = zero;
                    w2[ps.SynapseOffset + ps.SlotOf(i, j)] = zero;
                }
            });
        }

        var excitatory = SamePools(dense, w1, sparse, w2, x);
        Assert.Contains(excitatory, v => v != 0.0);
    }

    [Fact]
    public void Removed_synapses_get_zero_updates_in_every_kernel()
    {
        var (network, w, x) = Build(SynapseStorage.Dense);
        var p = network.Projections[0];
        var slot = p.SlotOf(3, 5);
        p.Remove(slot);
        w[p.SynapseOffset + slot] = 0.0;
        var dw = new double[w.Length];
        network.OuterProduct(1.0, [1.0, 1.0], Nets.RandomVector(network.NeuronCount, 3), x, dw);
        Assert.Equal(0.0, dw[p.SynapseOffset + slot]);
        network.RetrogradeSignal([1.0, 1.0], 0.5, w, Nets.RandomVector(network.NeuronCount, 4), dw);
        Assert.Equal(0.0, dw[p.SynapseOffset + slot]);
    }

    /// <summary>in (37) -> hidden (300) -> out (13), both masked at about 40%, above the parallel threshold on the first projection.</summary>
    private static (Network Network, double[] Weights, double[] Rates) Build(SynapseStorage storage)
    {
        var random = new SeededRandom(8);
        var mask1 = Enumerable.Range(0, 37 * 300).Select(_ => random.NextDouble() < 0.4).ToArray();
        var mask2 = Enumerable.Range(0, 300 * 13).Select(_ => random.NextDouble() < 0.4).ToArray();
        var spec = new NetworkSpec(
            [new NeuronGroupSpec("in", 37), new NeuronGroupSpec("hidden", 300), new NeuronGroupSpec("out", 13)],
            [
                new ProjectionSpec("in", "hidden") { Mask = mask1, Storage = storage },
                new ProjectionSpec("hidden", "out") { Mask = mask2, Storage = storage },
            ]);
        var network = Network.Build(spec, new SeededRandom(3), out var weights);
        return (network, weights, Nets.RandomVector(network.NeuronCount, 11));
    }

    private static double[] Dense(Projection p, double[] w)
    {
        var dense = new double[p.Post.Size * p.Pre.Size];
        p.ForEachSynapse((slot, i, j) => dense[(i * p.Pre.Size) + j] = w[p.SynapseOffset + slot]);
        return dense;
    }

    /// <summary>Asserts that both layouts pool the same E and I bit for bit; returns the excitatory pools.</summary>
    private static double[] SamePools(Network dense, double[] denseWeights, Network sparse, double[] sparseWeights, double[] x)
    {
        var n = dense.NeuronCount;
        var (e1, i1, s1) = (new double[n], new double[n], new double[n]);
        var (e2, i2, s2) = (new double[n], new double[n], new double[n]);
        dense.ComputePools(denseWeights, x, new double[n], new double[n], new double[n], e1, i1, s1);
        sparse.ComputePools(sparseWeights, x, new double[n], new double[n], new double[n], e2, i2, s2);
        AssertBits(e1, e2);
        AssertBits(i1, i2);
        return e1;
    }

    private static void AssertBits(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(expected[k]) == BitConverter.DoubleToInt64Bits(actual[k]), $"element {k}: {expected[k]:R} vs {actual[k]:R}");
        }
    }

    private static void AssertSynapseBits(Network a, double[] va, Network b, double[] vb)
    {
        for (var k = 0; k < a.Projections.Count; k++)
        {
            AssertBits(Dense(a.Projections[k], va), Dense(b.Projections[k], vb));
        }
    }
}
