namespace NeuroSim.Models.Microcircuit;

/// <summary>
/// The paper's simplified two-step dynamics (Sacramento et al. 2018, section 3.4), with the exact steady states
/// of the compartment equations: a bottom-up pass sets every soma to its dendritic prediction (hidden
/// v̂_B = g_B/(g_lk+g_B+g_A) v_B, output g_B/(g_lk+g_B) v_B, interneuron g_D/(g_lk+g_D) v^I); the output is nudged,
/// u_N = (1 - lambda_out) v̂_B + lambda_out u_trgt; a top-down pass sets interneurons to
/// (1 - lambda_I) v̂^I + lambda_I u_{k+1} and hidden somata to v̂_B + lambda_A v_A. Further passes repeat both
/// sweeps from the current rates and converge to the exact fixed point of the continuous dynamics (when the map
/// contracts); one pass is the paper's scheme. No noise (sigma = 0), no time.
/// </summary>
public sealed class SteadyStateScheme
{
    private readonly MicrocircuitWeights weights;
    private readonly double[] pyramidal;
    private readonly double[] interneurons;
    private readonly double[] input;
    private readonly double[] target;
    private readonly double[] prediction;
    private readonly double[] rates;
    private readonly double[] interneuronRates;
    private readonly double[] apical;
    private readonly double[] lateral;

    public SteadyStateScheme(MicrocircuitSpec spec, MicrocircuitWeights weights)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(weights);
        spec.Validate();
        if (!weights.Sizes.AsSpan().SequenceEqual(spec.Sizes) || weights.HasBiases != spec.Biases)
        {
            throw new ArgumentException($"weights of a {string.Join("-", weights.Sizes)} network do not fit the spec's {string.Join("-", spec.Sizes)}");
        }

