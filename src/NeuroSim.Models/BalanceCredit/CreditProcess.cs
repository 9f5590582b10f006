using NeuroSim.Core.Integration;
using NeuroSim.Core.Scheduling;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>
/// Retrograde credit, tau_c dc/dt = -c + W^T (f(s) ⊙ c) (or + sum_i m_ij with messengers), output credit
/// clamped or injected. Rates, weights and therefore f(s) are frozen while it steps.
/// </summary>
internal sealed class CreditProcess(BalanceCreditModel model) : IProcess, ISemilinearSystem, IFixedPointMap
{
    private readonly double[] leak = new double[model.Network.NeuronCount];

    public string Name => "credit";

    public double TimeConstantMs => model.Timescales.CreditMs;

    public Range Segment => model.CreditRange;

    public ISemilinearSystem System => this;

    public IFixedPointMap? Equilibrium => this;

    public int Dimension => model.Network.NeuronCount;

    public void Freeze() => model.EvaluateNetInput(model.Rates, model.Weights, model.Biases, model.FilteredPools);

    public void LeakRates(Span<double> rates) => model.CreditLeak(rates);

    public void Drive(double t, ReadOnlySpan<double> y, Span<double> drive)
    {
        model.EvaluateDelta(y, model.Rates);
        var collected = model.EvaluateCreditTarget(model.Weights, model.Messengers, model.Rates);
        model.CreditProcessDrive(collected, drive);
    }

    public void Derivative(double t, ReadOnlySpan<double> y, Span<double> dydt) => SemilinearDerivative.Evaluate(this, t, y, dydt, leak);

    /// <summary>
    /// One credit iteration c &lt;- J c (+ clamp). With messengers, they are taken at their own equilibrium
    /// m = g(c), so the fixed point is that of the joint credit-messenger system.
    /// </summary>
    public void Apply(ReadOnlySpan<double> y, Span<double> next)
    {
        var x = model.Rates;
        model.EvaluateDelta(y, x);
        var messengers = model.HasMessengers ? model.EvaluateSignal(model.Weights) : [];
        var collected = model.EvaluateCreditTarget(model.Weights, messengers, x);
        model.CreditFixedPoint(collected, y, x, next);
    }
}
