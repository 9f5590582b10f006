using NeuroSim.Files.Yaml;
using NeuroSim.Models.Families;
using NeuroSim.Models.Protocols;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>
/// The balance-credit family (Fan and Mysore, arXiv 2405.14139): model files read by <see cref="ModelFile"/>, the model
/// <see cref="BalanceCreditModel"/>; its actions (hold_credit, block/scale, lesion, prune, set) are read with the common ones.
/// </summary>
public sealed class BalanceCreditFamily : IModelFamily
{
    public string Kind => BalanceCreditModel.FamilyKind;

    public IReadOnlyDictionary<string, Func<SpecNode, ProtocolStep>> ProtocolActions { get; } = new Dictionary<string, Func<SpecNode, ProtocolStep>>();

    public FamilyModel Read(SpecNode root, string baseDirectory, ulong? seedOverride)
    {
        var definition = ModelFile.Read(root, baseDirectory, seedOverride);
        return new FamilyModel(definition.Name, definition.Description, definition.Citation, definition.Spec.Seed, definition.Model, definition.Scheduler, definition.ReferencedFiles);
    }
}
