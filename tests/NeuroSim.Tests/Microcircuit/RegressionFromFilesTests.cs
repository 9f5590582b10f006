using NeuroSim.Analysis.Microcircuit.Continuous.Regression;
using NeuroSim.Core.Randomness;
using NeuroSim.Files.Yaml;
using NeuroSim.Models.Microcircuit;
using NeuroSim.Models.Protocols;

namespace NeuroSim.Tests.Microcircuit;

/// <summary>Paper Fig. 2 as files: models/microcircuit-regression(-shallow).yaml with protocols/microcircuit-regression.yaml against `neurosim microcircuit regression`.</summary>
public sealed class RegressionFromFilesTests
{
    private const string Data = """
        name: p
        data:
          train: {generate: teacher, activation: soft-relu, sizes: [30, 20, 10], gains: [2, 10], weights: uniform, split: train, skip: 3, count: 5, seed: 7}
        timeline:
          - run: 1 ms
        """;

    private const string SmallModel = """
        kind: microcircuit
        name: small
        layers: [4, 5, 3]
        transfer: soft-relu
        learning_rates: {up: [0, 5e-3], ip: [0], pi: [0], down: [0]}
        noise: {sigma: 0.3}
        scheduler: {mode: coupled, dt: 0.1 ms}
        seed: 2
        """;

    /// <summary>A plain re-implementation of the teacher: weights W10 then W21 row-major from stream 4 of the seed, inputs from stream 2 (train), phi the scaled soft-ReLU.</summary>
    [Fact]
    public void The_soft_relu_teacher_generator_gives_the_teacher_rates_of_the_seed()
    {
        var (spec, _) = ProtocolFile.Read(SpecDocument.Parse(Data, "protocol.yaml"));
        var data = spec.Data["train"];
        var weights = Seeds.Random(7, SeedStreams.TeacherWeights);
        var w10 = Enumerable.Range(0, 20 * 30).Select(_ => weights.NextUniform(-1, 1)).ToArray();
        var w21 = Enumerable.Range(0, 10 * 20).Select(_ => weights.NextUniform(-1, 1)).ToArray();
        var inputs = Seeds.Random(7, SeedStreams.TrainingInputs);
        static double Phi(double u) => 0.1 * Math.Log(1 + Math.Exp(u - 3));
        Assert.Equal(5, data.Count);
        for (var n = 0; n < 8; n++)
        {
            var x = Enumerable.Range(0, 30).Select(_ => inputs.NextUniform(-1, 1)).ToArray();
            if (n < 3)
            {
                continue;
            }

            var hidden = Enumerable.Range(0, 20).Select(i => Phi(2 * Enumerable.Range(0, 30).Sum(j => w10[(i * 30) + j] * x[j]))).ToArray();
            var rates = Enumerable.Range(0, 10).Select(i => Phi(10 * Enumerable.Range(0, 20).Sum(j => w21[(i * 20) + j] * hidden[j]))).ToArray();
            Assert.Equal(x, data.Inputs[n - 3]);
            for (var k = 0; k < 10; k++)
            {
                Assert.Equal(rates[k], data.Targets[n - 3][k], 1e-15);
            }
        }

        // targets: potential gives phi^-1 of the same rates.
        var (potentialSpec, _) = ProtocolFile.Read(SpecDocument.Parse(Data.Replace("seed: 7}", "seed: 7, targets: potential}", StringComparison.Ordinal), "protocol.yaml"));
        var potentials = potentialSpec.Data["train"];
        for (var n = 0; n < 5; n++)
        {
            for (var k = 0; k < 10; k++)
            {
                Assert.Equal(data.Targets[n][k], Phi(potentials.Targets[n][k]), 1e-12);
            }
        }
    }

    /// <summary>
    /// `neurosim microcircuit regression` runs the shipped files with --set: each learner's folder is byte for byte
    /// `neurosim run` of the repository's files with the same overrides. (Until commit 5815d4b the command had its own
    /// loop; these files reproduced its weights exactly and its test errors to 1e-9 relative, the difference being that
    /// it settled each test pattern by relaxation while the file holds it for 100 ms through the input filter.)
    /// </summary>
    [Fact]
    public void The_regression_command_is_neurosim_run_of_the_shipped_files()
    {
        using var temp = new TempFolder();
        var root = CliRunner.RepositoryRoot();
        var stdout = CliRunner.Succeeds("microcircuit", "regression", "--patterns", "4", "--evaluate-every", "2", "--test-patterns", "3", "--seed", "5", "--out", temp.Combine("cmp"));
        Assert.Contains("complete: final test error microcircuit ", stdout, StringComparison.Ordinal);
        CliRunner.Succeeds(
            "run", Path.Combine(root, "models", "microcircuit-regression-shallow.yaml"), Path.Combine(root, "protocols", "microcircuit-regression.yaml"), "--seed", "5",
            "--set", "learning_rates.up=[0, 5e-4]", "--set", "learning_rates.ip=0", "--set", "learning_rates.pi=0",
            "--set", "protocol.data.train.count=4", "--set", "protocol.data.train.seed=5", "--set", "protocol.data.test.count=3", "--set", "protocol.data.test.seed=5",
            "--set", "protocol.timeline[0].repeat.times=2", "--set", "protocol.timeline[0].repeat.do[1].for_each.take=2",
            "--out", temp.Combine("files"));
        SameBytes.InFolders(temp.Combine("cmp", "shallow"), temp.Combine("files"), ["monitors/test.csv", "epochs.csv", "weights/L0-L1.csv", "weights/L1-L2.csv", "weights/I1-L1.csv"]);

        // 4 patterns, a test block of 3 before training and after every 2: 3 blocks, 1.3 s simulated.
        Assert.Equal(13, CsvFiles.ReadNumbers(temp.Combine("files", "monitors", "test.csv")).Rows.Length - 1);
    }

