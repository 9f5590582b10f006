using NeuroSim.Core.Integration;

namespace NeuroSim.Core.Scheduling;

/// <summary>
/// A model that can take a step of its coupled system with some integrators (other than forward Euler, which has
/// <see cref="IFusedEulerStep"/>) in fewer passes over its weights than the integrator's generic loop over
/// <see cref="ISimulationModel.CoupledSystem"/>, for example without storing the integrator's stages of the weights.
/// The scheduler uses it in coupled mode unless <see cref="SchedulerOptions.Fused"/> is off.
/// </summary>
public interface IFusedCoupledStep
{
    /// <summary>
    /// Takes one step of <paramref name="h"/> from <paramref name="t"/> with the method of <paramref name="integrator"/>
    /// (by its name) and returns true, or returns false, changing nothing, when there is no fused path for that method or
    /// for the model's configuration.
    /// </summary>
    bool TryFusedCoupledStep(IIntegrator integrator, double t, double h);
}
