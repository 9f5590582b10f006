using NeuroSim.Core.Scheduling;
using NeuroSim.Files.Yaml;
using NeuroSim.Models.Protocols;

namespace NeuroSim.Models.Families;

/// <summary>
/// A model family: what a model file with <c>kind: KIND</c> means. A family reads and validates its model files (with
/// the same file:line:column errors as every file), builds the model once (an <see cref="IExperimentModel"/>, which
/// supplies its monitor variables, its own protocol actions, its checkpoint state and its result files), and names the
/// protocol actions it reads beyond the common ones. The run path knows families only through this interface and a
/// <see cref="ModelFamilies"/> registry.
/// </summary>
public interface IModelFamily
{
    /// <summary>The value of <c>kind:</c> in model files.</summary>
    string Kind { get; }

    /// <summary>
    /// Reads the model file whose root is <paramref name="root"/> (it may hold <c>kind</c>); relative file references are
    /// resolved against <paramref name="baseDirectory"/>. Errors are <see cref="SpecException"/>s.
    /// </summary>
    FamilyModel Read(SpecNode root, string baseDirectory, ulong? seedOverride);

    /// <summary>Protocol actions of this family beyond the common ones: key in the protocol file -> reader of its body.</summary>
    IReadOnlyDictionary<string, Func<SpecNode, ProtocolStep>> ProtocolActions { get; }
}

/// <summary>A validated model file and the model built from it, once.</summary>
/// <param name="Name">The model's name (name:).</param>
/// <param name="Description">Its description, if any.</param>
/// <param name="Citation">Its citation, if any.</param>
/// <param name="Seed">The seed its random initialisation used.</param>
/// <param name="Model">The built model.</param>
/// <param name="Scheduler">How to schedule it.</param>
/// <param name="ReferencedFiles">Files the model file refers to (weights, masks, biases), copied into a run's inputs/.</param>
public sealed record FamilyModel(string Name, string? Description, string? Citation, ulong Seed, IExperimentModel Model, SchedulerOptions Scheduler, IReadOnlyList<string> ReferencedFiles);
