using System.Diagnostics;
using System.Text;
using NeuroSim.Analysis.Microcircuit.Mnist;
using NeuroSim.Core.Monitoring;
using NeuroSim.Plotting.Rendering;
using MnistDigits = NeuroSim.Models.Training.Mnist;

namespace NeuroSim.Analysis.Microcircuit.Recall;

/// <summary>
/// `neurosim microcircuit vip` as one call: train the network, denoise corrupted held-out digits and generate class
/// prototypes (<see cref="VipRecallExperiment"/>), and write denoising.csv, denoising_per_digit.csv, accuracy.csv,
/// prototypes.csv, the figures, summary.md and manifest.json.
/// </summary>
public static class VipRecallRun
{
    /// <summary>The first <paramref name="train"/> digits, and <paramref name="test"/> digits from the start of the last 2,000 (all classes there).</summary>
    public static (Dataset Train, Dataset Test) Split(string folder, int train, int test)
    {
        var all = MnistDataFolder.Load(folder, train, test, on: 0.8, off: 0.1);
        var heldOut = Math.Min(2000, all.Count / 5);
        if (train > all.Count - heldOut || test > heldOut)
        {
            throw new ArgumentException($"--train {train} / --test {test}: the MNIST folder '{folder}' holds {all.Count} digits; at most {all.Count - heldOut} for training and {heldOut} held out");
        }

        return (all.Slice(0, train), all.Slice(all.Count - heldOut, test));
    }

    /// <summary>Runs the experiment into <paramref name="folder"/> and commits it; <paramref name="log"/> gets a line per epoch and result.</summary>
    public static VipRecallResult Run(VipRecallSettings settings, Dataset train, Dataset test, Corruption corruption, double level, RunFolder folder, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(log);
        var inv = CultureInfo.InvariantCulture;
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        var noiseText = Describe(corruption, level);
        log($"microcircuit vip {settings.Describe()}: {train.Count} training digits, {settings.Epochs} epochs; recall of {test.Count} held-out digits, {noiseText}");
        var network = new VipRecallNetwork(settings);
        var result = VipRecallExperiment.Run(network, train, test, corruption, level, onEpoch: (epoch, accuracy) =>
            log(string.Create(inv, $"epoch {epoch}: free-phase test accuracy {100 * accuracy:F1}% ({watch.Elapsed.TotalSeconds:F1} s)")));
        foreach (var s in result.Denoising)
        {
            log(string.Create(inv, $"{s.Condition}: MSE {s.Mean:F4} +- {s.StandardDeviation:F4}"));
        }

        using (var csv = new CsvTableWriter(folder.PathOf("denoising.csv"), ["condition", "vip_gate", "mse_mean", "mse_sd", "digits"]))
        {
            foreach (var s in result.Denoising)
            {
                csv.Write(s.Condition).Write(s.Gate).Write(s.Mean).Write(s.StandardDeviation).Write((long)s.Digits);
                csv.EndRow();
            }
        }

        using (var csv = new CsvTableWriter(folder.PathOf("denoising_per_digit.csv"), ["label", "mse_gate_closed", "mse_gate_half", "mse_gate_open", "mse_top_down_prediction"]))
        {
            foreach (var row in result.PerDigit)
            {
                csv.Write((long)row[0]).Write(row.AsSpan(1));
                csv.EndRow();
            }
        }

        using (var csv = new CsvTableWriter(folder.PathOf("accuracy.csv"), ["epoch", "test_accuracy"]))
        {
            for (var e = 0; e < result.AccuracyPerEpoch.Count; e++)
            {
                csv.Write((long)e).Write(result.AccuracyPerEpoch[e]);
                csv.EndRow();
            }
        }

        using (var csv = new CsvTableWriter(folder.PathOf("prototypes.csv"), ["class", .. Enumerable.Range(0, MnistDigits.Pixels).Select(p => $"p{p}")]))
        {
            for (var c = 0; c < result.Prototypes.Count; c++)
            {
                csv.Write((long)c).Write(result.Prototypes[c]);
                csv.EndRow();
            }
        }

        FigureFile.Write(RecallFigures.Denoising(result.Examples, noiseText, result.Denoising), Path.Combine(folder.WorkingPath, "plots", "denoising.svg"));
        FigureFile.Write(RecallFigures.Prototypes(result.Prototypes), Path.Combine(folder.WorkingPath, "plots", "prototypes.svg"));
        File.WriteAllText(folder.PathOf("summary.md"), Summary(settings, train, test, noiseText, result, watch.Elapsed.TotalSeconds));
        var manifest = RunManifest.Complete("neurosim microcircuit vip", settings.Seed, started, watch.Elapsed.TotalSeconds) with
        {
            Settings = new Dictionary<string, object>
            {
                ["network"] = $"784-784-{settings.Hidden}-10",
                ["train_examples"] = train.Count,
                ["recalled_digits"] = test.Count,
                ["epochs"] = settings.Epochs,
                ["batch_size"] = settings.BatchSize,
                ["eta"] = settings.Eta,
                ["top_down_rate"] = settings.TopDownRate,
                ["sensory_gain"] = settings.SensoryGain,
                ["g_apical"] = settings.Apical,
                ["g_somatic"] = settings.Somatic,
                ["recall_passes"] = settings.RecallPasses,
                ["corruption"] = noiseText,
            },
            Results = new Dictionary<string, object>
            {
                ["final_test_accuracy"] = result.AccuracyPerEpoch[^1],
                ["mse_gate_closed"] = result.Denoising[0].Mean,
                ["mse_gate_open"] = result.Denoising.First(s => s.Gate == 0.0).Mean,
                ["mse_top_down_prediction"] = result.Denoising[^1].Mean,
            },
            Files = new Dictionary<string, string>
            {
                ["denoising.csv"] = "mean and sd over digits of the sensory layer's MSE to the clean digit, per VIP gate, and of the top-down prediction",
                ["denoising_per_digit.csv"] = "the same per digit",
                ["accuracy.csv"] = "free-phase classification accuracy on the recalled digits per epoch",
                ["prototypes.csv"] = "sensory rates of the 10 class prototypes",
                ["plots/denoising.svg"] = "clean / corrupted / recalled / top-down images",
                ["plots/prototypes.svg"] = "the 10 prototypes, raw and minus their mean",
                ["summary.md"] = "design and results",
            },
        };
        manifest.Save(folder.PathOf("manifest.json"));
        folder.Commit();

        log(string.Create(inv, $"wrote denoising.csv, plots/denoising.svg, plots/prototypes.svg, summary.md, manifest.json to {folder.FinalPath} in {watch.Elapsed.TotalSeconds:F1} s"));
        return result;
    }

