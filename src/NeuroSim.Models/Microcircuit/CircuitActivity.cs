using NeuroSim.Core.Neurons;

namespace NeuroSim.Models.Microcircuit;

/// <summary>
/// Rates and dendritic potentials of a microcircuit at one moment, computed from its somatic potentials, and
/// the Urbanczik-Senn plasticity induction they imply. Shared by the continuous-time model and the steady-state
/// scheme, so both learn by literally the same rule. Layer index l: 0 = first hidden, N - 1 = output;
/// interneuron population l has one cell per pyramidal neuron of layer l + 1.
/// </summary>
public sealed class CircuitActivity
{
    private static readonly double[] One = [1.0];
    private readonly Activation phi;
    private readonly int[] pyramidalStart;
    private readonly int[] interneuronStart;
    private readonly double[] pyramidalRate;
    private readonly double[] interneuronRate;
    private readonly double[] basal;
    private readonly double[] topDown;
    private readonly double[] lateral;
    private readonly double[] apical;
    private readonly double[] dendrite;
    private readonly double[] error;
    private readonly double[] centered;
    private readonly double[] biasFactor = new double[1];

    public CircuitActivity(IReadOnlyList<int> sizes, Activation transfer, Conductances conductances)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        Sizes = [.. sizes];
        Layers = Sizes.Length - 1;
        phi = transfer;
        Conductances = conductances;
        pyramidalStart = new int[Layers + 1];
        for (var l = 0; l < Layers; l++)
        {
            pyramidalStart[l + 1] = pyramidalStart[l] + Sizes[l + 1];
        }

        interneuronStart = new int[Layers];
        for (var l = 0; l < Layers - 1; l++)
        {
            interneuronStart[l + 1] = interneuronStart[l] + Sizes[l + 2];
        }

