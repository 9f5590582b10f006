using NeuroSim.Core.Connectivity;
using NeuroSim.Core.Kernels;
using NeuroSim.Core.Randomness;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Tests.Performance;

[Collection(nameof(KernelThreadTests))]
public sealed class FusedEulerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(OutputCreditMode.Replace, false)]
    [InlineData(OutputCreditMode.Inject, true)]
    public void The_fused_step_matches_the_generic_coupled_euler_step_to_rounding(OutputCreditMode mode, bool biases)
    {
        var fused = Run(mode, biases, fused: true, threads: 2);
        var generic = Run(mode, biases, fused: false, threads: 2);
        var scale = generic.Max(Math.Abs);
        var largest = fused.Zip(generic, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(largest <= 1e-13 * scale, $"largest difference {largest:E2} (state scale {scale:E2})");
        Assert.NotEqual(Run(mode, biases, fused: true, threads: 2, steps: 10), fused);
    }

    [Fact]
    public void Float32_weights_follow_the_double_run_to_single_precision()
    {
        var single = Run(OutputCreditMode.Replace, true, fused: true, threads: 2, single: true);
        var reference = Run(OutputCreditMode.Replace, true, fused: true, threads: 2);
        var scale = reference.Max(Math.Abs);
        var largest = single.Zip(reference, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"float32 weights vs double after 30 steps: largest difference {largest:E2} of state scale {scale:E2}");

        // Each weight is carried to 24 bits (relative rounding 6e-8); 30 steps must not amplify it past 1e-6.
        Assert.True(largest <= 1e-6 * scale, $"largest difference {largest:E2}");
        Assert.True(largest > 0, "the float32 path must actually store float32");
        Assert.Equal(single, Run(OutputCreditMode.Replace, true, fused: true, threads: 1, single: true));
    }

    [Fact]
    public void Float32_weights_are_refused_where_there_is_no_fused_step()
    {
        var model = Model(OutputCreditMode.Replace, biases: false);
        Assert.Throws<ArgumentException>(() => new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Multirate, SinglePrecisionWeights = true }));
        var recurrent = new Scheduler(PerformanceNets.Model(messengers: false, SynapseStorage.Dense), new SchedulerOptions { Mode = SchedulerMode.Coupled, Integrator = "euler", DtMs = 0.1, SinglePrecisionWeights = true });
        Assert.Throws<ArgumentException>(() => recurrent.Advance(1));
    }

    [Fact]
    public void The_fused_step_gives_the_same_bits_on_one_thread_and_on_two()
    {
        Assert.Equal(Run(OutputCreditMode.Replace, true, fused: true, threads: 1), Run(OutputCreditMode.Replace, true, fused: true, threads: 2));
    }

    [Fact]
    public void A_network_whose_neurons_take_two_projections_or_messengers_has_no_fused_step()
    {
        Assert.False(PerformanceNets.Model(messengers: false, SynapseStorage.Dense).TryFusedEulerStep(0, 0.1));
        Assert.False(Model(OutputCreditMode.Replace, biases: false, messengers: true).TryFusedEulerStep(0, 0.1));
        Assert.True(Model(OutputCreditMode.Replace, biases: false).TryFusedEulerStep(0, 0.1));
    }

    [Fact]
    public void The_fused_step_allocates_nothing()
    {
        var model = Model(OutputCreditMode.Replace, biases: true);
        var scheduler = new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Coupled, DtMs = 0.1, Integrator = "euler" });
        scheduler.Advance(2);
        Assert.Equal(0, Allocations.SteadyStateBytes(() => scheduler.Advance(50)));
    }

    /// <summary>in (61) -> hidden (1203) dense, hidden -> out (83) dense with half the synapses masked out: large enough for two threads and several row groups; odd sizes exercise SIMD tails.</summary>
    private static BalanceCreditModel Model(OutputCreditMode mode, bool biases, bool messengers = false)
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
            Timescales = new Timescales(1, 10, 100, messengers ? 2 : null),
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

    private static double[] Run(OutputCreditMode mode, bool biases, bool fused, int threads, int steps = 30, bool single = false)
    {
        var kernels = new KernelSettings { ThreadCount = threads };
        var model = Model(mode, biases);
        model.Network.Kernels = kernels;
        var scheduler = new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Coupled, DtMs = 0.1, Integrator = "euler", Fused = fused, SinglePrecisionWeights = single });
        scheduler.Advance(steps);
        return model.State.ToArray();
    }
}
