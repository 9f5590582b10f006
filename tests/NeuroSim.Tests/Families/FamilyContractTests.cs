using NeuroSim.Experiments;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Families;

namespace NeuroSim.Tests.Families;

/// <summary>A family defined only in the test project runs through the run path of `neurosim run`: files, protocol, monitors, drives, its own action, checkpoints, results.</summary>
public sealed class FamilyContractTests
{
    private const string Model = """
        kind: leaky-test
        name: three leaky units
        size: 3
        tau: 20 ms
        dt: 0.5 ms
        """;

    private const string Protocol = """
        name: step response
        timeline:
          - clamp_input: {group: n, values: [0.8, -0.4, 0.0]}
          - drive: {pool: current, neurons: [n:2], waveform: step, amplitude: 0.5, duration: 30 ms}
          - run: 60 ms
          - reset: 0.25
          - run: 10 ms
        monitors:
          - {name: x, variables: [x], neurons: [n], every: 0.5 ms}
        """;

    private static readonly ModelFamilies Families = new(new BalanceCreditFamily(), new LeakyUnitFamily());

    [Fact]
    public void A_family_defined_in_the_tests_runs_and_matches_the_analytic_step_response()
    {
        using var temp = new TempFolder();
        var outcome = Run(temp, temp.Combine("r"));
        Assert.Equal("complete", outcome.Status);

        // x(t) = L (1 - e^(-t/tau)) while the level L is on; unit 2 sees the drive 0.5 for 30 ms, then relaxes to 0.
        var (header, rows) = CsvFiles.ReadNumbers(temp.Combine("r", "monitors", "x.csv"));
        Assert.Equal(["time_ms", "x[n:0]", "x[n:1]", "x[n:2]"], header);
        foreach (var row in rows.Where(r => r[0] <= 60))
        {
            var t = row[0];
            var decay = Math.Exp(-t / 20);
            var unit2 = t <= 30 ? 0.5 * (1 - decay) : 0.5 * (1 - Math.Exp(-30.0 / 20)) * Math.Exp(-(t - 30) / 20);
            Assert.Equal(0.8 * (1 - decay), row[1], 1e-12);
            Assert.Equal(-0.4 * (1 - decay), row[2], 1e-12);
            Assert.Equal(unit2, row[3], 1e-12);
        }

        // The family's own action: every x set to 0.25 at 60 ms, then relaxing towards its level again.
        var after = rows.Last();
        Assert.Equal(70, after[0]);
        Assert.Equal(0.8 + ((0.25 - 0.8) * Math.Exp(-10.0 / 20)), after[1], 1e-12);
        Assert.Contains(File.ReadLines(temp.Combine("r", "epochs.csv")), l => l.EndsWith(",reset,0.25", StringComparison.Ordinal));

        // Its result file and results.
        Assert.Equal(after[1..], File.ReadAllLines(temp.Combine("r", "final.csv")).Select(v => double.Parse(v, CultureInfo.InvariantCulture)));
        Assert.Contains("\"mean_x\"", File.ReadAllText(temp.Combine("r", "manifest.json")), StringComparison.Ordinal);
        Assert.Contains("\"model_kind\": \"leaky-test\"", File.ReadAllText(temp.Combine("r", "manifest.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_test_familys_checkpoint_resumes_byte_identical()
    {
        using var temp = new TempFolder();
        Run(temp, temp.Combine("whole"));
        var aborted = Run(temp, temp.Combine("cut"), checkpointSteps: 25, abortAfter: 90);
        Assert.Equal("aborted", aborted.Status);
        var resumed = Run(temp, temp.Combine("cut"), resume: true);
        Assert.Equal("complete", resumed.Status);
        foreach (var file in new[] { "monitors/x.csv", "epochs.csv", "final.csv" })
        {
            Assert.Equal(File.ReadAllBytes(temp.Combine("whole", file)), File.ReadAllBytes(temp.Combine("cut", file)));
        }
    }

    [Fact]
    public void Unknown_kinds_names_and_actions_of_a_family_are_refused_with_one_line()
    {
        using var temp = new TempFolder();
        var model = temp.File("model.yaml", Model);
        var protocol = temp.File("protocol.yaml", Protocol);

        // The standard registry does not know the test family.
        var (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", temp.Combine("r"));
        Assert.Equal(2, code);
        Assert.Equal($"neurosim: error: {model}:1:7: kind: unknown model kind 'leaky-test'; valid: {string.Join(", ", ModelFamilies.Standard.Kinds)}\n", stderr);

        // A balance-credit action on this family, and a variable it does not have.
        var prune = temp.File("prune.yaml", Protocol.Replace("  - reset: 0.25", "  - prune: {fraction: 0.5}", StringComparison.Ordinal));
        var e = Assert.Throws<NeuroSim.Files.Yaml.SpecException>(() => ExperimentRunner.Prepare(new RunRequest(model, prune, temp.Combine("r")), Families));
        Assert.Equal("action 'prune' is not available for models of kind 'leaky-test'", e.Detail);
        var voltage = temp.File("voltage.yaml", Protocol.Replace("variables: [x]", "variables: [v]", StringComparison.Ordinal));
        e = Assert.Throws<NeuroSim.Files.Yaml.SpecException>(() => ExperimentRunner.Prepare(new RunRequest(model, voltage, temp.Combine("r")), Families));
        Assert.Equal("unknown variable 'v'; valid: x", e.Detail);

        // The family's action is unknown to a balance-credit model file.
        var balance = temp.File("bc.yaml", MalformedFilesTestsModel());
        e = Assert.Throws<NeuroSim.Files.Yaml.SpecException>(() => ExperimentRunner.Prepare(new RunRequest(balance, protocol, temp.Combine("r")), Families));
        Assert.StartsWith("unknown action 'reset'; valid: run, present", e.Detail, StringComparison.Ordinal);
    }

    private static string MalformedFilesTestsModel() => NeuroSim.Tests.Files.MalformedFilesTests.BaseModel.Replace("{name: in, size: 2}", "{name: n, size: 3}", StringComparison.Ordinal).Replace("{from: in, to: hidden}", "{from: n, to: hidden}", StringComparison.Ordinal).Replace("input: [in]", "input: [n]", StringComparison.Ordinal);

    private static RunOutcome Run(TempFolder temp, string outDir, long checkpointSteps = 0, long? abortAfter = null, bool resume = false)
    {
        var model = temp.File("model.yaml", Model);
        var protocol = temp.File("protocol.yaml", Protocol);
        var request = new RunRequest(model, protocol, outDir) { CheckpointEverySteps = checkpointSteps, AbortAfterSteps = abortAfter, Resume = resume, CheckpointEverySeconds = 0 };
        return ExperimentRunner.Execute(ExperimentRunner.Prepare(request, Families));
    }
}
