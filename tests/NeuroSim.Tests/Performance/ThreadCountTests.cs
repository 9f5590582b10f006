using NeuroSim.Core.Connectivity;
using NeuroSim.Core.Kernels;
using NeuroSim.Core.Scheduling;

namespace NeuroSim.Tests.Performance;

/// <summary>Tests that split kernels over threads run alone, so that the shared workers are free and the split really happens.</summary>
[CollectionDefinition(nameof(KernelThreadTests), DisableParallelization = true)]
public sealed class KernelThreadTests;

[Collection(nameof(KernelThreadTests))]
public sealed class ThreadCountTests
{
    [Theory]
    [InlineData(SchedulerMode.Coupled, "rk4", false)]
    [InlineData(SchedulerMode.Coupled, "euler", true)]
    [InlineData(SchedulerMode.Multirate, "exp-euler", true)]
    [InlineData(SchedulerMode.Adiabatic, "euler", true)]
    public void One_and_two_kernel_threads_give_bit_identical_runs(SchedulerMode mode, string integrator, bool messengers)
    {
        var one = Run(1, mode, integrator, messengers);
        var two = Run(2, mode, integrator, messengers);
        var three = Run(3, mode, integrator, messengers);
        Assert.Equal(one.Length, two.Length);
        for (var k = 0; k < one.Length; k++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(one[k]), BitConverter.DoubleToInt64Bits(two[k]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(one[k]), BitConverter.DoubleToInt64Bits(three[k]));
        }
    }

    [Fact]
    public void Dense_and_sparse_storage_stay_bit_identical_on_a_network_split_over_threads()
    {
        var kernels = new KernelSettings { ThreadCount = 2 };
        var dense = PerformanceNets.Model(messengers: true, SynapseStorage.Dense, SynapseStorage.Dense);
        dense.Network.Kernels = kernels;
        var sparse = PerformanceNets.Model(messengers: true, SynapseStorage.Sparse, SynapseStorage.Sparse);
        sparse.Network.Kernels = kernels;
        Assert.IsType<DenseProjection>(dense.Network.Projections[1]);
        Assert.IsType<SparseProjection>(sparse.Network.Projections[1]);
        Assert.True(dense.Network.Projections[1].SlotCount >= KernelThreads.MinimumParallelWork, "the recurrent projection must be split over threads");
        var options = new SchedulerOptions { Mode = SchedulerMode.Coupled, DtMs = 0.1, Integrator = "rk4" };
        new Scheduler(dense, options).Advance(10);
        new Scheduler(sparse, options).Advance(10);
        for (var k = 0; k < dense.Network.Projections.Count; k++)
        {
            var a = dense.DenseWeights(k);
            var b = sparse.DenseWeights(k);
            for (var q = 0; q < a.Length; q++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(a[q]), BitConverter.DoubleToInt64Bits(b[q]));
            }
        }

        Assert.Equal(dense.Rates.ToArray(), sparse.Rates.ToArray());
        Assert.Equal(dense.Credit.ToArray(), sparse.Credit.ToArray());
    }

    [Fact]
    public void Stepping_every_process_allocates_nothing_on_the_calling_thread_with_kernels_split_over_threads()
    {
        var kernels = new KernelSettings { ThreadCount = 2 };
        var model = PerformanceNets.Model(messengers: true);
        model.Network.Kernels = kernels;
        var options = new SchedulerOptions
        {
            Mode = SchedulerMode.Multirate,
            DtMs = 0.1,
            Clocks = new Dictionary<string, ProcessClock>
            {
                ["firing"] = new("rk4", 1),
                ["credit"] = new("heun", 1),
                ["messenger"] = new("exp-euler", 1),
                ["plasticity"] = new("euler", 1),
            },
        };
        var multirate = new Scheduler(model, options);
        var coupled = new Scheduler(model, options with { Mode = SchedulerMode.Coupled, Integrator = "dopri5" });
        var adiabatic = new Scheduler(model, options with { Mode = SchedulerMode.Adiabatic, Clocks = new Dictionary<string, ProcessClock> { ["plasticity"] = new("euler", 1) } });
        multirate.Advance(2);
        coupled.Advance(2);
        adiabatic.RunFor(1);
        Assert.Equal(0, Allocations.SteadyStateBytes(() =>
        {
            multirate.Advance(100);
            coupled.Advance(20);
            for (var k = 0; k < 5; k++)
            {
                adiabatic.RunFor(1);
            }
        }));
    }

    private static double[] Run(int threads, SchedulerMode mode, string integrator, bool messengers)
    {
        var kernels = new KernelSettings { ThreadCount = threads };
        var model = PerformanceNets.Model(messengers);
        model.Network.Kernels = kernels;
        var scheduler = new Scheduler(model, new SchedulerOptions { Mode = mode, DtMs = 0.1, Integrator = integrator });
        if (mode == SchedulerMode.Adiabatic)
        {
            scheduler.RunFor(5);
        }
        else
        {
            scheduler.Advance(15);
        }

        return model.State.ToArray();
    }
}