        PyramidalCount = pyramidalStart[Layers];
        InterneuronCount = interneuronStart[Layers - 1];
        pyramidalRate = new double[PyramidalCount];
        interneuronRate = new double[InterneuronCount];
        basal = new double[PyramidalCount];
        topDown = new double[PyramidalCount];
        lateral = new double[PyramidalCount];
        apical = new double[PyramidalCount];
        dendrite = new double[InterneuronCount];
        error = new double[Sizes.Max()];
        centered = new double[Sizes.Max()];
    }

    public int[] Sizes { get; }

    public int Layers { get; }

    public Conductances Conductances { get; }

    public Activation Transfer => phi;

    /// <summary>All pyramidal neurons, hidden layers then output (the length of a pyramidal potential vector).</summary>
    public int PyramidalCount { get; }

    /// <summary>All interneurons, layer by layer.</summary>
    public int InterneuronCount { get; }

    /// <summary>Where layer <paramref name="layer"/> starts in a vector over all pyramidal neurons.</summary>
    public int PyramidalStart(int layer) => pyramidalStart[layer];

    /// <summary>Where interneuron population <paramref name="layer"/> starts in a vector over all interneurons.</summary>
    public int InterneuronStart(int layer) => interneuronStart[layer];

    /// <summary>The slice of layer <paramref name="layer"/> in a vector over all pyramidal neurons.</summary>
    public Range PyramidalLayer(int layer) => new(pyramidalStart[layer], pyramidalStart[layer + 1]);

    /// <summary>The slice of population <paramref name="layer"/> in a vector over all interneurons.</summary>
    public Range InterneuronLayer(int layer) => new(interneuronStart[layer], interneuronStart[layer] + Sizes[layer + 2]);

    public ReadOnlySpan<double> PyramidalRate(int layer) => pyramidalRate.AsSpan(PyramidalLayer(layer));

    public ReadOnlySpan<double> InterneuronRate(int layer) => interneuronRate.AsSpan(InterneuronLayer(layer));

    /// <summary>Basal potentials v_B = W^PP_{k,k-1} r_{k-1} + b.</summary>
    public ReadOnlySpan<double> Basal(int layer) => basal.AsSpan(PyramidalLayer(layer));

    /// <summary>The top-down part B r_{k+1} of the apical potential (zero at the output).</summary>
    public ReadOnlySpan<double> TopDown(int layer) => topDown.AsSpan(PyramidalLayer(layer));

    /// <summary>The interneuron part W^PI r^I of the apical potential, before the VIP gate.</summary>
    public ReadOnlySpan<double> Lateral(int layer) => lateral.AsSpan(PyramidalLayer(layer));

    /// <summary>Apical potentials v_A = B r_{k+1} + gate W^PI r^I (zero at the output).</summary>
    public ReadOnlySpan<double> Apical(int layer) => apical.AsSpan(PyramidalLayer(layer));

    /// <summary>Interneuron dendritic potentials v^I = W^IP r_k + b^I.</summary>
    public ReadOnlySpan<double> InterneuronDendrite(int layer) => dendrite.AsSpan(InterneuronLayer(layer));

    /// <summary>The basal attenuation of a layer: the soma's prediction per unit basal potential without nudging.</summary>
    public double BasalAttenuation(int layer) => layer == Layers - 1 ? Conductances.OutputBasalAttenuation : Conductances.HiddenBasalAttenuation;

    /// <summary>
    /// Every rate and dendritic potential from somatic potentials, input rates and weight values laid out as <paramref name="layout"/>;
    /// <paramref name="lesioned"/> (soma order, or empty) marks neurons whose rate is 0.
    /// </summary>
    public void Compute(
        ReadOnlySpan<double> pyramidal,
        ReadOnlySpan<double> interneurons,
        ReadOnlySpan<double> input,
        MicrocircuitWeights layout,
        ReadOnlySpan<double> w,
        double interneuronGate = 1.0,
        bool interneuronsSilenced = false,
        ReadOnlySpan<bool> lesioned = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        phi.Apply(pyramidal[..PyramidalCount], pyramidalRate);
        phi.Apply(interneurons[..InterneuronCount], interneuronRate);
        if (interneuronsSilenced)
        {
            interneuronRate.AsSpan().Clear();
        }

        // Lesioned neurons (pyramidal, then interneurons: soma order) fire at rate 0.
        for (var k = 0; k < lesioned.Length; k++)
        {
            if (lesioned[k])
            {
                (k < PyramidalCount ? ref pyramidalRate[k] : ref interneuronRate[k - PyramidalCount]) = 0.0;
            }
        }

        for (var l = 0; l < Layers; l++)
        {
            var n = Sizes[l + 1];
            var at = PyramidalLayer(l);
            DenseMath.Multiply(layout.Of(WeightClass.Up, l, w), n, Sizes[l], PreRates(l, input), layout.Of(WeightClass.UpBias, l, w), basal.AsSpan(at));
            if (l == Layers - 1)
            {
                topDown.AsSpan(at).Clear();
                lateral.AsSpan(at).Clear();
                apical.AsSpan(at).Clear();
                continue;
            }

            var above = Sizes[l + 2];
            var top = topDown.AsSpan(at);
            var side = lateral.AsSpan(at);
            var sum = apical.AsSpan(at);
            DenseMath.Multiply(layout.Of(WeightClass.Down, l, w), n, above, PyramidalRate(l + 1), default, top);
            DenseMath.Multiply(layout.Of(WeightClass.InterneuronToPyramidal, l, w), n, above, InterneuronRate(l), default, side);
            for (var i = 0; i < n; i++)
            {
                sum[i] = top[i] + (interneuronGate * side[i]);
            }

            DenseMath.Multiply(
                layout.Of(WeightClass.PyramidalToInterneuron, l, w), above, n, PyramidalRate(l),
                layout.Of(WeightClass.InterneuronBias, l, w), dendrite.AsSpan(InterneuronLayer(l)));
        }
    }

    /// <summary>
    /// Adds external drives to the dendritic potentials last computed: <paramref name="basalDrive"/> to every v_B (all
    /// pyramidal neurons), <paramref name="apicalDrive"/> to every hidden v_A (the output has no apical compartment; its
    /// entries are ignored), <paramref name="dendriteDrive"/> to every interneuron v^I.
    /// </summary>
    public void AddDendriticDrives(ReadOnlySpan<double> basalDrive, ReadOnlySpan<double> apicalDrive, ReadOnlySpan<double> dendriteDrive)
    {
        for (var k = 0; k < PyramidalCount; k++)
        {
            basal[k] += basalDrive[k];
        }

        for (var k = 0; k < pyramidalStart[Layers - 1]; k++)
        {
            apical[k] += apicalDrive[k];
        }

        for (var k = 0; k < InterneuronCount; k++)
        {
            dendrite[k] += dendriteDrive[k];
        }
    }

    /// <summary>The rates feeding layer <paramref name="layer"/>'s basal dendrites (the input for the first hidden layer).</summary>
    public ReadOnlySpan<double> PreRates(int layer, ReadOnlySpan<double> input) => layer == 0 ? input : PyramidalRate(layer - 1);

    /// <summary>
    /// Writes scale x the plasticity induction of every weight class with a non-zero learning rate into
    /// <paramref name="induction"/> (laid out as <paramref name="layout"/>; other classes are zeroed), or adds it
    /// there when <paramref name="accumulate"/> (other classes untouched: a batch sums its examples in place), from the
    /// state last passed to <see cref="Compute"/>:
    /// bottom-up (phi(u) - phi(v̂_B)) r_pre, pyramidal-to-interneuron (phi(u^I) - phi(v̂^I)) r_k,
    /// interneuron-to-pyramidal (0 - v_A) r^I, top-down (phi(u) - phi(B r_{k+1})) r_{k+1}.
    /// The dendritic predictions v̂ leave nudging out: they are what the soma would be without a teacher.
    /// </summary>
    public void Induce(
        ReadOnlySpan<double> pyramidal,
        ReadOnlySpan<double> interneurons,
        ReadOnlySpan<double> input,
        MicrocircuitWeights layout,
        MicrocircuitRates rates,
        double scale,
        Span<double> induction,
        bool accumulate = false)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(rates);
        var g = Conductances;
        for (var l = 0; l < Layers; l++)
        {
            var n = Sizes[l + 1];
            var u = pyramidal[PyramidalLayer(l)];
            var attenuation = BasalAttenuation(l);
            var vB = Basal(l);
            var e = error.AsSpan(0, n);
            for (var i = 0; i < n; i++)
            {
                e[i] = scale * (phi.Value(u[i]) - phi.Value(attenuation * vB[i]));
            }

            Outer(layout, induction, WeightClass.Up, l, e, PreRates(l, input), rates.Up[l], accumulate);
            Outer(layout, induction, WeightClass.UpBias, l, e, One, rates.Up[l], accumulate);
            if (l == Layers - 1)
            {
                continue;
            }

            var above = Sizes[l + 2];
            var uI = interneurons[InterneuronLayer(l)];
            var vI = InterneuronDendrite(l);
            var eI = error.AsSpan(0, above);
            var presynaptic = InterneuronPresynaptic(rates, l);
            var interneuronScale = rates.NormalizedInterneurons ? scale / (DenseMath.SquaredNorm(presynaptic) + 1.0) : scale;
            for (var i = 0; i < above; i++)
            {
                eI[i] = interneuronScale * (phi.Value(uI[i]) - phi.Value(g.InterneuronAttenuation * vI[i]));
            }

            Outer(layout, induction, WeightClass.PyramidalToInterneuron, l, eI, presynaptic, rates.PyramidalToInterneuron[l], accumulate);
            Outer(layout, induction, WeightClass.InterneuronBias, l, eI, biasFactor, rates.PyramidalToInterneuron[l], accumulate);

            var vA = Apical(l);
            for (var i = 0; i < n; i++)
            {
                e[i] = -scale * vA[i];
            }

            Outer(layout, induction, WeightClass.InterneuronToPyramidal, l, e, InterneuronRate(l), rates.InterneuronToPyramidal[l], accumulate);

            var top = TopDown(l);
            for (var i = 0; i < n; i++)
            {
                e[i] = scale * (phi.Value(u[i]) - phi.Value(top[i]));
            }

            Outer(layout, induction, WeightClass.Down, l, e, PyramidalRate(l + 1), rates.TopDown[l], accumulate);
        }
    }

    /// <summary>
    /// Running mean of the pyramidal rates (laid out like <see cref="PyramidalRate"/>'s layers), the reference of the
    /// centred interneuron rule (<see cref="MicrocircuitRates.CenteredInterneurons"/>); null until a learner sets it.
    /// </summary>
    public double[]? InterneuronPresynapticMean { get; set; }

    /// <summary>What W^IP(l) learns along: the rates, or, centred, r - m; its bias's factor (1, or 1 - (r - m).m) goes to biasFactor.</summary>
    private ReadOnlySpan<double> InterneuronPresynaptic(MicrocircuitRates rates, int layer)
    {
        var r = PyramidalRate(layer);
        if (!rates.CenteredInterneurons || InterneuronPresynapticMean is null)
        {
            biasFactor[0] = 1.0;
            return r;
        }

        var m = InterneuronPresynapticMean.AsSpan(PyramidalLayer(layer));
        var d = centered.AsSpan(0, r.Length);
        for (var j = 0; j < r.Length; j++)
        {
            d[j] = r[j] - m[j];
        }

        biasFactor[0] = 1.0 - DenseMath.Dot(d, m);
        return d;
    }

    /// <summary>The learning rate of class <paramref name="kind"/> at <paramref name="layer"/> (biases learn with their weights).</summary>
    public static double RateOf(MicrocircuitRates rates, WeightClass kind, int layer)
    {
        ArgumentNullException.ThrowIfNull(rates);
        return kind switch
        {
            WeightClass.Up or WeightClass.UpBias => rates.Up[layer],
            WeightClass.Down => rates.TopDown[layer],
            WeightClass.PyramidalToInterneuron or WeightClass.InterneuronBias => rates.PyramidalToInterneuron[layer],
            WeightClass.InterneuronToPyramidal => rates.InterneuronToPyramidal[layer],
            _ => 0.0,
        };
    }

    private static void Outer(MicrocircuitWeights layout, Span<double> induction, WeightClass kind, int layer, ReadOnlySpan<double> post, ReadOnlySpan<double> pre, double learningRate, bool accumulate)
    {
        var block = layout.Of(kind, layer, induction);
        if (!accumulate)
        {
            block.Clear();
        }

        // A class that never consolidates needs no induction.
        if (learningRate != 0.0 && !block.IsEmpty)
        {
            DenseMath.AddOuter(block, 1.0, post, pre);
        }
    }
}
