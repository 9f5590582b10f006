using NeuroSim.Core.Monitoring;
using NeuroSim.Core.Neurons;
using NeuroSim.Core.Randomness;
using NeuroSim.Models.Microcircuit;
using NeuroSim.Models.Reference;

namespace NeuroSim.Analysis.Microcircuit.Mnist;

/// <summary>
/// Settings of the MNIST comparison (paper section 4B/5.2 where stated): logistic transfer, learnable biases,
/// analytic self-predicting start, top-down B and W^PI fixed, W^IP learned, batches of 10, one-hot rate targets
/// {0.1, 0.8} nudged as logit potentials, weak g_A and g_som (PH: 0.471 and 0.12), per-layer rates rescaled by the
/// inverse mixing factors (<see cref="TwoStepLearner.PaperRates"/>).
/// </summary>
public sealed record MnistTwoStepSettings
{
    public int[] Sizes { get; init; } = [784, 256, 10];

    public int Epochs { get; init; } = 10;

    public int BatchSize { get; init; } = 10;

    public ulong Seed { get; init; } = 1;

    /// <summary>eta: the microcircuit's step in backprop units per batch (rates rescaled per layer from it).</summary>
    public double Eta { get; init; } = 0.03;

    /// <summary>The plain-BP learning rate (SGD on the batch-mean gradient of 1/2 ||r_trgt - y||^2).</summary>
    public double BackpropRate { get; init; } = 1.0;

    /// <summary>g_A (PH: 0.471, lambda_A about 0.3).</summary>
    public double Apical { get; init; } = 0.471;

    /// <summary>g_som (PH: 0.12, lambda about 0.1).</summary>
    public double Somatic { get; init; } = 0.12;

    /// <summary>Initial bottom-up weights uniform in [-UpScale, UpScale] (PH: 0.05); biases 0.</summary>
    public double UpScale { get; init; } = 0.05;

    /// <summary>Fixed random top-down weights B uniform in [-FeedbackScale, FeedbackScale] from a 10-unit layer (PH: 1), scaled by sqrt(10 / units) from wider layers (<see cref="MnistTwoStepExperiment.FeedbackScaleOf"/>); the interneurons cancel them in the free phase.</summary>
    public double FeedbackScale { get; init; } = 1.0;

    /// <summary>
    /// Hold W^IP and W^PI at the analytic self-predicting state after every batch instead of learning W^IP (an
    /// idealisation of the interneuron plasticity, [I]); false is the paper's setting.
    /// </summary>
    public bool AnalyticInterneurons { get; init; }

    /// <summary>
    /// Top-down weights tied to the bottom-up ones after every batch (<see cref="MicrocircuitWeights.TieTopDown"/>, scale
    /// FeedbackScale): the backprop condition of the paper's section 3.1, to separate the cost of feedback alignment
    /// from the scheme's other approximations; false (fixed random B) is the paper's MNIST setting.
    /// </summary>
    public bool TiedTopDown { get; init; }

    /// <summary>eta_IP(l) / eta_PP(l) of learned interneurons (PH: 2); with <see cref="NormalizedInterneurons"/>, the fraction of the interneuron error corrected per step.</summary>
    public double InterneuronRate { get; init; } = 2.0;

    /// <summary>W^IP learned by normalised LMS (<see cref="MicrocircuitRates.NormalizedInterneurons"/>, [I]); false is the paper's rule.</summary>
    public bool NormalizedInterneurons { get; init; }

    /// <summary>With <see cref="NormalizedInterneurons"/>: relative to the presynaptic rates' running mean (<see cref="MicrocircuitRates.CenteredInterneurons"/>, [I]).</summary>
    public bool CenteredInterneurons { get; init; }

    /// <summary>Which settling of a batch W^IP learns from (<see cref="TwoStepLearner.InterneuronPhase"/>; the paper: nudged).</summary>
    public InterneuronPhase InterneuronPhase { get; init; }

    /// <summary>
    /// Also divide each hidden layer's rate by (1 - lambda_I) per layer below the output (<see cref="TwoStepLearner.PaperRates"/>, [I]),
    /// so that every layer steps eta in backprop units even when g_som is strong; false is the paper's rescaling.
    /// </summary>
    public bool CompensateInterneuronNudging { get; init; }

    /// <summary>Interneuron-only learning steps per batch in the repeated and free phases (<see cref="TwoStepLearner.InterneuronSteps"/>, [I]).</summary>
    public int InterneuronSteps { get; init; } = 1;

    public double TargetOn { get; init; } = 0.8;

    public double TargetOff { get; init; } = 0.1;

    public int Layers => Sizes.Length - 1;

