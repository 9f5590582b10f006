using NeuroSim.Analysis.Microcircuit.Mnist;
using NeuroSim.Core.Neurons;
using NeuroSim.Core.RunFolders;
using NeuroSim.Models.Microcircuit;
using NeuroSim.Models.Training;

namespace NeuroSim.Tests.Microcircuit;

public sealed class MnistTwoStepTests
{
    private readonly ITestOutputHelper output;

    public MnistTwoStepTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void With_weak_conductances_and_symmetric_feedback_a_batch_change_is_the_backprop_gradient_of_the_free_network()
    {
        var data = Mnist.Load(MnistSubset.Folder, perClass: 1, on: 0.8, off: 0.1);
        var settings = new MnistTwoStepSettings { Sizes = [784, 30, 10], Apical = 0.01, Somatic = 0.01 };
        var spec = settings.Spec();
        var w = new MicrocircuitWeights(settings.Sizes, biases: true);
        MnistTwoStepExperiment.InitialWeights(w, settings);
        w.TieTopDown(1.0);
        w.SetSelfPredicting(spec.Conductances);
        var before = w.All.ToArray();
        var potentials = data.Targets.Select(t => t.Select(MnistTwoStepExperiment.Logit).ToArray()).ToArray();
        var learner = new TwoStepLearner(spec, w, new MicrocircuitRates([1.0, 1.0], [0.0], [0.0], [0.0]));
        learner.TrainBatch(data.Inputs, potentials, [.. Enumerable.Range(0, 10)], 0, 10);
        var change = w.All.ToArray();
        for (var k = 0; k < change.Length; k++)
        {
            change[k] -= before[k];
        }

        var layout = new MicrocircuitWeights(settings.Sizes, biases: true, before, 0);
        var (hidden, top) = MeanGradient(layout.Up(0).ToArray(), layout.Up(1).ToArray(), data.Inputs, potentials, spec.Conductances);
        var cosHidden = Circuits.Cosine(w.Of(WeightClass.Up, 0, change), hidden);
        var cosTop = Circuits.Cosine(w.Of(WeightClass.Up, 1, change), top);
        output.WriteLine($"cos hidden {cosHidden:F7}, cos output {cosTop:F7}");
        Assert.True(cosHidden > 0.9999, $"hidden cosine {cosHidden}");
        Assert.True(cosTop > 0.9999, $"output cosine {cosTop}");

        // The step is the BP step times the mixing factors (lambda_out at the output, lambda_out lambda_A one layer down).
        var g = spec.Conductances;
        var ratio = Norm(w.Of(WeightClass.Up, 1, change)) / Norm(top);
        Assert.InRange(ratio / g.OutputMixing, 0.97, 1.03);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void In_a_two_hidden_layer_circuit_the_paper_rates_make_every_layer_step_the_backprop_gradient(bool compensated)
    {
        var data = Mnist.Load(MnistSubset.Folder, perClass: 1, on: 0.8, off: 0.1);
        int[] sizes = [784, 20, 15, 10];
        // g_som 0.1 makes the interneurons' own nudging cost each layer below the output a factor 0.917, while the nudge
        // stays small enough for the steady state to be linear in it.
        var settings = new MnistTwoStepSettings { Sizes = sizes, Apical = 0.01, Somatic = 0.1, UpScale = 0.3 };
        var spec = settings.Spec();
        var w = new MicrocircuitWeights(sizes, biases: true);
        MnistTwoStepExperiment.InitialWeights(w, settings);
        w.TieTopDown(1.0);
        w.SetSelfPredicting(spec.Conductances);
        var before = w.All.ToArray();
        var potentials = data.Targets.Select(t => t.Select(MnistTwoStepExperiment.Logit).ToArray()).ToArray();
        var paper = TwoStepLearner.PaperRates(spec.Conductances, 3, eta: 1.0, compensateInterneuronNudging: compensated);
        var learner = new TwoStepLearner(spec, w, paper with { PyramidalToInterneuron = [0.0, 0.0] });
        learner.TrainBatch(data.Inputs, potentials, [.. Enumerable.Range(0, 10)], 0, 10);
        var change = w.All.ToArray();
        for (var k = 0; k < change.Length; k++)
        {
            change[k] -= before[k];
        }

        var layout = new MicrocircuitWeights(sizes, biases: true, before, 0);
        var gradients = DeepGradient(layout, data.Inputs, potentials, spec.Conductances);
        for (var l = 0; l < 3; l++)
        {
            var cos = Circuits.Cosine(w.Of(WeightClass.Up, l, change), gradients[l]);
            var ratio = Norm(w.Of(WeightClass.Up, l, change)) / Norm(gradients[l]);
            output.WriteLine($"layer {l}: cos {cos:F7}, |dW| / |BP gradient| {ratio:F4}");
            Assert.True(cos > 0.9999, $"layer {l} cosine {cos}");

            // Each layer below the output loses a factor (1 - lambda_I) to the interneuron's own nudging, unless compensated.
            var expected = compensated ? 1.0 : Math.Pow(1 - (0.1 / (0.1 + 1.0 + 0.1)), 2 - l);
            Assert.InRange(ratio / expected, 0.995, 1.005);
        }
    }

    [Fact]
    public void Analytic_interneurons_keep_the_free_phase_apical_potentials_at_zero_while_learned_ones_only_track_them()
    {
        var (train, test) = MnistSubset.Split(60, 10);
        double FreeApical(bool analytic)
        {
            var experiment = new MnistTwoStepExperiment(new MnistTwoStepSettings { Sizes = [784, 16, 12, 10], AnalyticInterneurons = analytic }, train, test);
            experiment.RunEpoch(0);
            var scheme = experiment.Microcircuit.Scheme;
            scheme.Settle(test.Inputs[0]);
            return Circuits.SquaredNorm(scheme.Activity.Apical(0)) + Circuits.SquaredNorm(scheme.Activity.Apical(1));
        }

        var analyticApical = FreeApical(analytic: true);
        var learnedApical = FreeApical(analytic: false);
        output.WriteLine($"free-phase |v_A|^2: analytic {analyticApical:E2}, learned {learnedApical:E2}");
        Assert.True(analyticApical < 1e-24, $"{analyticApical}");
        Assert.True(learnedApical > 1e-12, $"{learnedApical}");
    }

    [Fact]
    public void Paper_rates_rescale_each_layer_by_the_inverse_mixing_factors()
    {
        var g = new Conductances(Apical: 0.471, Somatic: 0.12);
        var rates = TwoStepLearner.PaperRates(g, layers: 3, eta: 0.01);
        var lambdaA = 0.471 / (0.1 + 1.0 + 0.471);
        var lambdaOut = 0.12 / (0.1 + 1.0 + 0.12);
        Assert.Equal(0.01 / lambdaOut, rates.Up[2], 12);
        Assert.Equal(0.01 / (lambdaOut * lambdaA), rates.Up[1], 12);
        Assert.Equal(0.01 / (lambdaOut * lambdaA * lambdaA), rates.Up[0], 12);
        Assert.Equal(2 * rates.Up[0], rates.PyramidalToInterneuron[0], 12);
        Assert.Equal(2 * rates.Up[1], rates.PyramidalToInterneuron[1], 12);
        Assert.All(rates.InterneuronToPyramidal.Concat(rates.TopDown), r => Assert.Equal(0.0, r));

        var lambdaI = 0.12 / (0.1 + 1.0 + 0.12);
        var compensated = TwoStepLearner.PaperRates(g, layers: 3, eta: 0.01, compensateInterneuronNudging: true);
        Assert.Equal(0.01 / lambdaOut, compensated.Up[2], 12);
        Assert.Equal(0.01 / (lambdaOut * lambdaA * (1 - lambdaI)), compensated.Up[1], 12);
        Assert.Equal(0.01 / (lambdaOut * Math.Pow(lambdaA * (1 - lambdaI), 2)), compensated.Up[0], 12);
    }

    [Fact]
    public void Before_training_the_microcircuit_and_backprop_compute_the_same_outputs()
    {
        var (train, test) = MnistSubset.Split(20, 10);
        var experiment = new MnistTwoStepExperiment(new MnistTwoStepSettings { Sizes = [784, 20, 10] }, train, test);
        foreach (var x in test.Inputs)
        {
            var mc = experiment.Microcircuit.Predict(x).ToArray();
            experiment.Backprop.Network.Forward(x);
            for (var i = 0; i < mc.Length; i++)
            {
                Assert.Equal(experiment.Backprop.Network.Output[i], mc[i], 12);
            }
        }
    }

    [Fact]
    public void The_interneuron_mismatch_is_zero_at_the_self_predicting_state_and_the_teaching_signal_is_lambda_out_times_the_output_error()
    {
        var (train, test) = MnistSubset.Split(60, 20);
        foreach (var analytic in new[] { true, false })
        {
            var experiment = new MnistTwoStepExperiment(new MnistTwoStepSettings { Sizes = [784, 20, 10], Eta = 0.1, AnalyticInterneurons = analytic }, train, test);
            var score = experiment.RunEpoch(0);

            // Nudged output: u = (1 - lambda_out) v_B + lambda_out u_trgt; free: u = v_B. So the difference is
            // lambda_out (u_trgt - u_free), computed here from the free outputs and the logit targets.
            var g = experiment.Settings.Spec().Conductances;
            var expected = 0.0;
            foreach (var (x, t) in test.Inputs.Zip(test.Targets))
            {
                experiment.Microcircuit.Scheme.Settle(x);
                var free = experiment.Microcircuit.Scheme.Output;
                for (var i = 0; i < free.Length; i++)
                {
                    var d = g.OutputMixing * (MnistTwoStepExperiment.Logit(t[i]) - free[i]);
                    expected += d * d;
                }
            }

            Assert.Equal(expected / (test.Count * 10), score.TeachingSignal, 1e-12);
            if (analytic)
            {
                Assert.True(score.InterneuronMismatch < 1e-20, $"mismatch {score.InterneuronMismatch}");
            }
            else
            {
                Assert.True(score.InterneuronMismatch > 1e-8, $"mismatch {score.InterneuronMismatch}");
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_same_seed_gives_bit_identical_weights_and_scores_and_a_resumed_run_matches_a_straight_one(bool centeredInterneurons)
    {
        // The centred interneuron rule carries a running mean of the rates from batch to batch: the checkpoint keeps it.
        var (train, test) = MnistSubset.Split(60, 20);
        var settings = new MnistTwoStepSettings { Sizes = [784, 12, 10], Seed = 7, NormalizedInterneurons = centeredInterneurons, CenteredInterneurons = centeredInterneurons, InterneuronRate = centeredInterneurons ? 8 : 2 };
        var a = new MnistTwoStepExperiment(settings, train, test);
        var b = new MnistTwoStepExperiment(settings, train, test);
        a.RunEpoch(0);
        a.RunEpoch(0);
        b.RunEpoch(0);
        using var temp = new TempFolder();
        var checkpoint = temp.Combine("checkpoint");
        b.SaveCheckpoint(checkpoint);
        var resumed = new MnistTwoStepExperiment(settings, train, test);
        resumed.LoadCheckpoint(checkpoint);
        Assert.Equal(1, resumed.EpochsDone);
        resumed.RunEpoch(0);

        Assert.True(a.Microcircuit.Weights.All.SequenceEqual(resumed.Microcircuit.Weights.All));
        for (var l = 0; l < 2; l++)
        {
            Assert.Equal(a.Backprop.Network.Weights[l], resumed.Backprop.Network.Weights[l]);
            Assert.Equal(a.Backprop.Network.Biases[l], resumed.Backprop.Network.Biases[l]);
        }

        Assert.Equal(a.Shallow.Network.Weights[0], resumed.Shallow.Network.Weights[0]);
        Assert.Equal(a.Shallow.Network.Biases[0], resumed.Shallow.Network.Biases[0]);
        Assert.Equal(a.Scores[^1].ShallowLoss, resumed.Scores[^1].ShallowLoss);

        Assert.Equal(a.Scores[^1].MicrocircuitLoss, resumed.Scores[^1].MicrocircuitLoss);
        Assert.Equal(a.Scores[^1].BackpropLoss, resumed.Scores[^1].BackpropLoss);

        // Training moved the weights (the comparison above is not of two untouched copies).
        var fresh = new MnistTwoStepExperiment(settings, train, test);
        Assert.False(a.Microcircuit.Weights.All.SequenceEqual(fresh.Microcircuit.Weights.All));

        // A checkpoint of other settings is refused.
        var other = new MnistTwoStepExperiment(settings with { Seed = 8 }, train, test);
        Assert.Throws<InvalidDataException>(() => other.LoadCheckpoint(checkpoint));
    }

    [Fact]
    public void Tied_top_down_weights_stay_the_transposed_bottom_up_weights_through_learning()
    {
        var (train, test) = MnistSubset.Split(30, 10);
        var experiment = new MnistTwoStepExperiment(new MnistTwoStepSettings { Sizes = [784, 12, 9, 10], TiedTopDown = true, FeedbackScale = 3 }, train, test);
        var w = experiment.Microcircuit.Weights;
        var initialUp = w.Up(2).ToArray();
        experiment.RunEpoch(0);
        Assert.False(initialUp.SequenceEqual(w.Up(2).ToArray()));
        int[] sizes = [784, 12, 9, 10];
        for (var l = 0; l < 2; l++)
        {
            var up = w.Up(l + 1);
            var down = w.Down(l);
            var interneuronToPyramidal = w.InterneuronToPyramidal(l);
            for (var i = 0; i < sizes[l + 1]; i++)
            {
                for (var j = 0; j < sizes[l + 2]; j++)
                {
                    Assert.Equal(3 * up[(j * sizes[l + 1]) + i], down[(i * sizes[l + 2]) + j]);
                    Assert.Equal(-down[(i * sizes[l + 2]) + j], interneuronToPyramidal[(i * sizes[l + 2]) + j]);
                }
            }
        }
    }

    [Fact]
    public void Several_seeds_give_one_folder_per_seed_and_the_t_interval_of_their_final_errors()
    {
        using var temp = new TempFolder();
        var outDir = temp.Combine("seeds");
        CliRunner.Succeeds("microcircuit", "mnist", "--data", MnistSubset.Folder, "--sizes", "784-8-10", "--train", "60", "--test", "30", "--epochs", "2", "--seeds", "3", "--out", outDir);
        var finals = Enumerable.Range(1, 3).Select(k =>
        {
            var last = File.ReadAllLines(Path.Combine(outDir, $"seed-{k}", "learning.csv"))[^1].Split(',');
            return (Microcircuit: double.Parse(last[1], CultureInfo.InvariantCulture), Loss: last[2], Backprop: double.Parse(last[4], CultureInfo.InvariantCulture));
        }).ToArray();
        Assert.Equal(3, finals.Select(f => f.Loss).Distinct().Count());

        // Mean and 95% interval by hand: t(0.975, 2 degrees of freedom) = 4.302652729911275.
        static (double Mean, double Half) Interval(double[] values)
        {
            var mean = values.Average();
            var variance = values.Sum(v => (v - mean) * (v - mean)) / 2;
            return (mean, 4.302652729911275 * Math.Sqrt(variance / 3));
        }

        var (mean, half) = Interval([.. finals.Select(f => f.Microcircuit)]);
        var (gap, gapHalf) = Interval([.. finals.Select(f => f.Microcircuit - f.Backprop)]);
        var manifest = File.ReadAllText(Path.Combine(outDir, "manifest.json"));
        double Result(string key) => double.Parse(RunManifest.ReadResult(Path.Combine(outDir, "manifest.json"), key)!, CultureInfo.InvariantCulture);
        Assert.Equal(mean, Result("microcircuit_test_error_mean"), 12);
        Assert.Equal(half, Result("microcircuit_test_error_ci95_half_width"), 12);
        Assert.Equal(gap, Result("microcircuit_minus_bp"), 12);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{100 * (gap - gapHalf):+0.00;-0.00} to {100 * (gap + gapHalf):+0.00;-0.00}"), File.ReadAllText(Path.Combine(outDir, "summary.md")), StringComparison.Ordinal);
        Assert.Contains("\"status\": \"complete\"", manifest, StringComparison.Ordinal);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(outDir, "seeds.csv")).Length);
    }

    [Fact]
    public void Resuming_several_seeds_keeps_finished_seeds_only_when_they_were_run_with_the_same_settings()
    {
        using var temp = new TempFolder();
        static string[] Run(string eta = "0.03", string epochs = "2") =>
            ["microcircuit", "mnist", "--data", MnistSubset.Folder, "--sizes", "784-8-10", "--train", "40", "--test", "20", "--eta", eta, "--epochs", epochs, "--seeds", "2"];
        var run = Run();
        var first = temp.Combine("first");
        CliRunner.Succeeds([.. run, "--out", first]);

        // An interrupted --seeds run whose seed folders are both finished: resuming only has to write the summary.
        string Interrupted(string name)
        {
            var partial = temp.Combine($".{name}.partial");
            Directory.CreateDirectory(partial);
            foreach (var seed in new[] { "seed-1", "seed-2" })
            {
                TempFolder.CopyFolder(Path.Combine(first, seed), Path.Combine(partial, seed));
            }

            File.WriteAllText(Path.Combine(partial, ".neurosim"), File.ReadAllText(Path.Combine(first, ".neurosim")).Replace("\"complete\"", "\"partial\"", StringComparison.Ordinal));
            return temp.Combine(name);
        }

        var same = Interrupted("same");
        CliRunner.Succeeds([.. run, "--resume", "--out", same]);
        Assert.Equal(File.ReadAllText(Path.Combine(first, "seeds.csv")), File.ReadAllText(Path.Combine(same, "seeds.csv")));

        foreach (var (name, changed) in new[] { ("other-eta", Run(eta: "0.05")), ("other-epochs", Run(epochs: "3")) })
        {
            var other = Interrupted(name);
            var (code, _, stderr) = CliRunner.Run([.. changed, "--resume", "--out", other]);
            Assert.Equal(2, code);
            Assert.Contains("other settings", stderr, StringComparison.Ordinal);
            Assert.Single(stderr.Trim().Split('\n'));
            Assert.False(Directory.Exists(other));
        }

        var corrupt = Interrupted("corrupt");
        File.WriteAllText(temp.Combine(".corrupt.partial", "seed-2", "manifest.json"), "{ not json");
        var (corruptCode, _, corruptError) = CliRunner.Run([.. run, "--resume", "--out", corrupt]);
        Assert.Equal(2, corruptCode);
        Assert.Contains("none recorded", corruptError, StringComparison.Ordinal);
        Assert.Single(corruptError.Trim().Split('\n'));
    }

    [Trait("Speed", "Slow")]
    [Fact]
    public void A_short_run_on_the_subset_classifies_held_out_digits_well_above_chance()
    {
        var (train, test) = MnistSubset.Split(250, 50);
        var experiment = new MnistTwoStepExperiment(new MnistTwoStepSettings { Sizes = [784, 30, 10] }, train, test);
        for (var e = 0; e < 25; e++)
        {
            experiment.RunEpoch(0);
        }

        var final = experiment.Scores[^1];
        output.WriteLine(string.Join("\n", experiment.Scores.Select(s => $"epoch {s.Epoch}: mc {s.MicrocircuitAccuracy:P0}, bp {s.BackpropAccuracy:P0}")));
        Assert.True(final.MicrocircuitAccuracy >= 0.45, $"microcircuit accuracy {final.MicrocircuitAccuracy}");
        Assert.True(final.MicrocircuitLoss < experiment.Scores[0].MicrocircuitLoss);
    }

    [Fact]
    public void The_command_refuses_a_missing_data_folder_with_a_hint()
    {
        using var temp = new TempFolder();
        var (code, _, stderr) = CliRunner.Run("microcircuit", "mnist", "--data", temp.Combine("nothing"), "--out", temp.Combine("out"));
        Assert.Equal(2, code);
        Assert.Contains("neurosim fetch-mnist", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void The_command_writes_curves_figure_summary_and_manifest()
    {
        using var temp = new TempFolder();
        var outDir = temp.Combine("out");
        var stdout = CliRunner.Succeeds("microcircuit", "mnist", "--data", MnistSubset.Folder, "--sizes", "784-8-10", "--train", "40", "--test", "20", "--epochs", "2", "--out", outDir);
        Assert.Contains("epoch 2", stdout, StringComparison.Ordinal);
        var csv = File.ReadAllLines(Path.Combine(outDir, "learning.csv"));
        Assert.Equal(4, csv.Length);
        Assert.StartsWith("epoch,microcircuit_test_error", csv[0], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "plots", "learning.svg")));
        Assert.Contains("two-step", File.ReadAllText(Path.Combine(outDir, "summary.md")), StringComparison.Ordinal);
        Assert.Contains("\"status\": \"complete\"", File.ReadAllText(Path.Combine(outDir, "manifest.json")), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp.Path, ".out.checkpoint")));
    }

