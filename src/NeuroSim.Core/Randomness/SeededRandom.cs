namespace NeuroSim.Core.Randomness;

/// <summary>
/// Seeded pseudo-random numbers (xoshiro256**, Blackman and Vigna 2018, seeded through SplitMix64).
/// Written here rather than System.Random so that the sequence is fixed by this code alone, the state
/// is four words that a checkpoint can store, and the same seed gives the same bits on every runtime.
/// </summary>
public sealed class SeededRandom
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;
    private double spareGaussian;
    private bool hasSpareGaussian;

    public SeededRandom(ulong seed)
    {
        var sm = seed;
        s0 = SplitMix(ref sm);
        s1 = SplitMix(ref sm);
        s2 = SplitMix(ref sm);
        s3 = SplitMix(ref sm);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on [low, high).</summary>
    public double NextUniform(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>Standard normal by the Marsaglia polar method (exact, no tables, reproducible).</summary>
    public double NextGaussian()
    {
        if (hasSpareGaussian)
        {
            hasSpareGaussian = false;
            return spareGaussian;
        }

        double u, v, r2;
        do
        {
            u = (2.0 * NextDouble()) - 1.0;
            v = (2.0 * NextDouble()) - 1.0;
            r2 = (u * u) + (v * v);
        }
        while (r2 >= 1.0 || r2 == 0.0);

        var scale = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        spareGaussian = v * scale;
        hasSpareGaussian = true;
        return u * scale;
    }

    /// <summary>The generator's complete state, for checkpoints.</summary>
    public RandomState SaveState() => new(s0, s1, s2, s3, spareGaussian, hasSpareGaussian);

    public void RestoreState(RandomState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        (s0, s1, s2, s3, spareGaussian, hasSpareGaussian) = (state.S0, state.S1, state.S2, state.S3, state.SpareGaussian, state.HasSpareGaussian);
    }

    /// <summary>Writes the generator's state to a checkpoint.</summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(s0);
        writer.Write(s1);
        writer.Write(s2);
        writer.Write(s3);
        writer.Write(spareGaussian);
        writer.Write(hasSpareGaussian);
    }

    /// <summary>Restores what <see cref="WriteState"/> wrote.</summary>
    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        RestoreState(new RandomState(reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadDouble(), reader.ReadBoolean()));
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>The complete state of a <see cref="SeededRandom"/>.</summary>
public sealed record RandomState(ulong S0, ulong S1, ulong S2, ulong S3, double SpareGaussian, bool HasSpareGaussian);
