namespace NeuroSim.Core.Neurons;

/// <summary>sigma(s) = s, sigma' = 1: the linear network, where credit propagation is plain transposed matrix algebra.</summary>
public sealed class LinearActivation : Activation
{
    public override string Name => "linear";

    public override double BalancedSetPoint => 0.0;

    public override double Value(double s) => s;

    public override double Slope(double s) => 1.0;

    public override void Apply(ReadOnlySpan<double> s, Span<double> x) => s.CopyTo(x);

    public override void ApplySlope(ReadOnlySpan<double> s, Span<double> d) => d[..s.Length].Fill(1.0);
}
