using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Tests.Microcircuit;

public sealed class SteadyStateSchemeTests
{
    private readonly ITestOutputHelper output;

    public SteadyStateSchemeTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void The_two_step_error_against_the_exact_steady_state_shrinks_as_the_apical_conductance_goes_to_zero()
    {
        double[][] settings = [[0.8, 0.8], [0.3, 0.12], [0.02, 0.02]];
        var errors = settings.Select(s => TwoStepError(s[0], s[1], passes: 1)).ToArray();
        for (var k = 0; k < settings.Length; k++)
        {
            output.WriteLine($"g_A {settings[k][0]}, g_som {settings[k][1]}: max |error| hidden {errors[k].Hidden:E2}, output {errors[k].Output:E2}");
        }

        Assert.True(errors[0].Hidden > errors[1].Hidden && errors[1].Hidden > errors[2].Hidden);
        Assert.True(errors[0].Output > errors[1].Output && errors[1].Output > errors[2].Output);
        Assert.True(errors[2].Hidden < 1e-6 && errors[2].Output < 1e-3);
    }

    [Fact]
    public void Repeated_sweeps_converge_to_the_exact_steady_state()
    {
        var one = TwoStepError(0.8, 0.8, passes: 1);
        var many = TwoStepError(0.8, 0.8, passes: 60);
        output.WriteLine($"1 pass: {one.Output:E2}; 60 passes: {many.Output:E2}");
        Assert.True(many.Hidden < 1e-11 && many.Output < 1e-11, $"{many}");
    }

    private static (double Hidden, double Output) TwoStepError(double apical, double somatic, int passes)
    {
        var spec = Circuits.Spec(apical, somatic);
        var model = new MicrocircuitModel(spec);
        Circuits.Randomize(model.Weights, seed: 11);
        model.Weights.SetSelfPredicting(model.Conductances);
        var input = Circuits.Pattern(30, 12);
        var target = Circuits.Pattern(10, 13, -1.0, 1.0);
        model.Present(input, target);
        SteadyState.Relax(model);

        var scheme = new SteadyStateScheme(spec, model.Weights);
        scheme.Settle(input, target, passes);
        return (MaxDifference(scheme.Pyramidal(0), model.PyramidalPotential(0)), MaxDifference(scheme.Output, model.PyramidalPotential(1)));
    }

    private static double MaxDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var largest = 0.0;
        for (var k = 0; k < a.Length; k++)
        {
            largest = Math.Max(largest, Math.Abs(a[k] - b[k]));
        }

        return largest;
    }
}
