namespace NeuroSim.Core.Integration;

/// <summary>
/// Plain (Picard) fixed-point iteration y &lt;- G(y), which converges linearly with rate |G'(y*)| for a
/// contraction. Stops when max_k |G(y)_k - y_k| &lt;= tolerance * max(1, max_k |G(y)_k|).
/// <para>
/// When Picard iteration fails (a recurrent network whose firing map is not a contraction at its fixed point, e.g.
/// eigenvalues of G' at -1.5 or at 2i, where plain iteration cycles although the dynamics tau dy/dt = -y + G(y)
/// converge), the solver starts again from the same guess with damped iteration y &lt;- y + a (G(y) - y) for
/// a = 1/2, 1/4, 1/8, 1/16: explicit Euler steps of those dynamics with dt = a tau, which converge to every fixed
/// point whose Jacobian eigenvalues lambda satisfy |1 - a (1 - lambda)| &lt; 1, i.e. every stable one for small
/// enough a. A contraction never reaches the fallback, so its result is the Picard result, bit for bit.
/// </para>
/// </summary>
public sealed class FixedPointSolver
{
    /// <summary>Relative tolerance unless one is set (adiabatic mode, model files, learners): about 450 ulps of the largest component.</summary>
    public const double DefaultTolerance = 1e-13;

    /// <summary>Iteration cap unless one is set; a contraction of rate 0.997 still reaches <see cref="DefaultTolerance"/> within it.</summary>
    public const int DefaultMaxIterations = 10_000;

    /// <summary>The damping factors tried, in order, after plain iteration fails.</summary>
    public static IReadOnlyList<double> Dampings { get; } = [0.5, 0.25, 0.125, 0.0625];

    private readonly double[] _next;
    private readonly double[] _start;
    private readonly double[] _picard;

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
        _start = new double[dimension];
        _picard = new double[dimension];
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

        y.CopyTo(_start);
        var picard = Iterate(map, y, damping: 1.0);
        if (picard.Converged)
        {
            return picard;
        }

        // Not a contraction here: the damped attempts. If none converges, the Picard iterate and result stand.
        y.CopyTo(_picard);
        var spent = picard.Iterations;
        foreach (var damping in Dampings)
        {
            _start.CopyTo(y);
            var damped = Iterate(map, y, damping);
            spent += damped.Iterations;
            if (damped.Converged)
            {
                return damped with { Iterations = spent };
            }
        }

        _picard.CopyTo(y);
        return picard;
    }

    /// <summary>y &lt;- y + damping (G(y) - y) until the update is within the tolerance (damping 1: plain iteration).</summary>
    private FixedPointResult Iterate(IFixedPointMap map, Span<double> y, double damping)
    {
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

            if (damping == 1.0)
            {
                _next.CopyTo(y);
            }
            else
            {
                for (var i = 0; i < _next.Length; i++)
                {
                    y[i] += damping * (_next[i] - y[i]);
                }
            }

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
