using System.Globalization;
using NeuroSim.Analysis.Microcircuit.Continuous.Regression;
using NeuroSim.Core.Randomness;
using NeuroSim.Files.Yaml;
using NeuroSim.Models.Microcircuit;
using NeuroSim.Models.Protocols;
using NeuroSim.Tests.Support;

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
    /// The shipped files up to the third test block (200 training patterns, 20 test patterns every 100) against
    /// RegressionExperiment.RunLearner with the same seed. Training is the same arithmetic in the same order (the
    /// snapshot restores everything a test block changed, and noise off draws nothing), so the weights agree exactly;
    /// the test errors agree to 1e-9 relative, not bit for bit, because the command settles each test pattern by
    /// SteadyState.Relax (input switched in at once, stopped when no potential moves by more than 1e-10 in a step)
    /// while the file holds it for 100 ms through the 3 ms input filter, and compares phi(u) with r_trgt rather than
    /// with phi(phi^-1(r_trgt)).
    /// </summary>
    [Trait("Speed", "Slow")]
    [Theory]
    [InlineData("microcircuit-regression.yaml", RegressionLearner.Full)]
    [InlineData("microcircuit-regression-shallow.yaml", RegressionLearner.Shallow)]
    public void The_regression_files_reproduce_the_regression_command(string model, RegressionLearner learner)
    {
        using var temp = new TempFolder();
        var root = CliRunner.RepositoryRoot();
        var outDir = temp.Combine("run");
        var (code, _, stderr) = CliRunner.Run("run", Path.Combine(root, "models", model), Path.Combine(root, "protocols", "microcircuit-regression.yaml"), "--out", outDir, "--until", "26 s");
        Assert.True(code == 0, stderr);

        var samples = CsvFiles.ReadNumbers(Path.Combine(outDir, "monitors", "test.csv")).Rows.ToDictionary(v => (long)Math.Round(v[0]), v => v[1]);
        var curve = RegressionExperiment.RunLearner(new RegressionOptions { Patterns = 200, EvaluateEvery = 100, TestPatterns = 20, Seed = 1 }, learner);
        Assert.Null(curve.DivergedAt);
        Assert.Equal(3, curve.Points.Count);
        for (var b = 0; b < 3; b++)
        {
            var start = b * 12_000L;
            var fileError = Enumerable.Range(1, 20).Average(j => samples[start + (j * 100)]);
            Assert.Equal(b * 100, curve.Points[b].Pattern);
            Assert.True(Math.Abs(fileError - curve.Points[b].TestError) <= 1e-9 * curve.Points[b].TestError, $"block {b}: file {fileError:R}, command {curve.Points[b].TestError:R}");
        }
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
        var (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", outDir);
        Assert.True(code == 0, stderr);
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
    public void Noise_and_snapshot_actions_are_checked_where_they_stand(string step, string message)
    {
        using var temp = new TempFolder();
        var model = temp.File("model.yaml", SmallModel);
        var protocol = temp.File("protocol.yaml", $"name: p\ntimeline:\n  - run: 10 ms\n{step}");
        var (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", temp.Combine("out"));
        Assert.Equal(2, code);
        Assert.Equal($"neurosim: error: {temp.Combine(message)}", stderr.Trim());
    }
}
