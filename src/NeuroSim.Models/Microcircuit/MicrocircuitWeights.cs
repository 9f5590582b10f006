using NeuroSim.Core.Randomness;

namespace NeuroSim.Models.Microcircuit;

/// <summary>
/// All weights of a microcircuit in one flat buffer (row-major matrices, post x pre), so a continuous-time
/// model can keep them inside its ODE state and the plasticity filters can share the layout. Layer index l
/// counts pyramidal layers from the first hidden (0) to the output (N - 1); the top-down and interneuron
/// classes exist for l = 0 .. N - 2.
/// </summary>
public sealed class MicrocircuitWeights
{
    /// <summary>Every weight class, in layout order.</summary>
    public static readonly IReadOnlyList<WeightClass> Classes = Enum.GetValues<WeightClass>();

    private readonly double[] buffer;
    private readonly int offset;
    private readonly (int Start, int Rows, int Columns)[][] blocks;

    public MicrocircuitWeights(IReadOnlyList<int> sizes, bool biases)
        : this(sizes, biases, new double[LengthOf(sizes, biases)], 0)
    {
    }

    /// <summary>Lays the weights over <paramref name="buffer"/> from <paramref name="offset"/> (length <see cref="LengthOf"/>).</summary>
    public MicrocircuitWeights(IReadOnlyList<int> sizes, bool biases, double[] buffer, int offset)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(buffer);
        Sizes = [.. sizes];
        HasBiases = biases;
        this.buffer = buffer;
        this.offset = offset;
        blocks = new (int, int, int)[Classes.Count][];
        var next = offset;
        foreach (var kind in Classes)
        {
            var count = kind is WeightClass.Up or WeightClass.UpBias ? Layers : Layers - 1;
            blocks[(int)kind] = new (int, int, int)[count];
            for (var l = 0; l < count; l++)
            {
                var (rows, columns) = Shape(Sizes, biases, kind, l);
                blocks[(int)kind][l] = (next, rows, columns);
                next += rows * columns;
            }
        }