    public void Validate()
    {
        if (Sizes.Length < 3 || Sizes.Any(n => n < 1))
        {
            throw new ArgumentException($"--sizes {string.Join("-", Sizes)}: need input, at least one hidden layer and output, every size >= 1");
        }

        if (Sizes[0] != Models.Training.Mnist.Pixels || Sizes[^1] != Models.Training.Mnist.Classes)
        {
            throw new ArgumentException($"--sizes {string.Join("-", Sizes)}: MNIST needs {Models.Training.Mnist.Pixels} inputs and {Models.Training.Mnist.Classes} outputs");
        }

        if (Epochs < 1 || BatchSize < 1)
        {
            throw new ArgumentException("--epochs and the batch size must be >= 1");
        }

        if (!(Eta > 0) || !(BackpropRate > 0) || !double.IsFinite(Eta) || !double.IsFinite(BackpropRate))
        {
            throw new ArgumentException("learning rates must be > 0 and finite");
        }

        if (!(UpScale >= 0) || !double.IsFinite(UpScale))
        {
            throw new ArgumentException($"--init-scale {UpScale}: must be >= 0 and finite");
        }

        if (!(FeedbackScale >= 0) || !double.IsFinite(FeedbackScale))
        {
            throw new ArgumentException($"--feedback-scale {FeedbackScale}: must be >= 0 and finite");
        }

        if (InterneuronSteps < 1 || InterneuronSteps > 100 || (InterneuronSteps > 1 && InterneuronPhase == InterneuronPhase.Nudged))
        {
            throw new ArgumentException($"--interneuron-steps {InterneuronSteps}: must be 1 to 100, and above 1 only with --interneuron-phase repeated or free");
        }

        if (!(TargetOff > 0 && TargetOn < 1 && TargetOff < TargetOn))
        {
            throw new ArgumentException("targets need 0 < off < on < 1 (they become logit potentials)");
        }
    }

    public MicrocircuitSpec Spec() => new()
    {
        Sizes = Sizes,
        Transfer = new LogisticActivation(),
        Conductances = new Conductances(Apical: Apical, Somatic: Somatic),
        Biases = true,
        Seed = Seed,
    };

    /// <summary>A one-line description of everything that fixes the result (checkpoints must match it).</summary>
    public string Fingerprint(int train, int test) => string.Create(
        CultureInfo.InvariantCulture,
        $"sizes={string.Join("-", Sizes)};analytic={AnalyticInterneurons};nlms={NormalizedInterneurons}{(CenteredInterneurons ? ";centered" : string.Empty)};phase={InterneuronPhase}{(InterneuronSteps == 1 ? string.Empty : $";isteps={InterneuronSteps}")};tied={TiedTopDown}{(CompensateInterneuronNudging ? ";compensated" : string.Empty)};ip={InterneuronRate:R};batch={BatchSize};seed={Seed};eta={Eta:R};bp={BackpropRate:R};gA={Apical:R};gsom={Somatic:R};up={UpScale:R};fb={FeedbackScale:R};on={TargetOn:R};off={TargetOff:R};train={train};test={test}");
}

/// <summary>
/// Test loss and accuracy of the three learners after an epoch (epoch 0: before training), and the microcircuit's
/// interneuron mismatch and teaching signal on the held-out digits (<see cref="TwoStepLearner.EvaluateWithInterneurons"/>).
/// </summary>
public sealed record EpochScore(int Epoch, double MicrocircuitLoss, double MicrocircuitAccuracy, double BackpropLoss, double BackpropAccuracy, double ShallowLoss, double ShallowAccuracy, double InterneuronMismatch, double TeachingSignal, double WallSeconds);

/// <summary>
/// The two-step microcircuit and plain BP trained side by side on the same split, from the same initial
/// network function (BP's weights are the microcircuit's bottom-up weights times each layer's basal attenuation,
/// so both compute the same outputs before training) and in the same example order (one seeded permutation per
/// epoch, shared), with a shallow learner beside them (the paper's single-layer baseline: input straight to the
/// 10 logistic outputs, zero initial weights, trained by BP at the same rate, batches and order). All three are
/// evaluated on the held-out digits after every epoch.
/// </summary>
public sealed class MnistTwoStepExperiment
{
    private const string CheckpointMagic = "NSMM";
    private const int CheckpointVersion = 4;
    private readonly List<EpochScore> scores = [];
    private readonly double[][] trainPotentials;
    private readonly double[][] testPotentials;

    public MnistTwoStepExperiment(MnistTwoStepSettings settings, Dataset train, Dataset test)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        settings.Validate();
        Settings = settings;
        Train = train;
        Test = test;
        var spec = settings.Spec();
        var weights = new MicrocircuitWeights(settings.Sizes, biases: true);
        InitialWeights(weights, settings);
        var rates = TwoStepLearner.PaperRates(spec.Conductances, settings.Layers, settings.Eta, interneuronFactor: settings.InterneuronRate, compensateInterneuronNudging: settings.CompensateInterneuronNudging);
        if (settings.NormalizedInterneurons)
        {
            rates = rates with { PyramidalToInterneuron = [.. Enumerable.Repeat(settings.InterneuronRate, settings.Layers - 1)], NormalizedInterneurons = true, CenteredInterneurons = settings.CenteredInterneurons };
        }

