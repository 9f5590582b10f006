namespace NeuroSim.Analysis.Benchmarking;

/// <summary>How the full step of the step figures is scheduled.</summary>
public enum BenchSchedule
{
    /// <summary>Coupled forward Euler, taken as one fused pass over W.</summary>
    Fused,

    /// <summary>Multirate with every process due every step (firing from the kept evaluation, credit and plasticity in one pass over W).</summary>
    Multirate,
}

/// <summary>What `neurosim bench` measures and for how long.</summary>
public sealed record BenchSettings
{
    /// <summary>Network sizes N (layers N/4, N/2, N/4), each a multiple of 4.</summary>
    public required IReadOnlyList<int> Sizes { get; init; }

    /// <summary>Wall time of each measurement, s.</summary>
    public double Seconds { get; init; } = 1.0;

    /// <summary>Measurements per figure; the median (or the best, for one-off presentations) is reported.</summary>
    public int Repeats { get; init; } = 3;

    /// <summary>Kernel threads (results do not depend on it).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Examples per training measurement on 784-256-10; 0 skips training.</summary>
    public int Examples { get; init; } = 200;

    /// <summary>Whether to time the eps = 0.01 presentation, multirate against coupled.</summary>
    public bool Separation { get; init; } = true;

    /// <summary>Size of each triad array, MiB.</summary>
    public int BandwidthMib { get; init; } = 128;

    public BenchSchedule Schedule { get; init; } = BenchSchedule.Fused;

    /// <summary>float32 weights (double arithmetic) in the fused step.</summary>
    public bool SinglePrecision { get; init; }

    public bool Fused => Schedule == BenchSchedule.Fused;

    public void Validate()
    {
        ValidateSizes(Sizes);

        if (SinglePrecision && !Fused)
        {
            throw new ArgumentException("--precision single: needs --schedule fused");
        }
    }

    /// <summary>Throws naming --sizes unless every N is a multiple of 4 and at least 4.</summary>
    public static void ValidateSizes(IReadOnlyList<int> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Count == 0 || sizes.Any(n => n < 4 || n % 4 != 0))
        {
            throw new ArgumentException($"--sizes {string.Join(' ', sizes)}: each N must be a multiple of 4 and >= 4");
        }
    }
}