        Spec = spec;
        this.weights = weights;
        Activity = new CircuitActivity(spec.Sizes, spec.Transfer, spec.Conductances);
        pyramidal = new double[Activity.PyramidalCount];
        interneurons = new double[Activity.InterneuronCount];
        input = new double[spec.Sizes[0]];
        target = new double[spec.Sizes[^1]];
        prediction = new double[Activity.PyramidalCount];
        rates = new double[Activity.PyramidalCount];
        interneuronRates = new double[Activity.InterneuronCount];
        apical = new double[Activity.PyramidalCount];
        lateral = new double[spec.Sizes.Max()];
    }

    public MicrocircuitSpec Spec { get; }

    public MicrocircuitWeights Weights => weights;

    /// <summary>Rates and dendritic potentials of the settled state (valid after <see cref="Settle"/>).</summary>
    public CircuitActivity Activity { get; }

    /// <summary>The VIP gate on interneuron-to-apical inhibition (1 normal, 0 fully disinhibited).</summary>
    public double InterneuronGate { get; set; } = 1.0;

    /// <summary>Silences every interneuron (their rates read as 0).</summary>
    public bool InterneuronsSilenced { get; set; }

    /// <summary>True when the last <see cref="Settle"/> nudged the output toward a target.</summary>
    public bool Nudged { get; private set; }

    public ReadOnlySpan<double> Pyramidal(int layer) => pyramidal.AsSpan(Activity.PyramidalLayer(layer));

    public ReadOnlySpan<double> Interneuron(int layer) => interneurons.AsSpan(Activity.InterneuronLayer(layer));

    /// <summary>Output somatic potentials.</summary>
    public ReadOnlySpan<double> Output => Pyramidal(Spec.Layers - 1);

    /// <summary>All pyramidal potentials, hidden layers then output.</summary>
    public ReadOnlySpan<double> AllPyramidal => pyramidal;

    /// <summary>All interneuron potentials.</summary>
    public ReadOnlySpan<double> AllInterneurons => interneurons;

    /// <summary>
    /// Settles the circuit on <paramref name="inputRates"/>, nudging the output toward <paramref name="targetPotential"/>
    /// when it is not empty, with <paramref name="passes"/> bottom-up/top-down sweeps (1 = the paper's scheme).
    /// </summary>
    public void Settle(ReadOnlySpan<double> inputRates, ReadOnlySpan<double> targetPotential = default, int passes = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        if (inputRates.Length != input.Length)
        {
            throw new ArgumentException($"input has {inputRates.Length} rates, the input layer has {input.Length}");
        }

        if (!targetPotential.IsEmpty && targetPotential.Length != target.Length)
        {
            throw new ArgumentException($"target has {targetPotential.Length} potentials, the output layer has {target.Length}");
        }

        inputRates.CopyTo(input);
        Nudged = !targetPotential.IsEmpty;
        if (Nudged)
        {
            targetPotential.CopyTo(target);
        }

        var layers = Spec.Layers;
        for (var pass = 0; pass < passes; pass++)
        {
            for (var l = 0; l < layers; l++)
            {
                BottomUp(l, first: pass == 0);
            }

            for (var l = layers - 2; l >= 0; l--)
            {
                TopDown(l);
            }
        }

        Activity.Compute(pyramidal, interneurons, input, weights, weights.All, InterneuronGate, InterneuronsSilenced);
    }

    /// <summary>Writes the plasticity induction of the settled state, times <paramref name="scale"/>, laid out like the weights.</summary>
    public void Induce(MicrocircuitRates learningRates, double scale, Span<double> induction) =>
        Activity.Induce(pyramidal, interneurons, input, weights, learningRates, scale, induction);

    /// <summary>Adds the plasticity induction of the settled state, times <paramref name="scale"/>, to <paramref name="sum"/> (laid out like the weights).</summary>
    public void AccumulateInduction(MicrocircuitRates learningRates, double scale, Span<double> sum) =>
        Activity.Induce(pyramidal, interneurons, input, weights, learningRates, scale, sum, accumulate: true);

    private void BottomUp(int layer, bool first)
    {
        var g = Spec.Conductances;
        var phi = Spec.Transfer;
        var range = Activity.PyramidalLayer(layer);
        var n = Spec.Sizes[layer + 1];
        var pre = layer == 0 ? input : rates.AsSpan(Activity.PyramidalLayer(layer - 1));
        var v = prediction.AsSpan(range);
        DenseMath.Multiply(weights.Up(layer), n, Spec.Sizes[layer], pre, weights.UpBias(layer), v);
        var attenuation = Activity.BasalAttenuation(layer);
        var u = pyramidal.AsSpan(range);
        var isOutput = layer == Spec.Layers - 1;
        for (var i = 0; i < n; i++)
        {
            v[i] *= attenuation;
            if (isOutput)
            {
                u[i] = Nudged ? ((1.0 - g.OutputMixing) * v[i]) + (g.OutputMixing * target[i]) : v[i];
            }
            else
            {
                // Later passes keep the apical contribution found by the last top-down sweep.
                u[i] = first ? v[i] : v[i] + (g.ApicalMixing * apical[Activity.PyramidalStart(layer) + i]);
            }
        }

        phi.Apply(u, rates.AsSpan(range));
    }

    private void TopDown(int layer)
    {
        var g = Spec.Conductances;
        var phi = Spec.Transfer;
        var n = Spec.Sizes[layer + 1];
        var above = Spec.Sizes[layer + 2];
        var range = Activity.InterneuronLayer(layer);
        var uI = interneurons.AsSpan(range);
        var rI = interneuronRates.AsSpan(range);
        DenseMath.Multiply(weights.PyramidalToInterneuron(layer), above, n, rates.AsSpan(Activity.PyramidalLayer(layer)), weights.InterneuronBias(layer), uI);
        var partner = pyramidal.AsSpan(Activity.PyramidalLayer(layer + 1));
        for (var i = 0; i < above; i++)
        {
            uI[i] = ((1.0 - g.InterneuronMixing) * g.InterneuronAttenuation * uI[i]) + (g.InterneuronMixing * partner[i]);
        }

        phi.Apply(uI, rI);
        if (InterneuronsSilenced)
        {
            rI.Clear();
        }

        var apicalPotential = apical.AsSpan(Activity.PyramidalLayer(layer));
        var side = lateral.AsSpan(0, n);
        DenseMath.Multiply(weights.Down(layer), n, above, rates.AsSpan(Activity.PyramidalLayer(layer + 1)), default, apicalPotential);
        DenseMath.Multiply(weights.InterneuronToPyramidal(layer), n, above, rI, default, side);
        var basalPrediction = prediction.AsSpan(Activity.PyramidalLayer(layer));
        var u = pyramidal.AsSpan(Activity.PyramidalLayer(layer));
        for (var i = 0; i < n; i++)
        {
            apicalPotential[i] += InterneuronGate * side[i];
            u[i] = basalPrediction[i] + (g.ApicalMixing * apicalPotential[i]);
        }

        phi.Apply(u, rates.AsSpan(Activity.PyramidalLayer(layer)));
    }
}
