using NeuroSim.Files.Yaml;
using NeuroSim.Models.Families;
using NeuroSim.Models.Protocols;

namespace NeuroSim.Models.Microcircuit;

/// <summary>
/// The dendritic cortical microcircuit family (Sacramento, Costa, Bengio and Senn 2018): model files read by
/// <see cref="MicrocircuitModelFile"/>, the model <see cref="MicrocircuitModel"/>; its protocol actions are nudge,
/// vip_gate, silence_sst, plasticity, noise and snapshot, and the common lesion.
/// </summary>
public sealed class MicrocircuitFamily : IModelFamily
{
    public string Kind => MicrocircuitModel.FamilyKind;

    public IReadOnlyDictionary<string, Func<SpecNode, ProtocolStep>> ProtocolActions => MicrocircuitActions.Readers;

    public FamilyModel Read(SpecNode root, string baseDirectory, ulong? seedOverride) => MicrocircuitModelFile.Read(root, seedOverride);
}