    [Theory]
    [InlineData("paper", 1.0)]
    [InlineData("compensated", 1.9 / 1.1)]
    public void The_command_trains_with_the_rescaling_it_is_given(string rescaling, double perLayerCompensation)
    {
        using var temp = new TempFolder();
        var outDir = temp.Combine("out");
        CliRunner.Succeeds("microcircuit", "mnist", "--data", MnistSubset.Folder, "--sizes", "784-8-6-10", "--train", "20", "--test", "10", "--epochs", "1", "--g-som", "0.8", "--eta", "0.05", "--rescaling", rescaling, "--out", outDir);
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")));
        var settings = manifest.RootElement.GetProperty("settings");
        Assert.Equal(rescaling, settings.GetProperty("rescaling").GetString());
        var rates = settings.GetProperty("eta_pp_per_layer").EnumerateArray().Select(r => r.GetDouble()).ToArray();

        // g_lk 0.1, g_B = g_D 1, g_A 0.471, g_som 0.8: lambda_out = 0.8 / 1.9, lambda_A = 0.471 / 1.571, 1 - lambda_I = 1.1 / 1.9.
        var output = 0.05 / (0.8 / 1.9);
        var perLayer = perLayerCompensation / (0.471 / 1.571);
        Assert.Equal(output, rates[2], 10);
        Assert.Equal(output * perLayer, rates[1], 10);
        Assert.Equal(output * perLayer * perLayer, rates[0], 10);
    }

