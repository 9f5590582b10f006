using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Analysis.Microcircuit.Mnist;

/// <summary>
/// Mini-batch learning of a microcircuit with the paper's two-step steady-state scheme (Sacramento et al. 2018,
/// section 3.4): per example, settle nudged toward the target potential and take the Urbanczik-Senn induction of
/// the settled state; the inductions of a batch are averaged and consolidated as W += eta_class,layer x mean.
/// Evaluation is the free phase (no target, sigma 0, no plasticity) and reads the output rates.
/// </summary>
public sealed class TwoStepLearner
{
    private readonly double[] batchSum;
    private readonly double[] batchRates;

    // The rates of the two settlings of a phase other than Nudged, made once from Rates (which never change).
    private MicrocircuitRates? withoutInterneurons;
    private MicrocircuitRates? interneuronsOnly;

    public TwoStepLearner(MicrocircuitSpec spec, MicrocircuitWeights weights, MicrocircuitRates rates, int passes = 1)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        rates.Validate(spec.Layers);
        Scheme = new SteadyStateScheme(spec, weights);
        Rates = rates;
        Passes = passes;
        batchSum = new double[weights.Length];
        batchRates = new double[Scheme.Activity.PyramidalCount];
    }

    /// <summary>Each batch moves the running mean of the rates (the centred interneuron rule's reference) this fraction of the way to the batch's mean.</summary>
    public const double MeanRateFactor = 0.1;

    /// <summary>
    /// The running mean of the pyramidal rates over the nudged settlings of past batches (the first batch's mean after
    /// it), which <see cref="MicrocircuitRates.CenteredInterneurons"/> learns relative to; null before the first batch or
    /// without that rule. Part of the learner's state: checkpoints keep it.
    /// </summary>
    public double[]? InterneuronPresynapticMean
    {
        get => Scheme.Activity.InterneuronPresynapticMean;
        set => Scheme.Activity.InterneuronPresynapticMean = value;
    }

    public SteadyStateScheme Scheme { get; }

    public MicrocircuitWeights Weights => Scheme.Weights;

    public MicrocircuitRates Rates { get; }

    /// <summary>Bottom-up/top-down sweeps per settling (1 = the paper's scheme).</summary>
    public int Passes { get; }

    /// <summary>
    /// Which settling of a batch W^IP learns from: the nudged one with every other class (the paper), the nudged one once
    /// more after the consolidation (the interneurons meet the new bottom-up weights within the batch, not one batch
    /// later), or a free one (no target) after the consolidation, so that they learn to predict the layer above without
    /// the teaching signal. The last two are diagnostics of ours, [I].
    /// </summary>
    public InterneuronPhase InterneuronPhase { get; init; }

    /// <summary>
    /// How many times W^IP learns from its own settling of the batch after the consolidation (phases other than
    /// Nudged): the interneurons' plasticity on a faster timescale than the pyramidal weights, [I].
    /// </summary>
    public int InterneuronSteps { get; init; } = 1;

    /// <summary>Called after every consolidation (e.g. to hold weights at the analytic self-predicting state).</summary>
    public Action<MicrocircuitWeights>? AfterBatch { get; init; }

    /// <summary>
    /// Per-layer learning rates of the paper's MNIST runs: eta rescaled by the inverse mixing factors that dilute the
    /// teaching signal on its way down, eta_PP(l) = eta / (lambda_out lambda_A^(N-1-l)), so every layer steps about
    /// eta in backprop units; eta_IP(l) = <paramref name="interneuronFactor"/> eta_PP(l) (2 as PH's SteadNet); W^PI
    /// fixed; top-down B at <paramref name="topDown"/> (0: fixed, the 4-layer MNIST run). With
    /// <paramref name="compensateInterneuronNudging"/> each layer below the output is also divided by (1 - lambda_I): in
    /// the nudged settling the interneurons are pulled toward the layer above by their own nudging, which cancels that
    /// share of the teaching signal in the apical compartment, layer by layer ([I]; 0.90 per layer at g_som 0.12, 0.58 at 0.8).
    /// </summary>
    public static MicrocircuitRates PaperRates(Conductances g, int layers, double eta, double topDown = 0.0, double interneuronFactor = 2.0, bool compensateInterneuronNudging = false)
    {
        ArgumentNullException.ThrowIfNull(g);
        var perLayerBelow = g.ApicalMixing * (compensateInterneuronNudging ? 1.0 - g.InterneuronMixing : 1.0);
        var up = new double[layers];
        for (var l = 0; l < layers; l++)
        {
            up[l] = eta / (g.OutputMixing * Math.Pow(perLayerBelow, layers - 1 - l));
        }

        return new MicrocircuitRates(
            up,
            [.. up.Take(layers - 1).Select(r => interneuronFactor * r)],
            new double[layers - 1],
            Enumerable.Repeat(topDown, layers - 1).ToArray());
    }

    /// <summary>One mini-batch: the mean induction of the examples <paramref name="order"/>[start .. start + count), then one consolidation.</summary>
    public void TrainBatch(IReadOnlyList<double[]> inputs, IReadOnlyList<double[]> targetPotentials, IReadOnlyList<int> order, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targetPotentials);
        ArgumentNullException.ThrowIfNull(order);
        if (InterneuronPhase == InterneuronPhase.Nudged)
        {
            AccumulateBatch(Rates, inputs, targetPotentials, order, start, count, nudged: true, recordRates: true);
            Consolidate(Rates, batchSum);
            UpdateMeanRates();
            return;
        }

        var layers = Rates.Up.Length;
        withoutInterneurons ??= Rates with { PyramidalToInterneuron = new double[layers - 1] };
        interneuronsOnly ??= Rates with { Up = new double[layers], InterneuronToPyramidal = new double[layers - 1], TopDown = new double[layers - 1] };
        AccumulateBatch(InterneuronPhase == InterneuronPhase.Repeated ? Rates : withoutInterneurons, inputs, targetPotentials, order, start, count, nudged: true, recordRates: true);
        Consolidate(Rates, batchSum);
        for (var step = 0; step < InterneuronSteps; step++)
        {
            AccumulateBatch(interneuronsOnly, inputs, targetPotentials, order, start, count, nudged: InterneuronPhase == InterneuronPhase.Repeated);
            Consolidate(interneuronsOnly, batchSum);
        }

        UpdateMeanRates();
    }

    private void UpdateMeanRates()
    {
        if (!Rates.CenteredInterneurons)
        {
            return;
        }

        if (InterneuronPresynapticMean is not { } mean)
        {
            InterneuronPresynapticMean = (double[])batchRates.Clone();
            return;
        }

        for (var j = 0; j < mean.Length; j++)
        {
            mean[j] += MeanRateFactor * (batchRates[j] - mean[j]);
        }
    }

    private void AccumulateBatch(MicrocircuitRates rates, IReadOnlyList<double[]> inputs, IReadOnlyList<double[]> targetPotentials, IReadOnlyList<int> order, int start, int count, bool nudged, bool recordRates = false)
    {
        Array.Clear(batchSum);
        var scale = 1.0 / count;
        var meanOfThisBatch = recordRates && Rates.CenteredInterneurons;
        if (meanOfThisBatch)
        {
            Array.Clear(batchRates);
        }

        for (var k = start; k < start + count; k++)
        {
            Scheme.Settle(inputs[order[k]], nudged ? targetPotentials[order[k]] : default, Passes);
            Scheme.AccumulateInduction(rates, scale, batchSum);
            if (meanOfThisBatch)
            {
                for (var l = 0; l < Scheme.Spec.Layers; l++)
                {
                    DenseMath.AddScaled(batchRates.AsSpan(Scheme.Activity.PyramidalLayer(l)), scale, Scheme.Activity.PyramidalRate(l));
                }
            }
        }
    }

    /// <summary>W += eta_class,layer x <paramref name="meanInduction"/> (laid out like the weights), then <see cref="AfterBatch"/>.</summary>
    public void Consolidate(ReadOnlySpan<double> meanInduction) => Consolidate(Rates, meanInduction);

    private void Consolidate(MicrocircuitRates rates, ReadOnlySpan<double> meanInduction)
    {
        var w = Weights;
        foreach (var kind in MicrocircuitWeights.Classes)
        {
            for (var l = 0; l < w.CountOf(kind); l++)
            {
                var eta = CircuitActivity.RateOf(rates, kind, l);
                if (eta != 0.0)
                {
                    DenseMath.AddScaled(w.Of(kind, l), eta, w.Of(kind, l, meanInduction));
                }
            }
        }

        AfterBatch?.Invoke(w);
    }

    /// <summary>Free-phase output rates for one input (no target).</summary>
    public ReadOnlySpan<double> Predict(ReadOnlySpan<double> input)
    {
        Scheme.Settle(input, default, Passes);
        return Scheme.Activity.PyramidalRate(Scheme.Spec.Layers - 1);
    }

    /// <summary>Mean squared loss 1/2 ||r_trgt - r_out||^2 and accuracy (argmax of the output rates) over a data set with rate targets.</summary>
    public (double MeanLoss, double Accuracy) Evaluate(IReadOnlyList<double[]> inputs, IReadOnlyList<double[]> rateTargets)
    {
        var score = Measure(inputs, rateTargets, null);
        return (score.MeanLoss, score.Accuracy);
    }

    /// <summary>
    /// <see cref="Evaluate"/>, and how well the interneurons predict the layer above against the size of the teaching
    /// signal: Mismatch is the mean over examples and interneurons of (u_(l+1) - a_I v_I)^2 in the free settling (0 at
    /// the exact self-predicting state); Teaching the mean over output neurons of (u_out nudged - u_out free)^2, the
    /// squared error signal the nudging puts into the circuit. The spurious apical error of a mismatch is of the first's size.
    /// </summary>
    public TestScore EvaluateWithInterneurons(IReadOnlyList<double[]> inputs, IReadOnlyList<double[]> rateTargets, IReadOnlyList<double[]> targetPotentials)
    {
        ArgumentNullException.ThrowIfNull(targetPotentials);
        return Measure(inputs, rateTargets, targetPotentials);
    }

    /// <summary>One free settling per example for loss, accuracy and (with target potentials) the mismatch; then the nudged one for the teaching signal.</summary>
    private TestScore Measure(IReadOnlyList<double[]> inputs, IReadOnlyList<double[]> rateTargets, IReadOnlyList<double[]>? targetPotentials)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(rateTargets);
        var layers = Scheme.Spec.Layers;
        var attenuation = Scheme.Spec.Conductances.InterneuronAttenuation;
        var free = new double[Scheme.Output.Length];
        double loss = 0, mismatch = 0, teaching = 0;
        var correct = 0;
        long interneurons = 0;
        for (var k = 0; k < inputs.Count; k++)
        {
            var output = Predict(inputs[k]);
            loss += HalfSquaredError(output, rateTargets[k]);
            correct += Models.Training.Mnist.ClassOf(output) == Models.Training.Mnist.ClassOf(rateTargets[k]) ? 1 : 0;
            if (targetPotentials is null)
            {
                continue;
            }

            for (var l = 0; l < layers - 1; l++)
            {
                var above = Scheme.Pyramidal(l + 1);
                var dendrite = Scheme.Activity.InterneuronDendrite(l);
                for (var i = 0; i < above.Length; i++)
                {
                    var e = above[i] - (attenuation * dendrite[i]);
                    mismatch += e * e;
                }

                interneurons += above.Length;
            }

            Scheme.Output.CopyTo(free);
            Scheme.Settle(inputs[k], targetPotentials[k], Passes);
            teaching += DenseMath.SquaredDistance(Scheme.Output, free);
        }

        return new TestScore(
            loss / inputs.Count,
            (double)correct / inputs.Count,
            interneurons == 0 ? 0 : mismatch / interneurons,
            targetPotentials is null ? 0 : teaching / (inputs.Count * (double)free.Length));
    }

    internal static double HalfSquaredError(ReadOnlySpan<double> output, ReadOnlySpan<double> target)
    {
        var sum = 0.0;
        for (var i = 0; i < target.Length; i++)
        {
            var e = target[i] - output[i];
            sum += e * e;
        }

        return 0.5 * sum;
    }
}

/// <summary>The free-phase scores of a data set (<see cref="TwoStepLearner.EvaluateWithInterneurons"/>).</summary>
public readonly record struct TestScore(double MeanLoss, double Accuracy, double InterneuronMismatch, double TeachingSignal);

/// <summary>Which settling of a batch the interneuron weights W^IP learn from (<see cref="TwoStepLearner.InterneuronPhase"/>).</summary>
public enum InterneuronPhase
{
    /// <summary>The nudged settling, with every other class (the paper's scheme).</summary>
    Nudged,

    /// <summary>The nudged settling, then once more after the consolidation.</summary>
    Repeated,

    /// <summary>Only a free settling (no target) after the consolidation.</summary>
    Free,
}
