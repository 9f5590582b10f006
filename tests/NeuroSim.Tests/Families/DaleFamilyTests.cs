using NeuroSim.Core.Scheduling;
using NeuroSim.Files.Yaml;
using NeuroSim.Models.Dale;

namespace NeuroSim.Tests.Families;

/// <summary>
/// The Dale's-law family: signs kept in every scheduler mode, and in the adiabatic limit one presentation's weight change
/// equals the BP step of the same sign-constrained network projected onto the signs, computed here by a separate plain
/// forward and backward pass.
/// </summary>
public sealed class DaleFamilyTests(ITestOutputHelper output)
{
    // Where the tolerance comes from: the adiabatic fixed points are solved to 1e-13 relative.
    private const double StepTolerance = 1e-10;

    private static readonly double[][] Inputs = [[0, 0], [0, 1], [1, 0], [1, 1]];
    private static readonly double[] Targets = [0.1, 0.9, 0.9, 0.1];

    [Fact]
    public void One_adiabatic_presentation_is_the_projected_BP_step_of_the_sign_constrained_network_for_10_seeds()
    {
        var worstError = 0.0;
        var minCosineToUnprojected = 1.0;
        var clipped = 0;
        for (var seed = 1UL; seed <= 10; seed++)
        {
            for (var pattern = 0; pattern < Inputs.Length; pattern++)
            {
                var (model, options) = Build(seed, "adiabatic");
                var before = Weights(model);
                var (projected, unprojected) = ProjectedBpStep(model, before, Inputs[pattern], Targets[pattern], lambda: 2.0);
                var scheduler = new Scheduler(model, options);
                model.ClampInput(model.InputGroups[0], Inputs[pattern]);
                model.SetTarget(model.OutputGroups[0], [Targets[pattern]]);
                scheduler.RunFor(1000);
                var after = Weights(model);
                for (var p = 0; p < after.Length; p++)
                {
                    var error = RelativeError(after[p], projected[p], before[p]);
                    worstError = Math.Max(worstError, error);
                    Assert.True(error < StepTolerance, $"seed {seed}, pattern {pattern}, projection {p}: relative error {error:E2}");
                    minCosineToUnprojected = Math.Min(minCosineToUnprojected, Cosine(Delta(after[p], before[p]), Delta(unprojected[p], before[p])));
                    clipped += after[p].Zip(unprojected[p]).Count(w => w.First == 0 && w.Second != 0);
                }
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"10 seeds x 4 patterns x 4 projections: worst relative error to the projected BP step {worstError:E2}; smallest cosine to the unprojected BP step {minCosineToUnprojected:F4}; synapses held at zero by the sign constraint {clipped}"));
    }

