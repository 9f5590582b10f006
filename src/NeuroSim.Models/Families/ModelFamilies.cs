using NeuroSim.Files.Yaml;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Dale;
using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Models.Families;

/// <summary>
/// The model families a run can build, found by the <c>kind:</c> of a model file (default: balance-credit, so every
/// file written before families existed still reads). Immutable; a test or a plug-in builds its own registry.
/// </summary>
public sealed class ModelFamilies
{
    /// <summary>The family of a model file that names none.</summary>
    public const string DefaultKind = BalanceCreditModel.FamilyKind;

    private readonly Dictionary<string, IModelFamily> byKind;

    public ModelFamilies(params IModelFamily[] families)
    {
        ArgumentNullException.ThrowIfNull(families);
        byKind = families.ToDictionary(f => f.Kind, StringComparer.Ordinal);
    }

    /// <summary>The families NeuroSim ships. Adding a family is one line here.</summary>
    public static ModelFamilies Standard { get; } = new(
        new BalanceCreditFamily(),
        new DaleFamily(),
        new MicrocircuitFamily());

    public IReadOnlyList<string> Kinds => [.. byKind.Keys];

    /// <summary>The family of the model file whose root is <paramref name="root"/>; an unknown kind lists the valid ones at its position.</summary>
    public IModelFamily Of(SpecNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var kindNode = root.Optional("kind");
        var kind = kindNode?.AsString() ?? DefaultKind;
        return byKind.TryGetValue(kind, out var family)
            ? family
            : throw (kindNode ?? root).Error($"unknown model kind '{kind}'; valid: {string.Join(", ", byKind.Keys)}");
    }

    /// <summary>Reads a model file of any registered family.</summary>
    public (IModelFamily Family, FamilyModel Model) Load(string path, IEnumerable<KeyValuePair<string, string>>? overrides = null, ulong? seedOverride = null)
    {
        var root = SpecDocument.Load(path, overrides);
        var family = Of(root);
        return (family, family.Read(root, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", seedOverride));
    }
}
