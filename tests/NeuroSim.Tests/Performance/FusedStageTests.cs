using NeuroSim.Core.Connectivity;
using NeuroSim.Core.Kernels;
using NeuroSim.Core.Randomness;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Tests.Performance;

/// <summary>
/// The fused multirate process steps and the fused coupled RK4 step against the generic steps they replace
/// (<see cref="SchedulerOptions.Fused"/> off): bit-identical where the arithmetic order is the same, within 1e-13 of
/// the state's scale where the retrograde sum W^T delta is grouped by row blocks; the same bits for any thread count and
/// whether or not an evaluation was kept between steps.
/// </summary>
[Collection(nameof(KernelThreadTests))]
public sealed class FusedStageTests(ITestOutputHelper output)
{
    /// <summary>Every process due every step: firing and credit exp-euler, plasticity euler (the bench's multirate schedule).</summary>
    private static readonly SchedulerOptions EveryStep = Schedules.EveryStep(0.1);

    /// <summary>The separation study's schedule: firing rk4 every step, credit exp-euler and plasticity euler on slower clocks.</summary>
    private static readonly SchedulerOptions Staggered = new()
    {
        Mode = SchedulerMode.Multirate,
        DtMs = 0.1,
        Clocks = new Dictionary<string, ProcessClock>
        {
            ["firing"] = new("rk4", 1),
            ["credit"] = new("exp-euler", 3),
            ["plasticity"] = new("euler", 2),
        },
    };

    private static readonly SchedulerOptions CoupledRk4 = new() { Mode = SchedulerMode.Coupled, DtMs = 0.1, Integrator = "rk4" };

    public static TheoryData<OutputCreditMode, bool, string> Layered => new()
    {
        { OutputCreditMode.Replace, false, "every-step" },
        { OutputCreditMode.Inject, true, "every-step" },
        { OutputCreditMode.Replace, true, "staggered" },
        { OutputCreditMode.Replace, false, "rk4" },
        { OutputCreditMode.Inject, true, "rk4" },
    };

    [Theory]
    [MemberData(nameof(Layered))]
    public void Fused_steps_on_a_layered_network_match_the_generic_steps_to_rounding(OutputCreditMode mode, bool biases, string schedule)
    {
        var options = Schedule(schedule);
        var fused = Run(() => LayeredModel(mode, biases), options, threads: 2);
        var generic = Run(() => LayeredModel(mode, biases), options with { Fused = false }, threads: 2);
        var scale = generic.Max(Math.Abs);
        var largest = fused.Zip(generic, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"{schedule}, {mode}, biases {biases}: largest difference {largest:E2} of state scale {scale:E2}");
        Assert.True(largest <= 1e-13 * scale, $"largest difference {largest:E2} (state scale {scale:E2})");

        // The weights did move, so the comparison covers plasticity.
        Assert.NotEqual(LayeredModel(mode, biases).State.ToArray()[^10..], fused[^10..]);
    }

    [Theory]
    [InlineData("every-step", false, SynapseStorage.Dense)]
    [InlineData("every-step", true, SynapseStorage.Dense)]
    [InlineData("staggered", false, SynapseStorage.Dense)]
    [InlineData("every-step", false, SynapseStorage.Sparse)]
    [InlineData("staggered", true, SynapseStorage.Sparse)]
    public void Where_the_order_of_every_sum_is_kept_the_fused_multirate_steps_are_bit_identical(string schedule, bool messengers, SynapseStorage recurrent)
    {
        // The hidden group receives from two projections (the recurrent one dense or sparse), so credit takes the generic
        // retrograde kernel: firing, credit and plasticity then do exactly the generic arithmetic.
        var options = Schedule(schedule);
        if (messengers)
        {
            options = options with { Clocks = new Dictionary<string, ProcessClock>(options.Clocks) { ["messenger"] = new("exp-euler", 1) } };
        }

        var fused = Run(() => PerformanceNets.Model(messengers, recurrent), options, threads: 2);
        var generic = Run(() => PerformanceNets.Model(messengers, recurrent), options with { Fused = false }, threads: 2);
        AssertBits(generic, fused);
    }

    [Theory]
    [InlineData("every-step", OutputCreditMode.Replace, false)]
    [InlineData("every-step", OutputCreditMode.Inject, true)]
    [InlineData("staggered", OutputCreditMode.Inject, true)]
    public void Credit_and_plasticity_in_one_pass_give_the_bits_of_the_two_fused_steps(string schedule, OutputCreditMode mode, bool biases)
    {
        var options = Schedule(schedule);
        var paired = Run(() => LayeredModel(mode, biases), options, threads: 2);
        var apart = Run(
            () =>
            {
                var model = LayeredModel(mode, biases);
                model.PairedSteps = false;
                return model;
            },
            options,
            threads: 2);
        AssertBits(apart, paired);
    }

