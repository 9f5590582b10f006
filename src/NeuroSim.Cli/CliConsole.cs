namespace NeuroSim.Cli;

/// <summary>The one way commands make a Spectre console over their output writer.</summary>
internal static class CliConsole
{
    /// <summary>
    /// A console over <paramref name="output"/>. Where no terminal is attached (batch and cluster jobs, tests) lines are
    /// never wrapped, so that a printed path or number can be copied from a log as it is.
    /// </summary>
    public static IAnsiConsole Create(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (!console.Profile.Capabilities.Interactive)
        {
            console.Profile.Width = 100_000;
        }

        return console;
    }
}
