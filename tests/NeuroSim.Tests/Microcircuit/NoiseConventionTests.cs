using NeuroSim.Core.Scheduling;
using NeuroSim.Files.Yaml;
using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Tests.Microcircuit;

/// <summary>
/// The somatic noise of the microcircuit: by default (no convention in the model file) Euler-Maruyama, sigma per sqrt(ms),
/// whose variance of a membrane potential does not depend on the step; per-step (the published reimplementations')
/// scales it with dt. Expected values from the discretised equations, tolerances from the sample size.
/// </summary>
public sealed class NoiseConventionTests(ITestOutputHelper output)
{
    private const double Sigma = 0.2;
    private const double G = 0.1; // g_lk + g_B of an output neuron
    private const int Outputs = 200;

    /// <summary>
    /// With every weight 0 and no plasticity an output soma is du/dt = -g u + sigma xi (g = g_lk + g_B = 0.1/ms), stepped by
    /// forward Euler with the noise added after each step: u &lt;- (1 - g dt) u + s N(0,1), stationary variance
    /// s^2 / (1 - (1 - g dt)^2). Euler-Maruyama (s = sigma sqrt(dt)) gives sigma^2 / (g (2 - g dt)): 0.2010 at dt = 0.1 ms and
    /// 0.2105 at 1 ms, both tending to sigma^2 / (2 g) = 0.2 as dt shrinks (the 5% between them is Euler's O(g dt) error,
    /// not the noise's scaling). Per-step (s = sigma dt) gives sigma^2 dt / (g (2 - g dt)): ten times smaller at 0.1 ms
    /// than at 1 ms.
    /// </summary>
    [Theory]
    [InlineData(0.1, null)]
    [InlineData(1.0, null)]
    [InlineData(0.1, "per-step")]
    [InlineData(1.0, "per-step")]
    public void The_default_noise_gives_a_membrane_potential_the_same_variance_at_any_step(double dtMs, string? convention)
    {
        var noise = convention is null ? $"{{sigma: {Sigma.ToString(CultureInfo.InvariantCulture)}}}" : $"{{sigma: {Sigma.ToString(CultureInfo.InvariantCulture)}, convention: {convention}}}";
        var text = $"""
            kind: microcircuit
            name: leaky somata
            layers: [1, 1, {Outputs}]
            conductances: {"{"}g_lk: 0.05, g_B: 0.05, g_A: 0.05, g_D: 0.05, g_som: 0.05{"}"}
            learning_rates: {"{"}up: 0, ip: 0, pi: 0, down: 0{"}"}
            noise: {noise}
            initial_weights: {"{"}scale: 0{"}"}
            scheduler: {"{"}mode: coupled, dt: {dtMs.ToString(CultureInfo.InvariantCulture)} ms{"}"}
            seed: 4
            """;
        var family = MicrocircuitModelFile.Read(SpecDocument.Parse(text, "model.yaml"), seedOverride: null);
        var model = (MicrocircuitModel)family.Model;
        Assert.Equal(convention is null ? NoiseConvention.EulerMaruyama : NoiseConvention.PerStep, model.Spec.Noise);
        var scheduler = new Scheduler(model, family.Scheduler);
        var stepsPerMs = (long)Math.Round(1 / dtMs);
        scheduler.Advance(100 * stepsPerMs);
        const int samples = 4000;
        var sumOfSquares = 0.0;
        for (var n = 0; n < samples; n++)
        {
            scheduler.Advance(stepsPerMs);
            foreach (var u in model.PyramidalPotential(1))
            {
                sumOfSquares += u * u;
            }
        }

        // The mean is 0 (nothing drives the somata), so the mean square estimates the variance. Samples 1 ms apart are
        // AR(1) with a = (1 - g dt)^(1 ms / dt) ~ 0.90; the estimate's relative standard error from n samples is
        // sqrt(2 (1 + a^2) / ((1 - a^2) n)) = 0.5% here, and the tolerance is 5 of them.
        var perStepScale = convention is null ? Math.Sqrt(dtMs) : dtMs;
        var s = Sigma * perStepScale;
        var expected = s * s / (1 - Math.Pow(1 - (G * dtMs), 2));
        var a = Math.Pow(1 - (G * dtMs), stepsPerMs);
        var relativeError = Math.Sqrt(2 * (1 + (a * a)) / ((1 - (a * a)) * Outputs * samples));
        var measured = sumOfSquares / (Outputs * samples);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dt {dtMs} ms, {convention ?? "default"}: variance {measured:F5}, expected {expected:F5} (ratio {measured / expected:F4}, standard error {relativeError:P2}); continuous-time limit of euler-maruyama {Sigma * Sigma / (2 * G):F5}"));
        Assert.Equal(1.0, measured / expected, 5 * relativeError);

        if (convention is null)
        {
            // Within Euler's O(g dt) of the continuous-time limit sigma^2 / (2 g), whatever the step.
            Assert.Equal(1.0, measured / (Sigma * Sigma / (2 * G)), (G * dtMs / 2) + (5 * relativeError));
        }
    }
}