    [Fact]
    public void The_command_resumes_from_an_epoch_checkpoint_to_the_same_curves_as_a_straight_run()
    {
        using var temp = new TempFolder();
        string[] common = ["microcircuit", "mnist", "--data", MnistSubset.Folder, "--sizes", "784-8-10", "--train", "40", "--test", "20", "--epochs", "2"];
        var straight = CliRunner.Run([.. common, "--out", temp.Combine("straight")]);
        Assert.True(straight.Code == 0, straight.Stderr);

        // An interrupted run: one epoch done and checkpointed where the command keeps it.
        var (train, test) = MnistSubset.Split(40, 20);
        var interrupted = new MnistTwoStepExperiment(new MnistTwoStepSettings { Sizes = [784, 8, 10], Epochs = 2 }, train, test);
        interrupted.RunEpoch(0);
        using (var folder = RunFolder.Open("microcircuit mnist", temp.Combine("resumed")))
        {
            interrupted.SaveCheckpoint(folder.PathOf("checkpoint.bin"));
            folder.KeepForResume();
        }

        var resumed = CliRunner.Run([.. common, "--resume", "--out", temp.Combine("resumed")]);
        Assert.True(resumed.Code == 0, resumed.Stderr);
        Assert.Contains("resuming", resumed.Stdout, StringComparison.Ordinal);

        // Same numbers in every column but the wall time.
        static string[][] Curves(string folder)
        {
            var (header, rows) = CsvFiles.ReadCells(Path.Combine(folder, "learning.csv"));
            return [header[..^1], .. rows.Select(row => row[..^1])];
        }

        Assert.Equal(Curves(temp.Combine("straight")), Curves(temp.Combine("resumed")));
        Assert.False(File.Exists(temp.Combine("resumed", "checkpoint.bin")));
        Assert.False(Directory.Exists(temp.Combine(".resumed.partial")));
    }