        Microcircuit = new TwoStepLearner(spec, weights, settings.AnalyticInterneurons ? rates with { PyramidalToInterneuron = new double[settings.Layers - 1] } : rates)
        {
            AfterBatch = w => HoldFixedWeights(w, settings, spec.Conductances),
            InterneuronPhase = settings.AnalyticInterneurons ? InterneuronPhase.Nudged : settings.InterneuronPhase,
            InterneuronSteps = settings.AnalyticInterneurons ? 1 : settings.InterneuronSteps,
        };
        Backprop = new BackpropTrainer(BackpropMirror.Of(weights, spec.Conductances, spec.Transfer), settings.BackpropRate, learnBiases: true);
        Shallow = new BackpropTrainer(new BackpropMlp([settings.Sizes[0], settings.Sizes[^1]], spec.Transfer), settings.BackpropRate, learnBiases: true);
        trainPotentials = [.. train.Targets.Select(t => t.Select(Logit).ToArray())];
        testPotentials = [.. test.Targets.Select(t => t.Select(Logit).ToArray())];
    }

    public MnistTwoStepSettings Settings { get; }

    public Dataset Train { get; }

    public Dataset Test { get; }

    public TwoStepLearner Microcircuit { get; }

    public BackpropTrainer Backprop { get; }

    /// <summary>The single-layer baseline (input to output, no hidden layer).</summary>
    public BackpropTrainer Shallow { get; }

    /// <summary>Epochs trained so far.</summary>
    public int EpochsDone => Math.Max(0, scores.Count - 1);

    public IReadOnlyList<EpochScore> Scores => scores;

    /// <summary>
    /// Bottom-up weights U(+-UpScale), top-down U(+-FeedbackScaleOf) (one seeded stream, class order fixed), biases 0,
    /// then the analytic self-predicting state for W^IP and W^PI.
    /// </summary>
    public static void InitialWeights(MicrocircuitWeights weights, MnistTwoStepSettings settings)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(settings);
        weights.Randomize(new SeededRandom(settings.Seed), (kind, layer) => kind == WeightClass.Down ? FeedbackScaleOf(settings, layer) : settings.UpScale);
        var g = new Conductances(Apical: settings.Apical, Somatic: settings.Somatic);
        if (settings.TiedTopDown)
        {
            weights.TieTopDown(settings.FeedbackScale);
        }

        weights.SetSelfPredicting(g);
    }

    /// <summary>What the settings hold rather than learn, restored after every consolidation: tied top-down weights, analytic interneurons.</summary>
    public static void HoldFixedWeights(MicrocircuitWeights weights, MnistTwoStepSettings settings, Conductances g)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.TiedTopDown)
        {
            weights.TieTopDown(settings.FeedbackScale);
        }

        if (settings.AnalyticInterneurons)
        {
            weights.SetSelfPredicting(g);
        }
    }

    /// <summary>
    /// The half-width of top-down layer <paramref name="layer"/>'s uniform weights: FeedbackScale for a 10-unit upper layer,
    /// shrunk as 1/sqrt(units above / 10) so the top-down input keeps its size whatever the upper layer's width.
    /// </summary>
    public static double FeedbackScaleOf(MnistTwoStepSettings settings, int layer)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.FeedbackScale * Math.Sqrt(10.0 / settings.Sizes[layer + 2]);
    }

    /// <summary>The example order of an epoch: a Fisher-Yates permutation from the seed and the epoch alone.</summary>
    public static int[] Order(int count, ulong seed, int epoch)
    {
        var random = Seeds.Random(seed, SeedStreams.MnistEpochOrder(epoch));
        var order = Enumerable.Range(0, count).ToArray();
        for (var k = count - 1; k > 0; k--)
        {
            var swap = (int)(random.NextUInt64() % (ulong)(k + 1));
            (order[k], order[swap]) = (order[swap], order[k]);
        }

        return order;
    }

    public static double Logit(double rate) => Math.Log(rate / (1.0 - rate));

    /// <summary>Scores the untrained networks (epoch 0) when nothing has been scored yet.</summary>
    public EpochScore Start(double wallSeconds = 0)
    {
        if (scores.Count == 0)
        {
            scores.Add(Score(0, wallSeconds));
        }

        return scores[^1];
    }

    /// <summary>One epoch of both learners in the same order, then both scored on the test set.</summary>
    public EpochScore RunEpoch(double wallSecondsBefore, Action<int, int>? onBatch = null)
    {
        Start();
        var epoch = scores.Count;
        var order = Order(Train.Count, Settings.Seed, epoch);
        var batches = (Train.Count + Settings.BatchSize - 1) / Settings.BatchSize;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var b = 0; b < batches; b++)
        {
            var start = b * Settings.BatchSize;
            var count = Math.Min(Settings.BatchSize, Train.Count - start);
            Microcircuit.TrainBatch(Train.Inputs, trainPotentials, order, start, count);
            Backprop.TrainBatch(Train.Inputs, Train.Targets, order, start, count);
            Shallow.TrainBatch(Train.Inputs, Train.Targets, order, start, count);
            onBatch?.Invoke(b + 1, batches);
        }

        var score = Score(epoch, wallSecondsBefore + watch.Elapsed.TotalSeconds);
        scores.Add(score);
        return score;
    }

    /// <summary>Writes weights of both learners and the scores so far (<see cref="CheckpointFile"/>: atomic, checksummed).</summary>
    public void SaveCheckpoint(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        CheckpointFile.Write(full, CheckpointMagic, CheckpointVersion, writer =>
        {
            writer.Write(Settings.Fingerprint(Train.Count, Test.Count));
            writer.Write(scores.Count);
            foreach (var s in scores)
            {
                writer.Write(s.Epoch);
                writer.Write(s.MicrocircuitLoss);
                writer.Write(s.MicrocircuitAccuracy);
                writer.Write(s.BackpropLoss);
                writer.Write(s.BackpropAccuracy);
                writer.Write(s.ShallowLoss);
                writer.Write(s.ShallowAccuracy);
                writer.Write(s.InterneuronMismatch);
                writer.Write(s.TeachingSignal);
                writer.Write(s.WallSeconds);
            }

            WriteArray(writer, Microcircuit.Weights.All);
            WriteArray(writer, Microcircuit.InterneuronPresynapticMean ?? []);
            foreach (var w in BackpropArrays())
            {
                WriteArray(writer, w);
            }
        });
    }

    /// <summary>Restores a checkpoint written by the same settings and split; a mismatch or a damaged file is an <see cref="InvalidDataException"/>.</summary>
    public void LoadCheckpoint(string path) => CheckpointFile.Read(path, CheckpointMagic, CheckpointVersion, reader =>
    {
        var fingerprint = reader.ReadString();
        var expected = Settings.Fingerprint(Train.Count, Test.Count);
        if (fingerprint != expected)
        {
            throw new InvalidDataException($"checkpoint {path} was written with other settings ({fingerprint}); this run has {expected}");
        }

        var count = reader.ReadInt32();
        var restored = new List<EpochScore>();
        for (var k = 0; k < count; k++)
        {
            restored.Add(new EpochScore(reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble()));
        }

        ReadArray(reader, Microcircuit.Weights.All);
        var meanLength = reader.ReadInt32();
        if (meanLength != 0 && meanLength != Microcircuit.Scheme.Activity.PyramidalCount)
        {
            throw new InvalidDataException($"checkpoint {path} holds {meanLength} mean rates where the network has {Microcircuit.Scheme.Activity.PyramidalCount} pyramidal neurons");
        }

        var mean = new double[meanLength];
        for (var j = 0; j < mean.Length; j++)
        {
            mean[j] = reader.ReadDouble();
        }

        Microcircuit.InterneuronPresynapticMean = mean.Length == 0 ? null : mean;
        foreach (var w in BackpropArrays())
        {
            ReadArray(reader, w);
        }

        scores.Clear();
        scores.AddRange(restored);
    });

    private IEnumerable<double[]> BackpropArrays() =>
        Backprop.Network.Weights.Concat(Backprop.Network.Biases).Concat(Shallow.Network.Weights).Concat(Shallow.Network.Biases);

    private static void WriteArray(BinaryWriter writer, ReadOnlySpan<double> values)
    {
        writer.Write(values.Length);
        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    private static void ReadArray(BinaryReader reader, Span<double> values)
    {
        var length = reader.ReadInt32();
        if (length != values.Length)
        {
            throw new InvalidDataException($"checkpoint holds {length} values where the network has {values.Length}");
        }

        for (var k = 0; k < length; k++)
        {
            values[k] = reader.ReadDouble();
        }
    }

    private EpochScore Score(int epoch, double wallSeconds)
    {
        var mc = Microcircuit.EvaluateWithInterneurons(Test.Inputs, Test.Targets, testPotentials);
        var bp = Backprop.Evaluate(Test);
        var shallow = Shallow.Evaluate(Test);
        return new EpochScore(epoch, mc.MeanLoss, mc.Accuracy, bp.MeanLoss, bp.Accuracy, shallow.MeanLoss, shallow.Accuracy, mc.InterneuronMismatch, mc.TeachingSignal, wallSeconds);
    }
}
