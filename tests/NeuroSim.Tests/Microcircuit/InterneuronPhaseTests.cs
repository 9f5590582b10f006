using NeuroSim.Analysis.Microcircuit.Mnist;
using NeuroSim.Models.Microcircuit;
using NeuroSim.Models.Training;

namespace NeuroSim.Tests.Microcircuit;

/// <summary>W^IP learning from a free settling after the consolidation (<see cref="InterneuronPhase.Free"/>).</summary>
public sealed class InterneuronPhaseTests
{
    [Fact]
    public void Free_phase_interneurons_learn_from_a_free_settling_of_the_consolidated_circuit_and_touch_nothing_else()
    {
        var data = Mnist.Load(MnistSubset.Folder, perClass: 1, on: 0.8, off: 0.1);
        var settings = new MnistTwoStepSettings { Sizes = [784, 30, 10] };
        var spec = settings.Spec();
        var initial = new MicrocircuitWeights(settings.Sizes, biases: true);
        MnistTwoStepExperiment.InitialWeights(initial, settings);
        initial.SetSelfPredicting(spec.Conductances);
        foreach (ref var v in initial.Of(WeightClass.PyramidalToInterneuron, 0))
        {
            v *= 0.5; // away from the self-predicting state, so the interneurons have something to learn
        }

        var potentials = data.Targets.Select(t => t.Select(MnistTwoStepExperiment.Logit).ToArray()).ToArray();
        int[] order = [.. Enumerable.Range(0, 10)];
        var rates = new MicrocircuitRates([1.0, 1.0], [1.0], [0.0], [0.0]);

        var free = Copy(initial, settings);
        new TwoStepLearner(spec, free, rates) { InterneuronPhase = InterneuronPhase.Free }.TrainBatch(data.Inputs, potentials, order, 0, 10);

        // The same batch with the paper's scheme and W^IP frozen: every other class must come out the same bits.
        var reference = Copy(initial, settings);
        new TwoStepLearner(spec, reference, rates with { PyramidalToInterneuron = [0.0] }).TrainBatch(data.Inputs, potentials, order, 0, 10);
        foreach (var kind in new[] { WeightClass.Up, WeightClass.UpBias, WeightClass.Down, WeightClass.InterneuronToPyramidal })
        {
            for (var l = 0; l < free.CountOf(kind); l++)
            {
                Assert.Equal(reference.Of(kind, l).ToArray(), free.Of(kind, l).ToArray());
            }
        }

        // W^IP: the consolidated circuit settled without targets, its interneuron induction averaged over the batch.
        var onlyInterneurons = new MicrocircuitRates([0.0, 0.0], [1.0], [0.0], [0.0]);
        var replay = new TwoStepLearner(spec, reference, onlyInterneurons);
        var sum = new double[reference.Length];
        foreach (var k in order)
        {
            replay.Scheme.Settle(data.Inputs[k], default, 1);
            replay.Scheme.AccumulateInduction(onlyInterneurons, 0.1, sum);
        }

        replay.Consolidate(sum);
        Assert.NotEqual(initial.Of(WeightClass.PyramidalToInterneuron, 0).ToArray(), free.Of(WeightClass.PyramidalToInterneuron, 0).ToArray());
        Assert.Equal(reference.Of(WeightClass.PyramidalToInterneuron, 0).ToArray(), free.Of(WeightClass.PyramidalToInterneuron, 0).ToArray());
        Assert.Equal(reference.Of(WeightClass.InterneuronBias, 0).ToArray(), free.Of(WeightClass.InterneuronBias, 0).ToArray());
    }

    private static MicrocircuitWeights Copy(MicrocircuitWeights source, MnistTwoStepSettings settings)
    {
        var copy = new MicrocircuitWeights(settings.Sizes, biases: true);
        copy.CopyFrom(source);
        return copy;
    }
}
