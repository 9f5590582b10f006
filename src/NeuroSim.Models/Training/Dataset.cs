namespace NeuroSim.Models.Training;

/// <summary>Input-target pairs presented in a fixed order.</summary>
public sealed record Dataset(string Name, IReadOnlyList<double[]> Inputs, IReadOnlyList<double[]> Targets)
{
    public int Count => Inputs.Count;

    public int InputSize => Inputs[0].Length;

    public int TargetSize => Targets[0].Length;

    /// <summary>The <paramref name="count"/> examples from <paramref name="start"/> on, under the same name.</summary>
    public Dataset Slice(int start, int count) => new(Name, [.. Inputs.Skip(start).Take(count)], [.. Targets.Skip(start).Take(count)]);
}

/// <summary>Small generated tasks.</summary>
public static class Datasets
{
    /// <summary>
    /// Teacher-student regression: a random tanh teacher network of the given layer sizes (weights normal with
    /// standard deviation 1/sqrt(fan-in) times <paramref name="gain"/>, biases normal 0.1), inputs uniform on
    /// [-1, 1), targets the teacher's outputs. Everything drawn from <paramref name="seed"/>.
    /// </summary>
    public static Dataset TeacherStudent(IReadOnlyList<int> sizes, int count, ulong seed, double gain = 1.5)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var random = new NeuroSim.Core.Randomness.SeededRandom(seed);
        var teacher = new Reference.BackpropMlp(sizes, new NeuroSim.Core.Neurons.TanhActivation());
        for (var k = 0; k < teacher.Weights.Length; k++)
        {
            var scale = gain / Math.Sqrt(sizes[k]);
            for (var q = 0; q < teacher.Weights[k].Length; q++)
            {
                teacher.Weights[k][q] = scale * random.NextGaussian();
            }

            for (var i = 0; i < teacher.Biases[k].Length; i++)
            {
                teacher.Biases[k][i] = 0.1 * random.NextGaussian();
            }
        }

        var inputs = new List<double[]>(count);
        var targets = new List<double[]>(count);
        for (var n = 0; n < count; n++)
        {
            var x = new double[sizes[0]];
            for (var j = 0; j < x.Length; j++)
            {
                x[j] = random.NextUniform(-1, 1);
            }

            teacher.Forward(x);
            inputs.Add(x);
            targets.Add(teacher.Output.ToArray());
        }

        return new Dataset("teacher", inputs, targets);
    }

    /// <summary>
    /// n-bit parity: every input in {-1, +1}^n, target <paramref name="high"/> when the number of +1 entries is
    /// odd and <paramref name="low"/> when it is even; presented in an order shuffled with <paramref name="seed"/>.
    /// XOR is parity of 2 bits.
    /// </summary>
    public static Dataset Parity(int bits, ulong seed, double low = -0.8, double high = 0.8)
    {
        if (bits is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "parity needs 1 to 16 bits");
        }

        var patterns = Enumerable.Range(0, 1 << bits).ToArray();
        var random = new NeuroSim.Core.Randomness.SeededRandom(seed);
        for (var k = patterns.Length - 1; k > 0; k--)
        {
            var swap = (int)(random.NextUInt64() % (ulong)(k + 1));
            (patterns[k], patterns[swap]) = (patterns[swap], patterns[k]);
        }

        return new Dataset(
            $"parity{bits}",
            [.. patterns.Select(p => Enumerable.Range(0, bits).Select(b => ((p >> b) & 1) == 1 ? 1.0 : -1.0).ToArray())],
            [.. patterns.Select(p => new[] { int.PopCount(p) % 2 == 1 ? high : low })]);
    }

    /// <summary>XOR on inputs in {-1, +1}, targets <paramref name="low"/> (same signs) or <paramref name="high"/> (different signs).</summary>
    public static Dataset Xor(double low = -0.8, double high = 0.8) => new(
        "xor",
        [[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]],
        [[low], [high], [high], [low]]);
}
