namespace NeuroSim.Models.Protocols;

/// <summary>Where a stimulus or target vector comes from when its step executes.</summary>
public abstract record VectorSource;

/// <summary>The same values every time.</summary>
public sealed record FixedVector(IReadOnlyList<double> Values) : VectorSource;

/// <summary>The input or the target of the current item of the enclosing for-each block.</summary>
public sealed record DataItemVector(bool Target) : VectorSource;

/// <summary>Fresh random values from the protocol's generator: uniform on [A, B) or normal with mean A and deviation B.</summary>
public sealed record RandomVector(string Distribution, double A, double B) : VectorSource
{
    public static IReadOnlyList<string> Distributions { get; } = ["uniform", "normal"];
}
