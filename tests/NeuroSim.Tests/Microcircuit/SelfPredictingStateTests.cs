using NeuroSim.Core.Scheduling;
using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Tests.Microcircuit;

public sealed class SelfPredictingStateTests(ITestOutputHelper output)
{
    [Fact]
    public void With_analytic_self_predicting_weights_the_apical_potential_stays_at_machine_zero_at_every_step()
    {
        var model = new MicrocircuitModel(Circuits.Spec());
        Circuits.Randomize(model.Weights, seed: 3);
        model.Weights.SetSelfPredicting(model.Conductances);
        var scheduler = new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Coupled, DtMs = 0.1, Integrator = "euler" });
        var largest = 0.0;
        var largestRate = 0.0;
        for (var pattern = 0; pattern < 3; pattern++)
        {
            model.Present(Circuits.Pattern(30, (ulong)pattern + 10));
            for (var step = 0; step < 1000; step++)
            {
                scheduler.Advance(1);
                model.Observe();
                largest = Math.Max(largest, Circuits.SquaredNorm(model.Activity.Apical(0)));
                largestRate = Math.Max(largestRate, Circuits.SquaredNorm(model.Activity.PyramidalRate(1)));
            }
        }

        output.WriteLine($"max ||v_A||^2 over 3000 steps: {largest:E2}; max ||r_out||^2 {largestRate:F3}");
        Assert.True(largestRate > 0.1, "the output must be active for the test to mean anything");
        Assert.True(largest < 1e-28, $"max ||v_A||^2 over 3000 steps = {largest:E2}");
    }

    [Fact]
    public void Analytic_weights_for_a_hidden_layer_below_another_use_the_hidden_attenuation_ratio()
    {
        var weights = new MicrocircuitWeights([4, 5, 6, 3], biases: false);
        Circuits.Randomize(weights, seed: 1);
        var g = new Conductances();
        weights.SetSelfPredicting(g);

        // (1/1.9)(1.1/1) for the lower interneurons, (1/1.1)(1.1/1) = 1 for the top ones.
        Assert.Equal(weights.Up(1)[7] * (1.1 / 1.9), weights.PyramidalToInterneuron(0)[7], 14);
        Assert.Equal(weights.Up(2)[4], weights.PyramidalToInterneuron(1)[4], 14);
        Assert.Equal(-weights.Down(0)[2], weights.InterneuronToPyramidal(0)[2]);
    }
}
