using NeuroSim.Core.Neurons;
using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Tests.Microcircuit;

public sealed class BackpropEquivalenceTests
{
    private readonly ITestOutputHelper output;

    public BackpropEquivalenceTests(ITestOutputHelper output) => this.output = output;

    [Theory]
    [InlineData(0.8, 0.999)]
    [InlineData(0.2, 0.9999)]
    [InlineData(0.05, 0.9999)]
    public void At_the_nudged_fixed_point_with_symmetric_feedback_the_bottom_up_change_is_the_backprop_gradient(double conductance, double cosineBound)
    {
        var model = new MicrocircuitModel(Circuits.Spec(apical: conductance, somatic: conductance));
        var w = model.Weights;
        Circuits.Randomize(w, seed: 5);
        Transpose(w.Up(1), 10, 20, w.Down(0));
        w.SetSelfPredicting(model.Conductances);
        var input = Circuits.Pattern(30, 7);

        // The equivalence is first order in the nudge: the target sits 0.1 (in potential) around the free output,
        // the regime of a network that has started to learn. Far targets bend the rule by phi's curvature.
        model.Present(input);
        SteadyState.Relax(model);
        var target = Circuits.Pattern(10, 8, -0.1, 0.1);
        for (var i = 0; i < target.Length; i++)
        {
            target[i] += model.PyramidalPotential(1)[i];
        }

        model.Present(input, target);
        SteadyState.Relax(model);

        var induction = new double[w.Length];
        var all = new MicrocircuitRates([1.0, 1.0], [0.0], [0.0], [0.0]);
        model.Activity.Induce(model.AllPyramidal, model.AllInterneurons, model.FilteredInput, w, all, 1.0, induction);
        var (hidden, top) = BackpropGradient(w.Up(0).ToArray(), w.Up(1).ToArray(), input, target, model.Conductances);

        var cosHidden = Circuits.Cosine(w.Of(WeightClass.Up, 0, induction), hidden);
        var cosTop = Circuits.Cosine(w.Of(WeightClass.Up, 1, induction), top);
        output.WriteLine($"g_A = g_som = {conductance}: cos hidden {cosHidden:F6}, cos output {cosTop:F6}");
        Assert.True(cosHidden >= cosineBound, $"hidden cosine {cosHidden}");
        Assert.True(cosTop >= cosineBound, $"output cosine {cosTop}");
    }

    /// <summary>
    /// Plain backprop through the network the self-predicting circuit computes without a target:
    /// u1 = a_h W1 x, u2 = a_o W2 phi(u1); e2 = phi'(u2) (u_trgt - u2), e1 = phi'(u1) (W2^T e2).
    /// </summary>
    private static (double[] Hidden, double[] Output) BackpropGradient(double[] w1, double[] w2, double[] x, double[] target, Conductances g)
    {
        var phi = new LogisticActivation();
        var u1 = new double[20];
        var r1 = new double[20];
        for (var i = 0; i < 20; i++)
        {
            for (var j = 0; j < 30; j++)
            {
                u1[i] += w1[(i * 30) + j] * x[j];
            }

            u1[i] *= g.HiddenBasalAttenuation;
            r1[i] = phi.Value(u1[i]);
        }

        var e2 = new double[10];
        for (var i = 0; i < 10; i++)
        {
            var u2 = 0.0;
            for (var j = 0; j < 20; j++)
            {
                u2 += w2[(i * 20) + j] * r1[j];
            }

            u2 *= g.OutputBasalAttenuation;
            e2[i] = phi.Slope(u2) * (target[i] - u2);
        }

        var gradient2 = new double[10 * 20];
        var gradient1 = new double[20 * 30];
        for (var i = 0; i < 10; i++)
        {
            for (var j = 0; j < 20; j++)
            {
                gradient2[(i * 20) + j] = e2[i] * r1[j];
            }
        }

        for (var j = 0; j < 20; j++)
        {
            var back = 0.0;
            for (var i = 0; i < 10; i++)
            {
                back += w2[(i * 20) + j] * e2[i];
            }

            var e1 = phi.Slope(u1[j]) * back;
            for (var k = 0; k < 30; k++)
            {
                gradient1[(j * 30) + k] = e1 * x[k];
            }
        }

        return (gradient1, gradient2);
    }

    private static void Transpose(ReadOnlySpan<double> source, int rows, int columns, Span<double> destination)
    {
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                destination[(j * rows) + i] = source[(i * columns) + j];
            }
        }
    }
}
