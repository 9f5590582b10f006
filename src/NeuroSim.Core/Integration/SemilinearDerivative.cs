using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuroSim.Core.Integration;

/// <summary>F(t, y) = -a ⊙ y + N(t, y) for a semilinear system, with a caller-owned buffer for a.</summary>
public static class SemilinearDerivative
{
    public static void Evaluate(ISemilinearSystem system, double t, ReadOnlySpan<double> y, Span<double> dydt, Span<double> leakScratch)
    {
        ArgumentNullException.ThrowIfNull(system);
        system.LeakRates(leakScratch);
        system.Drive(t, y, dydt);
        for (var k = 0; k < y.Length; k++)
        {
            dydt[k] = Of(leakScratch[k], dydt[k], y[k]);
        }
    }

    /// <summary>One component of F: N - a y, from its leak rate a, drive N and value y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Of(double leakRate, double drive, double y) => drive - (leakRate * y);

    /// <inheritdoc cref="Of(double, double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Of(Vector512<double> leakRate, Vector512<double> drive, Vector512<double> y) => drive - (leakRate * y);
}
