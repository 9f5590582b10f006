using NeuroSim.Analysis.Microcircuit.Mnist;
using NeuroSim.Core.Neurons;
using NeuroSim.Core.Randomness;
using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Analysis.Microcircuit.Recall;

/// <summary>
/// Settings of the VIP-disinhibition recall network. The paper's arXiv v1 names the experiment but publishes no
/// parameters, so every choice here is [I] (a reimplementation choice): sizes 784 (input) - 784 (sensory pyramidal
/// copy) - Hidden - 10, the default conductances of the reimplementations (g_A = g_som = 0.8, so the apical input
/// weighs lambda_A = 0.42 in the soma and the output is nudged with lambda_out = 0.42), logistic transfer, biases.
/// </summary>
public sealed record VipRecallSettings
{
    public int Hidden { get; init; } = 256;

    public int Epochs { get; init; } = 3;

    public int BatchSize { get; init; } = 10;

    public ulong Seed { get; init; } = 1;

    /// <summary>eta of the learned bottom-up weights (hidden and output), rescaled per layer as in the MNIST run.</summary>
    public double Eta { get; init; } = 0.03;

    /// <summary>Learning rate of the top-down weights B (the paper's Eq. 10), both layers; batch-mean induction.</summary>
    public double TopDownRate { get; init; } = 0.1;

    /// <summary>The sensory layer's fixed one-to-one basal weight; its bias is -gain/2, so pixel 0 and 1 sit symmetrically at -+gain/2.</summary>
    public double SensoryGain { get; init; } = 8.0;

    public double Apical { get; init; } = 0.8;

    public double Somatic { get; init; } = 0.8;

    /// <summary>Initial learned bottom-up weights U(+-UpScale).</summary>
    public double UpScale { get; init; } = 0.05;

    /// <summary>Initial top-down weights U(+-FeedbackScale) (PH's scale; then learned by Eq. 10).</summary>
    public double FeedbackScale { get; init; } = 1.0;

    /// <summary>Bottom-up/top-down sweeps when recalling (the settled state; training uses the paper's single sweep).</summary>
    public int RecallPasses { get; init; } = 10;

    public double TargetOn { get; init; } = 0.8;

    public double TargetOff { get; init; } = 0.1;

    public int[] Sizes => [Models.Training.Mnist.Pixels, Models.Training.Mnist.Pixels, Hidden, Models.Training.Mnist.Classes];

    public Conductances Conductances => new(Apical: Apical, Somatic: Somatic);

    public void Validate()
    {
        if (Hidden < 1 || Epochs < 0 || BatchSize < 1 || RecallPasses < 1)
        {
            throw new ArgumentException("--hidden, the batch size and the recall passes must be >= 1, --epochs >= 0");
        }

        if (!(Eta > 0) || !(TopDownRate >= 0) || !double.IsFinite(Eta) || !double.IsFinite(TopDownRate) || !(SensoryGain > 0))
        {
            throw new ArgumentException("learning rates must be finite (eta > 0, top-down >= 0) and the sensory gain > 0");
        }
    }

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"784-784-{Hidden}-10, g_A {Apical}, g_som {Somatic}, eta {Eta}, top-down rate {TopDownRate}, sensory gain {SensoryGain}, {RecallPasses} recall passes");
}

/// <summary>
/// A microcircuit whose first pyramidal layer is a sensory copy of the image (fixed one-to-one basal weights
/// <see cref="VipRecallSettings.SensoryGain"/>, bias -gain/2, not plastic), then a hidden layer and 10 class outputs.
/// It learns to classify with the two-step scheme while its top-down weights B learn to predict the somata below
/// them (Eq. 10: (phi(u_k) - phi(B r_{k+1})) r_{k+1}). W^IP and W^PI are held at the analytic self-predicting state
/// after every batch (standing in for their plasticity, [I]), so with the VIP gate closed (1) the interneurons cancel
/// the top-down input exactly and perception is bottom-up; opening the gate (0) removes the interneuron-to-apical
/// inhibition and lets the learned top-down prediction into the somata: recall.
/// </summary>
public sealed class VipRecallNetwork
{
    private readonly double[][] potentials;
    private readonly double[] blank = new double[Models.Training.Mnist.Pixels];