        Length = next - offset;
        if (offset < 0 || next > buffer.Length)
        {
            throw new ArgumentException($"buffer of {buffer.Length} values cannot hold {Length} weights from offset {offset}");
        }
    }

    public int[] Sizes { get; }

    public bool HasBiases { get; }

    /// <summary>Pyramidal layers N.</summary>
    public int Layers => Sizes.Length - 1;

    /// <summary>Number of values, all classes together.</summary>
    public int Length { get; }

    /// <summary>All values of all classes.</summary>
    public Span<double> All => buffer.AsSpan(offset, Length);

    /// <summary>Number of values a set of weights for <paramref name="sizes"/> needs.</summary>
    public static int LengthOf(IReadOnlyList<int> sizes, bool biases)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var layers = sizes.Count - 1;
        var total = 0;
        foreach (var kind in Classes)
        {
            var count = kind is WeightClass.Up or WeightClass.UpBias ? layers : layers - 1;
            for (var l = 0; l < count; l++)
            {
                var (rows, columns) = Shape(sizes, biases, kind, l);
                total += rows * columns;
            }
        }

        return total;
    }

    /// <summary>(rows, columns) of class <paramref name="kind"/> at layer <paramref name="layer"/>; biases are a column.</summary>
    public static (int Rows, int Columns) Shape(IReadOnlyList<int> sizes, bool biases, WeightClass kind, int layer)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        return kind switch
        {
            WeightClass.Up => (sizes[layer + 1], sizes[layer]),
            WeightClass.UpBias => (sizes[layer + 1], biases ? 1 : 0),
            WeightClass.Down => (sizes[layer + 1], sizes[layer + 2]),
            WeightClass.PyramidalToInterneuron => (sizes[layer + 2], sizes[layer + 1]),
            WeightClass.InterneuronBias => (sizes[layer + 2], biases ? 1 : 0),
            WeightClass.InterneuronToPyramidal => (sizes[layer + 1], sizes[layer + 2]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown weight class"),
        };
    }

    /// <summary>How many layers class <paramref name="kind"/> has.</summary>
    public int CountOf(WeightClass kind) => blocks[(int)kind].Length;

    /// <summary>Rows and columns of class <paramref name="kind"/> at <paramref name="layer"/>.</summary>
    public (int Rows, int Columns) ShapeOf(WeightClass kind, int layer)
    {
        var b = blocks[(int)kind][layer];
        return (b.Rows, b.Columns);
    }

    /// <summary>Where the block of class <paramref name="kind"/> at <paramref name="layer"/> starts within <see cref="All"/>.</summary>
    public int OffsetOf(WeightClass kind, int layer) => blocks[(int)kind][layer].Start - offset;

    /// <summary>The values of one class at one layer (row-major, rows = post).</summary>
    public Span<double> Of(WeightClass kind, int layer)
    {
        var b = blocks[(int)kind][layer];
        return buffer.AsSpan(b.Start, b.Rows * b.Columns);
    }

    /// <summary>The block of one class at one layer within <paramref name="all"/>, a vector laid out like <see cref="All"/>.</summary>
    public ReadOnlySpan<double> Of(WeightClass kind, int layer, ReadOnlySpan<double> all)
    {
        var b = blocks[(int)kind][layer];
        return all.Slice(b.Start - offset, b.Rows * b.Columns);
    }

    /// <summary>The block of one class at one layer within <paramref name="all"/>, a vector laid out like <see cref="All"/>.</summary>
    public Span<double> Of(WeightClass kind, int layer, Span<double> all)
    {
        var b = blocks[(int)kind][layer];
        return all.Slice(b.Start - offset, b.Rows * b.Columns);
    }

    public Span<double> Up(int layer) => Of(WeightClass.Up, layer);

    public Span<double> UpBias(int layer) => Of(WeightClass.UpBias, layer);

    public Span<double> Down(int layer) => Of(WeightClass.Down, layer);

    public Span<double> PyramidalToInterneuron(int layer) => Of(WeightClass.PyramidalToInterneuron, layer);

    public Span<double> InterneuronBias(int layer) => Of(WeightClass.InterneuronBias, layer);

    public Span<double> InterneuronToPyramidal(int layer) => Of(WeightClass.InterneuronToPyramidal, layer);

    /// <summary>Copies every value from weights of the same shape.</summary>
    public void CopyFrom(MicrocircuitWeights source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.Sizes.AsSpan().SequenceEqual(Sizes) || source.HasBiases != HasBiases)
        {
            throw new ArgumentException($"weights of a {string.Join("-", source.Sizes)} network do not fit a {string.Join("-", Sizes)} network");
        }

        source.All.CopyTo(All);
    }

    /// <summary>
    /// Draws every class uniformly from [-scale, scale] of that class (the paper draws all five classes
    /// independently; biases start at 0). Classes are drawn in a fixed order, so a seed fixes every value.
    /// </summary>
    public void Randomize(SeededRandom random, Func<WeightClass, int, double> scale)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(scale);
        foreach (var kind in Classes)
        {
            for (var l = 0; l < CountOf(kind); l++)
            {
                var values = Of(kind, l);
                if (kind is WeightClass.UpBias or WeightClass.InterneuronBias)
                {
                    values.Clear();
                    continue;
                }

                var s = scale(kind, l);
                for (var k = 0; k < values.Length; k++)
                {
                    values[k] = random.NextUniform(-s, s);
                }
            }
        }
    }

    /// <summary>
    /// The analytic self-predicting state: interneurons copy the layer above (W^IP = a W^PP_{k+1,k}, with a
    /// the ratio of the upper layer's basal attenuation to the interneuron's) and cancel its top-down input
    /// (W^PI = -B), so that without a target every apical potential is zero.
    /// </summary>
    public void SetSelfPredicting(Conductances g)
    {
        ArgumentNullException.ThrowIfNull(g);
        for (var l = 0; l < Layers - 1; l++)
        {
            var upperAttenuation = l + 1 == Layers - 1 ? g.OutputBasalAttenuation : g.HiddenBasalAttenuation;
            var factor = upperAttenuation / g.InterneuronAttenuation;
            Scale(Up(l + 1), factor, PyramidalToInterneuron(l));
            Scale(UpBias(l + 1), factor, InterneuronBias(l));
            Scale(Down(l), -1.0, InterneuronToPyramidal(l));
        }
    }

    /// <summary>
    /// Ties every top-down block to the bottom-up weights it mirrors, B_l = scale x W_up(l+1)^T (at scale 1 the paper's
    /// section 3.1 condition, under which a two-step change is the backprop gradient of the free network), and keeps the
    /// interneurons' cancellation W^PI_l = -B_l.
    /// </summary>
    public void TieTopDown(double scale)
    {
        for (var l = 0; l < Layers - 1; l++)
        {
            var (rows, columns) = ShapeOf(WeightClass.Down, l);
            var up = Up(l + 1);
            var down = Down(l);
            for (var i = 0; i < rows; i++)
            {
                for (var j = 0; j < columns; j++)
                {
                    down[(i * columns) + j] = scale * up[(j * rows) + i];
                }
            }

            Scale(down, -1.0, InterneuronToPyramidal(l));
        }
    }

    private static void Scale(ReadOnlySpan<double> source, double factor, Span<double> destination)
    {
        for (var k = 0; k < source.Length; k++)
        {
            destination[k] = factor * source[k];
        }
    }
}
