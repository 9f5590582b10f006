using NeuroSim.Core.Integration;

namespace NeuroSim.Tests.Performance;

/// <summary>The vectorized integrator loops do exactly the scalar arithmetic of the textbook formulas.</summary>
public sealed class IntegratorVectorizationTests
{
    private const int Dimension = 37; // not a multiple of 4 or 8: the vector and remainder paths both run

    [Fact]
    public void Rk4_and_Euler_steps_equal_the_scalar_formulas_bit_for_bit()
    {
        var system = new CoupledOscillators(Dimension);
        foreach (var name in new[] { "rk4", "euler" })
        {
            var y = Initial();
            var reference = Initial();
            var integrator = IntegratorRegistry.Create(name, Dimension);
            for (var step = 0; step < 50; step++)
            {
                var t = step * 0.01;
                integrator.Step(system, t, 0.01, y);
                if (name == "rk4")
                {
                    ScalarRk4(system, t, 0.01, reference);
                }
                else
                {
                    ScalarEuler(system, t, 0.01, reference);
                }
            }

            Assert.Equal(reference.Select(BitConverter.DoubleToInt64Bits), y.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    private static double[] Initial() => [.. Enumerable.Range(0, Dimension).Select(i => Math.Sin(i + 1.0))];

    private static void ScalarEuler(IOdeSystem system, double t, double dt, double[] y)
    {
        var k = new double[y.Length];
        system.Derivative(t, y, k);
        for (var i = 0; i < y.Length; i++)
        {
            y[i] += dt * k[i];
        }
    }

    private static void ScalarRk4(IOdeSystem system, double t, double dt, double[] y)
    {
        int n = y.Length;
        double[] k1 = new double[n], k2 = new double[n], k3 = new double[n], k4 = new double[n], stage = new double[n];
        var half = 0.5 * dt;
        system.Derivative(t, y, k1);
        for (var i = 0; i < n; i++)
        {
            stage[i] = y[i] + (half * k1[i]);
        }

        system.Derivative(t + half, stage, k2);
        for (var i = 0; i < n; i++)
        {
            stage[i] = y[i] + (half * k2[i]);
        }

        system.Derivative(t + half, stage, k3);
        for (var i = 0; i < n; i++)
        {
            stage[i] = y[i] + (dt * k3[i]);
        }

        system.Derivative(t + dt, stage, k4);
        var sixth = dt / 6.0;
        for (var i = 0; i < n; i++)
        {
            y[i] += sixth * (k1[i] + (2.0 * (k2[i] + k3[i])) + k4[i]);
        }
    }

    /// <summary>dy_i/dt = -y_i + 0.3 y_{i+1} + sin(t + i): time-dependent and coupled.</summary>
    private sealed class CoupledOscillators(int dimension) : IOdeSystem
    {
        public int Dimension { get; } = dimension;

        public void Derivative(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            for (var i = 0; i < y.Length; i++)
            {
                dydt[i] = -y[i] + (0.3 * y[(i + 1) % y.Length]) + Math.Sin(t + i);
            }
        }
    }
}
