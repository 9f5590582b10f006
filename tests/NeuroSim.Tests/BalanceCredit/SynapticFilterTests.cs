using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Tests.BalanceCredit;

public sealed class SynapticFilterTests
{
    private static readonly int[] Sizes = [3, 4, 2];

    private static BalanceCreditModel Model(double? tauE, double? tauI, double learningRate = 0.0)
    {
        var timescales = new Timescales(1, 10, 100) { SynapticExcitatoryMs = tauE, SynapticInhibitoryMs = tauI };
        var model = new BalanceCreditModel(BalanceCreditSpec.Layered(Sizes, timescales, "tanh", weightGain: 1.5) with { LearningRate = learningRate, Seed = 8 });
        model.Present(Nets.RandomVector(3, 1), Nets.RandomVector(2, 2, 0.8));
        return model;
    }

    [Fact]
    public void A_filtered_pool_relaxes_to_its_input_with_its_own_time_constant()
    {
        var model = Model(5.0, 2.0);
        var options = new SchedulerOptions { Mode = SchedulerMode.Multirate, DtMs = 0.1, Clocks = new Dictionary<string, ProcessClock> { ["synapses"] = new("exp-euler", 1) } };
        var scheduler = new Scheduler(model, options);
        scheduler.Advance(100);

        // Hidden neurons see the clamped input only, so their pool inputs are constant: E(t) = E_in (1 - e^(-t/tau_E)).
        var w = model.DenseWeights(0);
        var x = Nets.RandomVector(3, 1);
        var pools = model.FilteredPools;
        var n = model.Network.NeuronCount;
        for (var i = 0; i < 4; i++)
        {
            double e = 0, inh = 0;
            for (var j = 0; j < 3; j++)
            {
                e += Math.Max(w[(i * 3) + j], 0) * x[j];
                inh += Math.Max(-w[(i * 3) + j], 0) * x[j];
            }

            Assert.Equal(e * (1 - Math.Exp(-10.0 / 5.0)), pools[3 + i], 12);
            Assert.Equal(inh * (1 - Math.Exp(-10.0 / 2.0)), pools[n + 3 + i], 12);
        }
    }

    [Fact]
    public void Fast_filters_converge_to_instantaneous_pools_in_proportion_to_their_time_constant()
    {
        static double[] Rates(double? tau)
        {
            var model = Model(tau, tau, learningRate: 0.1);
            new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Coupled, DtMs = 0.01, Integrator = "rk4" }).Advance(500);
            return model.State[model.RatesRange].ToArray();
        }

        var instantaneous = Rates(null);
        var slow = Nets.RelativeError(Rates(0.05), instantaneous);
        var fast = Nets.RelativeError(Rates(0.005), instantaneous);
        Assert.True(slow > 1e-4, $"tau 0.05 ms: {slow:E2}");
        Assert.InRange(slow / fast, 7.0, 14.0);
    }

    [Fact]
    public void In_adiabatic_mode_the_filters_are_at_equilibrium_and_change_nothing()
    {
        static long[] Weights(double? tau)
        {
            var model = Model(tau, tau, learningRate: 0.1);
            new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Adiabatic, DtMs = 1 }).RunFor(100);
            return [.. model.Weights.ToArray().Select(BitConverter.DoubleToInt64Bits)];
        }

        Assert.Equal(Weights(null), Weights(3.0));
    }

    [Fact]
    public void One_synaptic_time_constant_without_the_other_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Model(5.0, null));
        Assert.Contains("tau_E and tau_I", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Model(-1.0, 2.0));
    }
}
