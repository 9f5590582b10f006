using NeuroSim.Experiments;

namespace NeuroSim.Cli.Commands.Microcircuit;

/// <summary>
/// What the shortcuts over shipped model and protocol files share: --out and --overwrite, then the experiment's own
/// options, then --seed, --resume and --png (the order the help shows); and the one way they run shipped files.
/// </summary>
internal sealed class ShippedExperimentOptions(
    string outDescription,
    string defaultFolder,
    string seedDescription,
    string resumeDescription = "Continue an interrupted run into the same --out.",
    string pngDescription = "Ignored: PNG and SVG are always written (kept for old scripts).")
{
    public OutputFolderOptions Output { get; } = new(outDescription, Path.Combine("runs", defaultFolder));

    public Option<ulong> Seed { get; } = new("--seed") { Description = seedDescription, DefaultValueFactory = _ => 1UL };

    public Option<bool> Resume { get; } = new("--resume") { Description = resumeDescription };

    public Option<bool> Png { get; } = new("--png") { Description = pngDescription };

    /// <summary>The subcommand with the shared options around the experiment's <paramref name="own"/> ones.</summary>
    public Command Command(string name, string description, params Option[] own)
    {
        var command = new Command(name, description);
        foreach (var option in (Option[])[Output.Out, Output.Overwrite, .. own, Seed, Resume, Png])
        {
            command.Options.Add(option);
        }

        return command;
    }

    /// <summary>
    /// Runs the shipped files that <paramref name="request"/> names (given the extracted files and --out) as `neurosim
    /// run` does, with --overwrite and --resume applied and <paramref name="report"/> written into the complete folder.
    /// </summary>
    public int RunShipped(ParseResult parse, Func<ShippedFiles, string, RunRequest> request, IRunReport report, TextWriter output, TextWriter error)
    {
        using var files = ShippedFiles.Extract();
        var shipped = request(files, Output.PathOf(parse)) with
        {
            Overwrite = parse.GetValue(Output.Overwrite),
            Resume = parse.GetValue(Resume),
            Report = report,
        };
        return RunCommand.Run(shipped, [.. parse.Tokens.Select(t => t.Value)], output, error);
    }
}
