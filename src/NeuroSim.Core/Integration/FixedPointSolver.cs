namespace NeuroSim.Core.Integration;

/// <summary>
/// Plain (Picard) fixed-point iteration y &lt;- G(y), which converges linearly with rate |G'(y*)| for a
/// contraction. Stops when max_k |G(y)_k - y_k| &lt;= tolerance * max(1, max_k |G(y)_k|).
/// </summary>
public sealed class FixedPointSolver
{
    /// <summary>Relative tolerance unless one is set (adiabatic mode, model files, learners): about 450 ulps of the largest component.</summary>
    public const double DefaultTolerance = 1e-13;

    /// <summary>Iteration cap unless one is set; a contraction of rate 0.997 still reaches <see cref="DefaultTolerance"/> within it.</summary>
    public const int DefaultMaxIterations = 10_000;

    private readonly double[] _next;

    public FixedPointSolver(int dimension, double tolerance = DefaultTolerance, int maxIterations = DefaultMaxIterations)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (!(tolerance > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        Dimension = dimension;
        Tolerance = tolerance;
        MaxIterations = maxIterations;
        _next = new double[dimension];
    }

    public int Dimension { get; }

    public double Tolerance { get; }

    public int MaxIterations { get; }

    /// <summary>
    /// Iterates from the initial guess in <paramref name="y"/> and leaves the final iterate there. Stops early,
    /// unconverged, if the residual stops being finite.
    /// </summary>
    public FixedPointResult Solve(IFixedPointMap map, Span<double> y)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (map.Dimension != Dimension || y.Length != Dimension)
        {
            throw new ArgumentException(
                $"solver was built for dimension {Dimension}, but the map has {map.Dimension} and the state has {y.Length}.",
                nameof(y));
        }

        var residual = double.NaN;
        for (var iteration = 1; iteration <= MaxIterations; iteration++)
        {
            map.Apply(y, _next);
            residual = 0.0;
            var size = 1.0;
            for (var i = 0; i < _next.Length; i++)
            {
                residual = Math.Max(residual, Math.Abs(_next[i] - y[i]));
                size = Math.Max(size, Math.Abs(_next[i]));
            }

            _next.CopyTo(y);
            if (residual <= Tolerance * size)
            {
                return new FixedPointResult(true, iteration, residual);
            }

            if (!double.IsFinite(residual))
            {
                return new FixedPointResult(false, iteration, residual);
            }
        }

        return new FixedPointResult(false, MaxIterations, residual);
    }
}
