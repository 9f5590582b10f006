namespace NeuroSim.Core.Integration;

/// <summary>Exponential helpers that stay accurate near zero, where exp(x) - 1 cancels.</summary>
internal static class ExpMath
{
    /// <summary>
    /// e^x - 1 to a few ulps for every x, by Kahan's trick (u - 1) x / ln u with u = e^x: the rounding
    /// error of u cancels between numerator and denominator. Reference: Higham, Accuracy and Stability of
    /// Numerical Algorithms, 2nd ed., §1.14.1. (.NET's double.ExpM1 is plain Math.Exp(x) - 1.)
    /// </summary>
    public static double ExpM1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        var um1 = u - 1.0;
        if (um1 == -1.0 || double.IsPositiveInfinity(u))
        {
            return um1;
        }

        return um1 * x / Math.Log(u);
    }

    /// <summary>phi1(z) = (1 - e^{-z}) / z, with phi1(0) = 1.</summary>
    public static double Phi1(double z) => z == 0.0 ? 1.0 : -ExpM1(-z) / z;
}
