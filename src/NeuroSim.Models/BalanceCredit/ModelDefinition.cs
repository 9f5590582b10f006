using NeuroSim.Core.Scheduling;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>A validated model file: the model spec, how to schedule it, and its documentation.</summary>
public sealed record ModelDefinition(string Name, string? Description, string? Citation, BalanceCreditSpec Spec, SchedulerOptions Scheduler);
