namespace NeuroSim.Core.Kernels;

/// <summary>
/// How one simulation's connectivity kernels run: on how many threads, and whether their time is counted.
/// Set per network (<see cref="Connectivity.Network.Kernels"/>); the thread count never changes a result, only the speed.
/// </summary>
public sealed class KernelSettings
{
    /// <summary>The processor count, no profiling.</summary>
    public static KernelSettings Default { get; } = new();

    /// <summary>Threads the kernels use (default: the processor count). 1 runs everything on the calling thread.</summary>
    public int ThreadCount
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>When set, the time spent inside the kernels is added to it (for `neurosim bench`).</summary>
    public KernelProfile? Profile { get; init; }
}
