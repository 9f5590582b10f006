namespace NeuroSim.Core.Randomness;

/// <summary>
/// A named stream of random draws: how its seed is derived from a run's seed by <see cref="Seeds.Derive"/>: the derived seed is
/// seed * <see cref="Multiplier"/> + <see cref="Offset"/> (mod 2^64). Every stream is declared in <see cref="SeedStreams"/>.
/// </summary>
public readonly record struct SeedDerivation(string Name, ulong Multiplier, ulong Offset)
{
    /// <summary>The odd golden-ratio constant 2^64 / phi: multiplying by it is a bijection that spreads neighbouring seeds apart.</summary>
    public const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>Stream <paramref name="number"/> of the standard derivation seed * <see cref="Golden"/> + number.</summary>
    public static SeedDerivation Numbered(string name, ulong number) => new(name, Golden, number);

    /// <summary>A stream kept from before the standard derivation (seed + offset), so that published numbers still reproduce.</summary>
    public static SeedDerivation Shifted(string name, ulong offset) => new(name, 1, offset);
}
