using NeuroSim.Core.Integration;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>
/// All processes of the balance-credit model as one ODE over the whole state [x | c | m | W | b]: every
/// stage of the integrator sees every variable move together. This is the reference the multirate and
/// adiabatic schedules are measured against.
/// </summary>
internal sealed class CoupledBalanceCreditSystem(BalanceCreditModel model) : ISemilinearSystem
{
    private readonly double[] leak = new double[model.State.Length];

    public int Dimension => model.State.Length;

    public void LeakRates(Span<double> rates)
    {
        model.FiringLeak(rates[model.RatesRange]);
        model.CreditLeak(rates[model.CreditRange]);
        if (model.HasMessengers)
        {
            rates[model.MessengerRange].Fill(1.0 / model.Timescales.MessengerMs!.Value);
        }

        rates[model.PlasticRange].Clear();
        if (model.HasSynapticFilters)
        {
            model.SynapticLeak(rates[model.PoolsRange]);
        }
    }

    public void Drive(double t, ReadOnlySpan<double> y, Span<double> drive)
    {
        var x = y[model.RatesRange];
        var w = y[model.WeightsRange];
        var b = model.LearnsBiases ? y[model.BiasesRange] : model.Biases;
        model.EvaluateNetInput(x, w, b, y[model.PoolsRange]);
        model.EvaluateDelta(y[model.CreditRange], x);
        model.FiringDrive(drive[model.RatesRange]);
        var collected = model.EvaluateCreditTarget(w, y[model.MessengerRange], x);
        model.CreditProcessDrive(collected, drive[model.CreditRange]);
        if (model.HasMessengers)
        {
            var g = model.EvaluateSignal(w);
            var rate = 1.0 / model.Timescales.MessengerMs!.Value;
            var dm = drive[model.MessengerRange];
            for (var k = 0; k < dm.Length; k++)
            {
                dm[k] = g[k] * rate;
            }
        }

        model.PlasticityDrive(x, drive[model.PlasticRange]);
        if (model.HasSynapticFilters)
        {
            model.SynapticDrive(x, w, drive[model.PoolsRange]);
        }
    }

    public void Derivative(double t, ReadOnlySpan<double> y, Span<double> dydt) => SemilinearDerivative.Evaluate(this, t, y, dydt, leak);
}
