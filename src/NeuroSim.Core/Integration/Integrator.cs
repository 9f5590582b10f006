namespace NeuroSim.Core.Integration;

/// <summary>
/// What every integrator shares: its identity, its dimension (checked once, at construction, and the size of
/// every stage buffer from <see cref="NewBuffer"/>) and the argument checks of <see cref="Step"/>. A derived
/// class supplies the method itself in <see cref="Advance"/>.
/// </summary>
/// <param name="dimension">State dimension, at least 1.</param>
/// <param name="name">Registry name, e.g. "rk4".</param>
/// <param name="order">Nominal global order of accuracy.</param>
/// <param name="stabilityLimit">Largest dt a that is stable on the pure leak (<see cref="IIntegrator.StabilityLimit"/>).</param>
public abstract class Integrator(int dimension, string name, int order, double stabilityLimit) : IIntegrator
{
    public string Name { get; } = name;

    public int Order { get; } = order;

    public double StabilityLimit { get; } = stabilityLimit;

    public int Dimension { get; } = Positive(dimension);

    public void Step(IOdeSystem system, double t, double dt, Span<double> y)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (!double.IsFinite(dt) || dt <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "dt must be positive and finite.");
        }

        if (system.Dimension != Dimension || y.Length != Dimension)
        {
            throw new ArgumentException(
                $"{Name} was built for dimension {Dimension}, "
                + $"but the system has {system.Dimension} and the state has {y.Length}.",
                nameof(y));
        }

        Advance(system, t, dt, y);
    }

    /// <summary>Advances <paramref name="y"/> from t to t + dt in place; the arguments are checked already.</summary>
    protected abstract void Advance(IOdeSystem system, double t, double dt, Span<double> y);

    /// <summary>A stage buffer of <see cref="Dimension"/> components, allocated once by a constructor.</summary>
    protected double[] NewBuffer() => new double[Dimension];

    private static int Positive(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        return dimension;
    }
}
