using NeuroSim.Core.Integration;
using NeuroSim.Core.Scheduling;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>
/// Plasticity, tau_w dW/dt = eta (c ⊙ f(s)) x^T on the mask (and tau_w db/dt = eta c ⊙ f(s) when biases
/// learn). Rates and credit are frozen while it steps, and so is s: it is part of the fast firing state,
/// so the drive is constant over a plasticity step and every integrator integrates it exactly.
/// </summary>
internal sealed class PlasticityProcess(BalanceCreditModel model) : IProcess, ISemilinearSystem, IFusedProcessStep
{
    public bool TryFusedStep(IIntegrator integrator, double t, double h) => model.TryPlasticityStep(integrator, h);

    public string Name => "plasticity";

    public double TimeConstantMs => model.Timescales.PlasticityMs;

    public Range Segment => model.PlasticRange;

    public ISemilinearSystem System => this;

    public IFixedPointMap? Equilibrium => null;

    public int Dimension => model.PlasticRange.GetOffsetAndLength(model.State.Length).Length;

    public void Freeze()
    {
        model.EvaluateNetInput(model.Rates, model.Weights, model.Biases, model.FilteredPools);
        model.EvaluateDelta(model.Credit, model.Rates);
    }

    public void LeakRates(Span<double> rates) => rates.Clear();

    public void Drive(double t, ReadOnlySpan<double> y, Span<double> drive) => model.PlasticityDrive(model.Rates, drive);

    // No leak: the derivative is the drive.
    public void Derivative(double t, ReadOnlySpan<double> y, Span<double> dydt) => Drive(t, y, dydt);
}
