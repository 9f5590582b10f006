namespace NeuroSim.Core.Integration;

/// <summary>
/// A one-step ODE integrator that advances a state in place. An instance owns its stage buffers for one
/// dimension (allocated once, at construction), so <see cref="Step"/> never allocates.
/// </summary>
public interface IIntegrator
{
    /// <summary>Registry name, e.g. "rk4".</summary>
    string Name { get; }

    /// <summary>Nominal global order of accuracy.</summary>
    int Order { get; }

    /// <summary>
    /// Largest dt * a for which the method is stable on the pure leak dy/dt = -a y (the real-axis
    /// stability interval); <see cref="double.PositiveInfinity"/> when the leak is integrated exactly.
    /// </summary>
    double StabilityLimit { get; }

    /// <summary>State dimension this instance was built for.</summary>
    int Dimension { get; }

    /// <summary>Advances <paramref name="y"/> from t to t + dt in place.</summary>
    void Step(IOdeSystem system, double t, double dt, Span<double> y);
}