    public VipRecallNetwork(VipRecallSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Settings = settings;
        Spec = new MicrocircuitSpec { Sizes = settings.Sizes, Transfer = new LogisticActivation(), Conductances = settings.Conductances, Biases = true, Seed = settings.Seed };
        Weights = new MicrocircuitWeights(settings.Sizes, biases: true);
        Weights.Randomize(new SeededRandom(settings.Seed), (kind, _) => kind == WeightClass.Down ? settings.FeedbackScale : settings.UpScale);
        var sensory = Weights.Up(0);
        sensory.Clear();
        for (var i = 0; i < Models.Training.Mnist.Pixels; i++)
        {
            sensory[(i * Models.Training.Mnist.Pixels) + i] = settings.SensoryGain;
        }

        Weights.UpBias(0).Fill(-settings.SensoryGain / 2);
        Weights.SetSelfPredicting(Spec.Conductances);
        var paper = TwoStepLearner.PaperRates(Spec.Conductances, 3, settings.Eta);
        var rates = new MicrocircuitRates([0.0, paper.Up[1], paper.Up[2]], [0.0, 0.0], [0.0, 0.0], [settings.TopDownRate, settings.TopDownRate]);
        Learner = new TwoStepLearner(Spec, Weights, rates) { AfterBatch = w => w.SetSelfPredicting(Spec.Conductances) };
        Recall = new SteadyStateScheme(Spec, Weights);
        potentials = [.. Enumerable.Range(0, Models.Training.Mnist.Classes).Select(c => Target(c, settings))];
    }

    public VipRecallSettings Settings { get; }

    public MicrocircuitSpec Spec { get; }

    public MicrocircuitWeights Weights { get; }

    public TwoStepLearner Learner { get; }

    /// <summary>The scheme used for recall (its own state; shares the weights).</summary>
    public SteadyStateScheme Recall { get; }

    /// <summary>The one-hot target potentials of class <paramref name="digit"/> (logit of the rate targets).</summary>
    public static double[] Target(int digit, VipRecallSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var target = new double[Models.Training.Mnist.Classes];
        for (var c = 0; c < target.Length; c++)
        {
            target[c] = MnistTwoStepExperiment.Logit(c == digit ? settings.TargetOn : settings.TargetOff);
        }

        return target;
    }

    /// <summary>One epoch of two-step learning (bottom-up and top-down weights) in the seeded order of <paramref name="epoch"/>.</summary>
    public void TrainEpoch(Dataset train, int epoch)
    {
        ArgumentNullException.ThrowIfNull(train);
        var order = MnistTwoStepExperiment.Order(train.Count, Settings.Seed, epoch);
        var targets = train.Targets.Select(t => potentials[Models.Training.Mnist.ClassOf(t)]).ToArray();
        for (var start = 0; start < train.Count; start += Settings.BatchSize)
        {
            Learner.TrainBatch(train.Inputs, targets, order, start, Math.Min(Settings.BatchSize, train.Count - start));
        }
    }

    /// <summary>Free-phase classification accuracy (gate closed, one sweep).</summary>
    public double Accuracy(Dataset test)
    {
        ArgumentNullException.ThrowIfNull(test);
        return Learner.Evaluate(test.Inputs, test.Targets).Accuracy;
    }

    /// <summary>
    /// The sensory layer's rates after settling on <paramref name="image"/> with the VIP gate at <paramref name="gate"/>
    /// (1 closed: normal lateral inhibition; 0 open: disinhibited), no target, <see cref="VipRecallSettings.RecallPasses"/> sweeps.
    /// </summary>
    public double[] Sensory(ReadOnlySpan<double> image, double gate, ReadOnlySpan<double> targetPotential = default)
    {
        Recall.InterneuronGate = gate;
        Recall.Settle(image, targetPotential, Settings.RecallPasses);
        return Recall.Activity.PyramidalRate(0).ToArray();
    }

    /// <summary>The top-down prediction phi(B r_hidden) of the sensory layer in the last settled state.</summary>
    public double[] TopDownPrediction()
    {
        var top = Recall.Activity.TopDown(0);
        var result = new double[top.Length];
        Spec.Transfer.Apply(top, result);
        return result;
    }

    /// <summary>A class prototype: blank input, output nudged toward <paramref name="digit"/>, gate open, settled.</summary>
    public double[] Prototype(int digit) => Sensory(blank, 0.0, potentials[digit]);
}
