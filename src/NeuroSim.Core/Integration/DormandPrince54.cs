namespace NeuroSim.Core.Integration;

/// <summary>
/// Dormand–Prince 5(4) with local extrapolation and error control by the embedded 4th-order solution;
/// Step advances exactly to t + dt in as many substeps as the tolerances need. Order 5; stable on the pure leak
/// for dt a &lt;= 3.3066 per substep. Reference: Dormand &amp; Prince, J. Comput. Appl. Math. 6 (1980) 19–26;
/// Hairer, Nørsett &amp; Wanner, Solving ODEs I, §II.4–5 (tableau, controller).
/// </summary>
public sealed class DormandPrince54 : Integrator, IStepSizeMemory
{
    private const double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
    private const double A21 = 1.0 / 5;
    private const double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private const double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private const double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
    private const double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176,
        A65 = -5103.0 / 18656;

    // 5th-order weights; they are also row 7 of the tableau (first same as last).
    private const double B1 = 35.0 / 384, B3 = 500.0 / 1113, B4 = 125.0 / 192, B5 = -2187.0 / 6784, B6 = 11.0 / 84;

    // Difference between the 5th- and embedded 4th-order weights.
    private const double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200,
        E6 = 22.0 / 525, E7 = -1.0 / 40;

    private const double Safety = 0.9, MinFactor = 0.2, MaxFactor = 5.0;

    // Real root of R(z) = 1 for the stability polynomial R(z) = 1 + z + z^2/2 + z^3/6 + z^4/24 + z^5/120 + z^6/600
    // of the 5th-order solution (coefficients b^T A^(j-1) 1 from the tableau below), solved numerically to 30
    // digits; cf. the stability domain of DOPRI5 in Hairer & Wanner, Solving ODEs II, §IV.2, Fig. 2.1.
    private const double LeakStabilityLimit = 3.3065678926349465;

    private readonly double[] _k2, _k3, _k4, _k5, _k6, _stage, _yNew;
    private double[] _k1, _k7;
    private double _hNext = double.PositiveInfinity;
    private int _maxSubsteps = 100_000;

    public DormandPrince54(int dimension, double relativeTolerance = 1e-8, double absoluteTolerance = 1e-10)
        : base(dimension, "dopri5", order: 5, LeakStabilityLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(relativeTolerance);
        ArgumentOutOfRangeException.ThrowIfNegative(absoluteTolerance);
        if (!(relativeTolerance > 0 || absoluteTolerance > 0))
        {
            throw new ArgumentException("At least one of the tolerances must be positive.", nameof(absoluteTolerance));
        }

        RelativeTolerance = relativeTolerance;
        AbsoluteTolerance = absoluteTolerance;
        _k1 = NewBuffer();
        _k2 = NewBuffer();
        _k3 = NewBuffer();
        _k4 = NewBuffer();
        _k5 = NewBuffer();
        _k6 = NewBuffer();
        _k7 = NewBuffer();
        _stage = NewBuffer();
        _yNew = NewBuffer();
    }

    public double RelativeTolerance { get; }

    public double AbsoluteTolerance { get; }

