using NeuroSim.Models.Protocols;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>
/// The protocol actions of the balance-credit family beyond the common ones: hold_credit, block/unblock/scale of
/// retrograde signalling or plasticity, lesion, prune, set. Every check runs here, at compile time.
/// </summary>
internal static class BalanceCreditActions
{
    public static ActionInstruction? Compile(BalanceCreditModel model, ProtocolStep step, ActionContext context) => step switch
    {
        HoldCreditStep hold => HoldCredit(model, hold),
        GainStep gain => Gain(model, gain),
        LesionStep lesion => Lesion(model, lesion),
        PruneStep prune => Prune(model, prune),
        SetStep set => Set(model, set, context),
        _ => null,
    };

    private static ActionInstruction HoldCredit(BalanceCreditModel model, HoldCreditStep hold)
    {
        var group = model.Network.Group(hold.Group);
        return new ActionInstruction(hold.Hold ? "hold-credit" : "release-credit", group.Name, _ => model.HoldCredit(group, hold.Hold));
    }

    private static ActionInstruction Prune(BalanceCreditModel model, PruneStep prune)
    {
        var projections = Selections.Projections(model.Network, prune.Projections);
        var what = prune.Projections.Count == 0 ? "all" : string.Join(" ", prune.Projections);
        var value = prune.Fraction.ToString(CultureInfo.InvariantCulture);
        return prune.BelowQuantile
            ? new ActionInstruction("prune", $"below quantile {value} of {what}", _ => model.PruneBelowQuantile(prune.Fraction, projections))
            : new ActionInstruction("prune", $"{value} of {what}", _ => model.Prune(prune.Fraction, projections));
    }

    private static ActionInstruction Gain(BalanceCreditModel model, GainStep gain)
    {
        if (!GainStep.Processes.Contains(gain.Process))
        {
            throw new ArgumentException($"unknown process '{gain.Process}'; valid: {string.Join(", ", GainStep.Processes)}");
        }

        var projections = gain.Projections.Count == 0
            ? Enumerable.Range(0, model.Network.Projections.Count).ToArray()
            : Selections.Projections(model.Network, gain.Projections);
        var retrograde = gain.Process == "retrograde";
        var label = $"{gain.Process} x{gain.Gain.ToString(CultureInfo.InvariantCulture)} on {(gain.Projections.Count == 0 ? "all" : string.Join(" ", gain.Projections))}";
        var includesBiases = !retrograde && gain.Projections.Count == 0;
        return new ActionInstruction(gain.Gain == 0 ? "block" : "scale", label, _ =>
        {
            var gains = retrograde ? model.RetrogradeGains : model.PlasticityGains;
            foreach (var k in projections)
            {
                gains[k] = gain.Gain;
            }

            // Plasticity of "all" includes the biases, which belong to no projection.
            if (includesBiases)
            {
                model.BiasPlasticityGain = gain.Gain;
            }
        });
    }

    private static ActionInstruction Lesion(BalanceCreditModel model, LesionStep lesion)
    {
        var neurons = Selections.Neurons(model.Groups, lesion.Neurons);
        var synapses = lesion.Synapses.Select(s =>
        {
            var k = Selections.Projection(model.Network, s.Projection);
            var p = model.Network.Projections[k];
            if (s.Post < 0 || s.Post >= p.Post.Size || s.Pre < 0 || s.Pre >= p.Pre.Size)
            {
                throw new ArgumentException($"synapse {s.Projection}:{s.Post},{s.Pre} is out of range; post 0..{p.Post.Size - 1}, pre 0..{p.Pre.Size - 1}");
            }

            var slot = p.SlotOf(s.Post, s.Pre);
            return slot < 0 ? throw new ArgumentException($"synapse {s.Projection}:{s.Post},{s.Pre} does not exist (masked)") : (k, slot);
        }).ToArray();
        var label = string.Join(" ", lesion.Neurons.Concat(lesion.Synapses.Select(s => $"{s.Projection}:{s.Post},{s.Pre}")));
        return new ActionInstruction("lesion", label, _ =>
        {
            foreach (var (k, slot) in synapses)
            {
                model.RemoveSynapse(k, slot);
            }

            foreach (var neuron in neurons)
            {
                model.LesionNeuron(neuron);
            }
        });
    }

    private static ActionInstruction Set(BalanceCreditModel model, SetStep set, ActionContext context)
    {
        var label = $"{set.Parameter} = {set.Text ?? set.Number.ToString(CultureInfo.InvariantCulture)}";
        Action<IProtocolState> apply = set.Parameter switch
        {
            "learning_rate" => Checked(set.Number is >= 0 and <= BalanceCreditSpec.MaxLearningRate, $"learning_rate must be >= 0 and <= {BalanceCreditSpec.MaxLearningRate}", _ => model.LearningRate = set.Number),
            "spillover" => Checked(set.Number is >= 0 and <= 1, "spillover must be in [0, 1]", _ => model.Spillover = set.Number),
            "output_mode" => set.Text switch
            {
                "replace" => _ => model.OutputCreditMode = OutputCreditMode.Replace,
                "inject" => _ => model.OutputCreditMode = OutputCreditMode.Inject,
                _ => throw new ArgumentException($"output_mode '{set.Text}' is not valid; valid: replace, inject"),
            },
            "timescales.firing" => TimeConstant(model, set, context, t => t with { FiringMs = set.Number }),
            "timescales.credit" => TimeConstant(model, set, context, t => t with { CreditMs = set.Number }),
            "timescales.plasticity" => TimeConstant(model, set, context, t => t with { PlasticityMs = set.Number }),
            "timescales.messenger" => model.HasMessengers
                ? TimeConstant(model, set, context, t => t with { MessengerMs = set.Number })
                : throw new ArgumentException("timescales.messenger cannot be set: the model has no messenger (give timescales.messenger in the model file)"),
            "timescales.synaptic_e" or "timescales.synaptic_i" => model.HasSynapticFilters
                ? TimeConstant(model, set, context, t => set.Parameter.EndsWith("_e", StringComparison.Ordinal) ? t with { SynapticExcitatoryMs = set.Number } : t with { SynapticInhibitoryMs = set.Number })
                : throw new ArgumentException($"{set.Parameter} cannot be set: the model's pools are instantaneous (give timescales.synaptic_e and synaptic_i in the model file)"),
            _ => throw new ArgumentException($"unknown parameter '{set.Parameter}'; valid: {string.Join(", ", SetStep.Parameters)}"),
        };
        return new ActionInstruction("set", label, apply);
    }

    private static Action<IProtocolState> Checked(bool valid, string message, Action<IProtocolState> apply) =>
        valid ? apply : throw new ArgumentException(message);

    /// <summary>
    /// A time-constant change: applied now and checked for stability against the time constants the timeline has set
    /// so far (undone when compiling ends), and applied again when it runs.
    /// </summary>
    private static Action<IProtocolState> TimeConstant(BalanceCreditModel model, SetStep set, ActionContext context, Func<Timescales, Timescales> change)
    {
        if (!(set.Number > 0) || !double.IsFinite(set.Number))
        {
            throw new ArgumentException($"{set.Parameter} = {set.Number} ms: must be finite and > 0 ms");
        }

        var before = model.Timescales;
        context.UndoAfterCompile(() => model.Timescales = before);
        model.Timescales = change(model.Timescales);
        context.Scheduler.CheckStability();
        return r =>
        {
            model.Timescales = change(model.Timescales);
            r.Scheduler.CheckStability();
        };
    }
}
