namespace NeuroSim.Cli.Commands;

/// <summary>`neurosim sweep SWEEP.yaml --out DIR`: every point of a sweep file as a run folder, collected into sweep.csv and summary.md.</summary>
internal static class SweepCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("sweep") { Description = "Sweep file (docs/sweeps.md): a model, a protocol, the parameters that vary, seeds and metrics." };
        var execution = new SweepExecution(
            "Sweep folder to write: runs/ (one run folder per point and seed), sweep.csv, summary.md.",
            "Model file to sweep instead of the one the sweep file names (its values stand in for the file's in derived settings).",
            "Protocol file to run instead of the one the sweep file names.");
        var command = execution.AddTo(new Command("sweep", "Run a sweep file: a base model and protocol, parameters varied over lists or ranges (any --set path), seeds, and metrics computed from each run; writes sweep.csv (one row per run) and summary.md (mean and 95% CI over seeds, limits found).") { file });
        command.SetAction(parse => CliApp.Guard(error, () => execution.Run(parse, parse.GetValue(file)!, output, error)));
        return command;
    }
}
