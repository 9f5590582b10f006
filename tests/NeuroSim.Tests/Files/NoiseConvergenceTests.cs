using System.Text;
using NeuroSim.Core.Randomness;
using NeuroSim.Experiments;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Families;
using NeuroSim.Models.Protocols;
using NeuroSim.Tests.Families;

namespace NeuroSim.Tests.Files;

/// <summary>
/// Noise drives that converge: white noise of intensity std per sqrt(ms) (held over a step of h ms as std/sqrt(h) times a
/// standard normal) gives a leaky integrator the same variance at any step, and an Ornstein-Uhlenbeck drive starts in its
/// stationary state. Every expected value is worked out here from the equations, every tolerance from the sample size.
/// </summary>
public sealed class NoiseConvergenceTests(ITestOutputHelper output)
{
    private const double Std = 0.5;
    private const double TauMs = 10;
    private const int Independent = 200;
    private const int SharedPairs = 100;

    private static readonly ModelFamilies Families = new(new BalanceCreditFamily(), new LeakyUnitFamily());

    /// <summary>
    /// tau dy/dt = -y + xi(t), xi white of intensity sigma per sqrt(ms): Var y = sigma^2 / (2 tau) = 0.0125 in the
    /// continuous-time limit. The leaky units integrate a held drive exactly (exp-euler), so at a step h the stationary
    /// variance is (sigma^2 / h) tanh(h / 2 tau): 0.0125 x 0.99999 at h = 0.1 ms and 0.0125 x 0.99917 at 1 ms, i.e. the
    /// same to 0.1%. Before the change std was per step (variance 10 times smaller at 0.1 ms than at 1 ms); that is
    /// still there with convention: per-step, whose variance sigma^2 tanh(h / 2 tau) is checked too.
    /// </summary>
    [Theory]
    [InlineData(0.1)]
    [InlineData(1.0)]
    public void White_noise_gives_a_leaky_integrator_the_variance_of_its_continuous_time_limit_at_any_step(double dtMs)
    {
        using var temp = new TempFolder();
        var size = Independent + (2 * SharedPairs) + Independent;
        var model = temp.File("model.yaml", Invariant($"kind: leaky-test\nname: leaky integrators\nsize: {size}\ntau: {TauMs} ms\ndt: {dtMs} ms\n"));

        // Units 0-199: one process each; 200-399: 100 drives of one value shared by a pair (the shared path, 100
        // independent processes); 400-599: one process each, per-step convention.
        var protocol = new StringBuilder("name: white\ntimeline:\n");
        protocol.Append(Invariant($"  - drive: {{pool: current, neurons: [\"n:0-{Independent - 1}\"], waveform: noise, std: {Std}, independent: true}}\n"));
        for (var k = 0; k < SharedPairs; k++)
        {
            var first = Independent + (2 * k);
            protocol.Append(Invariant($"  - drive: {{pool: current, neurons: [\"n:{first}-{first + 1}\"], waveform: noise, std: {Std}}}\n"));
        }

        protocol.Append(Invariant($"  - drive: {{pool: current, neurons: [\"n:{size - Independent}-{size - 1}\"], waveform: noise, std: {Std}, independent: true, convention: per-step}}\n"));
        const double burnInMs = 100;
        const double sampledMs = 5000;
        protocol.Append(Invariant($"  - run: {burnInMs + sampledMs} ms\n"));

        var run = ExperimentRunner.Prepare(new RunRequest(model, temp.File("protocol.yaml", protocol.ToString()), temp.Combine("out")), Families);
        using var runner = new ProtocolRunner(run.Model, run.Scheduler, run.Program, new SeededRandom(run.Model.StimulusSeed(run.Seed)), run.Monitors);
        double independent = 0, shared = 0, perStep = 0;
        var samples = 0;
        var stepsPerMs = (long)Math.Round(1 / dtMs);
        for (var t = burnInMs; t < burnInMs + sampledMs; t++)
        {
            runner.Run(untilStep: (long)Math.Round(t) * stepsPerMs);
            var y = run.Model.State;
            for (var k = 0; k < Independent; k++)
            {
                independent += y[k] * y[k];
                perStep += y[size - Independent + k] * y[size - Independent + k];
            }

            for (var k = 0; k < SharedPairs; k++)
            {
                var first = Independent + (2 * k);
                Assert.Equal(y[first], y[first + 1]);
                shared += y[first] * y[first];
            }

            samples++;
        }

        // Mean 0 is known, so the mean square estimates the variance. Samples 1 ms apart are correlated (AR(1),
        // a = e^(-1 ms / tau)): the relative standard error of the estimate from n samples is sqrt(2 (1 + a^2) / ((1 - a^2) n)),
        // here 0.45% (200 processes) and 0.63% (100); 3% is more than 4.7 standard errors.
        var a = Math.Exp(-1 / TauMs);
        double RelativeError(int processes) => Math.Sqrt(2 * (1 + (a * a)) / ((1 - (a * a)) * processes * samples));
        Assert.True(4.7 * RelativeError(SharedPairs) < 0.03, "the tolerance covers 4.7 standard errors");

        var continuum = Std * Std / (2 * TauMs);
        var perStepExpected = Std * Std * Math.Tanh(dtMs / (2 * TauMs));
        output.WriteLine(Invariant($"dt {dtMs} ms: variance / (sigma^2 / 2 tau): independent {independent / (Independent * samples) / continuum:F4}, shared {shared / (SharedPairs * samples) / continuum:F4}; per-step / sigma^2 tanh(dt / 2 tau) {perStep / (Independent * samples) / perStepExpected:F4} (standard errors {RelativeError(Independent):P2}, {RelativeError(SharedPairs):P2})"));
        Assert.Equal(1.0, independent / (Independent * samples) / continuum, 0.03);
        Assert.Equal(1.0, shared / (SharedPairs * samples) / continuum, 0.03);
        Assert.Equal(1.0, perStep / (Independent * samples) / perStepExpected, 0.03);
    }

