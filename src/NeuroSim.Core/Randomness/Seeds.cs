namespace NeuroSim.Core.Randomness;

/// <summary>The one way a seed for a generator is derived from a run's seed (docs/seeds.md).</summary>
public static class Seeds
{
    /// <summary>The seed of <paramref name="stream"/> for run seed <paramref name="seed"/>: seed * multiplier + offset (mod 2^64).</summary>
    public static ulong Derive(ulong seed, SeedDerivation stream) => unchecked((seed * stream.Multiplier) + stream.Offset);

    /// <summary>A generator on <paramref name="stream"/> of run seed <paramref name="seed"/>.</summary>
    public static SeededRandom Random(ulong seed, SeedDerivation stream) => new(Derive(seed, stream));
}
