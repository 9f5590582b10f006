namespace NeuroSim.Core.Scheduling;

/// <summary>A process did not reach its fixed point within the iteration cap (adiabatic mode).</summary>
public sealed class EquilibriumNotReachedException : Exception
{
    public EquilibriumNotReachedException(string process, double timeMs, int iterations, double residual)
        : base($"process '{process}' did not reach its fixed point at t = {timeMs} ms: residual {residual:G3} after {iterations} iterations " +
               "with plain or damped iteration (the dynamics may not settle at all here, e.g. a limit cycle or an unstable network: reduce the weights' gain, or raise the iteration cap)")
    {
        Process = process;
        Iterations = iterations;
        Residual = residual;
    }

    public EquilibriumNotReachedException()
    {
        Process = string.Empty;
    }

    public EquilibriumNotReachedException(string message)
        : base(message)
    {
        Process = string.Empty;
    }

    public EquilibriumNotReachedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Process = string.Empty;
    }

    public string Process { get; }

    public int Iterations { get; }

    public double Residual { get; }
}
