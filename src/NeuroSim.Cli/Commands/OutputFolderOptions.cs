namespace NeuroSim.Cli.Commands;

/// <summary>
/// The `--out DIR` and `--overwrite` pair of every command that writes a folder, and the one way such a
/// command opens it (<see cref="RunFolder.Open"/>): before any work, so that a refused folder costs nothing.
/// </summary>
internal sealed class OutputFolderOptions
{
    public OutputFolderOptions(string description, string? defaultPath = null)
    {
        Out = new Option<string>("--out")
        {
            Description = $"{description} Written under a hidden .NAME.partial and renamed when complete; an existing folder is never replaced unless it is a complete folder of this command and --overwrite is given.",
            Required = defaultPath is null,
        };
        if (defaultPath is not null)
        {
            Out.DefaultValueFactory = _ => defaultPath;
        }

        Overwrite = new Option<bool>("--overwrite") { Description = "Replace a complete folder this command wrote earlier at --out (kept until the new one is complete)." };
    }

    public Option<string> Out { get; }

    public Option<bool> Overwrite { get; }

    public IEnumerable<Option> All => [Out, Overwrite];

    public string PathOf(ParseResult parse) => parse.GetValue(Out)!;

    public RunFolder Open(ParseResult parse, string commandName, PartialFolderPolicy policy = PartialFolderPolicy.StartOver, params string[] inputs) =>
        RunFolder.Open(commandName, PathOf(parse), new RunFolderOptions { Inputs = inputs, Overwrite = parse.GetValue(Overwrite), Policy = policy });

}