    [Fact]
    public void Under_dales_law_xor_is_learned_next_to_unconstrained_BP_from_the_same_start_over_10_seeds()
    {
        const int epochs = 300;
        var dale = new List<double>();
        var bp = new List<double>();
        var initial = new List<double>();
        for (var seed = 1UL; seed <= 10; seed++)
        {
            var (constrained, options) = Build(seed, "adiabatic");
            var (free, _) = Build(seed, "adiabatic");
            initial.Add(MeanLoss(constrained));

            // The balance-credit model underneath, without the projection, is plain BP in the adiabatic limit (tested elsewhere to 1e-14).
            Train(constrained, new Scheduler(constrained, options), epochs);
            Train(free.Inner, new Scheduler(free.Inner, options), epochs);
            dale.Add(MeanLoss(constrained));
            bp.Add(MeanLoss(free));
            Assert.True(dale[^1] < initial[^1] / 10, $"seed {seed}: Dale's-law loss {dale[^1]:E2} from {initial[^1]:E2}");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"XOR, 2-(6E+4I)-1 logistic, {epochs} epochs, lambda 2, 10 seeds, mean loss 1/2 (y - t)^2 over the 4 patterns (mean and 95% CI): start {Summary(initial)}; Dale's law {Summary(dale)}; unconstrained BP {Summary(bp)}; seeds below 0.01: Dale {dale.Count(l => l < 0.01)}, BP {bp.Count(l => l < 0.01)}"));
    }

    [Fact]
    public void Under_dales_law_a_logistic_teacher_is_learned_next_to_unconstrained_BP_over_10_seeds()
    {
        // Teacher: 4-6-2 logistic, weights N(0, 2/sqrt(fan-in)) and biases N(0, 0.5), inputs uniform in [0, 1].
        var random = new NeuroSim.Core.Randomness.SeededRandom(77);
        var w1 = Enumerable.Range(0, 24).Select(_ => random.NextGaussian()).ToArray();
        var w2 = Enumerable.Range(0, 12).Select(_ => random.NextGaussian() * 2 / Math.Sqrt(6)).ToArray();
        var b1 = Enumerable.Range(0, 6).Select(_ => 0.5 * random.NextGaussian()).ToArray();
        var b2 = Enumerable.Range(0, 2).Select(_ => 0.5 * random.NextGaussian()).ToArray();
        static double Sigma(double s) => 1 / (1 + Math.Exp(-s));
        var inputs = Enumerable.Range(0, 20).Select(_ => Enumerable.Range(0, 4).Select(_ => random.NextUniform(0, 1)).ToArray()).ToArray();
        var targets = inputs.Select(x =>
        {
            var h = Enumerable.Range(0, 6).Select(i => Sigma(Enumerable.Range(0, 4).Sum(j => w1[(i * 4) + j] * x[j]) + b1[i])).ToArray();
            return Enumerable.Range(0, 2).Select(i => Sigma(Enumerable.Range(0, 6).Sum(j => w2[(i * 6) + j] * h[j]) + b2[i])).ToArray();
        }).ToArray();

        const int epochs = 100;
        var dale = new List<double>();
        var bp = new List<double>();
        var start = new List<double>();
        for (var seed = 1UL; seed <= 10; seed++)
        {
            var text = TeacherStudentModel();
            var constrained = (DaleModel)new DaleFamily().Read(SpecDocument.Parse(text, "student.yaml"), ".", seed).Model;
            var free = (DaleModel)new DaleFamily().Read(SpecDocument.Parse(text, "student.yaml"), ".", seed).Model;
            var options = new SchedulerOptions { Mode = SchedulerMode.Adiabatic, DtMs = 1 };
            var constrainedScheduler = new Scheduler(constrained, options);
            var freeScheduler = new Scheduler(free.Inner, options);
            start.Add(Evaluate(constrained.Inner, new Scheduler(constrained.Inner, options), inputs, targets));
            for (var epoch = 0; epoch < epochs; epoch++)
            {
                for (var k = 0; k < inputs.Length; k++)
                {
                    Present(constrained, constrainedScheduler, inputs[k], targets[k]);
                    Present(free.Inner, freeScheduler, inputs[k], targets[k]);
                }
            }

            dale.Add(Evaluate(constrained.Inner, new Scheduler(constrained.Inner, options), inputs, targets));
            bp.Add(Evaluate(free.Inner, freeScheduler, inputs, targets));
            Assert.True(dale[^1] < start[^1] / 2, $"seed {seed}: Dale's-law loss {dale[^1]:E2} from {start[^1]:E2}");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"teacher 4-6-2 logistic, student 4-(8E+4I)-2, 20 examples, {epochs} epochs, lambda 1, 10 seeds, mean loss over the examples (mean and 95% CI): start {Summary(start)}; Dale's law {Summary(dale)}; unconstrained BP {Summary(bp)}"));
    }

    [Theory]
    [InlineData("adiabatic")]
    [InlineData("multirate")]
    [InlineData("coupled")]
    public void Every_synapse_keeps_its_presynaptic_sign_while_learning_in_every_scheduler_mode(string mode)
    {
        var (model, options) = Build(3, mode);
        var scheduler = new Scheduler(model, options);
        for (var epoch = 0; epoch < (mode == "adiabatic" ? 50 : 3); epoch++)
        {
            for (var k = 0; k < Inputs.Length; k++)
            {
                model.ClampInput(model.InputGroups[0], Inputs[k]);
                model.SetTarget(model.OutputGroups[0], [Targets[k]]);
                scheduler.RunFor(1000);
            }
        }

        var network = model.Inner.Network;
        var moved = 0;
        for (var p = 0; p < network.Projections.Count; p++)
        {
            var excitatory = model.ExcitatoryGroups[network.Projections[p].Pre.Name];
            foreach (var w in model.Inner.DenseWeights(p))
            {
                Assert.True(excitatory ? w >= 0 : w <= 0, $"{mode}: {network.Projections[p].Name} has a weight {w} of the wrong sign");
                moved += w != 0 ? 1 : 0;
            }
        }

        Assert.True(moved > 0);
    }

    [Fact]
    public void Neurosim_run_learns_xor_under_dales_law_from_the_shipped_files()
    {
        using var temp = new TempFolder();
        var root = CliRunner.RepositoryRoot();
        CliRunner.Succeeds("run", Path.Combine(root, "models", "dale-xor.yaml"), Path.Combine(root, "protocols", "dale-train-xor.yaml"), "--out", temp.Combine("r"));
        var (header, rows) = CsvFiles.ReadNumbers(temp.Combine("r", "monitors", "weights.csv"));
        foreach (var values in rows)
        {
            for (var k = 1; k < header.Length; k++)
            {
                Assert.True(header[k].Contains("hidden_i->", StringComparison.Ordinal) ? values[k] <= 0 : values[k] >= 0, $"{header[k]} = {values[k]}");
            }
        }

        var manifest = File.ReadAllText(temp.Combine("r", "manifest.json"));
        Assert.Contains("\"model_kind\": \"dale\"", manifest, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dale_file_needs_a_cell_type_for_every_sending_group_and_non_negative_rates()
    {
        var text = File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot(), "models", "dale-xor.yaml"));
        var family = new DaleFamily();
        var e = Assert.Throws<SpecException>(() => family.Read(SpecDocument.Parse(text.Replace("  hidden_i: inhibitory\n", string.Empty, StringComparison.Ordinal), "dale.yaml"), ".", null));
        Assert.Equal("group 'hidden_i' sends synapses (hidden_i->out) but has no cell type; give it excitatory or inhibitory", e.Detail);
        e = Assert.Throws<SpecException>(() => family.Read(SpecDocument.Parse(text.Replace("activation: logistic", "activation: tanh", StringComparison.Ordinal), "dale.yaml"), ".", null));
        Assert.Equal(("neurons.activation", "'tanh' can give negative rates; Dale's law needs rates >= 0: use logistic or softplus"), (e.Field, e.Detail));
        e = Assert.Throws<SpecException>(() => family.Read(SpecDocument.Parse(text.Replace("hidden_e: excitatory", "hidden_e: modulatory", StringComparison.Ordinal), "dale.yaml"), ".", null));
        Assert.Equal("cell_types.hidden_e", e.Field);
    }

    private static (DaleModel Model, SchedulerOptions Scheduler) Build(ulong seed, string mode)
    {
        var text = File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot(), "models", "dale-xor.yaml"));
        var modeText = mode switch
        {
            "multirate" => "mode: multirate\n  dt: 1 ms\n  processes:\n    credit: {integrator: exp-euler, every: 10 ms}\n    plasticity: {integrator: euler, every: 10 ms}",
            "coupled" => "mode: coupled\n  dt: 1 ms\n  integrator: rk4",
            _ => "mode: adiabatic\n  dt: 1 ms",
        };
        text = text.Replace("mode: adiabatic\n  dt: 1 ms", modeText, StringComparison.Ordinal);
        var built = new DaleFamily().Read(SpecDocument.Parse(text, "dale-xor.yaml"), ".", seed);
        return ((DaleModel)built.Model, built.Scheduler);
    }

    private static string TeacherStudentModel() => """
        kind: dale
        name: dale-teacher-student
        citation: test
        cell_types: {in: excitatory, hidden_e: excitatory, hidden_i: inhibitory}
        network:
          groups:
            - {name: in, size: 4}
            - {name: hidden_e, size: 8}
            - {name: hidden_i, size: 4}
            - {name: out, size: 2}
          projections:
            - {from: in, to: hidden_e, weights: {distribution: normal, gain: 2.0}}
            - {from: in, to: hidden_i, weights: {distribution: normal, gain: 2.0}}
            - {from: hidden_e, to: out, weights: {distribution: normal, gain: 2.0}}
            - {from: hidden_i, to: out, weights: {distribution: normal, gain: 2.0}}
          learn_biases: true
        neurons: {activation: logistic}
        timescales: {firing: 10 ms, credit: 100 ms, plasticity: 1 s}
        learning_rate: 1.0
        clamps: {input: [in], output: [out]}
        scheduler: {mode: adiabatic, dt: 1 ms}
        """;

    private static void Present(NeuroSim.Models.Protocols.IExperimentModel model, Scheduler scheduler, double[] x, double[] y)
    {
        model.ClampInput(model.InputGroups[0], x);
        model.SetTarget(model.OutputGroups[0], y);
        scheduler.RunFor(1000);
    }

    /// <summary>Mean loss 1/2 ||y - x_out||^2 at the firing fixed point of every example, with plasticity off.</summary>
    private static double Evaluate(NeuroSim.Models.BalanceCredit.BalanceCreditModel model, Scheduler scheduler, double[][] inputs, double[][] targets)
    {
        var rate = model.LearningRate;
        model.LearningRate = 0;
        var loss = 0.0;
        for (var k = 0; k < inputs.Length; k++)
        {
            Present(model, scheduler, inputs[k], targets[k]);
            loss += model.Loss();
        }

        model.LearningRate = rate;
        return loss / inputs.Length;
    }

    private static void Train(NeuroSim.Models.Protocols.IExperimentModel model, Scheduler scheduler, int epochs)
    {
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            for (var k = 0; k < Inputs.Length; k++)
            {
                model.ClampInput(model.InputGroups[0], Inputs[k]);
                model.SetTarget(model.OutputGroups[0], [Targets[k]]);
                scheduler.RunFor(1000);
            }
        }
    }

    /// <summary>Mean over the four patterns of 1/2 (y - t)^2, from the plain forward pass.</summary>
    private static double MeanLoss(DaleModel model)
    {
        var w = Weights(model);
        return Inputs.Select((x, k) => 0.5 * Math.Pow(Forward(model, w, x).Y - Targets[k], 2)).Average();
    }

    private static string Summary(List<double> values)
    {
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        var half = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, values.Count - 1, 0.975) * sd / Math.Sqrt(values.Count);
        return string.Create(CultureInfo.InvariantCulture, $"{mean:E2} [{mean - half:E2}, {mean + half:E2}]");
    }

    private static double[][] Weights(DaleModel model) =>
        [.. Enumerable.Range(0, model.Inner.Network.Projections.Count).Select(model.Inner.DenseWeights)];

    /// <summary>
    /// The BP step of size lambda on L = 1/2 (t - y)^2 for this network written out by hand (in -> [hidden_e; hidden_i] -> out,
    /// logistic, biases), and the same step projected onto the signs of the presynaptic groups.
    /// </summary>
    private static (double[][] Projected, double[][] Unprojected) ProjectedBpStep(DaleModel model, double[][] w, double[] x, double target, double lambda)
    {
        var (he, hi, y) = Forward(model, w, x);
        const int ne = 6, ni = 4;
        var delta = (y - target) * y * (1 - y);
        var grad = new double[4][];
        grad[2] = [.. he.Select(h => delta * h)];
        grad[3] = [.. hi.Select(h => delta * h)];
        grad[0] = new double[ne * 2];
        grad[1] = new double[ni * 2];
        for (var i = 0; i < ne; i++)
        {
            var d = w[2][i] * delta * he[i] * (1 - he[i]);
            grad[0][i * 2] = d * x[0];
            grad[0][(i * 2) + 1] = d * x[1];
        }

        for (var i = 0; i < ni; i++)
        {
            var d = w[3][i] * delta * hi[i] * (1 - hi[i]);
            grad[1][i * 2] = d * x[0];
            grad[1][(i * 2) + 1] = d * x[1];
        }

        var unprojected = w.Select((wp, p) => wp.Select((v, k) => v - (lambda * grad[p][k])).ToArray()).ToArray();
        bool[] excitatory = [true, true, true, false];
        var projected = unprojected.Select((wp, p) => wp.Select(v => excitatory[p] ? Math.Max(v, 0) : Math.Min(v, 0)).ToArray()).ToArray();
        return (projected, unprojected);
    }

    /// <summary>The forward pass of in -> [hidden_e; hidden_i] -> out (logistic, biases) at the given weights.</summary>
    private static (double[] He, double[] Hi, double Y) Forward(DaleModel model, double[][] w, double[] x)
    {
        var b = model.Inner.Biases.ToArray();
        static double Sigma(double s) => 1 / (1 + Math.Exp(-s));
        const int ne = 6, ni = 4;
        var he = new double[ne];
        var hi = new double[ni];
        for (var i = 0; i < ne; i++)
        {
            he[i] = Sigma((w[0][i * 2] * x[0]) + (w[0][(i * 2) + 1] * x[1]) + b[2 + i]);
        }

        for (var i = 0; i < ni; i++)
        {
            hi[i] = Sigma((w[1][i * 2] * x[0]) + (w[1][(i * 2) + 1] * x[1]) + b[2 + ne + i]);
        }

        var a = b[2 + ne + ni];
        for (var j = 0; j < ne; j++)
        {
            a += w[2][j] * he[j];
        }

        for (var j = 0; j < ni; j++)
        {
            a += w[3][j] * hi[j];
        }

        return (he, hi, Sigma(a));
    }

    private static double[] Delta(double[] after, double[] before) => [.. after.Zip(before, (a, b) => a - b)];

    private static double RelativeError(double[] actual, double[] expected, double[] before)
    {
        var change = Delta(expected, before);
        var norm = Math.Sqrt(change.Sum(v => v * v));
        var diff = Math.Sqrt(actual.Zip(expected, (a, e) => (a - e) * (a - e)).Sum());
        return diff / Math.Max(norm, 1e-300);
    }

    private static double Cosine(double[] u, double[] v)
    {
        var dot = u.Zip(v, (a, b) => a * b).Sum();
        var norms = Math.Sqrt(u.Sum(a => a * a)) * Math.Sqrt(v.Sum(b => b * b));
        return norms == 0 ? 1 : dot / norms;
    }
}
