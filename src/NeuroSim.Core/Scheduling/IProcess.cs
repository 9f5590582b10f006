using NeuroSim.Core.Integration;

namespace NeuroSim.Core.Scheduling;

/// <summary>
/// One process of a model (firing, retrograde credit, messenger, plasticity): an ODE over its own segment
/// of the model state with its own time constant. While it steps, every other segment is frozen.
/// </summary>
public interface IProcess
{
    string Name { get; }

    /// <summary>The process's time constant in ms (its leak), used for default clocks and stability checks.</summary>
    double TimeConstantMs { get; }

    /// <summary>The segment of <see cref="ISimulationModel.State"/> this process owns.</summary>
    Range Segment { get; }

    /// <summary>The process ODE over its segment; reads the other segments from the model state as frozen inputs.</summary>
    ISemilinearSystem System { get; }

    /// <summary>
    /// Captures, from the current model state, every input that stays frozen while this process steps
    /// (for example f(s) for the credit process). Called before each step or equilibrium solve.
    /// </summary>
    void Freeze();

    /// <summary>
    /// A map whose fixed point is this process's equilibrium with slower state frozen, or null when the
    /// process does not equilibrate within a presentation (plasticity), in which case the adiabatic
    /// scheduler integrates it over the presentation window instead.
    /// </summary>
    IFixedPointMap? Equilibrium { get; }
}
