namespace NeuroSim.Core.Scheduling;

/// <summary>A process did not reach its fixed point within the iteration cap (adiabatic mode).</summary>
public sealed class EquilibriumNotReachedException(string process, double timeMs, int iterations, double residual)
    : Exception($"process '{process}' did not reach its fixed point at t = {timeMs} ms: residual {residual:G3} after {iterations} iterations " +
                "with plain or damped iteration (the dynamics may not settle at all here, e.g. a limit cycle or an unstable network: reduce the weights' gain, or raise the iteration cap)")
{
    public string Process { get; } = process;

    public int Iterations { get; } = iterations;

    public double Residual { get; } = residual;
}
