using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Files.Models;

/// <summary>A validated model file: the model spec, how to schedule it, and its documentation.</summary>
public sealed record ModelDefinition(string Name, string? Description, string? Citation, BalanceCreditSpec Spec, SchedulerOptions Scheduler);