    [Fact]
    public void A_cycle_of_projections_takes_the_two_fused_steps_apart_and_matches_the_generic_steps()
    {
        // a -> b and b -> a: each group receives from one projection, but there is no top-down order.
        BalanceCreditModel Build()
        {
            var spec = new BalanceCreditSpec
            {
                Network = new NetworkSpec(
                    [new NeuronGroupSpec("a", 150), new NeuronGroupSpec("b", 500)],
                    [
                        new ProjectionSpec("a", "b") { Distribution = WeightDistribution.Normal(0.5) },
                        new ProjectionSpec("b", "a") { Distribution = WeightDistribution.Normal(0.5) },
                    ]),
                Timescales = new Timescales(1, 10, 100),
                Activation = "tanh",
                LearningRate = 0.05,
                LearnBiases = true,
                OutputGroups = ["a"],
                OutputCreditMode = OutputCreditMode.Inject,
                Seed = 3,
            };
            var model = new BalanceCreditModel(spec);
            model.SetTarget(model.Network.Group("a"), Nets.RandomVector(150, 2, 0.8));
            return model;
        }

        var fused = Run(Build, EveryStep, threads: 2);
        var generic = Run(Build, EveryStep with { Fused = false }, threads: 2);
        var scale = generic.Max(Math.Abs);
        Assert.True(fused.Zip(generic, (a, b) => Math.Abs(a - b)).Max() <= 1e-13 * scale);
        AssertBits(
            Run(
                () =>
                {
                    var model = Build();
                    model.PairedSteps = false;
                    return model;
                },
                EveryStep,
                threads: 2),
            fused);
    }

    [Fact]
    public void Iterated_and_adiabatic_modes_with_the_fused_plasticity_step_are_bit_identical_to_the_generic_ones()
    {
        var iterated = new SchedulerOptions { Mode = SchedulerMode.Iterated, DtMs = 0.1, Clocks = new Dictionary<string, ProcessClock> { ["plasticity"] = new("euler", 1) } };
        AssertBits(Run(() => LayeredModel(OutputCreditMode.Replace, true), iterated with { Fused = false }, 2), Run(() => LayeredModel(OutputCreditMode.Replace, true), iterated, 2));

        var adiabatic = iterated with { Mode = SchedulerMode.Adiabatic, DtMs = 1.0 };
        double[] Presentations(SchedulerOptions options)
        {
            var model = LayeredModel(OutputCreditMode.Replace, true);
            var scheduler = new Scheduler(model, options);
            for (var k = 0; k < 3; k++)
            {
                scheduler.RunFor(10.0);
            }

            return model.State.ToArray();
        }

        AssertBits(Presentations(adiabatic with { Fused = false }), Presentations(adiabatic));
    }

    [Theory]
    [InlineData("every-step")]
    [InlineData("staggered")]
    [InlineData("rk4")]
    public void The_fused_steps_give_the_same_bits_on_one_thread_and_on_two(string schedule)
    {
        var options = Schedule(schedule);
        AssertBits(Run(() => LayeredModel(OutputCreditMode.Inject, true), options, threads: 1), Run(() => LayeredModel(OutputCreditMode.Inject, true), options, threads: 2));
    }

    [Theory]
    [InlineData("every-step")]
    [InlineData("staggered")]
    [InlineData("rk4")]
    public void A_kept_evaluation_changes_no_bit_step_by_step_with_observables_read_or_in_one_advance(string schedule)
    {
        var options = Schedule(schedule);
        var whole = Run(() => LayeredModel(OutputCreditMode.Replace, true), options, threads: 2);
        var model = LayeredModel(OutputCreditMode.Replace, true);
        model.Network.Kernels = new KernelSettings { ThreadCount = 2 };
        var scheduler = new Scheduler(model, options);
        for (var k = 0; k < 30; k++)
        {
            scheduler.Advance(1);
            if (k % 3 == 0)
            {
                model.UpdateObservables();
            }
            else if (k % 3 == 1)
            {
                _ = model.Rates[0];
            }
        }

        AssertBits(whole, model.State.ToArray());
    }

    [Theory]
    [InlineData("every-step")]
    [InlineData("staggered")]
    public void Changes_between_advances_reach_the_fused_steps(string schedule)
    {
        // A kept evaluation that outlived a change would show here: the network takes the bit-identical paths.
        var options = Schedule(schedule);
        double[] Run(SchedulerOptions o)
        {
            var model = PerformanceNets.Model(messengers: false, SynapseStorage.Dense);
            model.Network.Kernels = new KernelSettings { ThreadCount = 2 };
            var scheduler = new Scheduler(model, o);
            var hidden = model.Network.Group("hidden");
            scheduler.Advance(7);
            model.ExcitatoryDrive[hidden.Offset + 3] += 0.4;
            scheduler.Advance(5);
            model.InhibitoryDrive[hidden.Offset + 5] += 0.3;
            scheduler.Advance(5);
            model.Weights[17] += 0.25;
            scheduler.Advance(5);
            model.Biases[hidden.Offset + 1] -= 0.2;
            scheduler.Advance(5);
            model.ClampRates(model.Network.Group("in"), Nets.RandomVector(37, 8));
            scheduler.Advance(5);
            model.RemoveSynapse(0, 40);
            scheduler.Advance(5);
            model.Rates[hidden.Offset + 2] = 0.7;
            scheduler.Advance(5);
            model.ResetActivity();
            scheduler.Advance(5);
            return model.State.ToArray();
        }

        AssertBits(Run(options with { Fused = false }), Run(options));
    }

