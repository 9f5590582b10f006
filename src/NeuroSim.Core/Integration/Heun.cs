namespace NeuroSim.Core.Integration;

/// <summary>
/// Heun's method (explicit trapezoid): an Euler predictor averaged with the slope at its end point.
/// Order 2; stable on the pure leak for dt a &lt;= 2. Reference: Hairer, Nørsett &amp; Wanner, Solving ODEs I, §II.1.
/// </summary>
public sealed class Heun : Integrator
{
    private readonly double[] _k1;
    private readonly double[] _k2;
    private readonly double[] _predictor;

    public Heun(int dimension)
        : base(dimension, "heun", order: 2, stabilityLimit: 2.0)
    {
        _k1 = NewBuffer();
        _k2 = NewBuffer();
        _predictor = NewBuffer();
    }

    protected override unsafe void Advance(IOdeSystem system, double t, double dt, Span<double> y)
    {
        system.Derivative(t, y, _k1);
        fixed (double* predictor = _predictor, py = y, k1 = _k1)
        {
            Kernels.VectorKernels.StageOf(predictor, py, k1, dt, y.Length);
        }

        system.Derivative(t + dt, _predictor, _k2);
        var half = 0.5 * dt;
        for (var i = 0; i < y.Length; i++)
        {
            y[i] += half * (_k1[i] + _k2[i]);
        }
    }
}
