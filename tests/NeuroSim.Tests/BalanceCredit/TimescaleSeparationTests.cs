using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Tests.BalanceCredit;

/// <summary>
/// The continuous-time model approaches the BP step as the timescales separate: one presentation of
/// length T = tau_w from a cold start (x = c = 0) with tau_x : tau_c : tau_w = 1 : 1/eps : 1/eps^2.
/// </summary>
public sealed class TimescaleSeparationTests(ITestOutputHelper output)
{
    private static readonly int[] Sizes = [4, 8, 6, 3];

    // The acceptance bound at eps = 0.01.
    private const double WellSeparatedBound = 0.05;

    // Learning rate small enough that the weights' own motion during the presentation (an error floor
    // proportional to eta) stays far below the separation error being measured.
    private const double Eta = 1e-3;

    [Fact]
    public void Coupled_deviation_from_the_BP_step_falls_in_proportion_to_epsilon()
    {
        // Values for which T = tau_x / eps^2 is a whole number of 0.1 ms steps.
        double[] epsilons = [0.1, 0.05, 0.02, 0.01];
        var deviations = epsilons.Select(eps => ColdStartDeviation(eps, SchedulerMode.Coupled)).ToArray();
        var slope = LogLogSlope(epsilons, deviations);
        for (var k = 0; k < epsilons.Length; k++)
        {
            output.WriteLine($"coupled rk4, eps = {epsilons[k]}: relative deviation from the BP step = {deviations[k]:E3}");
        }

        output.WriteLine($"log-log slope of deviation vs eps: {slope:F3}");
        Assert.InRange(deviations[^1], 0, WellSeparatedBound);
        Assert.True(deviations[0] >= 5 * deviations[^1], $"deviation at eps = 0.1 ({deviations[0]:E3}) is not 5x that at 0.01 ({deviations[^1]:E3})");
        for (var k = 1; k < deviations.Length; k++)
        {
            Assert.True(deviations[k] < deviations[k - 1], $"deviation must fall monotonically with eps (eps = {epsilons[k]})");
        }

        // First-order lag of credit behind its fixed point loses a fraction ~ tau_c / T = eps of the step.
        Assert.InRange(slope, 0.8, 1.2);
    }

    [Fact]
    public void Multirate_schedule_at_eps_0_01_is_within_the_bound_and_within_sample_and_hold_of_coupled()
    {
        var coupled = ColdStartDeviation(0.01, SchedulerMode.Coupled);
        var multirate = ColdStartDeviation(0.01, SchedulerMode.Multirate);
        output.WriteLine($"eps = 0.01: coupled {coupled:E3}, multirate {multirate:E3}");
        Assert.InRange(multirate, 0, WellSeparatedBound);

        // Sample-and-hold costs multirate at most one plasticity period of the window (the first plasticity
        // step sees the cold credit) plus one credit period of lag: 0.01 + 0.001 of the step here.
        var periods = (0.01 * PlasticityMs(0.01)) + (0.1 * CreditMs(0.01));
        Assert.InRange(multirate, 0, coupled + (periods / PlasticityMs(0.01)));
    }

    private static double PlasticityMs(double epsilon) => Timescales.Separated(1.0, epsilon).PlasticityMs;

    private static double CreditMs(double epsilon) => Timescales.Separated(1.0, epsilon).CreditMs;

    /// <summary>-lambda dL/dW for one example, from the plain BP reference at the model's current weights.</summary>
    private static double[] BackpropStep(BalanceCreditModel model, double[] input, double[] target, double lambda)
    {
        var mlp = NeuroSim.Models.Training.BackpropMirror.Of(model);
        var (gw, gb) = mlp.NewGradientBuffers();
        mlp.Gradient(input, target, gw, gb);
        return [.. gw.SelectMany(g => g).Select(g => -lambda * g)];
    }

    /// <summary>Relative L2 distance of one presentation's weight change from the BP step of size eta T / tau_w.</summary>
    internal static double ColdStartDeviation(double epsilon, SchedulerMode mode)
    {
        const double tauX = 1.0;
        var timescales = Timescales.Separated(tauX, epsilon);
        var spec = BalanceCreditSpec.Layered(Sizes, timescales, "tanh", weightGain: 1.2) with { LearningRate = Eta, Seed = 42 };
        var model = new BalanceCreditModel(spec);
        var input = Nets.RandomVector(Sizes[0], 7);
        var target = Nets.RandomVector(Sizes[^1], 8, 0.8);

        var windowMs = timescales.PlasticityMs;
        var bpStep = BackpropStep(model, input, target, lambda: Eta * windowMs / timescales.PlasticityMs);

        var dt = 0.1 * tauX;
        var options = mode == SchedulerMode.Coupled
            ? new SchedulerOptions { Mode = mode, DtMs = dt, Integrator = "rk4" }
            : Schedules.Multirate(timescales, dt);
        var scheduler = new Scheduler(model, options);
        model.ResetActivity();
        model.Present(input, target);
        var before = Nets.AllDenseWeights(model);
        scheduler.RunFor(windowMs);
        var change = Nets.AllDenseWeights(model).Select((w, k) => w - before[k]).ToArray();
        return Nets.RelativeError(change, bpStep);
    }

    private static double LogLogSlope(double[] x, double[] y)
    {
        var lx = x.Select(v => Math.Log(v)).ToArray();
        var ly = y.Select(v => Math.Log(v)).ToArray();
        double mx = lx.Average(), my = ly.Average();
        var num = lx.Select((v, k) => (v - mx) * (ly[k] - my)).Sum();
        var den = lx.Select(v => (v - mx) * (v - mx)).Sum();
        return num / den;
    }
}
