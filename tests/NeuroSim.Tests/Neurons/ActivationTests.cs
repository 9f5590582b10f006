using NeuroSim.Core.Neurons;

namespace NeuroSim.Tests.Neurons;

public sealed class ActivationTests
{
    // Central difference with h = 1e-5 on functions with bounded third derivative: error ~1e-10.
    private const double SlopeTolerance = 1e-8;

    public static TheoryData<string> Names => [.. Activations.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Slope_equals_the_central_difference_of_the_value(string name)
    {
        var activation = Activations.Create(name);
        const double h = 1e-5;
        for (var s = -6.0; s <= 6.0; s += 0.37)
        {
            var numeric = (activation.Value(s + h) - activation.Value(s - h)) / (2 * h);
            Assert.Equal(numeric, activation.Slope(s), SlopeTolerance);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Span_kernels_equal_the_closed_forms_and_stay_finite_far_out(string name)
    {
        // Written out here, independently of the kernels; the stable forms keep |s| = 800 finite.
        Func<double, (double Value, double Slope)> closed = name switch
        {
            "tanh" => s => (Math.Tanh(s), 1 - (Math.Tanh(s) * Math.Tanh(s))),
            "logistic" => s => (1 / (1 + Math.Exp(-s)), Math.Exp(-Math.Abs(s)) / Math.Pow(1 + Math.Exp(-Math.Abs(s)), 2)),
            "softplus" => s => (Math.Max(s, 0) + Math.Log(1 + Math.Exp(-Math.Abs(s))), 1 / (1 + Math.Exp(-s))),
            "linear" => s => (s, 1),
            "scaled-softplus" => s => (0.1 * (Math.Max(s - 3, 0) + Math.Log(1 + Math.Exp(-Math.Abs(s - 3)))), 0.1 / (1 + Math.Exp(3 - s))),
            _ => throw new InvalidOperationException($"no closed form written for '{name}': add one"),
        };
        var activation = Activations.Create(name);
        double[] s = [-800, -3, -0.5, 0, 0.25, 2, 800];
        var x = new double[s.Length];
        var d = new double[s.Length];
        activation.Apply(s, x);
        activation.ApplySlope(s, d);
        for (var k = 0; k < s.Length; k++)
        {
            var (value, slope) = closed(s[k]);
            Assert.Equal(value, x[k], 1e-14);
            Assert.Equal(slope, d[k], 1e-14);
            Assert.True(double.IsFinite(x[k]) && double.IsFinite(d[k]), $"{name} overflows at s = {s[k]}");
        }
    }

    [Fact]
    public void Known_values_hold()
    {
        Assert.Equal(Math.Log(2), Activations.Create("softplus").Value(0), 15);
        Assert.Equal(0.25, Activations.Create("logistic").Slope(0), 15);
        Assert.Equal(1.0, Activations.Create("tanh").Slope(0), 15);
        Assert.Equal(0.1 * Math.Log(2), Activations.Create("scaled-softplus").Value(3), 15);
        Assert.Equal(Activations.Create("logistic").Value(1.3), Activations.Create("sigmoid").Value(1.3));
    }

    [Fact]
    public void Unknown_activation_lists_the_valid_names()
    {
        var error = Assert.Throws<ArgumentException>(() => Activations.Create("relu6"));
        Assert.StartsWith("unknown activation 'relu6'; valid: tanh, logistic, softplus, linear", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gaussian_balance_peaks_at_the_set_point_and_falls_to_exp_minus_half_one_width_away()
    {
        var f = new GaussianBalance(setPoint: 0.4, width: 0.5, peak: 2.0);
        Assert.Equal(2.0, f.Value(0.4), 15);
        Assert.Equal(2.0 * Math.Exp(-0.5), f.Value(0.9), 15);
        Assert.Equal(f.Value(-0.1), f.Value(0.9), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianBalance(0, -1));
    }
}
