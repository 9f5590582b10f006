using System.Globalization;
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

/// <summary>The protocol actions of the microcircuit family: their readers (protocol files) and their compilation.</summary>
internal static class MicrocircuitActions
{
    public static IReadOnlyDictionary<string, Func<SpecNode, ProtocolStep>> Readers { get; } = new Dictionary<string, Func<SpecNode, ProtocolStep>>
    {
        ["nudge"] = body => new NudgeStep(body.AsChoice(["on", "off"]) == "on"),
        ["vip_gate"] = body => new VipGateStep(body.AsDouble(0, 1)),
        ["silence_sst"] = body => new SilenceSstStep(body.AsBool()),
        ["plasticity"] = body =>
        {
            body.AllowOnly("class", "gain");
            return new PlasticityStep(body.Required("class").AsChoice(PlasticityStep.Classes), body.Required("gain").AsDouble(0, PlasticityStep.MaxGain));
        },
    };

    public static ActionInstruction? Compile(MicrocircuitModel model, ProtocolStep step) => step switch
    {
        NudgeStep nudge => new ActionInstruction(nudge.On ? "nudge-on" : "nudge-off", model.Groups[model.Layers].Name, _ => model.Nudging = nudge.On),
        VipGateStep vip => new ActionInstruction("vip-gate", vip.Gate.ToString(CultureInfo.InvariantCulture), _ => model.InterneuronGate = vip.Gate),
        SilenceSstStep sst => new ActionInstruction(sst.Silenced ? "silence-sst" : "restore-sst", "I1..", _ => model.InterneuronsSilenced = sst.Silenced),
        PlasticityStep plasticity => Plasticity(model, plasticity),
        _ => null,
    };

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
