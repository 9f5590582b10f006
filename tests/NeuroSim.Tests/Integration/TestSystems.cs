using NeuroSim.Core.Integration;

namespace NeuroSim.Tests.Integration;

/// <summary>tau dy/dt = -y + cos(omega t): a = 1/tau, N = cos(omega t)/tau.</summary>
internal sealed class DrivenLeak(double tau, double omega) : ISemilinearSystem
{
    public int Dimension => 1;

    /// <summary>
    /// Solved by variation of constants: the particular solution is (cos wt + w tau sin wt) / (1 + (w tau)^2),
    /// and the homogeneous part e^{-t/tau} takes up the rest of y(0).
    /// </summary>
    public double Exact(double t, double y0)
    {
        var wt = omega * tau;
        var d = 1.0 + wt * wt;
        return (Math.Cos(omega * t) + wt * Math.Sin(omega * t)) / d + (y0 - 1.0 / d) * Math.Exp(-t / tau);
    }

    public void Derivative(double t, ReadOnlySpan<double> y, Span<double> dydt) =>
        dydt[0] = (-y[0] + Math.Cos(omega * t)) / tau;

    public void LeakRates(Span<double> rates) => rates[0] = 1.0 / tau;

    public void Drive(double t, ReadOnlySpan<double> y, Span<double> drive) => drive[0] = Math.Cos(omega * t) / tau;
}

/// <summary>
/// dy/dt = y cos t, split as a leak a = 1 plus the nonlinear, time-dependent drive N = (1 + cos t) y so that
/// exponential Euler exercises its leak path. Exact: y = y(0) exp(sin t).
/// </summary>
internal sealed class ExpSinSystem : ISemilinearSystem
{
    public int Dimension => 1;

    public static double Exact(double t, double y0) => y0 * Math.Exp(Math.Sin(t));

    public void Derivative(double t, ReadOnlySpan<double> y, Span<double> dydt) => dydt[0] = y[0] * Math.Cos(t);

    public void LeakRates(Span<double> rates) => rates[0] = 1.0;

    public void Drive(double t, ReadOnlySpan<double> y, Span<double> drive) => drive[0] = (1.0 + Math.Cos(t)) * y[0];
}

/// <summary>
/// Two leaks with different rates, the second driven by the first:
/// dy0/dt = -a0 y0, dy1/dt = -a1 y1 + y0. Swapped rates or drives converge to a wrong answer.
/// </summary>
internal sealed class TriangularLeak(double a0, double a1) : ISemilinearSystem
{
    public int Dimension => 2;

    /// <summary>y0 = y0(0) e^{-a0 t}; y1 = C e^{-a0 t} + (y1(0) - C) e^{-a1 t} with C = y0(0) / (a1 - a0).</summary>
    public void Exact(double t, ReadOnlySpan<double> initial, Span<double> y)
    {
        var c = initial[0] / (a1 - a0);
        y[0] = initial[0] * Math.Exp(-a0 * t);
        y[1] = c * Math.Exp(-a0 * t) + (initial[1] - c) * Math.Exp(-a1 * t);
    }

    public void Derivative(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        dydt[0] = -a0 * y[0];
        dydt[1] = -a1 * y[1] + y[0];
    }

    public void LeakRates(Span<double> rates)
    {
        rates[0] = a0;
        rates[1] = a1;
    }

    public void Drive(double t, ReadOnlySpan<double> y, Span<double> drive)
    {
        drive[0] = 0.0;
        drive[1] = y[0];
    }
}

/// <summary>tau dy/dt = -y + u with constant u. Exact: y = u + (y(0) - u) e^{-t/tau}.</summary>
internal sealed class ConstantDriveLeak(double tau, double u) : ISemilinearSystem
{
    public int Dimension => 1;

    public double Exact(double t, double y0) => u + (y0 - u) * Math.Exp(-t / tau);

    public void Derivative(double t, ReadOnlySpan<double> y, Span<double> dydt) => dydt[0] = (-y[0] + u) / tau;

    public void LeakRates(Span<double> rates) => rates[0] = 1.0 / tau;

    public void Drive(double t, ReadOnlySpan<double> y, Span<double> drive) => drive[0] = u / tau;
}

/// <summary>dy/dt = -y without the semilinear split.</summary>
internal sealed class PlainDecay : IOdeSystem
{
    public int Dimension => 1;

    public void Derivative(double t, ReadOnlySpan<double> y, Span<double> dydt) => dydt[0] = -y[0];
}

internal static class IntegrationHelpers
{
    public static TheoryData<string> AllNames() => new(IntegratorRegistry.Names);

    /// <summary>The named integrator, with DOPRI5's error control off so that dt is the step actually taken.</summary>
    public static IIntegrator CreateFixedStep(string name, int dimension)
    {
        var integrator = IntegratorRegistry.Create(name, dimension);
        if (integrator is DormandPrince54 dopri)
        {
            dopri.Adaptive = false;
        }

        return integrator;
    }

    /// <summary>Takes <paramref name="steps"/> equal steps from t = 0 to <paramref name="end"/>.</summary>
    public static void Integrate(IIntegrator integrator, IOdeSystem system, Span<double> y, double end, int steps)
    {
        var dt = end / steps;
        for (var i = 0; i < steps; i++)
        {
            integrator.Step(system, i * dt, dt, y);
        }
    }

    /// <summary>Least-squares slope of log(error) against log(dt): the measured global order.</summary>
    public static double LogLogSlope(ReadOnlySpan<double> dts, ReadOnlySpan<double> errors)
    {
        double meanX = 0, meanY = 0;
        for (var i = 0; i < dts.Length; i++)
        {
            meanX += Math.Log(dts[i]) / dts.Length;
            meanY += Math.Log(errors[i]) / dts.Length;
        }

        double sxy = 0, sxx = 0;
        for (var i = 0; i < dts.Length; i++)
        {
            var dx = Math.Log(dts[i]) - meanX;
            sxy += dx * (Math.Log(errors[i]) - meanY);
            sxx += dx * dx;
        }

        return sxy / sxx;
    }
}