    private static double Norm(ReadOnlySpan<double> v) => Math.Sqrt(Circuits.SquaredNorm(v));

    /// <summary>
    /// Mean backprop gradient (ascent) per bottom-up layer of any depth through the free network u_l = a_l (W_l r_(l-1) + b_l),
    /// with e_out = phi'(u)(u_trgt - u) and e_l = phi'(u_l) W_(l+1)^T e_(l+1), written from the equations.
    /// </summary>
    private static double[][] DeepGradient(MicrocircuitWeights w, IReadOnlyList<double[]> inputs, double[][] targets, Conductances g)
    {
        var phi = new LogisticActivation();
        var layers = w.Layers;
        var sizes = w.Sizes;
        var gradients = Enumerable.Range(0, layers).Select(l => new double[sizes[l + 1] * sizes[l]]).ToArray();
        for (var n = 0; n < inputs.Count; n++)
        {
            var rates = new double[layers + 1][];
            var u = new double[layers + 1][];
            rates[0] = inputs[n];
            for (var l = 0; l < layers; l++)
            {
                var a = l == layers - 1 ? g.OutputBasalAttenuation : g.HiddenBasalAttenuation;
                var weights = w.Up(l);
                var bias = w.UpBias(l);
                u[l + 1] = new double[sizes[l + 1]];
                rates[l + 1] = new double[sizes[l + 1]];
                for (var i = 0; i < sizes[l + 1]; i++)
                {
                    var sum = bias[i];
                    for (var j = 0; j < sizes[l]; j++)
                    {
                        sum += weights[(i * sizes[l]) + j] * rates[l][j];
                    }

                    u[l + 1][i] = a * sum;
                    rates[l + 1][i] = phi.Value(u[l + 1][i]);
                }
            }

            var e = new double[sizes[layers]];
            for (var i = 0; i < e.Length; i++)
            {
                e[i] = phi.Slope(u[layers][i]) * (targets[n][i] - u[layers][i]);
            }

            for (var l = layers - 1; l >= 0; l--)
            {
                for (var i = 0; i < sizes[l + 1]; i++)
                {
                    for (var j = 0; j < sizes[l]; j++)
                    {
                        gradients[l][(i * sizes[l]) + j] += e[i] * rates[l][j] / inputs.Count;
                    }
                }

                if (l == 0)
                {
                    break;
                }

                var weights = w.Up(l);
                var below = new double[sizes[l]];
                for (var j = 0; j < sizes[l]; j++)
                {
                    var back = 0.0;
                    for (var i = 0; i < sizes[l + 1]; i++)
                    {
                        back += weights[(i * sizes[l]) + j] * e[i];
                    }

                    below[j] = phi.Slope(u[l][j]) * back;
                }

                e = below;
            }
        }

        return gradients;
    }

