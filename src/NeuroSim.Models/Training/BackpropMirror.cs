using NeuroSim.Core.Neurons;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Microcircuit;
using NeuroSim.Models.Reference;

namespace NeuroSim.Models.Training;

/// <summary>
/// The plain BP network (<see cref="BackpropMlp"/>) that computes the same function as a model's current weights:
/// the starting point of every BP baseline and the reference of every equivalence test.
/// </summary>
public static class BackpropMirror
{
    /// <summary>A layered balance-credit model L0 -> L1 -> ...: its weights, biases and activation.</summary>
    public static BackpropMlp Of(BalanceCreditModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var groups = model.Network.Groups;
        var mlp = new BackpropMlp([.. groups.Select(g => g.Size)], model.Activation);
        for (var k = 0; k < groups.Count - 1; k++)
        {
            var projection = model.Network.Projections[k];
            if (projection.Pre != groups[k] || projection.Post != groups[k + 1])
            {
                throw new ArgumentException("the model is not a layered chain L0 -> L1 -> ...; plain BP needs one", nameof(model));
            }

            model.DenseWeights(k).CopyTo(mlp.Weights[k], 0);
            model.Biases[groups[k + 1].Range].CopyTo(mlp.Biases[k]);
        }

        return mlp;
    }

    /// <summary>
    /// The feedforward network a self-predicting microcircuit computes without a target: each layer's bottom-up
    /// weights and biases times its basal attenuation a_l (W_bp = a_l W_up, b_bp = a_l b).
    /// </summary>
    public static BackpropMlp Of(MicrocircuitWeights weights, Conductances g, Activation transfer)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(g);
        var mlp = new BackpropMlp(weights.Sizes, transfer);
        for (var l = 0; l < weights.Layers; l++)
        {
            var a = l == weights.Layers - 1 ? g.OutputBasalAttenuation : g.HiddenBasalAttenuation;
            var up = weights.Up(l);
            for (var k = 0; k < up.Length; k++)
            {
                mlp.Weights[l][k] = a * up[k];
            }

            var bias = weights.UpBias(l);
            for (var k = 0; k < bias.Length; k++)
            {
                mlp.Biases[l][k] = a * bias[k];
            }
        }

        return mlp;
    }
}