    /// <summary>
    /// An Ornstein-Uhlenbeck drive (std 0.5, correlation 20 ms, mean 0.3) has its stationary mean and variance from its
    /// first step on (it started at 0 before: variance 0.25 (1 - e^(-2 dt / T)) = 0.024 at the first step), and its exact
    /// update keeps it there, with autocorrelation e^(-20 ms / T) after 20 ms; 10,000 independent processes and 4,000
    /// drives of one shared value each.
    /// </summary>
    [Fact]
    public void An_Ornstein_Uhlenbeck_drive_starts_in_its_stationary_distribution()
    {
        const int neurons = 10_000;
        const int sharedDrives = 4_000;
        using var temp = new TempFolder();
        var model = temp.File("model.yaml", InputlessModel(neurons, "{mode: multirate, dt: 1 ms}"));
        var protocol = new StringBuilder("name: ou\ntimeline:\n");
        protocol.Append("  - drive: {pool: excitatory, neurons: [a], waveform: noise, mean: 0.3, std: 0.5, correlation: 20 ms, independent: true}\n");
        for (var k = 0; k < sharedDrives; k++)
        {
            protocol.Append(Invariant($"  - drive: {{pool: inhibitory, neurons: [\"a:{k}\"], waveform: noise, mean: 0.3, std: 0.5, correlation: 20 ms}}\n"));
        }

        protocol.Append("  - run: 30 ms\n");
        var run = ExperimentRunner.Prepare(new RunRequest(model, temp.File("protocol.yaml", protocol.ToString()), temp.Combine("out")), Families);
        using var runner = new ProtocolRunner(run.Model, run.Scheduler, run.Program, new SeededRandom(run.Model.StimulusSeed(run.Seed)), run.Monitors);
        var excitatory = run.Model.DrivePools.ToList().IndexOf("excitatory");
        var inhibitory = run.Model.DrivePools.ToList().IndexOf("inhibitory");

        // Run(untilStep: 0) evaluates the drives of the first step without taking it; after Run(untilStep: 21) they hold
        // the values of step 20 (the last step taken).
        runner.Run(untilStep: 0);
        var first = run.Model.DriveOf(excitatory).ToArray();
        var firstShared = run.Model.DriveOf(inhibitory)[..sharedDrives].ToArray();
        runner.Run(untilStep: 21);
        var later = run.Model.DriveOf(excitatory).ToArray();

        output.WriteLine(Invariant($"first step: mean {first.Average():F4}, variance {Variance(first):F4} (shared drives {Variance(firstShared):F4}); step 20: variance {Variance(later):F4}, correlation with the first {Correlation(first, later):F4} (e^-1 = {Math.Exp(-1):F4})"));

        // Standard errors: mean 0.5/sqrt(n) = 0.005, variance 0.25 sqrt(2/n) = 0.0035 (n = 10,000) and 0.0056 (n = 4,000),
        // correlation (1 - rho^2)/sqrt(n) = 0.0086; each tolerance is more than 4 of them.
        Assert.Equal(0.3, first.Average(), 0.02);
        Assert.Equal(0.25, Variance(first), 0.015);
        Assert.Equal(0.25, Variance(firstShared), 0.025);
        Assert.Equal(0.25, Variance(later), 0.015);
        Assert.Equal(Math.Exp(-1), Correlation(first, later), 0.035);
    }

