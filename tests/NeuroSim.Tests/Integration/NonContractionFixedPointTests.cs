using NeuroSim.Core.Integration;

namespace NeuroSim.Tests.Integration;

/// <summary>
/// Fixed points that are stable for the dynamics tau dy/dt = -y + G(y) although G is not a contraction there: plain
/// iteration cycles or diverges, the solver's damped fallback finds them.
/// </summary>
public sealed class NonContractionFixedPointTests
{
    [Fact]
    public void A_rotating_recurrent_firing_map_reaches_the_fixed_point_the_dynamics_settle_on()
    {
        // G(y) = tanh(W y + b), W = [[0, -2], [2, 0]]: G' has eigenvalues of modulus about 2 at the fixed point (plain
        // iteration spirals outwards into a cycle), but real part 0 < 1, so the dynamics converge.
        var map = new RotationMap();
        var picard = new double[2];
        var next = new double[2];
        var lastUpdate = 0.0;
        for (var k = 0; k < 10_000; k++)
        {
            map.Apply(picard, next);
            lastUpdate = Math.Max(Math.Abs(next[0] - picard[0]), Math.Abs(next[1] - picard[1]));
            next.CopyTo(picard, 0);
        }

        Assert.True(lastUpdate > 0.1, $"plain iteration should not settle here; last update {lastUpdate}");

        double[] y = [0.0, 0.0];
        var result = new FixedPointSolver(2).Solve(map, y);
        Assert.True(result.Converged, $"residual {result.Residual} after {result.Iterations} iterations");
        map.Apply(y, next);
        Assert.InRange(Math.Max(Math.Abs(next[0] - y[0]), Math.Abs(next[1] - y[1])), 0, 1e-12);

        // Independently: the dynamics dy/dt = -y + G(y), RK4 with step 0.01 to t = 200, settle on the same point.
        var steady = SettleByRk4(map, [0.0, 0.0], 0.01, 20_000);
        Assert.Equal(steady[0], y[0], 1e-9);
        Assert.Equal(steady[1], y[1], 1e-9);
    }

    [Fact]
    public void An_overshooting_map_with_slope_minus_one_and_a_half_is_solved_by_damping()
    {
        // G(y) = 1 - 1.5 y: plain iteration diverges (|G'| = 1.5); y* = 0.4 is stable for the dynamics (G' - 1 = -2.5 < 0).
        double[] y = [0.0];
        var result = new FixedPointSolver(1).Solve(new OvershootMap(), y);
        Assert.True(result.Converged);
        Assert.Equal(0.4, y[0], 1e-13);
    }

    [Fact]
    public void An_unstable_fixed_point_is_still_reported_as_not_reached_with_the_plain_iterate()
    {
        // G(y) = 2 y - 1: y* = 1 repels both plain iteration and the dynamics (G' - 1 = 1 > 0); no damping helps.
        double[] y = [0.0];
        var solver = new FixedPointSolver(1, maxIterations: 50);
        var result = solver.Solve(new RepellingMap(), y);
        Assert.False(result.Converged);
        Assert.Equal(50, result.Iterations);

        // The state left is plain iteration's: 50 doublings away from 1, i.e. 1 - 2^50.
        Assert.Equal(1 - Math.Pow(2, 50), y[0]);
    }

    private static double[] SettleByRk4(IFixedPointMap map, double[] y, double dt, int steps)
    {
        var n = y.Length;
        double[] Rate(double[] state)
        {
            var g = new double[n];
            map.Apply(state, g);
            return [.. g.Select((gi, i) => gi - state[i])];
        }

        for (var step = 0; step < steps; step++)
        {
            var k1 = Rate(y);
            var k2 = Rate([.. y.Select((v, i) => v + (0.5 * dt * k1[i]))]);
            var k3 = Rate([.. y.Select((v, i) => v + (0.5 * dt * k2[i]))]);
            var k4 = Rate([.. y.Select((v, i) => v + (dt * k3[i]))]);
            y = [.. y.Select((v, i) => v + (dt / 6 * (k1[i] + (2 * k2[i]) + (2 * k3[i]) + k4[i])))];
        }

        return y;
    }

    private sealed class RotationMap : IFixedPointMap
    {
        public int Dimension => 2;

        public void Apply(ReadOnlySpan<double> y, Span<double> next)
        {
            var (a, b) = (y[0], y[1]);
            next[0] = Math.Tanh((-2 * b) + 0.3);
            next[1] = Math.Tanh((2 * a) - 0.2);
        }
    }

    private sealed class OvershootMap : IFixedPointMap
    {
        public int Dimension => 1;

        public void Apply(ReadOnlySpan<double> y, Span<double> next) => next[0] = 1 - (1.5 * y[0]);
    }

    private sealed class RepellingMap : IFixedPointMap
    {
        public int Dimension => 1;

        public void Apply(ReadOnlySpan<double> y, Span<double> next) => next[0] = (2 * y[0]) - 1;
    }
}
