namespace NeuroSim.Core.Neurons;

/// <summary>
/// A firing-rate nonlinearity sigma(s) with its derivative sigma'(s). Span kernels evaluate whole
/// populations without allocating.
/// </summary>
public abstract class Activation
{
    /// <summary>Registry name, e.g. "tanh".</summary>
    public abstract string Name { get; }

    /// <summary>The net input at which sigma' peaks: the balanced set-point of the default balance function.</summary>
    public abstract double BalancedSetPoint { get; }

    public abstract double Value(double s);

    public abstract double Slope(double s);

    /// <summary>x_k = sigma(s_k).</summary>
    public virtual void Apply(ReadOnlySpan<double> s, Span<double> x)
    {
        for (var k = 0; k < s.Length; k++)
        {
            x[k] = Value(s[k]);
        }
    }

    /// <summary>d_k = sigma'(s_k).</summary>
    public virtual void ApplySlope(ReadOnlySpan<double> s, Span<double> d)
    {
        for (var k = 0; k < s.Length; k++)
        {
            d[k] = Slope(s[k]);
        }
    }

    /// <summary>x_k = sigma(s_k) and d_k = sigma'(s_k); the same bits as <see cref="Apply"/> and <see cref="ApplySlope"/>, in one pass where a nonlinearity can share the work.</summary>
    public virtual void ApplyWithSlope(ReadOnlySpan<double> s, Span<double> x, Span<double> d)
    {
        Apply(s, x);
        ApplySlope(s, d);
    }

    public override string ToString() => Name;
}
