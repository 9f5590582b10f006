namespace NeuroSim.Core.Scheduling;

/// <summary>
/// A model whose adiabatic limit is not a relaxation of its processes one by one: it takes over each adiabatic
/// presentation window itself (for the microcircuit, the two-step steady-state scheme: every compartment set to its
/// steady state, then one weight step proportional to the window). The scheduler uses it in adiabatic mode, in place
/// of the per-process fixed points and the slow integration; models without it keep the generic adiabatic path.
/// </summary>
public interface IAdiabaticWindow
{
    /// <summary>Advances the model by one presentation window of <paramref name="windowMs"/> ms (the scheduler moves the clock).</summary>
    void RunWindow(double windowMs);
}
