namespace NeuroSim.Core.Integration;

/// <summary>
/// An integrator that carries a step-size guess from one call to the next (adaptive methods). The guess is
/// part of the simulation state: a checkpoint saves it so that a resumed run takes the same substeps.
/// </summary>
public interface IStepSizeMemory
{
    /// <summary>The substep the next call starts with (+infinity before the first call).</summary>
    double StepSizeHint { get; set; }
}
