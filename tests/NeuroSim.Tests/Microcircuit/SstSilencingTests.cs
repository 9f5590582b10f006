using NeuroSim.Analysis.Microcircuit.Mnist;
using NeuroSim.Core.Neurons;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Tests.Microcircuit;

public sealed class SstSilencingTests
{
    [Fact]
    public void With_interneurons_silenced_the_apical_potential_is_the_raw_top_down_input()
    {
        var model = new MicrocircuitModel(Circuits.Spec()) { InterneuronsSilenced = true };
        Circuits.Randomize(model.Weights, seed: 21);
        model.Weights.SetSelfPredicting(model.Conductances);
        model.Present(Circuits.Pattern(30, 22));
        SteadyState.Relax(model);

        var phi = new LogisticActivation();
        var output = model.PyramidalPotential(1);
        var b = model.Weights.Down(0);
        for (var i = 0; i < 20; i++)
        {
            var expected = 0.0;
            for (var j = 0; j < 10; j++)
            {
                expected += b[(i * 10) + j] * phi.Value(output[j]);
            }

            Assert.Equal(expected, model.Activity.Apical(0)[i], 12);
        }
    }

    [Fact]
    public void Silencing_interneurons_makes_hidden_synapses_learn_without_a_teacher()
    {
        var control = HiddenDrift(silenced: false);
        var silenced = HiddenDrift(silenced: true);
        Assert.True(control < 1e-12, $"control drift {control:E2}");
        Assert.True(silenced > 1e-3, $"silenced drift {silenced:E2}");
    }

    [Trait("Speed", "Slow")]
    [Fact]
    public void Silencing_interneurons_throughout_abolishes_learning_of_many_digits()
    {
        var (train, test) = MnistSubset.Split(200, 100);
        var settings = new MnistTwoStepSettings { Sizes = [784, 64, 10], Seed = 1 };
        double Accuracy(bool silenced)
        {
            var experiment = new MnistTwoStepExperiment(settings, train, test);
            experiment.Microcircuit.Scheme.InterneuronsSilenced = silenced;
            for (var epoch = 0; epoch < 15; epoch++)
            {
                experiment.RunEpoch(0);
            }

            return experiment.Scores[^1].MicrocircuitAccuracy;
        }

        var control = Accuracy(silenced: false);
        var silencedAccuracy = Accuracy(silenced: true);

        // 100 held-out digits of 10 classes: chance is 10%. The silenced circuit learns the top-down input instead of the digits.
        Assert.True(control >= 0.3, $"control accuracy {control:P0}");
        Assert.True(silencedAccuracy <= 0.2, $"silenced accuracy {silencedAccuracy:P0}");
    }

    private static double HiddenDrift(bool silenced)
    {
        var model = new MicrocircuitModel(Circuits.Spec(rates: MicrocircuitRates.SingleAssociation)) { InterneuronsSilenced = silenced };
        Circuits.Randomize(model.Weights, seed: 23);
        model.Weights.SetSelfPredicting(model.Conductances);
        model.Present(Circuits.Pattern(30, 24));
        SteadyState.Relax(model);
        var before = model.Weights.Up(0).ToArray();
        var scheduler = new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Coupled, DtMs = 0.1, Integrator = "euler" });
        scheduler.Advance(2000);
        var after = model.Weights.Up(0).ToArray();
        return Math.Sqrt(before.Select((w, k) => (after[k] - w) * (after[k] - w)).Sum() / before.Sum(w => w * w));
    }
}
