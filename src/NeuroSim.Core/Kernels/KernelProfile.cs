namespace NeuroSim.Core.Kernels;

/// <summary>Time spent inside connectivity kernels, summed over the calls of the simulations that share it.</summary>
public sealed class KernelProfile
{
    /// <summary><see cref="System.Diagnostics.Stopwatch"/> ticks inside kernels since creation or <see cref="Reset"/>.</summary>
    public long Ticks { get; private set; }

    public void Reset() => Ticks = 0;

    internal void Add(long ticks) => Ticks += ticks;
}
