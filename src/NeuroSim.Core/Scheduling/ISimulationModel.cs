using NeuroSim.Core.Integration;

namespace NeuroSim.Core.Scheduling;

/// <summary>A model the scheduler can step: a flat state, its processes, and the whole state as one ODE.</summary>
public interface ISimulationModel
{
    /// <summary>All dynamic state, one flat vector; each process owns a segment.</summary>
    Span<double> State { get; }

    /// <summary>Processes in their update order within a tick (fast to slow).</summary>
    IReadOnlyList<IProcess> Processes { get; }

    /// <summary>All processes as one ODE over <see cref="State"/>: the coupled reference.</summary>
    ISemilinearSystem CoupledSystem { get; }

    /// <summary>Re-imposes algebraic constraints (clamped rates, clamped credit) after the state changed.</summary>
    void ApplyConstraints();
}
