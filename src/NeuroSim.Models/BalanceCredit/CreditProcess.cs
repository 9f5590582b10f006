using NeuroSim.Core.Integration;
using NeuroSim.Core.Scheduling;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>
/// Retrograde credit, tau_c dc/dt = -c + W^T (f(s) ⊙ c) (or + sum_i m_ij with messengers), output credit
/// clamped or injected. Rates, weights and therefore f(s) are frozen while it steps.
/// </summary>
internal sealed class CreditProcess(BalanceCreditModel model) : RelaxingProcess("credit", model.Network.NeuronCount), IFusedProcessStep, IFusedProcessPair
{
    public bool TryFusedStep(IIntegrator integrator, double t, double h) => model.TryCreditStep(integrator, h);

    public bool TryFusedStepWith(IProcess next, IIntegrator integrator, double h, IIntegrator nextIntegrator, double nextH, double t) =>
        next is PlasticityProcess && model.TryCreditAndPlasticityStep(integrator, h, nextIntegrator, nextH);

    public override double TimeConstantMs => model.Timescales.CreditMs;

    public override Range Segment => model.CreditRange;

    public override void Freeze() => model.EvaluateNetInput(model.Rates, model.Weights, model.Biases, model.FilteredPools);

    public override void LeakRates(Span<double> rates) => model.CreditLeak(rates);

    public override void Drive(double t, ReadOnlySpan<double> y, Span<double> drive)
    {
        model.EvaluateDelta(y, model.Rates);
        var collected = model.EvaluateCreditTarget(model.Weights, model.Messengers, model.Rates);
        model.CreditProcessDrive(collected, drive);
    }

    /// <summary>
    /// One credit iteration c &lt;- J c (+ clamp). With messengers, they are taken at their own equilibrium
    /// m = g(c), so the fixed point is that of the joint credit-messenger system.
    /// </summary>
    public override void Apply(ReadOnlySpan<double> y, Span<double> next)
    {
        var x = model.Rates;
        model.EvaluateDelta(y, x);
        var messengers = model.HasMessengers ? model.EvaluateSignal(model.Weights) : [];
        var collected = model.EvaluateCreditTarget(model.Weights, messengers, x);
        model.CreditFixedPoint(collected, y, x, next);
    }
}
