using NeuroSim.Core.Integration;

namespace NeuroSim.Tests.Integration;

public sealed class StabilityTests
{
    // Bisection on the computed amplification factor; rounding moves the boundary by ~1e-15, far inside this.
    private const double LimitTolerance = 1e-9;

    // Exponential Euler reproduces u + (y0 - u) e^{-dt/tau} up to a few roundings per step on O(1) values.
    private const double ExactTolerance = 1e-14;

    public static TheoryData<string> ExplicitNames => ["euler", "heun", "rk4", "dopri5"];

    [Theory]
    [MemberData(nameof(ExplicitNames))]
    public void Stability_limit_is_the_measured_real_axis_boundary(string name)
    {
        var integrator = IntegrationHelpers.CreateFixedStep(name, 1);
        var limit = integrator.StabilityLimit;
        var lo = 0.5 * limit;
        var hi = 1.5 * limit;
        Assert.True(Amplification(integrator, lo) <= 1.0);
        Assert.True(Amplification(integrator, hi) > 1.0);
        for (var i = 0; i < 100; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (Amplification(integrator, mid) <= 1.0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        Assert.Equal(limit, lo, LimitTolerance * limit);
    }

    [Fact]
    public void Exponential_euler_is_stable_at_any_step()
    {
        var integrator = new ExponentialEuler(1);
        Assert.Equal(double.PositiveInfinity, integrator.StabilityLimit);
        Assert.InRange(Amplification(integrator, 1e6), 0.0, 1e-300);
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.5)]
    [InlineData(2.5)]
    [InlineData(100.0)]
    public void Exponential_euler_is_exact_for_a_leak_with_constant_drive(double dtOverTau)
    {
        const double tau = 4.0, y0 = -0.3;
        var system = new ConstantDriveLeak(tau, u: 0.75);
        var integrator = new ExponentialEuler(1);
        var dt = dtOverTau * tau;
        double[] y = [y0];
        for (var i = 1; i <= 10; i++)
        {
            integrator.Step(system, (i - 1) * dt, dt, y);
            Assert.Equal(system.Exact(i * dt, y0), y[0], ExactTolerance);
        }
    }

    [Fact]
    public void Forward_euler_diverges_beyond_its_stability_limit_where_exponential_euler_does_not()
    {
        const double tau = 4.0, u = 0.75, dt = 2.5 * tau;
        var system = new ConstantDriveLeak(tau, u);
        var euler = new ForwardEuler(1);
        var exponential = new ExponentialEuler(1);
        double[] y = [0.0];
        double[] z = [0.0];
        var deviation = Math.Abs(y[0] - u);
        for (var i = 0; i < 40; i++)
        {
            euler.Step(system, i * dt, dt, y);
            exponential.Step(system, i * dt, dt, z);
            // Euler multiplies the deviation from u by 1 - dt/tau = -1.5 every step.
            var next = Math.Abs(y[0] - u);
            Assert.Equal(1.5 * deviation, next, 1e-9 * next);
            deviation = next;
        }

        Assert.True(Math.Abs(y[0]) > 1e6, $"forward Euler should have blown up, got {y[0]}");
        Assert.Equal(u, z[0], ExactTolerance);
    }

    /// <summary>|y| after one step of dy/dt = -y from y = 1 with step dt (so dt a = dt).</summary>
    private static double Amplification(IIntegrator integrator, double dt)
    {
        double[] y = [1.0];
        integrator.Step(new ConstantDriveLeak(tau: 1.0, u: 0.0), 0.0, dt, y);
        return Math.Abs(y[0]);
    }
}
