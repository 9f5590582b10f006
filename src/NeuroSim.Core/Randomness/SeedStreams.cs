namespace NeuroSim.Core.Randomness;

/// <summary>
/// Every stream a run's seed is split into, in one list so that two uses can be seen not to share draws
/// (docs/seeds.md). A component handed a seed uses that seed as is for its first generator; every further
/// generator comes from <see cref="Seeds.Derive"/> with one of these streams.
/// </summary>
public static class SeedStreams
{
    /// <summary>Microcircuit initial weights (model files and the `neurosim microcircuit` commands).</summary>
    public static readonly SeedDerivation MicrocircuitWeights = SeedDerivation.Numbered("microcircuit weights", 1);

    /// <summary>Training inputs: microcircuit patterns and teacher training examples.</summary>
    public static readonly SeedDerivation TrainingInputs = SeedDerivation.Numbered("training inputs", 2);

    /// <summary>Microcircuit somatic noise.</summary>
    public static readonly SeedDerivation MicrocircuitNoise = SeedDerivation.Numbered("microcircuit noise", 3);

    /// <summary>Weights of a teacher network.</summary>
    public static readonly SeedDerivation TeacherWeights = SeedDerivation.Numbered("teacher weights", 4);

    /// <summary>Held-out test inputs of a teacher task.</summary>
    public static readonly SeedDerivation TestInputs = SeedDerivation.Numbered("test inputs", 5);

    /// <summary>Random vectors and drive noise drawn by a protocol (`neurosim run`).</summary>
    public static readonly SeedDerivation Protocol = SeedDerivation.Numbered("protocol", 6);

    /// <summary>The random and Latin-hypercube samples of a sweep file (its samples.seed).</summary>
    public static readonly SeedDerivation SweepSamples = SeedDerivation.Numbered("sweep samples", 7);

    /// <summary>The teacher-student data set of `neurosim train --data teacher`.</summary>
    public static readonly SeedDerivation TrainTeacherData = SeedDerivation.Shifted("train teacher data", 99);

    /// <summary>The second network of the separation study's learning-curve comparison.</summary>
    public static readonly SeedDerivation ComparisonNetwork = SeedDerivation.Shifted("comparison network", 1);

    /// <summary>Inputs and targets of the microcircuit nudging and SST-silencing prediction.</summary>
    public static readonly SeedDerivation NudgingTrials = SeedDerivation.Shifted("nudging trials", 1000);

    /// <summary>Noise that replaces the clamps in the connectome (paper Fig. 4) experiment.</summary>
    public static readonly SeedDerivation ConnectomeNoise = SeedDerivation.Shifted("connectome noise", 1_000_003);

    /// <summary>Corruption of the test digits in the VIP denoising experiment.</summary>
    public static readonly SeedDerivation VipRecall = SeedDerivation.Shifted("VIP recall", 0xC0FFEE);

    /// <summary>A random mask of projection <paramref name="projection"/> (its index in the model file).</summary>
    public static SeedDerivation ProjectionMask(int projection) => SeedDerivation.Shifted($"mask of projection {projection}", (ulong)(1000 + projection));

    /// <summary>The presentation order of epoch <paramref name="epoch"/> of the two-step MNIST experiment.</summary>
    public static SeedDerivation MnistEpochOrder(int epoch) => SeedDerivation.Shifted($"MNIST order of epoch {epoch}", unchecked(SeedDerivation.Golden * (ulong)epoch));
}
