using NeuroSim.Core.Kernels;
using NeuroSim.Core.Randomness;

namespace NeuroSim.Tests.Performance;

/// <summary>
/// The row kernels against a plain scalar statement of their contract, for every row length up to 41, so that rows
/// whose last columns do not fill a vector (the masked or scalar tails) are covered on whatever hardware runs the tests.
/// </summary>
public sealed unsafe class RowKernelTests
{
    [Fact]
    public void Pooled_row_sums_have_the_bits_of_eight_lanes_added_in_the_fixed_tree_for_every_row_length()
    {
        var random = new SeededRandom(17);
        for (var n = 1; n <= 41; n++)
        {
            var w = Draw(random, n);
            var x = Draw(random, n);
            double e, inh;
            fixed (double* pw = w, px = x)
            {
                VectorKernels.PoolRow(pw, px, n, out e, out inh);
            }

            // Column j into lane j mod 8 in increasing j, then ((0+1)+(2+3))+((4+5)+(6+7)).
            var laneE = new double[8];
            var laneI = new double[8];
            for (var j = 0; j < n; j++)
            {
                laneE[j % 8] += Math.Max(w[j], 0.0) * x[j];
                laneI[j % 8] += Math.Max(-w[j], 0.0) * x[j];
            }

            Assert.Equal(Tree(laneE), e);
            Assert.Equal(Tree(laneI), inh);
        }
    }

    [Fact]
    public void The_fused_row_updates_every_column_as_the_scalar_formulas_do_and_nothing_past_the_row()
    {
        var random = new SeededRandom(19);
        const double r = 0.37, a = -1.3, h = 0.1;
        for (var n = 1; n <= 41; n++)
        {
            foreach (var withPresence in new[] { false, true })
            {
                // One guard element after each row: a kernel that writes past the row would change it.
                var w = Draw(random, n + 1);
                var x = Draw(random, n + 1);
                var t = Draw(random, n + 1);
                var presence = withPresence ? [.. Enumerable.Range(0, n + 1).Select(j => j % 3 == 0 ? 0.0 : 1.0)] : (double[]?)null;
                var expectedT = (double[])t.Clone();
                var expectedW = (double[])w.Clone();
                for (var j = 0; j < n; j++)
                {
                    expectedT[j] = t[j] + (w[j] * r);
                    var d = a * x[j];
                    expectedW[j] = w[j] + ((presence is null ? d : d * presence[j]) * h);
                }

                fixed (double* pw = w, px = x, pt = t, pp = presence)
                {
                    VectorKernels.FusedRow(pw, px, pp, pt, r, a, h, n);
                }

                Assert.Equal(expectedT, t);
                Assert.Equal(expectedW, w);
            }
        }
    }

    [Fact]
    public void Row_pairs_give_the_bits_of_their_two_rows_taken_one_after_the_other()
    {
        if (!RowPairKernels.Supported)
        {
            return; // the pair kernels exist only on 512-bit hardware; elsewhere the fused pass takes rows one by one
        }

        var random = new SeededRandom(29);
        const double h = 0.1;
        for (var n = 1; n <= 41; n++)
        {
            foreach (var withPresence in new[] { false, true })
            {
                var w = Draw(random, (2 * n) + 1);
                var x = Draw(random, n + 1);
                var t = Draw(random, n + 1);
                var presence = withPresence ? [.. Enumerable.Range(0, (2 * n) + 1).Select(j => j % 3 == 0 ? 0.0 : 1.0)] : (double[]?)null;
                var (wSingle, tSingle) = ((double[])w.Clone(), (double[])t.Clone());
                var a = new RowFactors(0.37, -1.3);
                var b = new RowFactors(-0.81, 0.6);
                double ea, ia, eb, ib;
                fixed (double* pw = wSingle, px = x, pt = tSingle, pp = presence)
                {
                    VectorKernels.PoolRow(pw, px, n, out ea, out ia);
                    VectorKernels.PoolRow(pw + n, px, n, out eb, out ib);
                    VectorKernels.FusedRow(pw, px, pp, pt, a.Retrograde, a.Plasticity, h, n);
                    VectorKernels.FusedRow(pw + n, px, pp is null ? null : pp + n, pt, b.Retrograde, b.Plasticity, h, n);
                }

                PoolSums pairA, pairB;
                fixed (double* pw = w, px = x, pt = t, pp = presence)
                {
                    RowPairKernels.PoolRows(pw, pw + n, px, n, out pairA, out pairB);
                    RowPairKernels.FusedRows(pw, pw + n, px, pp, pp is null ? null : pp + n, pt, a, b, h, n);
                }

                Assert.Equal(new PoolSums(ea, ia), pairA);
                Assert.Equal(new PoolSums(eb, ib), pairB);
                Assert.Equal(wSingle, w);
                Assert.Equal(tSingle, t);
            }
        }
    }

    private static double Tree(double[] l) => ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));

    private static double[] Draw(SeededRandom random, int n) => [.. Enumerable.Range(0, n).Select(_ => random.NextUniform(-1, 1))];
}