    /// <summary>The corruption in words, as the report and the figure give it.</summary>
    public static string Describe(Corruption corruption, double level) => corruption == Corruption.Flip
        ? string.Create(CultureInfo.InvariantCulture, $"{100 * level:0.#}% of pixels flipped")
        : string.Create(CultureInfo.InvariantCulture, $"Gaussian noise sd {level} (clipped to [0, 1])");

    private static string Summary(VipRecallSettings s, Dataset train, Dataset test, string noise, VipRecallResult result, double seconds)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("# VIP disinhibition: top-down recall in the dendritic microcircuit");
        text.AppendLine();
        text.AppendLine("The arXiv v1 of Sacramento et al. reports that VIP interneurons, by suppressing SST lateral inhibition in a recall mode, let the network denoise inputs and generate digit prototypes top-down. It gives no parameters or numbers; everything below is a reimplementation design [I].");
        text.AppendLine();
        text.AppendLine("## Design [I]");
        text.AppendLine();
        text.AppendLine(inv, $"- Network 784 (input rates) - 784 (sensory pyramidal layer) - {s.Hidden} (hidden) - 10 (class outputs); logistic transfer, biases; conductances g_A {s.Apical}, g_som {s.Somatic} (the reimplementations' defaults; lambda_A = lambda_out = 0.42), g_lk 0.1, g_B = g_D = 1.");
        text.AppendLine(inv, $"- The sensory layer is a copy of the image: fixed one-to-one basal weights {s.SensoryGain} and bias {-s.SensoryGain / 2} (not plastic), so pixel 0 and 1 sit at basal potentials -+{s.SensoryGain / 2}.");
        text.AppendLine(inv, $"- Training ({train.Count} digits, {s.Epochs} epochs, batches of {s.BatchSize}): the paper's two-step scheme with one-hot targets {{0.1, 0.8}} as logit potentials; bottom-up weights of the hidden and output layers learn with the per-layer rescaled rates (eta {s.Eta}); the top-down weights B of both layers learn with the paper's Eq. 10, (phi(u_k) - phi(B r_(k+1))) r_(k+1), rate {s.TopDownRate} (initial B uniform +-{s.FeedbackScale}). W^IP and W^PI are held at the analytic self-predicting state after every batch (standing in for their plasticity).");
        text.AppendLine("- The VIP gate multiplies the interneuron-to-apical input W^PI r^I: 1 = normal (SST inhibition cancels the top-down input, perception is bottom-up), 0 = VIP active (disinhibited: the apical potential is the top-down prediction B r).");
        text.AppendLine(inv, $"- Recall: settle ({s.RecallPasses} bottom-up/top-down sweeps, no target, sigma 0) on a corrupted held-out digit ({noise}); the error is the mean squared difference of the sensory layer's rates from the rates the clean digit evokes bottom-up, per digit, then mean +- sd over {test.Count} digits (the first of the last 2,000).");
        text.AppendLine("- Prototypes: blank input (all pixels 0), output nudged toward one class, gate open, settled; the sensory layer's rates.");
        text.AppendLine();
        text.AppendLine("## Results");
        text.AppendLine();
        text.AppendLine(inv, $"Free-phase classification accuracy on the recalled digits per epoch: {string.Join(", ", result.AccuracyPerEpoch.Select(a => (100 * a).ToString("F1", inv) + "%"))}.");
        text.AppendLine();
        text.AppendMarkdownTable(["condition", "MSE to the clean digit (mean +- sd)"], result.Denoising.Select(d => new[] { d.Condition, string.Create(inv, $"{d.Mean:F4} +- {d.StandardDeviation:F4}") }));

        text.AppendLine();
        text.AppendLine("With the gate closed the sensory layer reports the corrupted input (its error is the corrupted input's error). Opening the gate adds lambda_A B r to each sensory soma: the soma mixes the corrupted basal drive with the learned top-down prediction, which moves flipped pixels toward the digit; the top-down prediction itself (last row) is the network's full reconstruction. plots/denoising.svg shows examples, plots/prototypes.svg the ten prototypes (raw, and minus their mean to show the class-specific part).");
        text.AppendLine();
        text.AppendLine(inv, $"Wall time {seconds:F1} s.");
        return text.ToString();
    }
}
