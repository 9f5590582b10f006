namespace NeuroSim.Core.RunFolders;

/// <summary>A neuron quantity column "x[L1:3]" taken apart.</summary>
public readonly record struct NeuronColumn(string Variable, string Group, int Index)
{
    public string Neuron => $"{Group}:{Index}";
}

/// <summary>A synapse quantity column "W[L0->L1:3&lt;-1]" taken apart (post index i, pre index j).</summary>
public readonly record struct SynapseColumn(string Variable, string Pre, string Post, int PostIndex, int PreIndex)
{
    public string Projection => $"{Pre}->{Post}";
}