    /// <summary>
    /// Mean backprop gradient (ascent direction) of 1/2 ||u_trgt - u_out||^2 weighted by phi' through the free network
    /// u1 = a_h (W1 x + b1), u2 = a_o (W2 phi(u1) + b2): e2 = phi'(u2)(u_trgt - u2), e1 = phi'(u1) W2^T e2.
    /// </summary>
    private static (double[] Hidden, double[] Output) MeanGradient(double[] w1, double[] w2, IReadOnlyList<double[]> inputs, double[][] targets, Conductances g)
    {
        var phi = new LogisticActivation();
        const int h = 30;
        const int o = 10;
        var gradient1 = new double[h * 784];
        var gradient2 = new double[o * h];
        for (var n = 0; n < inputs.Count; n++)
        {
            var x = inputs[n];
            var u1 = new double[h];
            var r1 = new double[h];
            for (var i = 0; i < h; i++)
            {
                for (var j = 0; j < 784; j++)
                {
                    u1[i] += w1[(i * 784) + j] * x[j];
                }

                u1[i] *= g.HiddenBasalAttenuation;
                r1[i] = phi.Value(u1[i]);
            }

            var e2 = new double[o];
            for (var i = 0; i < o; i++)
            {
                var u2 = 0.0;
                for (var j = 0; j < h; j++)
                {
                    u2 += w2[(i * h) + j] * r1[j];
                }

                u2 *= g.OutputBasalAttenuation;
                e2[i] = phi.Slope(u2) * (targets[n][i] - u2);
                for (var j = 0; j < h; j++)
                {
                    gradient2[(i * h) + j] += e2[i] * r1[j] / inputs.Count;
                }
            }

            for (var j = 0; j < h; j++)
            {
                var back = 0.0;
                for (var i = 0; i < o; i++)
                {
                    back += w2[(i * h) + j] * e2[i];
                }

                var e1 = phi.Slope(u1[j]) * back;
                for (var k = 0; k < 784; k++)
                {
                    gradient1[(j * 784) + k] += e1 * x[k] / inputs.Count;
                }
            }
        }

        return (gradient1, gradient2);
    }
}
