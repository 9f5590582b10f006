using System.Numerics;
using NeuroSim.Core.Neurons;
using NeuroSim.Core.Randomness;

namespace NeuroSim.Tests.Neurons;

/// <summary>NeuroSim's own tanh against the C library's, and its vector lanes against its scalar form.</summary>
public sealed class TanhKernelTests
{
    [Fact]
    public void Tanh_is_within_two_ulp_of_the_library_tanh_from_tiny_to_saturated_inputs()
    {
        var worst = 0.0;
        foreach (var s in Inputs())
        {
            var expected = Math.Tanh(s);
            var ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
            worst = Math.Max(worst, Math.Abs(TanhActivation.Tanh(s) - expected) / ulp);
        }

        // The library's tanh is itself within about 1 ulp of the exact value.
        Assert.True(worst <= 2.0, $"largest error {worst:F2} ulp of the library tanh");
    }

    [Fact]
    public void Vector_lanes_give_the_bits_of_the_scalar_form()
    {
        var inputs = Inputs().Concat([0.0, -0.0, double.NaN, 0.625, -0.625, Math.BitDecrement(0.625), 22.0, 1e300, -1e300]).ToArray();
        var x = new double[inputs.Length];
        var d = new double[inputs.Length];
        new TanhActivation().ApplyWithSlope(inputs, x, d);
        for (var k = 0; k < inputs.Length; k++)
        {
            var scalar = TanhActivation.Tanh(inputs[k]);
            Assert.Equal(BitConverter.DoubleToInt64Bits(scalar), BitConverter.DoubleToInt64Bits(x[k]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(1.0 - (scalar * scalar)), BitConverter.DoubleToInt64Bits(d[k]));
        }

        var lanes = new double[Vector<double>.Count];
        for (var k = 0; k + lanes.Length <= inputs.Length; k += lanes.Length)
        {
            TanhActivation.Tanh(new Vector<double>(inputs, k)).CopyTo(lanes);
            for (var l = 0; l < lanes.Length; l++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(TanhActivation.Tanh(inputs[k + l])), BitConverter.DoubleToInt64Bits(lanes[l]));
            }
        }
    }

    [Fact]
    public void Signs_zeros_and_saturation_are_exact()
    {
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(TanhActivation.Tanh(-0.0)));
        Assert.Equal(1.0, TanhActivation.Tanh(40.0));
        Assert.Equal(-1.0, TanhActivation.Tanh(-1e300));
        Assert.True(double.IsNaN(TanhActivation.Tanh(double.NaN)));
        foreach (var s in Inputs())
        {
            Assert.Equal(-TanhActivation.Tanh(s), TanhActivation.Tanh(-s));
        }
    }

    private static IEnumerable<double> Inputs()
    {
        var random = new SeededRandom(23);
        for (var k = 0; k < 20000; k++)
        {
            // Log-uniform magnitudes from 1e-9 to 30, both signs: the rational branch, the exp branch and saturation.
            var magnitude = Math.Pow(10, random.NextUniform(-9, Math.Log10(30)));
            yield return random.NextUniform(0, 1) < 0.5 ? -magnitude : magnitude;
        }

        for (var s = -0.7; s <= 0.7; s += 0.001)
        {
            yield return s;
        }
    }
}
