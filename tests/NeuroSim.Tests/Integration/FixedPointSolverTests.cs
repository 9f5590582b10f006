using NeuroSim.Core.Integration;

namespace NeuroSim.Tests.Integration;

public sealed class FixedPointSolverTests
{
    // Dottie number, the root of cos y = y (computed with mpmath to 40 digits).
    private const double Dottie = 0.739085133215160641655312087673873404;

    // The solver stops at an update <= 1e-13; the error is then <= update * L / (1 - L) ~ 2e-13 with L = sin(y*).
    private const double RootTolerance = 1e-12;

    // The ratio of successive errors differs from |g'(y*)| by O(error) ~ 1e-5 after 30 iterations.
    private const double RateTolerance = 1e-3;

    [Fact]
    public void Cosine_map_converges_to_the_dottie_number()
    {
        var solver = new FixedPointSolver(1);
        double[] y = [0.0];
        var result = solver.Solve(new CosineMap(), y);
        Assert.True(result.Converged);
        Assert.Equal(Dottie, y[0], RootTolerance);
        Assert.InRange(result.Residual, 0.0, solver.Tolerance);
        Assert.InRange(result.Iterations, 2, 200);
    }

    [Fact]
    public void Convergence_is_linear_with_rate_equal_to_the_map_derivative()
    {
        var errorAt30 = Math.Abs(IterateCosine(30) - Dottie);
        var errorAt31 = Math.Abs(IterateCosine(31) - Dottie);
        // g(y) = cos y, so |g'(y*)| = sin y* = 0.67361...
        Assert.Equal(Math.Sin(Dottie), errorAt31 / errorAt30, RateTolerance);
    }

    [Fact]
    public void Too_few_iterations_report_non_convergence()
    {
        var solver = new FixedPointSolver(1, maxIterations: 5);
        double[] y = [0.0];
        var result = solver.Solve(new CosineMap(), y);
        Assert.False(result.Converged);
        Assert.Equal(5, result.Iterations);
        Assert.True(result.Residual > solver.Tolerance);
        Assert.Equal(IterateCosine(5), y[0]);
    }

    [Fact]
    public void Two_dimensional_affine_contraction_converges_to_its_fixed_point()
    {
        // y = A y + b with A = [[0.5, 0.2], [0.1, 0.3]], b = [1, 0]: y* = (I - A)^{-1} b = [70/33, 10/33].
        var solver = new FixedPointSolver(2);
        double[] y = [0.0, 0.0];
        var result = solver.Solve(new AffineMap(), y);
        Assert.True(result.Converged);
        Assert.Equal(70.0 / 33.0, y[0], RootTolerance);
        Assert.Equal(10.0 / 33.0, y[1], RootTolerance);
    }

    [Fact]
    public void Invalid_settings_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedPointSolver(1, tolerance: 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedPointSolver(1, tolerance: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedPointSolver(1, maxIterations: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedPointSolver(0));
    }

    // Plain iteration by hand: the solver's fallback (damped iteration after a failed plain one) would not leave
    // the n-th plain iterate when asked for a tolerance no update can meet.
    private static double IterateCosine(int iterations)
    {
        var y = 0.0;
        for (var k = 0; k < iterations; k++)
        {
            y = Math.Cos(y);
        }

        return y;
    }

    private sealed class CosineMap : IFixedPointMap
    {
        public int Dimension => 1;

        public void Apply(ReadOnlySpan<double> y, Span<double> next) => next[0] = Math.Cos(y[0]);
    }

    private sealed class AffineMap : IFixedPointMap
    {
        public int Dimension => 2;

        public void Apply(ReadOnlySpan<double> y, Span<double> next)
        {
            next[0] = 0.5 * y[0] + 0.2 * y[1] + 1.0;
            next[1] = 0.1 * y[0] + 0.3 * y[1];
        }
    }
}
