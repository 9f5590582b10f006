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
        var factors = default(Factors);
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = factors.Advance(y[i], _rates[i], _drive[i], dt);
        }
    }

    /// <summary>
    /// The step of one component at a time from its value, leak rate a and drive N (for this class, and for a model that
    /// steps its state without it: a fused step). The factors e^{-a dt} - 1 and phi1(a dt) of the last rate are kept, so
    /// a run of components with the same rate (a population's 1/tau) evaluates them once; they are a function of a dt
    /// alone, so keeping them changes no bit.
    /// </summary>
    public struct Factors
    {
        private long rateBits;
        private long stepBits;
        private double expm1;
        private double phi1;
        private bool known;

        /// <summary>y + (e^{-a dt} - 1) y + dt phi1(a dt) N.</summary>
        public double Advance(double y, double rate, double drive, double dt)
        {
            var bits = BitConverter.DoubleToInt64Bits(rate);
            var step = BitConverter.DoubleToInt64Bits(dt);
            if (!known || bits != rateBits || step != stepBits)
            {
                var z = rate * dt;
                expm1 = ExpMath.ExpM1(-z);
                phi1 = z == 0.0 ? 1.0 : -expm1 / z;
                (rateBits, stepBits, known) = (bits, step, true);
            }

            // y + (e^{-z} - 1) y rather than e^{-z} y keeps full relative accuracy of the update for small z.
            return y + ((expm1 * y) + (dt * phi1 * drive));
        }
    }
}
