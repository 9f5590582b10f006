using NeuroSim.Core.Randomness;
using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Tests.Microcircuit;

public class DenseMathTests
{
    /// <summary>The documented order, written out with scalars: on any instruction set Dot must give these bits.</summary>
    [Fact]
    public void Dot_sums_four_fixed_lanes_then_the_tail_whatever_the_vector_width()
    {
        var random = new SeededRandom(3);
        for (var n = 0; n < 70; n++)
        {
            var a = Enumerable.Range(0, n).Select(_ => random.NextGaussian()).ToArray();
            var b = Enumerable.Range(0, n).Select(_ => random.NextGaussian()).ToArray();
            Assert.Equal(BitConverter.DoubleToInt64Bits(FixedLaneSum(a, b)), BitConverter.DoubleToInt64Bits(DenseMath.Dot(a, b)));
        }
    }

    private static double FixedLaneSum(double[] a, double[] b)
    {
        var sum = 0.0;
        var k = 0;
        if (a.Length >= 8)
        {
            var lanes = new double[4];
            for (; k + 4 <= a.Length; k += 4)
            {
                for (var l = 0; l < 4; l++)
                {
                    lanes[l] += a[k + l] * b[k + l];
                }
            }

            sum = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
        }

        for (; k < a.Length; k++)
        {
            sum += a[k] * b[k];
        }

        return sum;
    }
}
