using NeuroSim.Core.Neurons;
using NeuroSim.Core.Randomness;
using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Models.Training;

/// <summary>
/// The paper's Fig. 2 teacher: r_trgt = phi(k21 W21 phi(k10 W10 r0)), weights and inputs uniform in [-1, 1],
/// phi the scaled soft-ReLU. Target potentials for nudging are phi^-1(r_trgt).
/// </summary>
public sealed class Teacher
{
    private readonly ScaledSoftPlusActivation phi;
    private readonly double[] lower;
    private readonly double[] upper;
    private readonly int[] sizes;
    private readonly double hiddenGain;
    private readonly double outputGain;

    /// <summary>A teacher with weights drawn uniformly from [-1, 1] (W10 row-major first, then W21).</summary>
    public Teacher(int[] sizes, double hiddenGain, double outputGain, ScaledSoftPlusActivation phi, SeededRandom random)
        : this(sizes, hiddenGain, outputGain, phi, Draw(sizes, 1, random), Draw(sizes, 2, random))
    {
    }

    /// <summary>A teacher with given weights: <paramref name="lower"/> W10 (n1 x n0) and <paramref name="upper"/> W21 (n2 x n1), row-major.</summary>
    public Teacher(int[] sizes, double hiddenGain, double outputGain, ScaledSoftPlusActivation phi, double[] lower, double[] upper)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        if (sizes.Length != 3 || lower.Length != sizes[1] * sizes[0] || upper.Length != sizes[2] * sizes[1])
        {
            throw new ArgumentException($"teacher weights of {lower.Length} and {upper.Length} values do not fit a {string.Join("-", sizes)} network");
        }

        this.sizes = [.. sizes];
        this.phi = phi ?? throw new ArgumentNullException(nameof(phi));
        this.hiddenGain = hiddenGain;
        this.outputGain = outputGain;
        this.lower = [.. lower];
        this.upper = [.. upper];
    }

    /// <summary>The teacher of experiment seed <paramref name="seed"/>: weights drawn from its stream <see cref="SeedStreams.TeacherWeights"/>.</summary>
    public static Teacher OfSeed(int[] sizes, double hiddenGain, double outputGain, ScaledSoftPlusActivation phi, ulong seed) =>
        new(sizes, hiddenGain, outputGain, phi, Seeds.Random(seed, SeedStreams.TeacherWeights));

    /// <summary>
    /// <paramref name="count"/> examples after skipping <paramref name="skip"/>: inputs uniform in [-1, 1] drawn in order from
    /// <paramref name="draws"/> (one pattern's inputs after another), targets the teacher's rates, or their potentials
    /// phi^-1(r_trgt) when <paramref name="potentials"/>.
    /// </summary>
    public Dataset Examples(string name, SeededRandom draws, int count, int skip = 0, bool potentials = false)
    {
        ArgumentNullException.ThrowIfNull(draws);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        var inputs = new List<double[]>(count);
        var targets = new List<double[]>(count);
        for (var n = 0; n < skip + count; n++)
        {
            var input = new double[sizes[0]];
            for (var k = 0; k < input.Length; k++)
            {
                input[k] = draws.NextUniform(-1, 1);
            }

            if (n < skip)
            {
                continue;
            }

            var rates = Rates(input);
            inputs.Add(input);
            targets.Add(potentials ? [.. rates.Select(r => InversePotential(phi, r))] : rates);
        }

        return new Dataset(name, inputs, targets);
    }

    /// <summary>Target rates for input rates <paramref name="input"/>.</summary>
    public double[] Rates(ReadOnlySpan<double> input)
    {
        var hidden = Layer(lower, sizes[1], sizes[0], hiddenGain, input);
        return Layer(upper, sizes[2], sizes[1], outputGain, hidden);
    }

    /// <summary>phi(gain W r) for a row-major <paramref name="rows"/> x <paramref name="columns"/> matrix W.</summary>
    private double[] Layer(double[] weights, int rows, int columns, double gain, ReadOnlySpan<double> rates)
    {
        var result = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < columns; j++)
            {
                sum += weights[(i * columns) + j] * rates[j];
            }

            result[i] = phi.Value(gain * sum);
        }

        return result;
    }

    /// <summary>
    /// phi^-1(r) = theta + ln(e^(r / gamma) - 1) / beta for the scaled soft-ReLU (r > 0); for r / gamma below
    /// 1e-8, e^x - 1 = x to double precision is used so tiny rates keep a finite potential (and above 40, ln(e^x - 1) = x).
    /// </summary>
    public static double InversePotential(ScaledSoftPlusActivation phi, double rate)
    {
        ArgumentNullException.ThrowIfNull(phi);
        if (!(rate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "the soft-ReLU only reaches rates > 0");
        }

        var x = rate / phi.Gamma;
        var log = x > 40 ? x : Math.Log(x < 1e-8 ? x : Math.Exp(x) - 1);
        return phi.Theta + (log / phi.Beta);
    }

    private static double[] Draw(int[] sizes, int layer, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(random);
        return [.. Enumerable.Range(0, sizes[layer] * sizes[layer - 1]).Select(_ => random.NextUniform(-1, 1))];
    }
}
