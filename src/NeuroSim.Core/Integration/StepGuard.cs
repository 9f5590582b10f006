namespace NeuroSim.Core.Integration;

/// <summary>Argument checks shared by every integrator's <see cref="IIntegrator.Step"/>.</summary>
internal static class StepGuard
{
    public static void Check(IIntegrator integrator, IOdeSystem system, double dt, Span<double> y)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (!double.IsFinite(dt) || dt <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "dt must be positive and finite.");
        }

        if (system.Dimension != integrator.Dimension || y.Length != integrator.Dimension)
        {
            throw new ArgumentException(
                $"{integrator.Name} was built for dimension {integrator.Dimension}, "
                + $"but the system has {system.Dimension} and the state has {y.Length}.",
                nameof(y));
        }
    }

    public static int CheckDimension(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        return dimension;
    }
}
