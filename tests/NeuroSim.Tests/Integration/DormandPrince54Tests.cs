using NeuroSim.Core.Integration;

namespace NeuroSim.Tests.Integration;

public sealed class DormandPrince54Tests(ITestOutputHelper output)
{
    // The controller bounds the local error per unit step, not the global error; on this damped problem
    // the accumulated error stays within a small multiple of the tolerance.
    private const double GlobalErrorFactor = 100.0;

    [Theory]
    [InlineData(1e-6)]
    [InlineData(1e-9)]
    public void Adaptive_steps_land_on_every_requested_time_within_tolerance(double tolerance)
    {
        var system = new DrivenLeak(tau: 1.0, omega: 3.0);
        const double y0 = 1.0, dt = 0.25;
        var integrator = new DormandPrince54(1, tolerance, tolerance);
        double[] y = [y0];
        for (var i = 0; i < 8; i++)
        {
            integrator.Step(system, i * dt, dt, y);
            Assert.Equal(system.Exact((i + 1) * dt, y0), y[0], GlobalErrorFactor * tolerance);
        }

        output.WriteLine($"rtol = atol = {tolerance:E0}: error at t = 2 is "
            + $"{Math.Abs(y[0] - system.Exact(2.0, y0)):E2}, {integrator.AcceptedSteps} accepted, "
            + $"{integrator.RejectedSteps} rejected");
    }

    [Fact]
    public void Tighter_tolerance_takes_more_steps_and_is_more_accurate()
    {
        var system = new DrivenLeak(tau: 1.0, omega: 3.0);
        const double y0 = 1.0, end = 2.0;
        var loose = new DormandPrince54(1, 1e-6, 1e-6);
        var tight = new DormandPrince54(1, 1e-9, 1e-9);
        double[] yLoose = [y0];
        double[] yTight = [y0];
        loose.Step(system, 0.0, end, yLoose);
        tight.Step(system, 0.0, end, yTight);

        var exact = system.Exact(end, y0);
        Assert.True(tight.AcceptedSteps > loose.AcceptedSteps, $"{tight.AcceptedSteps} vs {loose.AcceptedSteps}");
        Assert.True(Math.Abs(yTight[0] - exact) < Math.Abs(yLoose[0] - exact));
        Assert.Equal(exact, yLoose[0], GlobalErrorFactor * 1e-6);
        Assert.Equal(exact, yTight[0], GlobalErrorFactor * 1e-9);
    }

    [Fact]
    public void Many_short_calls_reach_the_same_accuracy_as_one_long_call()
    {
        var system = new TriangularLeak(a0: 2.0, a1: 0.5);
        double[] initial = [1.0, -0.5];
        var exact = new double[2];
        system.Exact(2.0, initial, exact);
        var integrator = new DormandPrince54(2, 1e-9, 1e-9);
        var y = (double[])initial.Clone();
        IntegrationHelpers.Integrate(integrator, system, y, 2.0, 200);
        Assert.Equal(exact[0], y[0], GlobalErrorFactor * 1e-9);
        Assert.Equal(exact[1], y[1], GlobalErrorFactor * 1e-9);
        // The natural substep at this tolerance exceeds dt = 0.01: every call lands in one accepted substep, no slivers.
        Assert.Equal(200, integrator.AcceptedSteps);
        Assert.Equal(0, integrator.RejectedSteps);
    }

    [Fact]
    public void Exceeding_max_substeps_throws_and_names_the_time()
    {
        var integrator = new DormandPrince54(1, 1e-12, 1e-12) { MaxSubsteps = 3 };
        double[] y = [1.0];
        var ex = Assert.Throws<InvalidOperationException>(
            () => integrator.Step(new DrivenLeak(1.0, 3.0), 0.5, 10.0, y));
        Assert.Contains("MaxSubsteps", ex.Message, StringComparison.Ordinal);
        Assert.Contains("t = 0.5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_adaptive_mode_takes_exactly_one_step()
    {
        var integrator = new DormandPrince54(1) { Adaptive = false };
        double[] y = [1.0];
        integrator.Step(new DrivenLeak(1.0, 3.0), 0.0, 2.0, y);
        Assert.Equal(1, integrator.AcceptedSteps);
        Assert.Equal(0, integrator.RejectedSteps);
    }
}
