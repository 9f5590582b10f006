using NeuroSim.Core.Integration;

namespace NeuroSim.Tests.Integration;

public sealed class ConvergenceTests(ITestOutputHelper output)
{
    // Asymptotic error constants are not reached exactly at finite dt; 0.2 separates every pair of orders.
    private const double SlopeTolerance = 0.2;
    private const double End = 2.0;

    public static TheoryData<string> Names => IntegrationHelpers.AllNames();

    [Theory]
    [MemberData(nameof(Names))]
    public void Measured_order_matches_nominal_order_on_the_driven_leak(string name)
    {
        var system = new DrivenLeak(tau: 1.0, omega: 3.0);
        const double y0 = 1.0;
        var slope = MeasureSlope(name, "driven leak", 1, system, [y0], y => Math.Abs(y[0] - system.Exact(End, y0)));
        AssertOrder(name, slope);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Measured_order_matches_nominal_order_on_a_nonlinear_time_dependent_problem(string name)
    {
        var system = new ExpSinSystem();
        const double y0 = 1.0;
        var slope = MeasureSlope(name, "y' = y cos t", 1, system, [y0], y => Math.Abs(y[0] - ExpSinSystem.Exact(End, y0)));
        AssertOrder(name, slope);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Measured_order_matches_nominal_order_on_a_two_component_system_with_different_leaks(string name)
    {
        var system = new TriangularLeak(a0: 2.0, a1: 0.5);
        double[] initial = [1.0, -0.5];
        var exact = new double[2];
        system.Exact(End, initial, exact);
        var slope = MeasureSlope(name, "2-D triangular leak", 2, system, initial,
            y => Math.Max(Math.Abs(y[0] - exact[0]), Math.Abs(y[1] - exact[1])));
        AssertOrder(name, slope);
    }

    private static void AssertOrder(string name, double slope)
    {
        var order = IntegratorRegistry.Create(name, 1).Order;
        Assert.InRange(slope, order - SlopeTolerance, order + SlopeTolerance);
    }

    private double MeasureSlope(
        string name, string problem, int dimension, IOdeSystem system, double[] initial, Func<double[], double> error)
    {
        // Step sizes in the asymptotic regime: one halving coarser, the error ratios are still 13 (RK4, dt 0.1 -> 0.05)
        // and 44 (DOPRI5, dt 0.2 -> 0.1) instead of 16 and 32. DOPRI5 stops at dt = 0.0125, where its errors (~1e-13)
        // are still two orders above round-off.
        int[] stepCounts = name == "dopri5" ? [20, 40, 80, 160] : [40, 80, 160, 320];
        var dts = new double[stepCounts.Length];
        var errors = new double[stepCounts.Length];
        for (var i = 0; i < stepCounts.Length; i++)
        {
            var integrator = IntegrationHelpers.CreateFixedStep(name, dimension);
            var y = (double[])initial.Clone();
            IntegrationHelpers.Integrate(integrator, system, y, End, stepCounts[i]);
            dts[i] = End / stepCounts[i];
            errors[i] = error(y);
            output.WriteLine($"{name} {problem}: dt = {dts[i]:G4}, error = {errors[i]:E3}");
        }

        var slope = IntegrationHelpers.LogLogSlope(dts, errors);
        output.WriteLine($"{name} {problem}: measured order {slope:F3}");
        return slope;
    }
}
