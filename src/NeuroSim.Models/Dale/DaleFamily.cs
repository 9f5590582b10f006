using NeuroSim.Files.Yaml;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Families;
using NeuroSim.Models.Protocols;

namespace NeuroSim.Models.Dale;

/// <summary>
/// The Dale's-law family (<c>kind: dale</c>): a balance-credit model file plus <c>cell_types</c>, which names every group
/// whose neurons send synapses <c>excitatory</c> or <c>inhibitory</c> (see <see cref="DaleModel"/>). Protocols, monitors,
/// actions, checkpoints and result files are those of the balance-credit family.
/// </summary>
public sealed class DaleFamily : IModelFamily
{
    private static readonly string[] CellTypes = ["excitatory", "inhibitory"];

    public string Kind => DaleModel.FamilyKind;

    public IReadOnlyDictionary<string, Func<SpecNode, ProtocolStep>> ProtocolActions { get; } = new Dictionary<string, Func<SpecNode, ProtocolStep>>();

    public FamilyModel Read(SpecNode root, string baseDirectory, ulong? seedOverride)
    {
        ArgumentNullException.ThrowIfNull(root);
        var definition = ModelFile.Read(root, baseDirectory, seedOverride, extraFields: ["cell_types"]);
        if (definition.Spec.Activation is not ("logistic" or "softplus"))
        {
            // An excitatory neuron with a negative rate would feed its E pools negatively: Dale's law needs rates >= 0.
            throw root.Required("neurons").Required("activation").Error($"'{definition.Spec.Activation}' can give negative rates; Dale's law needs rates >= 0: use logistic or softplus");
        }

        var groups = definition.Spec.Network.Groups.Select(g => g.Name).ToList();
        var typesNode = root.Required("cell_types");
        var types = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var name in typesNode.Keys)
        {
            var node = typesNode.Required(name);
            if (!groups.Contains(name))
            {
                throw node.Error($"unknown group '{name}'; valid: {string.Join(", ", groups)}");
            }

            types[name] = node.AsChoice(CellTypes) == "excitatory";
        }

        foreach (var projection in definition.Spec.Network.Projections)
        {
            if (!types.ContainsKey(projection.Pre))
            {
                throw typesNode.Error($"group '{projection.Pre}' sends synapses ({projection.Pre}->{projection.Post}) but has no cell type; give it excitatory or inhibitory");
            }
        }

        var model = new DaleModel(definition.Model, types);
        return new FamilyModel(definition.Name, definition.Description, definition.Citation, definition.Spec.Seed, model, definition.Scheduler, definition.ReferencedFiles);
    }
}
