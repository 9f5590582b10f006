namespace NeuroSim.Core.Integration;

/// <summary>An ordinary differential equation dy/dt = F(t, y) over a flat state vector.</summary>
public interface IOdeSystem
{
    /// <summary>Length of the state vector.</summary>
    int Dimension { get; }

    /// <summary>Writes F(t, y) into <paramref name="dydt"/>. Must not allocate; must not keep the spans.</summary>
    void Derivative(double t, ReadOnlySpan<double> y, Span<double> dydt);
}

/// <summary>
/// A semilinear system dy/dt = -a ⊙ y + N(t, y) with a constant, non-negative leak rate a per component.
/// Every rate unit of the engine has this form (tau dy/dt = -y + target), which lets exponential Euler
/// integrate the leak exactly and lets the scheduler check explicit step sizes against 1/a.
/// </summary>
public interface ISemilinearSystem : IOdeSystem
{
    /// <summary>Writes the leak rate a_k >= 0 (1/ms) of every component; constant while a step is taken.</summary>
    void LeakRates(Span<double> rates);

    /// <summary>Writes the non-leak part N(t, y), so that F(t, y) = -a ⊙ y + N(t, y).</summary>
    void Drive(double t, ReadOnlySpan<double> y, Span<double> drive);
}
