using NeuroSim.Analysis.Microcircuit.Recall;
using NeuroSim.Core.Randomness;
using NeuroSim.Models.Training;

namespace NeuroSim.Tests.Microcircuit;

public sealed class RecallVipTests
{
    private readonly ITestOutputHelper output;

    public RecallVipTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void With_the_gate_closed_and_the_analytic_self_predicting_state_recall_leaves_the_sensory_layer_at_its_bottom_up_prediction()
    {
        var settings = new VipRecallSettings { Hidden = 12 };
        var network = new VipRecallNetwork(settings);
        var image = Mnist.Load(MnistSubset.Folder, perClass: 1).Inputs[3];
        var rates = network.Sensory(image, gate: 1.0);
        var g = settings.Conductances;
        var attenuation = g.Basal / (g.Leak + g.Basal + g.Apical);
        for (var i = 0; i < image.Length; i++)
        {
            var expected = 1.0 / (1.0 + Math.Exp(-attenuation * ((settings.SensoryGain * image[i]) - (settings.SensoryGain / 2))));
            Assert.Equal(expected, rates[i], 12);
        }

        // The top-down input is there; the interneurons cancel it.
        var activity = network.Recall.Activity;
        Assert.True(Circuits.SquaredNorm(activity.TopDown(0)) > 1.0);
        Assert.True(Circuits.SquaredNorm(activity.Apical(0)) < 1e-20, $"|v_A|^2 = {Circuits.SquaredNorm(activity.Apical(0))}");
        Assert.True(Circuits.SquaredNorm(activity.Apical(1)) < 1e-20);
    }

    [Fact]
    public void With_the_gate_open_the_apical_potential_is_exactly_the_top_down_term()
    {
        var settings = new VipRecallSettings { Hidden = 12 };
        var network = new VipRecallNetwork(settings);
        var image = Mnist.Load(MnistSubset.Folder, perClass: 1).Inputs[5];
        network.Sensory(image, gate: 0.0);
        var activity = network.Recall.Activity;
        var hidden = activity.PyramidalRate(1);
        var down = network.Weights.Down(0);
        var g = settings.Conductances;
        var attenuation = g.Basal / (g.Leak + g.Basal + g.Apical);
        var lambda = g.Apical / (g.Leak + g.Basal + g.Apical);
        var soma = network.Recall.Pyramidal(0);
        for (var i = 0; i < image.Length; i++)
        {
            var top = 0.0;
            for (var j = 0; j < hidden.Length; j++)
            {
                top += down[(i * hidden.Length) + j] * hidden[j];
            }

            Assert.Equal(top, activity.Apical(0)[i], 12);
            Assert.Equal(activity.TopDown(0)[i], activity.Apical(0)[i]);
            var basal = (settings.SensoryGain * image[i]) - (settings.SensoryGain / 2);
            Assert.Equal((attenuation * basal) + (lambda * top), soma[i], 12);
        }
    }

    [Fact]
    public void Corruption_flips_exactly_the_drawn_pixels_and_is_reproducible()
    {
        var image = Enumerable.Range(0, 100).Select(i => i / 100.0).ToArray();
        Assert.Equal(image.Select(v => 1 - v), VipRecallExperiment.Corrupt(image, Corruption.Flip, 1.0, new SeededRandom(1)));
        Assert.Equal(image, VipRecallExperiment.Corrupt(image, Corruption.Flip, 0.0, new SeededRandom(1)));
        var a = VipRecallExperiment.Corrupt(image, Corruption.Gaussian, 0.5, new SeededRandom(3));
        var b = VipRecallExperiment.Corrupt(image, Corruption.Gaussian, 0.5, new SeededRandom(3));
        Assert.Equal(a, b);
        Assert.All(a, v => Assert.InRange(v, 0.0, 1.0));
        Assert.NotEqual(image, a);
    }

