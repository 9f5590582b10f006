using NeuroSim.Files.Yaml;
using NeuroSim.Models.Protocols;

namespace NeuroSim.Models.Microcircuit;

/// <summary>nudge: on|off. On nudges the output toward the last target set (zeros before any); off releases it.</summary>
public sealed record NudgeStep(bool On) : FamilyStep("nudge");

/// <summary>vip_gate: G in [0, 1], the gate on interneuron-to-apical inhibition (1 normal, 0 fully disinhibited by VIP).</summary>
public sealed record VipGateStep(double Gate) : FamilyStep("vip_gate");

/// <summary>silence_sst: true|false, every interneuron's rate read as 0 (the SST-silencing manipulation) or restored.</summary>
public sealed record SilenceSstStep(bool Silenced) : FamilyStep("silence_sst");

/// <summary>plasticity: {class: up|down|ip|pi|all, gain: G}, the consolidation gain of a weight class (0 freezes it, 1 restores it).</summary>
public sealed record PlasticityStep(string Class, double Gain) : FamilyStep("plasticity")
{
    public static IReadOnlyList<string> Classes { get; } = ["up", "down", "ip", "pi", "all"];

    /// <summary>Largest gain accepted (a gain multiplies the learning rates of the class).</summary>
    public const double MaxGain = 1000;
}

/// <summary>noise: on|off, the somatic noise switched off (sigma 0, no draws from the noise stream) or back to the model's sigma.</summary>
public sealed record NoiseStep(bool On) : FamilyStep("noise");

/// <summary>
/// snapshot: save|restore. Save keeps everything but the weights (potentials, input and target filters, plasticity
/// induction, stimulus, target, nudging, class gains, noise switch, drives); restore puts it back, so a test block
/// between them leaves training as if it had not happened (except for the weights, which it leaves alone when plasticity is off).
/// </summary>
public sealed record SnapshotStep(bool Save) : FamilyStep("snapshot");

/// <summary>The protocol actions of the microcircuit family: their readers (protocol files) and their compilation.</summary>
internal static class MicrocircuitActions
{
    public static IReadOnlyDictionary<string, Func<SpecNode, ProtocolStep>> Readers { get; } = new Dictionary<string, Func<SpecNode, ProtocolStep>>
    {
        ["nudge"] = body => new NudgeStep(body.AsChoice(["on", "off"]) == "on"),
        ["vip_gate"] = body => new VipGateStep(body.AsDouble(0, 1)),
        ["silence_sst"] = body => new SilenceSstStep(body.AsBool()),
        ["noise"] = body => new NoiseStep(body.AsChoice(["on", "off"]) == "on"),
        ["snapshot"] = body => new SnapshotStep(body.AsChoice(["save", "restore"]) == "save"),
        ["plasticity"] = body =>
        {
            body.AllowOnly("class", "gain");
            return new PlasticityStep(body.Required("class").AsChoice(PlasticityStep.Classes), body.Required("gain").AsDouble(0, PlasticityStep.MaxGain));
        },
    };

    public static ActionInstruction? Compile(MicrocircuitModel model, ProtocolStep step, ActionContext context) => step switch
    {
        NudgeStep nudge => new ActionInstruction(nudge.On ? "nudge-on" : "nudge-off", model.Groups[model.Layers].Name, _ => model.Nudging = nudge.On),
        VipGateStep vip => new ActionInstruction("vip-gate", vip.Gate.ToString(CultureInfo.InvariantCulture), _ => model.InterneuronGate = vip.Gate),
        SilenceSstStep sst => new ActionInstruction(sst.Silenced ? "silence-sst" : "restore-sst", "I1..", _ => model.InterneuronsSilenced = sst.Silenced),
        PlasticityStep plasticity => Plasticity(model, plasticity),
        LesionStep lesion => Lesion(model, lesion),
        NoiseStep noise => new ActionInstruction(noise.On ? "noise-on" : "noise-off", "sigma", _ => model.NoiseOn = noise.On),
        SnapshotStep snapshot => Snapshot(model, snapshot, context),
        _ => null,
    };

    /// <summary>save and restore must alternate, starting with save: checked in timeline order while compiling, so a wrong order is refused before the run.</summary>
    private static ActionInstruction Snapshot(MicrocircuitModel model, SnapshotStep snapshot, ActionContext context)
    {
        if (snapshot.Save == model.SnapshotHeldWhileCompiling)
        {
            throw new ArgumentException(snapshot.Save ? "a snapshot is already held: restore it before saving another" : "no snapshot to restore: save one first");
        }

        var before = model.SnapshotHeldWhileCompiling;
        context.UndoAfterCompile(() => model.SnapshotHeldWhileCompiling = before);
        model.SnapshotHeldWhileCompiling = snapshot.Save;
        return new ActionInstruction(snapshot.Save ? "snapshot-save" : "snapshot-restore", "state", _ =>
        {
            if (snapshot.Save)
            {
                model.SaveSnapshot();
            }
            else
            {
                model.RestoreSnapshot();
            }
        });
    }

    /// <summary>
    /// lesion: neurons (pyramidal L1.., interneurons I1..; not L0) silenced with every synapse onto and from them; synapses
    /// of a weight class named as in weights/*.csv (projection "pre->post", post and pre within their groups) removed.
    /// </summary>
    private static ActionInstruction Lesion(MicrocircuitModel model, LesionStep lesion)
    {
        if (model.AdiabaticMode)
        {
            throw new ArgumentException("lesion is not available in adiabatic mode: the two-step steady-state scheme has no lesioned neurons or removed synapses; use scheduler mode: coupled");
        }

        var neurons = Selections.Neurons(model.Groups, lesion.Neurons);
        if (neurons.Any(n => n < model.Sizes[0]))
        {
            throw new ArgumentException("the input layer L0 cannot be lesioned: it is only its rates (use clamp_input to set them to 0)");
        }

        foreach (var neuron in neurons)
        {
            _ = model.SynapsesOf(neuron);
        }

        var entries = lesion.Synapses.Select(s => model.SynapseEntry(s.Projection, s.Post, s.Pre)).ToArray();
        var label = string.Join(" ", lesion.Neurons.Concat(lesion.Synapses.Select(s => $"{s.Projection}:{s.Post},{s.Pre}")));
        return new ActionInstruction("lesion", label, _ => model.Lesion(neurons, entries));
    }

    private static ActionInstruction Plasticity(MicrocircuitModel model, PlasticityStep step)
    {
        PlasticClass[] classes = step.Class switch
        {
            "up" => [PlasticClass.Up],
            "down" => [PlasticClass.Down],
            "ip" => [PlasticClass.PyramidalToInterneuron],
            "pi" => [PlasticClass.InterneuronToPyramidal],
            "all" => Enum.GetValues<PlasticClass>(),
            _ => throw new ArgumentException($"unknown class '{step.Class}'; valid: {string.Join(", ", PlasticityStep.Classes)}"),
        };
        var label = $"{step.Class} x{step.Gain.ToString(CultureInfo.InvariantCulture)}";
        return new ActionInstruction(step.Gain == 0 ? "block" : "scale", label, _ =>
        {
            foreach (var c in classes)
            {
                model.SetClassGain(c, step.Gain);
            }
        });
    }
}
