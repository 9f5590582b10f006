namespace NeuroSim.Core.Neurons;

/// <summary>
/// The balance function f(s): bell-shaped, peaking at the balanced set-point of the net input. It gates
/// both the retrograde signal g_ji = c_i f(s_i) w_ij and plasticity. f = sigma' makes the rule exact BP.
/// </summary>
public abstract class BalanceFunction
{
    public abstract string Name { get; }

    public abstract void Evaluate(ReadOnlySpan<double> s, Span<double> f);

    public abstract double Value(double s);
}

/// <summary>f = sigma' (Fan and Mysore, section 3): the choice under which the weight change is exactly a BP step.</summary>
public sealed class SlopeBalance(Activation activation) : BalanceFunction
{
    public override string Name => "slope";

    public Activation Activation { get; } = activation ?? throw new ArgumentNullException(nameof(activation));

    public override void Evaluate(ReadOnlySpan<double> s, Span<double> f) => Activation.ApplySlope(s, f);

    public override double Value(double s) => Activation.Slope(s);
}

/// <summary>
/// f(s) = peak * exp(-(s - setPoint)^2 / (2 width^2)): a non-BP variant whose tuning width is a free
/// parameter, for asking how much of learning survives when balance sensing is not exactly sigma'.
/// </summary>
public sealed class GaussianBalance : BalanceFunction
{
    public GaussianBalance(double setPoint, double width, double peak = 1.0)
    {
        if (!double.IsFinite(setPoint))
        {
            throw new ArgumentOutOfRangeException(nameof(setPoint), setPoint, "set-point must be finite");
        }

        if (!(width > 0) || !double.IsFinite(width))
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "width must be finite and > 0");
        }

        if (!(peak > 0) || !double.IsFinite(peak))
        {
            throw new ArgumentOutOfRangeException(nameof(peak), peak, "peak must be finite and > 0");
        }

        SetPoint = setPoint;
        Width = width;
        Peak = peak;
    }

    public override string Name => "gaussian";

    public double SetPoint { get; }

    public double Width { get; }

    public double Peak { get; }

    public override double Value(double s)
    {
        var z = (s - SetPoint) / Width;
        return Peak * Math.Exp(-0.5 * z * z);
    }

    public override void Evaluate(ReadOnlySpan<double> s, Span<double> f)
    {
        for (var k = 0; k < s.Length; k++)
        {
            f[k] = Value(s[k]);
        }
    }
}