    [Trait("Speed", "Slow")]
    [Fact]
    public void After_learning_the_top_down_weights_on_the_subset_recall_brings_corrupted_digits_closer_to_the_clean_ones()
    {
        var (train, test) = MnistSubset.Split(250, 50);
        var network = new VipRecallNetwork(new VipRecallSettings { Hidden = 40, Epochs = 6 });
        var result = VipRecallExperiment.Run(network, train, test, Corruption.Flip, 0.3, examples: 2);
        foreach (var s in result.Denoising)
        {
            output.WriteLine($"{s.Condition}: {s.Mean:F4} +- {s.StandardDeviation:F4}");
        }

        var closed = result.Denoising.Single(s => s.Gate == 1.0);
        var open = result.Denoising.First(s => s.Gate == 0.0);
        var topDown = result.Denoising[^1];
        Assert.Equal(test.Count, closed.Digits);
        Assert.True(open.Mean < 0.9 * closed.Mean, $"gate open {open.Mean} vs closed {closed.Mean}");
        Assert.True(topDown.Mean < 0.5 * closed.Mean, $"top-down {topDown.Mean} vs closed {closed.Mean}");

        // Per digit, the recalled error is below the corrupted one for nearly every digit.
        var better = result.PerDigit.Count(r => r[3] < r[1]);
        Assert.True(better >= 0.9 * result.PerDigit.Count, $"{better} of {result.PerDigit.Count}");
    }

    [Fact]
    public void The_same_seed_gives_bit_identical_weights_and_recall_and_training_changes_them()
    {
        var all = Mnist.Load(MnistSubset.Folder, perClass: 4, on: 0.8, off: 0.1);
        var settings = new VipRecallSettings { Hidden = 8, Epochs = 1, Seed = 5 };
        VipRecallResult Train(VipRecallNetwork network) => VipRecallExperiment.Run(network, all, all, Corruption.Gaussian, 0.3, examples: 1);
        var a = new VipRecallNetwork(settings);
        var b = new VipRecallNetwork(settings);
        var ra = Train(a);
        var rb = Train(b);
        Assert.True(a.Weights.All.SequenceEqual(b.Weights.All));
        Assert.Equal(ra.Denoising.Select(s => s.Mean), rb.Denoising.Select(s => s.Mean));
        Assert.Equal(ra.Prototypes[3], rb.Prototypes[3]);
        var untrained = new VipRecallNetwork(settings);
        Assert.False(a.Weights.Down(0).SequenceEqual(untrained.Weights.Down(0)));

        // The sensory copy is fixed: training leaves its one-to-one weights alone.
        Assert.True(a.Weights.Up(0).SequenceEqual(untrained.Weights.Up(0)));
    }

    [Fact]
    public void The_command_refuses_an_unknown_noise_kind_in_one_line()
    {
        using var temp = new TempFolder();
        var (code, _, stderr) = CliRunner.Run("microcircuit", "vip", "--data", MnistSubset.Folder, "--noise", "salt", "--out", temp.Combine("out"));
        Assert.Equal(2, code);
        Assert.Contains("--noise 'salt'", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [Fact]
    public void The_command_writes_numbers_figures_and_summary()
    {
        using var temp = new TempFolder();
        var outDir = temp.Combine("out");
        var stdout = CliRunner.Succeeds("microcircuit", "vip", "--data", MnistSubset.Folder, "--hidden", "10", "--train", "60", "--test", "20", "--epochs", "1", "--out", outDir);
        Assert.Contains("gate open", stdout, StringComparison.Ordinal);
        var csv = File.ReadAllLines(Path.Combine(outDir, "denoising.csv"));
        Assert.Equal(5, csv.Length);
        Assert.Equal(21, File.ReadAllLines(Path.Combine(outDir, "denoising_per_digit.csv")).Length);
        Assert.Equal(11, File.ReadAllLines(Path.Combine(outDir, "prototypes.csv")).Length);
        Assert.True(File.Exists(Path.Combine(outDir, "plots", "denoising.svg")));
        Assert.True(File.Exists(Path.Combine(outDir, "plots", "prototypes.svg")));
        Assert.Contains("[I]", File.ReadAllText(Path.Combine(outDir, "summary.md")), StringComparison.Ordinal);
    }
}
