using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Analysis.Microcircuit.Continuous.Regression;

/// <summary>Settings of the nonlinear regression run (paper Fig. 2, reference section 5.2 regression row).</summary>
public sealed record RegressionOptions
{
    /// <summary>Student 30-50-10 (10 interneurons).</summary>
    public int[] StudentSizes { get; init; } = [30, 50, 10];

    /// <summary>Teacher 30-20-10.</summary>
    public int[] TeacherSizes { get; init; } = [30, 20, 10];

    /// <summary>Teacher gain k_{1,0} of the hidden layer.</summary>
    public double TeacherHiddenGain { get; init; } = 2;

    /// <summary>Teacher gain k_{2,1} of the output layer.</summary>
    public double TeacherOutputGain { get; init; } = 10;

    /// <summary>Training patterns (fresh draws, each seen once), each held <see cref="PatternMs"/> with its target on.</summary>
    public int Patterns { get; init; } = 3000;

    public double PatternMs { get; init; } = 100;

    /// <summary>The test error is measured after every this many training patterns.</summary>
    public int EvaluateEvery { get; init; } = 50;

    /// <summary>Held-out test patterns (never trained on).</summary>
    public int TestPatterns { get; init; } = 20;

    public double Sigma { get; init; } = 0.3;

    /// <summary>True when every learning rate is the published one.</summary>
    public bool PublishedRates => (EtaUpHidden, EtaUpOutput, EtaPyramidalToInterneuron, EtaInterneuronToPyramidal) == Published;

    public NoiseConvention Noise { get; init; } = NoiseConvention.PerStep;

    /// <summary>Student weights (every class) uniform in [-scale, scale]; the paper draws all five classes uniformly.</summary>
    public double WeightScale { get; init; } = 1.0;

    /// <summary>The published regression rates (reference section 5.2, GM fig_2 config).</summary>
    public static readonly (double UpHidden, double UpOutput, double PyramidalToInterneuron, double InterneuronToPyramidal) Published = (1.1875e-3, 5e-4, 1.1875e-3, 5.9375e-3);

    public double EtaUpHidden { get; init; } = 1.1875e-3;

    public double EtaUpOutput { get; init; } = 5e-4;

    public double EtaPyramidalToInterneuron { get; init; } = 1.1875e-3;

    public double EtaInterneuronToPyramidal { get; init; } = 5.9375e-3;

    /// <summary>Smoothing factor of the exponential moving average of the test error (per evaluation).</summary>
    public double AverageFactor { get; init; } = 0.2;

    public ulong Seed { get; init; } = 1;

    public void Validate()
    {
        if (StudentSizes is null || StudentSizes.Length != 3 || StudentSizes.Any(n => n < 1) || TeacherSizes is null || TeacherSizes.Length != 3 || TeacherSizes.Any(n => n < 1))
        {
            throw new ArgumentException("student and teacher are input-hidden-output networks, every size >= 1");
        }

        if (StudentSizes[0] != TeacherSizes[0] || StudentSizes[2] != TeacherSizes[2])
        {
            throw new ArgumentException($"student {string.Join("-", StudentSizes)} and teacher {string.Join("-", TeacherSizes)} must share input and output sizes");
        }

        if (Patterns < 1 || EvaluateEvery < 1 || TestPatterns < 1)
        {
            throw new ArgumentException($"--patterns ({Patterns}), --evaluate-every ({EvaluateEvery}) and --test-patterns ({TestPatterns}) must be >= 1");
        }

        if (!(PatternMs > 0) || !double.IsFinite(PatternMs))
        {
            throw new ArgumentException($"--pattern-ms must be > 0, got {PatternMs}");
        }

        if (!(Sigma >= 0) || !double.IsFinite(Sigma))
        {
            throw new ArgumentException($"--sigma must be >= 0, got {Sigma}");
        }

        if (!(WeightScale > 0) || !double.IsFinite(WeightScale))
        {
            throw new ArgumentException($"--init-scale must be > 0, got {WeightScale}");
        }

        foreach (var eta in new[] { EtaUpHidden, EtaUpOutput, EtaPyramidalToInterneuron, EtaInterneuronToPyramidal })
        {
            if (!(eta >= 0) || !double.IsFinite(eta))
            {
                throw new ArgumentException($"learning rates must be >= 0 and finite, got {eta}");
            }
        }

        if (!(AverageFactor > 0 && AverageFactor <= 1))
        {
            throw new ArgumentException($"moving-average factor must lie in (0, 1], got {AverageFactor}");
        }
    }
}