    /// <summary>Most substeps (accepted plus rejected) one <see cref="Integrator.Step"/> may take before it gives up.</summary>
    public int MaxSubsteps
    {
        get => _maxSubsteps;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxSubsteps = value;
        }
    }

    /// <summary>When false, Step takes exactly one 5th-order step of size dt without error control.</summary>
    public bool Adaptive { get; set; } = true;

    public double StepSizeHint
    {
        get => _hNext;
        set => _hNext = value;
    }

    public long AcceptedSteps { get; private set; }

    public long RejectedSteps { get; private set; }

    protected override void Advance(IOdeSystem system, double t, double dt, Span<double> y)
    {
        system.Derivative(t, y, _k1);
        if (!Adaptive)
        {
            Stages(system, t, dt, y);
            _yNew.CopyTo(y);
            AcceptedSteps++;
            return;
        }

        var tEnd = t + dt;
        var tCur = t;
        var h = Math.Min(_hNext, dt);
        var rejectedSinceAccept = false;
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > _maxSubsteps)
            {
                throw new InvalidOperationException(
                    $"dopri5 exceeded MaxSubsteps = {_maxSubsteps} at t = {tCur} while advancing from t = {t} "
                    + $"to t = {tEnd} (substep {h}); the system is too stiff or the tolerances too tight.");
            }

            var remaining = tEnd - tCur;
            // Stretch a step that would leave a sliver before tEnd; this also lands the last step exactly.
            var last = h >= 0.99 * remaining;
            var hStep = last ? remaining : h;
            if (tCur + hStep == tCur)
            {
                throw new InvalidOperationException($"dopri5 substep underflow at t = {tCur} (substep {hStep}).");
            }

            Stages(system, tCur, hStep, y);
            system.Derivative(tCur + hStep, _yNew, _k7);
            var err = ErrorNorm(hStep, y);
            var raw = Safety * Math.Pow(err, -0.2);
            if (!(err <= 1.0))
            {
                RejectedSteps++;
                rejectedSinceAccept = true;
                h = hStep * (double.IsNaN(err) ? MinFactor : Math.Max(MinFactor, raw));
                continue;
            }

            AcceptedSteps++;
            _yNew.CopyTo(y);
            (_k1, _k7) = (_k7, _k1);
            // Do not grow right after a rejection; a step cut short to land on tEnd must not shrink the guess.
            var maxFactor = rejectedSinceAccept ? 1.0 : Math.Max(MaxFactor, h / hStep);
            var hProposed = hStep * Math.Clamp(raw, MinFactor, maxFactor);
            if (last)
            {
                _hNext = hProposed;
                return;
            }

            tCur += hStep;
            h = hProposed;
            rejectedSinceAccept = false;
        }
    }

    /// <summary>Stages 2–6 from <c>_k1</c> = F(t, y), and the 5th-order solution into <c>_yNew</c>.</summary>
    private void Stages(IOdeSystem system, double t, double h, ReadOnlySpan<double> y)
    {
        var n = y.Length;
        for (var i = 0; i < n; i++)
        {
            _stage[i] = y[i] + h * A21 * _k1[i];
        }

        system.Derivative(t + C2 * h, _stage, _k2);
        for (var i = 0; i < n; i++)
        {
            _stage[i] = y[i] + h * (A31 * _k1[i] + A32 * _k2[i]);
        }

        system.Derivative(t + C3 * h, _stage, _k3);
        for (var i = 0; i < n; i++)
        {
            _stage[i] = y[i] + h * (A41 * _k1[i] + A42 * _k2[i] + A43 * _k3[i]);
        }

        system.Derivative(t + C4 * h, _stage, _k4);
        for (var i = 0; i < n; i++)
        {
            _stage[i] = y[i] + h * (A51 * _k1[i] + A52 * _k2[i] + A53 * _k3[i] + A54 * _k4[i]);
        }

        system.Derivative(t + C5 * h, _stage, _k5);
        for (var i = 0; i < n; i++)
        {
            _stage[i] = y[i] + h * (A61 * _k1[i] + A62 * _k2[i] + A63 * _k3[i] + A64 * _k4[i] + A65 * _k5[i]);
        }

        system.Derivative(t + h, _stage, _k6);
        for (var i = 0; i < n; i++)
        {
            _yNew[i] = y[i] + h * (B1 * _k1[i] + B3 * _k3[i] + B4 * _k4[i] + B5 * _k5[i] + B6 * _k6[i]);
        }
    }

    /// <summary>RMS over components of the local error estimate scaled by atol + rtol max(|y|, |y_new|).</summary>
    private double ErrorNorm(double h, ReadOnlySpan<double> y)
    {
        var sum = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            var e = h * (E1 * _k1[i] + E3 * _k3[i] + E4 * _k4[i] + E5 * _k5[i] + E6 * _k6[i] + E7 * _k7[i]);
            var scale = AbsoluteTolerance + RelativeTolerance * Math.Max(Math.Abs(y[i]), Math.Abs(_yNew[i]));
            var ratio = e / scale;
            sum += ratio * ratio;
        }

        return Math.Sqrt(sum / y.Length);
    }
}
