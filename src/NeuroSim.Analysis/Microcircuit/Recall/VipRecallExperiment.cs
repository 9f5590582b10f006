using NeuroSim.Core.Randomness;
using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Analysis.Microcircuit.Recall;

/// <summary>How held-out digits are corrupted before recall.</summary>
public enum Corruption
{
    /// <summary>Each pixel is replaced by 1 - pixel with probability level.</summary>
    Flip,

    /// <summary>Gaussian noise of standard deviation level, clipped to [0, 1].</summary>
    Gaussian,
}

/// <summary>Mean and sample standard deviation of a per-digit error over the digits.</summary>
public sealed record ErrorStatistic(string Condition, double Gate, double Mean, double StandardDeviation, int Digits);

/// <summary>One digit's images for the figure: sensory rates of the clean digit, of the corrupted one, recalled, and the top-down prediction.</summary>
public sealed record RecallExample(int Label, double[] Clean, double[] Corrupted, double[] Recalled, double[] TopDown);

/// <summary>Everything a VIP recall run measured.</summary>
public sealed record VipRecallResult(
    IReadOnlyList<double> AccuracyPerEpoch,
    IReadOnlyList<ErrorStatistic> Denoising,
    IReadOnlyList<double[]> PerDigit,
    IReadOnlyList<RecallExample> Examples,
    IReadOnlyList<double[]> Prototypes);

/// <summary>
/// Trains a <see cref="VipRecallNetwork"/> on MNIST, then (a) denoising: corrupts held-out digits and settles with the VIP
/// gate closed (1), half open (0.5) and open (0), measuring the mean squared error of the sensory layer's rates to the
/// rates the clean digit evokes bottom-up (gate closed); and (b) prototypes: blank input, output nudged to one class,
/// gate open, settled; the sensory layer is the class's prototype.
/// </summary>
public static class VipRecallExperiment
{
    /// <summary>The gates compared: closed (normal), half, open (disinhibited).</summary>
    public static IReadOnlyList<double> Gates { get; } = [1.0, 0.5, 0.0];

    public static VipRecallResult Run(VipRecallNetwork network, Dataset train, Dataset test, Corruption corruption, double level, int examples = 8, Action<int, double>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        var accuracy = new List<double> { network.Accuracy(test) };
        onEpoch?.Invoke(0, accuracy[0]);
        for (var epoch = 1; epoch <= network.Settings.Epochs; epoch++)
        {
            network.TrainEpoch(train, epoch);
            accuracy.Add(network.Accuracy(test));
            onEpoch?.Invoke(epoch, accuracy[^1]);
        }

        var (statistics, perDigit, shown) = Denoise(network, test, corruption, level, examples);
        var prototypes = Enumerable.Range(0, Models.Training.Mnist.Classes).Select(network.Prototype).ToList();
        return new VipRecallResult(accuracy, statistics, perDigit, shown, prototypes);
    }

    /// <summary>
    /// Per digit: MSE of the corrupted digit's sensory rates with the gate at each of <see cref="Gates"/>, and of the
    /// top-down prediction phi(B r) with the gate open, against the clean digit's bottom-up sensory rates.
    /// Rows of the per-digit table: label, then one error per condition (order of the statistics).
    /// </summary>
    public static (IReadOnlyList<ErrorStatistic> Statistics, IReadOnlyList<double[]> PerDigit, IReadOnlyList<RecallExample> Examples) Denoise(
        VipRecallNetwork network, Dataset test, Corruption corruption, double level, int examples)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(test);
        var random = Seeds.Random(network.Settings.Seed, SeedStreams.VipRecall);
        var conditions = Gates.Select(g => (Name: Name(g), Gate: g)).Append((Name: "top-down prediction (gate open)", Gate: 0.0)).ToList();
        var perDigit = new List<double[]>();
        var shown = new List<RecallExample>();
        for (var k = 0; k < test.Count; k++)
        {
            var clean = network.Sensory(test.Inputs[k], 1.0);
            var noisy = Corrupt(test.Inputs[k], corruption, level, random);
            var row = new double[conditions.Count + 1];
            row[0] = Models.Training.Mnist.ClassOf(test.Targets[k]);
            double[] corrupted = [], recalled = [];
            for (var c = 0; c < Gates.Count; c++)
            {
                var rates = network.Sensory(noisy, Gates[c]);
                row[c + 1] = MeanSquaredError(rates, clean);
                if (Gates[c] == 1.0)
                {
                    corrupted = rates;
                }
                else if (Gates[c] == 0.0)
                {
                    recalled = rates;
                }
            }

            // The last settling was with the gate open: its top-down prediction.
            var topDown = network.TopDownPrediction();
            row[^1] = MeanSquaredError(topDown, clean);
            perDigit.Add(row);
            if (shown.Count < examples)
            {
                shown.Add(new RecallExample((int)row[0], clean, corrupted, recalled, topDown));
            }
        }

        var statistics = conditions.Select((c, i) => Statistic(c.Name, c.Gate, perDigit.Select(r => r[i + 1]).ToArray())).ToList();
        return (statistics, perDigit, shown);
    }

    public static string Name(double gate) => gate switch
    {
        1.0 => "gate closed (bottom-up: the corrupted input's error)",
        0.0 => "gate open (top-down recall)",
        _ => $"gate {gate:0.##}",
    };

    /// <summary>A corrupted copy of <paramref name="image"/>.</summary>
    public static double[] Corrupt(ReadOnlySpan<double> image, Corruption corruption, double level, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var result = image.ToArray();
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = corruption switch
            {
                Corruption.Flip => random.NextDouble() < level ? 1.0 - result[i] : result[i],
                _ => Math.Clamp(result[i] + (level * random.NextGaussian()), 0.0, 1.0),
            };
        }

        return result;
    }

    public static double MeanSquaredError(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => DenseMath.SquaredDistance(a, b) / a.Length;

    private static ErrorStatistic Statistic(string name, double gate, double[] values)
    {
        var mean = values.Average();
        var sd = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)) : 0.0;
        return new ErrorStatistic(name, gate, mean, sd, values.Length);
    }
}
