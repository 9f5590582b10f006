using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Tests.Scheduling;

public sealed class SchedulerTests
{
    private static readonly int[] Sizes = [4, 6, 5, 3];

    [Fact]
    public void Time_is_a_whole_step_count_and_a_fractional_duration_is_refused()
    {
        var clock = new SimulationClock(0.1);
        Assert.Equal(3, clock.StepsIn(0.3));
        Assert.Equal(10_000_000, clock.StepsIn(1_000_000));
        var error = Assert.Throws<ArgumentException>(() => clock.StepsIn(0.25));
        Assert.Contains("not a whole number of steps of dt = 0.1 ms", error.Message, StringComparison.Ordinal);

        var model = NewModel(SeparatedTimescales());
        var scheduler = new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Multirate, DtMs = 0.1 });
        for (var k = 0; k < 10_000; k++)
        {
            scheduler.Advance(1);
        }

        Assert.Equal(10_000, scheduler.Clock.Step);
        Assert.Equal(1000.0, scheduler.Clock.TimeMs);
    }

    [Fact]
    public void An_explicit_step_too_large_for_the_time_constant_is_refused_with_the_limit()
    {
        var model = NewModel(new Timescales(1.0, 10.0, 100.0));
        var error = Assert.Throws<ArgumentException>(() =>
            new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Coupled, DtMs = 2.5, Integrator = "euler" }));
        Assert.Contains("dt = 2.5 ms is unstable for integrator 'euler' with time constant 1 ms (dt/tau must be <= 2", error.Message, StringComparison.Ordinal);

        var multirate = new SchedulerOptions
        {
            Mode = SchedulerMode.Multirate,
            DtMs = 0.5,
            Clocks = new Dictionary<string, ProcessClock> { ["credit"] = new("rk4", 60) },
        };
        error = Assert.Throws<ArgumentException>(() => new Scheduler(model, multirate));
        Assert.StartsWith("process 'credit': dt = 30 ms is unstable", error.Message, StringComparison.Ordinal);

        // Exponential Euler integrates the leak exactly, so the same clock is accepted with it.
        _ = new Scheduler(model, multirate with { Clocks = new Dictionary<string, ProcessClock> { ["credit"] = new("exp-euler", 60) } });
    }

    [Fact]
    public void A_clock_for_an_unknown_process_lists_the_processes()
    {
        var model = NewModel(SeparatedTimescales());
        var options = new SchedulerOptions { Clocks = new Dictionary<string, ProcessClock> { ["firng"] = new("rk4", 1) } };
        var error = Assert.Throws<ArgumentException>(() => new Scheduler(model, options));
        Assert.Equal("clock for unknown process 'firng'; valid: firing, credit, plasticity", error.Message);
    }

    [Theory]
    [InlineData(SchedulerMode.Coupled)]
    [InlineData(SchedulerMode.Multirate)]
    [InlineData(SchedulerMode.Adiabatic)]
    public void The_same_seed_gives_a_bit_identical_run(SchedulerMode mode)
    {
        static long[] Run(SchedulerMode mode)
        {
            var model = NewModel(SeparatedTimescales() with { MessengerMs = 3.0 });
            var scheduler = new Scheduler(model, new SchedulerOptions { Mode = mode, DtMs = 0.1 });
            for (var k = 0; k < 3; k++)
            {
                model.Present(Nets.RandomVector(4, (ulong)k), Nets.RandomVector(3, (ulong)k + 10, 0.8));
                scheduler.RunFor(50);
            }

            return [.. model.State.ToArray().Select(BitConverter.DoubleToInt64Bits)];
        }

        Assert.Equal(Run(mode), Run(mode));

        // Another seed draws other weights: same state layout, other values.
        var (one, two) = (RunWithSeed(mode, 1), RunWithSeed(mode, 2));
        Assert.Equal(one.Length, two.Length);
        Assert.NotEqual(one, two);
    }

    [Theory]
    [InlineData(SchedulerMode.Coupled, "rk4")]
    [InlineData(SchedulerMode.Coupled, "dopri5")]
    [InlineData(SchedulerMode.Multirate, "exp-euler")]
    [InlineData(SchedulerMode.Adiabatic, "euler")]
    public void Stepping_allocates_nothing(SchedulerMode mode, string integrator)
    {
        var model = NewModel(SeparatedTimescales() with { MessengerMs = 3.0 });
        var scheduler = new Scheduler(model, new SchedulerOptions { Mode = mode, DtMs = 0.1, Integrator = integrator });
        model.Present(Nets.RandomVector(4, 1), Nets.RandomVector(3, 2, 0.8));
        scheduler.RunFor(1);
        Assert.Equal(0, Allocations.SteadyStateBytes(() =>
        {
            for (var k = 0; k < 200; k++)
            {
                scheduler.RunFor(1);
            }
        }));
    }

    [Fact]
    public void Adiabatic_fixed_points_of_a_layered_network_are_reached_in_depth_iterations()
    {
        var model = NewModel(SeparatedTimescales());
        var scheduler = new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Adiabatic, DtMs = 1 });
        model.Present(Nets.RandomVector(4, 1), Nets.RandomVector(3, 2, 0.8));
        scheduler.RunFor(10);

        // Feed-forward firing and nilpotent credit settle exactly after m - 1 = 3 applications of the map
        // (the proof of Theorem 1); the solver needs one more to see a zero change.
        Assert.Equal(Sizes.Length, scheduler.LastEquilibriumIterations[0]);
        Assert.Equal(Sizes.Length, scheduler.LastEquilibriumIterations[1]);
    }

    [Fact]
    public void Blocking_the_retrograde_signal_of_the_top_projection_silences_plasticity_upstream_only()
    {
        var control = AdiabaticStep(_ => { });
        var blocked = AdiabaticStep(model => model.RetrogradeGains[^1] = 0.0);
        var upstream = (4 * 6) + (6 * 5);
        Assert.All(blocked.Take(upstream), dw => Assert.Equal(0.0, dw));
        Assert.Equal(control.Skip(upstream), blocked.Skip(upstream));
        Assert.Contains(control.Take(upstream), dw => Math.Abs(dw) > 1e-6);
        Assert.Contains(control.Skip(upstream), dw => Math.Abs(dw) > 1e-6);
    }

    [Fact]
    public void Separation_scaling_multiplies_each_ratio()
    {
        var t = Timescales.Separated(10.0, 0.1, messengerFraction: 0.5);
        Assert.Equal((10.0, 100.0, 1000.0, 50.0), (t.FiringMs, t.CreditMs, t.PlasticityMs, t.MessengerMs!.Value));
        var wider = t.WithSeparationScaled(10.0);
        Assert.Equal(0.01, wider.FiringToCredit, 15);
        Assert.Equal(0.01, wider.CreditToPlasticity, 15);
        Assert.Equal(0.5, wider.MessengerMs!.Value / wider.CreditMs, 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Timescales(-1, 1, 1).Validate());
    }

    private static double[] AdiabaticStep(Action<BalanceCreditModel> manipulate)
    {
        var model = NewModel(SeparatedTimescales());
        manipulate(model);
        return Nets.AdiabaticWeightChange(model, Nets.RandomVector(4, 1), Nets.RandomVector(3, 2, 0.8), 100);
    }

    private static long[] RunWithSeed(SchedulerMode mode, ulong seed)
    {
        var model = new BalanceCreditModel(BalanceCreditSpec.Layered(Sizes, SeparatedTimescales()) with { Seed = seed, LearningRate = 0.1 });
        var scheduler = new Scheduler(model, new SchedulerOptions { Mode = mode, DtMs = 0.1 });
        model.Present(Nets.RandomVector(4, 0), Nets.RandomVector(3, 10, 0.8));
        scheduler.RunFor(50);
        return [.. model.State.ToArray().Select(BitConverter.DoubleToInt64Bits)];
    }

    private static Timescales SeparatedTimescales() => new(1.0, 5.0, 25.0);

    private static BalanceCreditModel NewModel(Timescales timescales) =>
        new(BalanceCreditSpec.Layered(Sizes, timescales) with { Seed = 1, LearningRate = 0.1 });
}