    [Fact]
    public void A_checkpoint_resumed_mid_run_continues_with_the_same_bits()
    {
        var options = EveryStep;
        var whole = Run(() => LayeredModel(OutputCreditMode.Inject, true), options, threads: 2);
        var first = LayeredModel(OutputCreditMode.Inject, true);
        first.Network.Kernels = new KernelSettings { ThreadCount = 2 };
        new Scheduler(first, options).Advance(13);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            first.WriteCheckpoint(writer);
        }

        stream.Position = 0;
        var resumed = LayeredModel(OutputCreditMode.Inject, true);
        resumed.Network.Kernels = new KernelSettings { ThreadCount = 2 };
        using (var reader = new BinaryReader(stream))
        {
            resumed.ReadCheckpoint(reader);
        }

        var scheduler = new Scheduler(resumed, options);
        scheduler.Clock.Step = 13;
        scheduler.Advance(17);
        AssertBits(whole, resumed.State.ToArray());
    }

    [Theory]
    [InlineData("every-step")]
    [InlineData("staggered")]
    [InlineData("rk4")]
    public void The_fused_steps_allocate_nothing(string schedule)
    {
        var model = LayeredModel(OutputCreditMode.Replace, biases: true);
        var scheduler = new Scheduler(model, Schedule(schedule));
        scheduler.Advance(6);
        Assert.Equal(0, Allocations.SteadyStateBytes(() => scheduler.Advance(12)));
    }

    [Fact]
    public void Networks_without_stage_passes_fall_back_to_the_generic_coupled_rk4_step()
    {
        // A neuron receiving from two projections, sparse storage, messengers: the coupled RK4 step is the generic one, bit for bit.
        foreach (var build in new Func<BalanceCreditModel>[] { () => PerformanceNets.Model(false, SynapseStorage.Dense), () => PerformanceNets.Model(true) })
        {
            AssertBits(Run(build, CoupledRk4 with { Fused = false }, 2, steps: 5), Run(build, CoupledRk4, 2, steps: 5));
        }
    }

    private static SchedulerOptions Schedule(string name) => name switch
    {
        "every-step" => EveryStep,
        "staggered" => Staggered,
        "rk4" => CoupledRk4,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static void AssertBits(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var k = 0; k < expected.Length; k++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[k]) != BitConverter.DoubleToInt64Bits(actual[k]))
            {
                Assert.Fail($"state[{k}]: expected {expected[k]:R}, got {actual[k]:R}");
            }
        }
    }

    /// <summary>in (61) -> hidden (1203) dense, hidden -> out (83) dense with half the synapses masked out: large enough for two threads and several row groups; odd sizes exercise SIMD tails.</summary>
    private static BalanceCreditModel LayeredModel(OutputCreditMode mode, bool biases)
    {
        var random = new SeededRandom(4);
        var outMask = Enumerable.Range(0, 83 * 1203).Select(_ => random.NextDouble() < 0.5).ToArray();
        var spec = new BalanceCreditSpec
        {
            Network = new NetworkSpec(
                [new NeuronGroupSpec("in", 61), new NeuronGroupSpec("hidden", 1203), new NeuronGroupSpec("out", 83)],
                [
                    new ProjectionSpec("in", "hidden") { Distribution = WeightDistribution.Normal(1.0) },
                    new ProjectionSpec("hidden", "out") { Mask = outMask, Storage = SynapseStorage.Dense, Distribution = WeightDistribution.Normal(1.0) },
                ]),
            Timescales = new Timescales(1, 10, 100),
            Activation = "tanh",
            LearningRate = 0.05,
            LearnBiases = biases,
            InputGroups = ["in"],
            OutputGroups = ["out"],
            OutputCreditMode = mode,
            Seed = 9,
        };
        var model = new BalanceCreditModel(spec);
        model.Present(Nets.RandomVector(61, 1), Nets.RandomVector(83, 2, 0.8));
        return model;
    }

    private static double[] Run(Func<BalanceCreditModel> build, SchedulerOptions options, int threads, int steps = 30)
    {
        var model = build();
        model.Network.Kernels = new KernelSettings { ThreadCount = threads };
        new Scheduler(model, options).Advance(steps);
        return model.State.ToArray();
    }
}
