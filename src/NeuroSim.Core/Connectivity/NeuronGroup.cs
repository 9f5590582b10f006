namespace NeuroSim.Core.Connectivity;

/// <summary>A named population occupying neurons [Offset, Offset + Size) of the flat neuron vectors.</summary>
public sealed record NeuronGroup(string Name, int Size, int Offset)
{
    public int End => Offset + Size;

    public Range Range => Offset..End;
}
