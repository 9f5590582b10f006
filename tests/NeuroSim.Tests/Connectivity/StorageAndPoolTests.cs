using NeuroSim.Core.Connectivity;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Tests.Connectivity;

public sealed class StorageAndPoolTests
{
    [Fact]
    public void Sparse_rows_and_dense_masked_storage_give_bit_identical_runs()
    {
        var dense = Run(SynapseStorage.Dense);
        var sparse = Run(SynapseStorage.Sparse);
        Assert.Equal(dense.Length, sparse.Length);
        for (var k = 0; k < dense.Length; k++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(dense[k]), BitConverter.DoubleToInt64Bits(sparse[k]));
        }
    }

    [Fact]
    public void Auto_storage_picks_sparse_rows_below_the_density_threshold()
    {
        var model = new BalanceCreditModel(SparseSpec(SynapseStorage.Auto, density: 0.1));
        Assert.IsType<SparseProjection>(model.Network.Projections[0]);
        var full = new BalanceCreditModel(SparseSpec(SynapseStorage.Auto, density: 0.9));
        Assert.IsType<DenseProjection>(full.Network.Projections[0]);
    }

    [Fact]
    public void Pools_split_the_net_input_into_excitation_and_inhibition()
    {
        var spec = BalanceCreditSpec.Layered([5, 4], new Timescales(1, 10, 100), "logistic") with { Biases = Nets.RandomVector(9, 3, 0.5) };
        var model = new BalanceCreditModel(spec);
        var input = Nets.RandomVector(5, 4).Select(v => Math.Abs(v)).ToArray();
        model.ClampRates(model.InputGroups[0], input);
        model.ExcitatoryDrive[6] = 0.25;
        model.InhibitoryDrive[7] = 0.5;
        model.UpdateObservables();
        var w = model.DenseWeights(0);
        for (var i = 0; i < 4; i++)
        {
            double e = 0, inh = 0;
            for (var j = 0; j < 5; j++)
            {
                var wij = w[(i * 5) + j];
                e += wij > 0 ? wij * input[j] : 0;
                inh += wij < 0 ? -wij * input[j] : 0;
            }

            var neuron = 5 + i;
            e += neuron == 6 ? 0.25 : 0;
            inh += neuron == 7 ? 0.5 : 0;
            Assert.Equal(e, model.ExcitatoryPool[neuron], 14);
            Assert.Equal(inh, model.InhibitoryPool[neuron], 14);
            Assert.Equal(e - inh + spec.Biases![neuron], model.NetInput[neuron], 14);
            Assert.True(model.ExcitatoryPool[neuron] >= 0 && model.InhibitoryPool[neuron] >= 0, "non-negative rates give non-negative pools");
        }
    }

    [Fact]
    public void Absent_synapses_stay_absent_under_plasticity()
    {
        var model = new BalanceCreditModel(SparseSpec(SynapseStorage.Dense, density: 0.5));
        var scheduler = new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Adiabatic, DtMs = 1 });
        model.Present(Nets.RandomVector(6, 1), Nets.RandomVector(3, 2, 0.5));
        scheduler.RunFor(100);
        var p = model.Network.Projections[0];
        var dense = model.DenseWeights(0);
        var changed = 0;
        for (var i = 0; i < p.Post.Size; i++)
        {
            for (var j = 0; j < p.Pre.Size; j++)
            {
                if (p.SlotOf(i, j) < 0)
                {
                    Assert.Equal(0.0, dense[(i * p.Pre.Size) + j]);
                    Assert.Equal(0.0, model.Weights[p.SynapseOffset + (i * p.Pre.Size) + j]);
                }
                else
                {
                    changed++;
                }
            }
        }

        Assert.Equal(p.ConnectionCount, changed);
        Assert.InRange(p.ConnectionCount, 1, (p.Post.Size * p.Pre.Size) - 1);
    }

    private static double[] Run(SynapseStorage storage)
    {
        var model = new BalanceCreditModel(SparseSpec(storage, density: 0.2) with { Timescales = new Timescales(1, 4, 50, 2), Spillover = 0.2 });
        model.Present(Nets.RandomVector(6, 1), Nets.RandomVector(3, 2, 0.5));
        new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Coupled, DtMs = 0.1 }).RunFor(20);
        var w = Nets.AllDenseWeights(model);
        return [.. model.Rates.ToArray(), .. model.Credit.ToArray(), .. w];
    }

    /// <summary>6 -> 10 -> 3 with a random mask of the given density on the first projection.</summary>
    private static BalanceCreditSpec SparseSpec(SynapseStorage storage, double density)
    {
        var random = new NeuroSim.Core.Randomness.SeededRandom(77);
        var mask = Enumerable.Range(0, 60).Select(_ => random.NextDouble() < density).ToArray();
        var spec = BalanceCreditSpec.Layered([6, 10, 3], new Timescales(1, 10, 100));
        var first = spec.Network.Projections[0] with { Mask = mask, Storage = storage };
        return spec with { Network = spec.Network with { Projections = [first, spec.Network.Projections[1]] } };
    }
}
