using NeuroSim.Experiments;

namespace NeuroSim.Analysis.Microcircuit.Continuous;

/// <summary>
/// What every continuous-time microcircuit experiment lets its command change besides its own settings: the model
/// file's somatic noise and the run's seed, and the run of the shipped files they make.
/// </summary>
public abstract record ContinuousOptions
{
    /// <summary>Somatic noise sigma (the model file's noise.sigma).</summary>
    public abstract double Sigma { get; init; }

    /// <summary>
    /// "per-step" or "euler-maruyama" (the model file's noise.convention). Per-step here, as the shipped files say: their
    /// experiments reproduce the published reimplementations, whose sigma is per step of 0.1 ms (model files default to
    /// euler-maruyama, sigma per sqrt(ms)).
    /// </summary>
    public string Noise { get; init; } = "per-step";

    public ulong Seed { get; init; } = 1;

    /// <summary>The --set overrides of the model file's noise.sigma and noise.convention.</summary>
    public IEnumerable<KeyValuePair<string, string>> NoiseOverrides => [RunOverrides.Set("noise.sigma", Sigma), RunOverrides.Set("noise.convention", Noise)];

    /// <summary>The run of shipped <paramref name="modelFile"/> with <paramref name="protocolFile"/> under <see cref="Seed"/>; the experiment adds its overrides.</summary>
    public RunRequest ShippedRun(ShippedFiles files, string modelFile, string protocolFile, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(files);
        return new RunRequest(files.PathOf(modelFile), files.PathOf(protocolFile), outputDirectory) { Seed = Seed };
    }
}
