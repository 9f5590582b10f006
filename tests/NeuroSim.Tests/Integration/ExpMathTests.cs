using NeuroSim.Core.Integration;

namespace NeuroSim.Tests.Integration;

public sealed class ExpMathTests
{
    // A few ulps of relative error, the accuracy claimed for Kahan's expm1.
    private const double RelativeTolerance = 1e-15;

    // Reference values from mpmath at 40 digits.
    [Theory]
    [InlineData(1e-300, 1e-300)]
    [InlineData(1e-10, 1.00000000005e-10)]
    [InlineData(-1e-5, -9.99995000016666625e-6)]
    [InlineData(0.3, 0.34985880757600310398)]
    [InlineData(-0.7, -0.5034146962085904853)]
    [InlineData(5.0, 147.41315910257660342)]
    [InlineData(-40.0, -0.99999999999999999575)]
    public void ExpM1_is_accurate_to_a_few_ulps(double x, double expected)
    {
        Assert.Equal(expected, ExpMath.ExpM1(x), RelativeTolerance * Math.Abs(expected));
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1e-9, 0.99999999950000000017)]
    [InlineData(0.01, 0.99501662508319464261)]
    [InlineData(1.0, 0.6321205588285576784)]
    [InlineData(50.0, 0.02)]
    public void Phi1_is_accurate_near_zero_and_large_arguments(double z, double expected)
    {
        Assert.Equal(expected, ExpMath.Phi1(z), RelativeTolerance * expected);
    }
}
