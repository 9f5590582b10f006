using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Analysis.Microcircuit.Continuous;

/// <summary>Scalar read-outs of a microcircuit used by the continuous-time experiments (call <see cref="MicrocircuitModel.Observe"/> first where dendrites are read).</summary>
public static class CircuitMeasures
{
    /// <summary>||v_A||^2 summed over every hidden layer (from the last evaluation).</summary>
    public static double ApicalSquared(MicrocircuitModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.ApicalSquared();
    }

    /// <summary>||u_{l+1} - u^I_l||^2 summed over the interneuron populations: how well interneurons track the layer above.</summary>
    public static double TrackingSquared(MicrocircuitModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.TrackingSquared();
    }

    /// <summary>||W^PI + B|| / ||B|| over all hidden layers (Frobenius): the distance of the lateral weights from the analytic self-predicting state.</summary>
    public static double LateralDistance(MicrocircuitWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        double diff = 0, norm = 0;
        for (var l = 0; l < weights.Layers - 1; l++)
        {
            var b = weights.Down(l);
            var pi = weights.InterneuronToPyramidal(l);
            for (var k = 0; k < b.Length; k++)
            {
                diff += (pi[k] + b[k]) * (pi[k] + b[k]);
                norm += b[k] * b[k];
            }
        }

        return Math.Sqrt(diff / norm);
    }
}
