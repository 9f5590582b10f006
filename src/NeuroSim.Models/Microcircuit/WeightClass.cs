namespace NeuroSim.Models.Microcircuit;

/// <summary>The weight classes of the microcircuit, named after the compartments they connect.</summary>
public enum WeightClass
{
    /// <summary>W^PP_{k,k-1}: pyramidal layer k-1 to the basal dendrites of layer k (bottom-up, learned).</summary>
    Up,

    /// <summary>The bias of a pyramidal neuron's basal potential (an input fixed at 1).</summary>
    UpBias,

    /// <summary>W^PP_{k,k+1}: pyramidal layer k+1 to the apical dendrites of layer k (top-down feedback B).</summary>
    Down,

    /// <summary>W^IP_{k,k}: pyramidal layer k to the dendrites of its interneurons.</summary>
    PyramidalToInterneuron,

    /// <summary>The bias of an interneuron's dendritic potential.</summary>
    InterneuronBias,

    /// <summary>W^PI_{k,k}: interneurons of layer k to the apical dendrites of layer k (lateral inhibition).</summary>
    InterneuronToPyramidal,
}