    [Fact]
    public void The_shallow_model_leaves_its_lower_weights_alone()
    {
        using var temp = new TempFolder();
        var model = temp.File("model.yaml", SmallModel);
        var protocol = temp.File("protocol.yaml", """
            name: p
            timeline:
              - present: {input: {random: uniform}, target: {random: uniform, low: 1, high: 4}, duration: 100 ms}
              - present: {input: {random: uniform}, target: {random: uniform, low: 1, high: 4}, duration: 100 ms}
              - snapshot: save
              - noise: off
              - plasticity: {class: all, gain: 0}
              - run: 50 ms
              - snapshot: restore
              - present: {input: {random: uniform}, target: {random: uniform, low: 1, high: 4}, duration: 100 ms}
            monitors:
              - {name: weights, variables: [W_up, W_ip, W_pi], every: 50 ms}
            """);
        var outDir = temp.Combine("run");
        CliRunner.Succeeds("run", model, protocol, "--out", outDir);
        var (header, rows) = CsvFiles.ReadCells(Path.Combine(outDir, "monitors", "weights.csv"));
        var (first, last) = (rows[0], rows[^1]);
        var changed = 0;
        for (var c = 1; c < header.Length; c++)
        {
            if (header[c].Contains("L1->L2", StringComparison.Ordinal))
            {
                changed += first[c] == last[c] ? 0 : 1;
            }
            else
            {
                Assert.True(first[c] == last[c], $"{header[c]} moved: {first[c]} -> {last[c]}");
            }
        }

        Assert.True(changed > 0, "the top W_up should learn");

        // While the test block runs (plasticity off), no weight moves at all.
        var during = rows.Where(v => double.Parse(v[0], CultureInfo.InvariantCulture) is >= 200 and <= 250).ToList();
        Assert.Equal(2, during.Count);
        Assert.Equal(during[0][1..], during[1][1..]);
    }

    [Theory]
    [InlineData("gains: [2, 10]", "gains: [2]", "protocol.yaml:3:81: data.train.gains: give the two teacher gains [k10, k21] (hidden, output), got 1")]
    [InlineData("gains: [2, 10]", "gains: [2, 1e9]", "protocol.yaml:3:85: data.train.gains[1]: 1e9 is out of range; allowed: >= -1000 and <= 1000")]
    [InlineData("split: train", "split: validate", "protocol.yaml:3:115: data.train.split: unknown value 'validate'; valid: train, test")]
    [InlineData("skip: 3", "skip: -1", "protocol.yaml:3:128: data.train.skip: -1 is out of range; allowed: >= 0 and <= 1000000")]
    [InlineData("skip: 3", "skip: 999999", "protocol.yaml:3:128: data.train.skip: skipping 999999 and generating 5 examples draws 30000120 inputs; at most 10000000")]
    [InlineData("weights: uniform", "weights: normal", "protocol.yaml:3:99: data.train.weights: unknown value 'normal'; valid: uniform")]
    [InlineData("sizes: [30, 20, 10]", "sizes: [30, 10]", "protocol.yaml:3:60: data.train.sizes: the soft-ReLU teacher is input-hidden-output: give 3 sizes, got 2")]
    [InlineData("activation: soft-relu", "activation: relu", "protocol.yaml:3:42: data.train.activation: unknown value 'relu'; valid: tanh, soft-relu")]
    [InlineData("activation: soft-relu", "activation: tanh", "protocol.yaml:3:76: data.train.gains: 'gains' belongs to the soft-ReLU teacher (activation: soft-relu), not the tanh teacher")]
    [InlineData("targets: potential", "targets: rates", "protocol.yaml:3:159: data.train.targets: unknown value 'rates'; valid: rate, potential")]
    [InlineData("gains: [2, 10]", "gains: [2, -1000]", "protocol.yaml:3:162: data.train.targets: a teacher rate is 0 (the soft-ReLU underflowed)")]
    public void Teacher_generator_errors_name_the_file_line_column_and_field(string from, string to, string message)
    {
        var text = Data.Replace("seed: 7}", "seed: 7, targets: potential}", StringComparison.Ordinal).Replace(from, to, StringComparison.Ordinal);
        var error = Assert.ThrowsAny<Exception>(() => ProtocolFile.Read(SpecDocument.Parse(text, "protocol.yaml")));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  - noise: loud\n", "protocol.yaml:4:12: timeline[1].noise: unknown value 'loud'; valid: on, off")]
    [InlineData("  - snapshot: keep\n", "protocol.yaml:4:15: timeline[1].snapshot: unknown value 'keep'; valid: save, restore")]
    public void Noise_and_snapshot_actions_are_checked_where_they_stand(string step, string message) =>
        Assert.Equal($"neurosim: error: {message}", SmallCircuitFiles.RefusedRun(SmallModel, $"name: p\ntimeline:\n  - run: 10 ms\n{step}"));
}
