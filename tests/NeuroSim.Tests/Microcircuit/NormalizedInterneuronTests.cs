using NeuroSim.Core.Neurons;
using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Tests.Microcircuit;

/// <summary>The normalised-LMS interneuron rule: the paper's W^IP induction divided by |r|^2 + 1 of the presynaptic rates.</summary>
public sealed class NormalizedInterneuronTests
{
    [Fact]
    public void Normalized_interneuron_induction_is_the_lms_induction_over_the_squared_norm_of_rates_and_bias()
    {
        var model = NudgedSteadyState();
        var w = model.Weights;
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

    [Fact]
    public void Centered_induction_moves_along_rates_minus_their_mean_and_changes_the_prediction_as_the_normalized_one()
    {
        var model = NudgedSteadyState();
        var w = model.Weights;
        var lms = new MicrocircuitRates([1.0, 1.0], [1.0], [1.0], [0.0]);
        var normalized = lms with { NormalizedInterneurons = true };
        var centered = normalized with { CenteredInterneurons = true };
        var phi = new LogisticActivation();
        var r = model.PyramidalPotential(0).ToArray().Select(phi.Value).ToArray();
        var mean = Circuits.Pattern(r.Length + 10, 9, 0.2, 0.6); // hidden layer's reference, then the output layer's (unused)
        model.Activity.InterneuronPresynapticMean = mean;
        var plain = new double[w.Length];
        var byNorm = new double[w.Length];
        var byCentre = new double[w.Length];
        model.Activity.Induce(model.AllPyramidal, model.AllInterneurons, model.FilteredInput, w, lms, 1.0, plain);
        model.Activity.Induce(model.AllPyramidal, model.AllInterneurons, model.FilteredInput, w, normalized, 1.0, byNorm);
        model.Activity.Induce(model.AllPyramidal, model.AllInterneurons, model.FilteredInput, w, centered, 1.0, byCentre);

        // The plain LMS induction of interneuron i is e_i r (weights) and e_i (bias): read e from the bias block.
        var e = w.Of(WeightClass.InterneuronBias, 0, plain).ToArray();
        var d = r.Select((v, j) => v - mean[j]).ToArray();
        var norm = 1.0 + d.Sum(v => v * v);
        var biasFactor = 1.0 - d.Select((v, j) => v * mean[j]).Sum();
        var weights = w.Of(WeightClass.PyramidalToInterneuron, 0, byCentre).ToArray();
        var biases = w.Of(WeightClass.InterneuronBias, 0, byCentre).ToArray();
        for (var i = 0; i < e.Length; i++)
        {
            Assert.Equal(e[i] * biasFactor / norm, biases[i], 1e-15);
            for (var j = 0; j < r.Length; j++)
            {
                Assert.Equal(e[i] * d[j] / norm, weights[(i * r.Length) + j], 1e-15);
            }
        }

        // Both rules change this example's interneuron prediction (W r + b) by e_i: at unit rate each corrects the whole
        // error of the example, along different directions.
        var normWeights = w.Of(WeightClass.PyramidalToInterneuron, 0, byNorm).ToArray();
        var normBiases = w.Of(WeightClass.InterneuronBias, 0, byNorm).ToArray();
        for (var i = 0; i < e.Length; i++)
        {
            var centredChange = biases[i] + r.Select((v, j) => weights[(i * r.Length) + j] * v).Sum();
            var normalizedChange = normBiases[i] + r.Select((v, j) => normWeights[(i * r.Length) + j] * v).Sum();
            Assert.Equal(e[i], centredChange, 1e-12);
            Assert.Equal(e[i], normalizedChange, 1e-12);
        }

        Assert.Equal(w.Of(WeightClass.Up, 0, byNorm).ToArray(), w.Of(WeightClass.Up, 0, byCentre).ToArray());
    }

    /// <summary>A 30-20-10 circuit with random weights and biases at its steady state, nudged toward a target (so every class has an error to learn from).</summary>
    private static MicrocircuitModel NudgedSteadyState()
    {
        var model = new MicrocircuitModel(Circuits.Spec(apical: 0.471, somatic: 0.12) with { Biases = true });
        Circuits.Randomize(model.Weights, seed: 7);
        model.Present(Circuits.Pattern(30, 3), Circuits.Pattern(10, 4, -0.5, 0.5));
        SteadyState.Relax(model);
        return model;
    }
}
