namespace NeuroSim.Core.Integration;

/// <summary>
/// The classical fourth-order Runge–Kutta method. Order 4; stable on the pure leak for
/// dt a &lt;= 2.785293563405282. Reference: Hairer, Nørsett &amp; Wanner, Solving ODEs I, §II.1, Table 1.2.
/// </summary>
public sealed class RungeKutta4 : IIntegrator
{
    private readonly double[] _k1;
    private readonly double[] _k2;
    private readonly double[] _k3;
    private readonly double[] _k4;
    private readonly double[] _stage;

    public RungeKutta4(int dimension)
    {
        Dimension = StepGuard.CheckDimension(dimension);
        _k1 = new double[dimension];
        _k2 = new double[dimension];
        _k3 = new double[dimension];
        _k4 = new double[dimension];
        _stage = new double[dimension];
    }

    public string Name => "rk4";

    public int Order => 4;

    // Real root of 1 + z/2 + z^2/6 + z^3/24 = 0, i.e. where R(z) = 1 + z + ... + z^4/24 returns to 1.
    public double StabilityLimit => 2.785293563405282;

    public int Dimension { get; }

    public void Step(IOdeSystem system, double t, double dt, Span<double> y)
    {
        StepGuard.Check(this, system, dt, y);
        var half = 0.5 * dt;

        system.Derivative(t, y, _k1);
        for (var i = 0; i < y.Length; i++)
        {
            _stage[i] = y[i] + half * _k1[i];
        }

        system.Derivative(t + half, _stage, _k2);
        for (var i = 0; i < y.Length; i++)
        {
            _stage[i] = y[i] + half * _k2[i];
        }

        system.Derivative(t + half, _stage, _k3);
        for (var i = 0; i < y.Length; i++)
        {
            _stage[i] = y[i] + dt * _k3[i];
        }

        system.Derivative(t + dt, _stage, _k4);
        var sixth = dt / 6.0;
        for (var i = 0; i < y.Length; i++)
        {
            y[i] += sixth * (_k1[i] + 2.0 * (_k2[i] + _k3[i]) + _k4[i]);
        }
    }
}
