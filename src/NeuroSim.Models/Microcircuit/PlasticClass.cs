namespace NeuroSim.Models.Microcircuit;

/// <summary>The plastic weight classes a plasticity gain applies to (biases go with their weights).</summary>
public enum PlasticClass
{
    /// <summary>W_up (bottom-up, basal) and the pyramidal biases.</summary>
    Up,

    /// <summary>B (top-down, apical).</summary>
    Down,

    /// <summary>W_IP (pyramidal to interneuron) and the interneuron biases.</summary>
    PyramidalToInterneuron,

    /// <summary>W_PI (interneuron to apical).</summary>
    InterneuronToPyramidal,
}
