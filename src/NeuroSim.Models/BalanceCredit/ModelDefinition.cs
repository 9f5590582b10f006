using NeuroSim.Core.Scheduling;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>A validated model file: the model spec, how to schedule it, its documentation, and the model built from it once.</summary>
public sealed record ModelDefinition(string Name, string? Description, string? Citation, BalanceCreditSpec Spec, SchedulerOptions Scheduler)
{
    /// <summary>The model, built while the file was validated.</summary>
    public required BalanceCreditModel Model { get; init; }

    /// <summary>CSV files the model file refers to (weights, masks, biases), as full paths.</summary>
    public IReadOnlyList<string> ReferencedFiles { get; init; } = [];
}
