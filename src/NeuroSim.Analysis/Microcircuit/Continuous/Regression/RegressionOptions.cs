namespace NeuroSim.Analysis.Microcircuit.Continuous.Regression;

/// <summary>
/// What `neurosim microcircuit regression` can change in the shipped regression files (paper Fig. 2, reference
/// section 5.2): the network, teacher and pattern duration are the files'; these are set with --set.
/// </summary>
public sealed record RegressionOptions : ContinuousOptions
{
    /// <summary>Each pattern is held this long (the protocol's present duration).</summary>
    public const double PatternMs = 100;

    /// <summary>Training patterns (fresh draws, each seen once), each held <see cref="PatternMs"/> with its target on.</summary>
    public int Patterns { get; init; } = 3000;

    /// <summary>The test error is measured before training and after every this many training patterns.</summary>
    public int EvaluateEvery { get; init; } = 50;

    /// <summary>Held-out test patterns (never trained on).</summary>
    public int TestPatterns { get; init; } = 20;

    public override double Sigma { get; init; } = 0.3;

    /// <summary>Student weights (every class) uniform in [-scale, scale]; the paper draws all five classes uniformly.</summary>
    public double WeightScale { get; init; } = 1.0;

    /// <summary>The published regression rates (reference section 5.2, GM fig_2 config).</summary>
    public static readonly (double UpHidden, double UpOutput, double PyramidalToInterneuron, double InterneuronToPyramidal) Published = (1.1875e-3, 5e-4, 1.1875e-3, 5.9375e-3);

    public double EtaUpHidden { get; init; } = Published.UpHidden;

    public double EtaUpOutput { get; init; } = Published.UpOutput;

    public double EtaPyramidalToInterneuron { get; init; } = Published.PyramidalToInterneuron;

    public double EtaInterneuronToPyramidal { get; init; } = Published.InterneuronToPyramidal;

    /// <summary>
    /// Every learning rate is multiplied by this. While the weights change little per pattern, k times the rates for
    /// P patterns stands for P k patterns at the rates themselves (the drift of every weight is eta x the time it acts),
    /// which makes the paper's 10^7 training trials reachable; the noise's share is not rescaled with it.
    /// </summary>
    public double RateScale { get; init; } = 1.0;

    /// <summary>The rates the runs use: each eta times <see cref="RateScale"/>.</summary>
    public (double UpHidden, double UpOutput, double PyramidalToInterneuron, double InterneuronToPyramidal) ScaledRates =>
        (EtaUpHidden * RateScale, EtaUpOutput * RateScale, EtaPyramidalToInterneuron * RateScale, EtaInterneuronToPyramidal * RateScale);

    /// <summary>Training patterns at the unscaled rates that <paramref name="patterns"/> patterns stand for.</summary>
    public double EquivalentPatterns(int patterns) => patterns * RateScale;

    /// <summary>True when every learning rate is the published one (before <see cref="RateScale"/>).</summary>
    public bool PublishedRates => (EtaUpHidden, EtaUpOutput, EtaPyramidalToInterneuron, EtaInterneuronToPyramidal) == Published;

    /// <summary>Smoothing factor of the exponential moving average of the test error (per evaluation).</summary>
    public double AverageFactor { get; init; } = 0.2;

    /// <summary>Test blocks: one before training and one after every <see cref="EvaluateEvery"/> patterns.</summary>
    public int Evaluations => (Patterns / EvaluateEvery) + 1;

    public void Validate()
    {
        if (Patterns < 1 || EvaluateEvery < 1 || TestPatterns < 1)
        {
            throw new ArgumentException($"--patterns ({Patterns}), --evaluate-every ({EvaluateEvery}) and --test-patterns ({TestPatterns}) must be >= 1");
        }

        if (Patterns % EvaluateEvery != 0)
        {
            throw new ArgumentException($"--patterns ({Patterns}) must be a multiple of --evaluate-every ({EvaluateEvery})");
        }

        if (!(Sigma >= 0 && Sigma <= 10))
        {
            throw new ArgumentException($"--sigma must be 0 to 10, got {Sigma}");
        }

        if (!(WeightScale > 0) || !double.IsFinite(WeightScale))
        {
            throw new ArgumentException($"--init-scale must be > 0, got {WeightScale}");
        }

        if (!(RateScale > 0) || !double.IsFinite(RateScale))
        {
            throw new ArgumentException($"--rate-scale must be > 0, got {RateScale}");
        }

        foreach (var eta in new[] { EtaUpHidden, EtaUpOutput, EtaPyramidalToInterneuron, EtaInterneuronToPyramidal })
        {
            if (!(eta >= 0 && eta * RateScale <= 1))
            {
                throw new ArgumentException($"learning rates times --rate-scale must be 0 to 1 per ms, got {eta} x {RateScale}");
            }
        }

        if (!(AverageFactor > 0 && AverageFactor <= 1))
        {
            throw new ArgumentException($"moving-average factor must lie in (0, 1], got {AverageFactor}");
        }
    }
}
