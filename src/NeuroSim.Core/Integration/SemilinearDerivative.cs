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
            dydt[k] -= leakScratch[k] * y[k];
        }
    }
}
