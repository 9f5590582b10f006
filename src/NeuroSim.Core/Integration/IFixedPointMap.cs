namespace NeuroSim.Core.Integration;

/// <summary>A map y -> G(y) whose fixed point y = G(y) is sought, e.g. a steady state of a rate network.</summary>
public interface IFixedPointMap
{
    /// <summary>Length of the state vector.</summary>
    int Dimension { get; }

    /// <summary>Writes G(y) into <paramref name="next"/>. Must not allocate; must not keep the spans.</summary>
    void Apply(ReadOnlySpan<double> y, Span<double> next);
}
