using System.CommandLine;
using NeuroSim.Core.RunFolders;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using NeuroSim.Analysis.Microcircuit.Recall;
using NeuroSim.Models.Training;
using NeuroSim.Plotting.Svg;
using Spectre.Console;

namespace NeuroSim.Cli.Commands.Microcircuit;

/// <summary>
/// `neurosim microcircuit vip`: VIP disinhibition (arXiv v1 of Sacramento et al.): a microcircuit with a sensory
/// copy of the image learns MNIST and its top-down weights (Eq. 10); opening the VIP gate lets top-down recall
/// denoise corrupted digits and generate class prototypes.
/// </summary>
internal static class VipExperimentCommand
{
    private static readonly string[] NoiseKinds = ["flip", "gaussian"];

    public static Command Create(TextWriter output, TextWriter error)
    {
        var defaults = new VipRecallSettings();
        var data = new Option<string>("--data") { Description = "MNIST folder with 0.json ... 9.json (fetch with `neurosim fetch-mnist`).", DefaultValueFactory = _ => FetchMnistCommand.DefaultFolder };
        var hidden = new Option<int>("--hidden") { Description = "Hidden-layer size (network 784-784-H-10; the first 784 are the sensory copy).", DefaultValueFactory = _ => defaults.Hidden };
        var epochs = new Option<int>("--epochs") { Description = "Training passes over the digits.", DefaultValueFactory = _ => defaults.Epochs };
        var train = new Option<int>("--train") { Description = "Training digits (the first N).", DefaultValueFactory = _ => 8000 };
        var test = new Option<int>("--test") { Description = "Held-out digits recalled (the first N of the last 2,000).", DefaultValueFactory = _ => 500 };
        var noise = new Option<string>("--noise") { Description = "Corruption: flip (pixel -> 1 - pixel with probability --level) or gaussian (sd --level, clipped).", DefaultValueFactory = _ => "flip" };
        var level = new Option<double>("--level") { Description = "Flip probability or Gaussian sd.", DefaultValueFactory = _ => 0.3 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the weights, the order and the corruption.", DefaultValueFactory = _ => 1 };
        var outOption = new OutputFolderOptions("Output folder.");
        var command = new Command("vip", "VIP disinhibition: top-down recall with the interneuron gate open denoises corrupted digits and generates class prototypes (design [I], see summary.md).")
        {
            data, hidden, epochs, train, test, noise, level, seed, outOption.Out, outOption.Overwrite,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var settings = defaults with { Hidden = parse.GetValue(hidden), Epochs = parse.GetValue(epochs), Seed = parse.GetValue(seed) };
            settings.Validate();
            var kind = parse.GetValue(noise)!;
            var corruption = kind switch
            {
                "flip" => Corruption.Flip,
                "gaussian" => Corruption.Gaussian,
                _ => throw new ArgumentException($"--noise '{kind}': valid: {string.Join(", ", NoiseKinds)}"),
            };
            var amount = parse.GetValue(level);
            if (!(amount >= 0) || !double.IsFinite(amount) || (corruption == Corruption.Flip && amount > 1))
            {
                throw new ArgumentException($"--level {amount}: a flip probability in [0, 1] or a Gaussian sd >= 0");
            }

            var (trainSet, testSet) = Split(parse.GetValue(data)!, parse.GetValue(train), parse.GetValue(test));
            using var folder = outOption.Open(parse, "microcircuit vip");
            return Run(settings, trainSet, testSet, corruption, amount, folder, output);
        }));
        return command;
    }

    /// <summary>The first <paramref name="train"/> digits, and <paramref name="test"/> digits from the start of the last 2,000 (all classes there).</summary>
    private static (Dataset Train, Dataset Test) Split(string folder, int train, int test)
    {
        if (train < 1 || test < 1)
        {
            throw new ArgumentException("--train and --test must be >= 1");
        }

        if (!Directory.Exists(folder))
        {
            throw new ArgumentException($"--data '{folder}': no such folder; run `neurosim fetch-mnist` first (or give --data tests/data/mnist-subset)");
        }

        var all = Mnist.Load(folder, on: 0.8, off: 0.1);
        var heldOut = Math.Min(2000, all.Count / 5);
        if (train > all.Count - heldOut || test > heldOut)
        {
            throw new ArgumentException($"--train {train} / --test {test}: the MNIST folder '{folder}' holds {all.Count} digits; at most {all.Count - heldOut} for training and {heldOut} held out");
        }

        var start = all.Count - heldOut;
        return (new Dataset("train", [.. all.Inputs.Take(train)], [.. all.Targets.Take(train)]),
            new Dataset("test", [.. all.Inputs.Skip(start).Take(test)], [.. all.Targets.Skip(start).Take(test)]));
    }

    private static int Run(VipRecallSettings settings, Dataset train, Dataset test, Corruption corruption, double level, RunFolder folder, TextWriter output)
    {
        var console = CliConsole.Create(output);
        var inv = CultureInfo.InvariantCulture;
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        var noiseText = corruption == Corruption.Flip ? string.Create(inv, $"{100 * level:0.#}% of pixels flipped") : string.Create(inv, $"Gaussian noise sd {level} (clipped to [0, 1])");
        console.MarkupLine(Markup.Escape($"microcircuit vip {settings.Describe()}: {train.Count} training digits, {settings.Epochs} epochs; recall of {test.Count} held-out digits, {noiseText}"));
        var network = new VipRecallNetwork(settings);
        var result = VipRecallExperiment.Run(network, train, test, corruption, level, onEpoch: (epoch, accuracy) =>
            console.MarkupLine(Markup.Escape(string.Create(inv, $"epoch {epoch}: free-phase test accuracy {100 * accuracy:F1}% ({watch.Elapsed.TotalSeconds:F1} s)"))));
        foreach (var s in result.Denoising)
        {
            console.MarkupLine(Markup.Escape(string.Create(inv, $"{s.Condition}: MSE {s.Mean:F4} +- {s.StandardDeviation:F4}")));
        }

        {
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

            using (var csv = new CsvTableWriter(folder.PathOf("prototypes.csv"), ["class", .. Enumerable.Range(0, Mnist.Pixels).Select(p => $"p{p}")]))
            {
                for (var c = 0; c < result.Prototypes.Count; c++)
                {
                    csv.Write((long)c).Write(result.Prototypes[c]);
                    csv.EndRow();
                }
            }

            SvgFile.Write(RecallFigures.Denoising(result.Examples, noiseText, result.Denoising).Render(), Path.Combine(folder.WorkingPath, "plots", "denoising.svg"));
            SvgFile.Write(RecallFigures.Prototypes(result.Prototypes).Render(), Path.Combine(folder.WorkingPath, "plots", "prototypes.svg"));
            File.WriteAllText(folder.PathOf("summary.md"), Summary(settings, train, test, noiseText, result, watch.Elapsed.TotalSeconds));
            new RunManifest
            {
                Command = "neurosim microcircuit vip",
                Seed = settings.Seed,
                Status = "complete",
                StartedUtc = started,
                WallSeconds = watch.Elapsed.TotalSeconds,
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
            }.Save(folder.PathOf("manifest.json"));
            folder.Commit();
        }

        console.MarkupLine(Markup.Escape(string.Create(inv, $"wrote denoising.csv, plots/denoising.svg, plots/prototypes.svg, summary.md, manifest.json to {folder.FinalPath} in {watch.Elapsed.TotalSeconds:F1} s")));
        return CliApp.Success;
    }

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
        text.AppendLine("| condition | MSE to the clean digit (mean +- sd) |");
        text.AppendLine("|---|---|");
        foreach (var d in result.Denoising)
        {
            text.AppendLine(inv, $"| {d.Condition} | {d.Mean:F4} +- {d.StandardDeviation:F4} |");
        }

        text.AppendLine();
        text.AppendLine("With the gate closed the sensory layer reports the corrupted input (its error is the corrupted input's error). Opening the gate adds lambda_A B r to each sensory soma: the soma mixes the corrupted basal drive with the learned top-down prediction, which moves flipped pixels toward the digit; the top-down prediction itself (last row) is the network's full reconstruction. plots/denoising.svg shows examples, plots/prototypes.svg the ten prototypes (raw, and minus their mean to show the class-specific part).");
        text.AppendLine();
        text.AppendLine(inv, $"Wall time {seconds:F1} s.");
        return text.ToString();
    }
}
