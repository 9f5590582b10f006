using NeuroSim.Experiments;

namespace NeuroSim.Cli.Commands;

/// <summary>
/// `neurosim separation --out DIR [--model M]`: the timescale-separation study, which is the shipped sweep file
/// sweeps/separation.yaml (or separation-messengers.yaml) run on the given model, with that model's own firing time
/// constant, learning rate and scheduler.
/// </summary>
internal static class SeparationCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var study = OptionValues.Choice("--study", "grid: eps1 = tau_x/tau_c by eps2 = tau_c/tau_w, 36 points (sweeps/separation.yaml); messengers: tau_m/tau_c at eps1 = eps2 = 0.03 (sweeps/separation-messengers.yaml).", "grid", "grid", "messengers");
        var execution = new SweepExecution(
            "Study folder to write (a sweep folder: runs/, sweep.csv, summary.md, figures/).",
            "Your model file (default: models/separation-probe.yaml, a 4-8-6-3 tanh network); its firing time constant sets the others, its learning rate and scheduler are kept. It needs one input and one output group.",
            "Protocol of one presentation (default: protocols/separation-probe.yaml: a random input and target, clamped at t = 0 for one plasticity window; the study sets timeline[2].run to the window).");
        var command = execution.AddTo(new Command("separation", "The timescale-separation study: how far one presentation's weight change is from the BP step as eps1 = tau_x/tau_c and eps2 = tau_c/tau_w shrink, on the shipped network or your model; the limit (deviation below 5%) is stated in the model's own time constants. The same as `neurosim sweep sweeps/separation.yaml --model M`.") { study });
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            using var shipped = ShippedFiles.Extract();
            var file = parse.GetValue(study) == "messengers" ? "sweeps/separation-messengers.yaml" : "sweeps/separation.yaml";
            return execution.Run(parse, shipped.PathOf(file), output, error);
        }));
        return command;
    }
}