    /// <summary>
    /// In adiabatic mode one presentation is one step of the schedule: white noise is held over the whole window (50 ms:
    /// variance 0.25 / 50, not 0.25 / dt), and an Ornstein-Uhlenbeck drive advances by the window between two
    /// presentations (autocorrelation e^(-50 ms / 50 ms), not e^(-1 ms / 50 ms) as when it advanced one base step).
    /// </summary>
    [Fact]
    public void In_adiabatic_mode_drives_are_held_over_the_presented_window()
    {
        const int neurons = 10_000;
        using var temp = new TempFolder();
        var model = temp.File("model.yaml", InputlessModel(neurons, "{mode: adiabatic, dt: 1 ms}"));
        const string protocol = """
            name: windows
            timeline:
              - drive: {pool: excitatory, neurons: [a], waveform: noise, std: 0.5, independent: true}
              - drive: {pool: inhibitory, neurons: [a], waveform: noise, std: 0.5, correlation: 50 ms, independent: true}
              - run: 50 ms
              - run: 50 ms
            """;
        var run = ExperimentRunner.Prepare(new RunRequest(model, temp.File("protocol.yaml", protocol), temp.Combine("out")), Families);
        using var runner = new ProtocolRunner(run.Model, run.Scheduler, run.Program, new SeededRandom(run.Model.StimulusSeed(run.Seed)), run.Monitors);
        var excitatory = run.Model.DrivePools.ToList().IndexOf("excitatory");
        var inhibitory = run.Model.DrivePools.ToList().IndexOf("inhibitory");
        runner.Run(untilStep: 1);
        var (white1, ou1) = (run.Model.DriveOf(excitatory).ToArray(), run.Model.DriveOf(inhibitory).ToArray());
        runner.Run(untilStep: 51);
        var (white2, ou2) = (run.Model.DriveOf(excitatory).ToArray(), run.Model.DriveOf(inhibitory).ToArray());

        output.WriteLine(Invariant($"white: variance x 50 ms {Variance(white1) * 50:F4}, {Variance(white2) * 50:F4}, correlation across windows {Correlation(white1, white2):F4}; OU: variance {Variance(ou2):F4}, correlation across windows {Correlation(ou1, ou2):F4}"));

        // Standard errors over 10,000 neurons: variance 1.4% of its value, correlation 0.01 (0) and 0.0086 (e^-1).
        Assert.Equal(1.0, Variance(white1) / (0.25 / 50), 0.06);
        Assert.Equal(1.0, Variance(white2) / (0.25 / 50), 0.06);
        Assert.Equal(0.0, Correlation(white1, white2), 0.045);
        Assert.Equal(0.25, Variance(ou2), 0.015);
        Assert.Equal(Math.Exp(-1), Correlation(ou1, ou2), 0.035);
    }

    /// <summary>
    /// protocols/fig4-algorithm1.yaml (scheduler mode iterated, dt = 1 ms) keeps its numbers bit for bit: at dt = 1 ms
    /// std / sqrt(1 ms) is std exactly, so the default convention draws what per-step draws, which is Algorithm 1's
    /// per-iteration noise of std 0.3.
    /// </summary>
    [Fact]
    public void At_one_millisecond_white_noise_per_sqrt_ms_is_bit_for_bit_the_per_step_noise_of_Algorithm_1()
    {
        var root = CliRunner.RepositoryRoot();
        using var temp = new TempFolder();
        var shipped = File.ReadAllText(Path.Combine(root, "protocols", "fig4-algorithm1.yaml"));
        Assert.Equal(2, CountOf(shipped, "waveform: noise, std: 0.3, independent: true}"));
        var perStep = temp.File("per-step.yaml", shipped
            .Replace("../models/", Path.Combine(root, "models") + "/", StringComparison.Ordinal)
            .Replace("independent: true}", "independent: true, convention: per-step}", StringComparison.Ordinal));
        var model = Path.Combine(root, "models", "fig4-algorithm1.yaml");
        var a = RunToEnd(model, Path.Combine(root, "protocols", "fig4-algorithm1.yaml"), temp.Combine("a"));
        var b = RunToEnd(model, perStep, temp.Combine("b"));
        Assert.Equal(a, b);
    }

    private static double[] RunToEnd(string model, string protocol, string folder)
    {
        var run = ExperimentRunner.Prepare(new RunRequest(model, protocol, folder) { Overrides = [KeyValuePair.Create("protocol.timeline[2].repeat.times", "40")] });
        using (var runner = new ProtocolRunner(run.Model, run.Scheduler, run.Program, new SeededRandom(run.Model.StimulusSeed(run.Seed)), run.Monitors))
        {
            runner.OpenOutputs(folder);
            runner.Run();
        }

        return run.Model.State.ToArray();
    }

    private static string InputlessModel(int neurons, string scheduler) => Invariant($$"""
        name: isolated
        citation: test
        network:
          groups:
            - {name: a, size: {{neurons}}}
        neurons: {activation: tanh}
        timescales: {firing: 10 ms, credit: 100 ms, plasticity: 1 s}
        scheduler: {{scheduler}}
        """);

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private static double Variance(double[] values)
    {
        var mean = values.Average();
        return values.Select(v => (v - mean) * (v - mean)).Average();
    }

    private static double Correlation(double[] x, double[] y)
    {
        var (mx, my) = (x.Average(), y.Average());
        var covariance = x.Zip(y, (p, q) => (p - mx) * (q - my)).Average();
        return covariance / Math.Sqrt(Variance(x) * Variance(y));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
