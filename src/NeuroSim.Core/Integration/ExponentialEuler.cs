namespace NeuroSim.Core.Integration;

/// <summary>
/// Exponential Euler for semilinear systems: y += (e^{-a dt} - 1) y + dt phi1(a dt) N(t, y), exact for the
/// leak with a constant drive. Order 1; unconditionally stable on the pure leak.
/// Reference: Hochbruck &amp; Ostermann, Exponential integrators, Acta Numerica 19 (2010), §2.2.
/// </summary>
public sealed class ExponentialEuler : Integrator
{
    private readonly double[] _rates;
    private readonly double[] _drive;

    public ExponentialEuler(int dimension)
        : base(dimension, "exp-euler", order: 1, stabilityLimit: double.PositiveInfinity)
    {
        _rates = NewBuffer();
        _drive = NewBuffer();
    }

    protected override void Advance(IOdeSystem system, double t, double dt, Span<double> y)
    {
        if (system is not ISemilinearSystem semilinear)
        {
            throw new ArgumentException(
                $"exp-euler needs an {nameof(ISemilinearSystem)} (leak rates and drive), "
                + $"but got {system.GetType().Name}; use another integrator for this system.",
                nameof(system));
        }

        semilinear.LeakRates(_rates);
        semilinear.Drive(t, y, _drive);
        for (var i = 0; i < y.Length; i++)
        {
            var z = _rates[i] * dt;
            var expm1 = ExpMath.ExpM1(-z);
            var phi1 = z == 0.0 ? 1.0 : -expm1 / z;
            // y + (e^{-z} - 1) y rather than e^{-z} y keeps full relative accuracy of the update for small z.
            y[i] += expm1 * y[i] + dt * phi1 * _drive[i];
        }
    }
}
