using NeuroSim.Core.Neurons;
using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Tests.Microcircuit;

/// <summary>The normalised-LMS interneuron rule: the paper's W^IP induction divided by |r|^2 + 1 of the presynaptic rates.</summary>
public sealed class NormalizedInterneuronTests
{
    [Fact]
    public void Normalized_interneuron_induction_is_the_lms_induction_over_the_squared_norm_of_rates_and_bias()
    {
        var model = new MicrocircuitModel(Circuits.Spec(apical: 0.471, somatic: 0.12) with { Biases = true });
        var w = model.Weights;
        Circuits.Randomize(w, seed: 7);
        var input = Circuits.Pattern(30, 3);
        model.Present(input, Circuits.Pattern(10, 4, -0.5, 0.5));
        SteadyState.Relax(model);

        var lms = new MicrocircuitRates([1.0, 1.0], [1.0], [1.0], [0.0]);
        var normalized = lms with { NormalizedInterneurons = true };
        var plain = new double[w.Length];
        var scaled = new double[w.Length];
        model.Activity.Induce(model.AllPyramidal, model.AllInterneurons, model.FilteredInput, w, lms, 1.0, plain);
        model.Activity.Induce(model.AllPyramidal, model.AllInterneurons, model.FilteredInput, w, normalized, 1.0, scaled);

        // The hidden layer's rates, from its somatic potentials through the circuit's transfer, written out here.
        var phi = new LogisticActivation();
        var norm = 1.0 + model.PyramidalPotential(0).ToArray().Sum(u => phi.Value(u) * phi.Value(u));
        foreach (var kind in new[] { WeightClass.PyramidalToInterneuron, WeightClass.InterneuronBias })
        {
            var expected = w.Of(kind, 0, plain).ToArray().Select(v => v / norm).ToArray();
            var actual = w.Of(kind, 0, scaled).ToArray();
            Assert.True(expected.Any(v => v != 0), $"the interneurons must have an error to learn from ({kind})");
            for (var k = 0; k < expected.Length; k++)
            {
                Assert.Equal(expected[k], actual[k], 1e-15);
            }
        }

        // Every other class is untouched by the rule.
        foreach (var kind in new[] { WeightClass.Up, WeightClass.InterneuronToPyramidal })
        {
            Assert.Equal(w.Of(kind, 0, plain).ToArray(), w.Of(kind, 0, scaled).ToArray());
        }
    }
}
