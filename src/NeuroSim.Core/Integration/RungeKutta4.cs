namespace NeuroSim.Core.Integration;

/// <summary>
/// The classical fourth-order Runge–Kutta method. Order 4; stable on the pure leak for
/// dt a &lt;= 2.785293563405282. Reference: Hairer, Nørsett &amp; Wanner, Solving ODEs I, §II.1, Table 1.2.
/// </summary>
public sealed class RungeKutta4 : Integrator
{
    // Real root of 1 + z/2 + z^2/6 + z^3/24 = 0, i.e. where R(z) = 1 + z + ... + z^4/24 returns to 1.
    private const double LeakStabilityLimit = 2.785293563405282;

    private readonly double[] _k1;
    private readonly double[] _k2;
    private readonly double[] _k3;
    private readonly double[] _k4;
    private readonly double[] _stage;

    public RungeKutta4(int dimension)
        : base(dimension, "rk4", order: 4, LeakStabilityLimit)
    {
        _k1 = NewBuffer();
        _k2 = NewBuffer();
        _k3 = NewBuffer();
        _k4 = NewBuffer();
        _stage = NewBuffer();
    }

    protected override unsafe void Advance(IOdeSystem system, double t, double dt, Span<double> y)
    {
        var half = 0.5 * dt;
        var n = y.Length;

        // The stage and update loops are vectorized elementwise, with the scalar loop's exact operations.
        fixed (double* py = y, k1 = _k1, k2 = _k2, k3 = _k3, k4 = _k4, stage = _stage)
        {
            system.Derivative(t, y, _k1);
            Kernels.VectorKernels.StageOf(stage, py, k1, half, n);
            system.Derivative(t + half, _stage, _k2);
            Kernels.VectorKernels.StageOf(stage, py, k2, half, n);
            system.Derivative(t + half, _stage, _k3);
            Kernels.VectorKernels.StageOf(stage, py, k3, dt, n);
            system.Derivative(t + dt, _stage, _k4);
            Kernels.VectorKernels.Rk4Combine(py, k1, k2, k3, k4, dt / 6.0, n);
        }
    }
}
