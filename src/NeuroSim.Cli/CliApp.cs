using System.CommandLine.Completions;
using System.CommandLine.Parsing;
using NeuroSim.Cli.Commands;
using NeuroSim.Cli.Commands.Microcircuit;
using NeuroSim.Core.Scheduling;
using NeuroSim.Files.Yaml;

namespace NeuroSim.Cli;

/// <summary>
/// The `neurosim` command. Output goes through injected writers so that tests can read it. Exit codes:
/// 0 success; 2 bad input, a refused output folder or a diverged run (one line on stderr, no stack trace);
/// 3 stopped by --abort-after-steps; 74 an input/output failure (disk full, permissions); 130 and 143
/// interrupted by SIGINT and SIGTERM; 1 an unexpected failure.
/// </summary>
public static class CliApp
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
    public const int Aborted = 3;
    public const int InputOutputFailure = 74;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = CreateRoot(output, error);
        // Interrupts are handled by Interruption, not by System.CommandLine.
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !IsHelpRequest(args))
        {
            var help = parse.CommandResult.Command == root ? "neurosim --help" : $"neurosim {CommandPath(parse.CommandResult, root)} --help";
            var messages = parse.Errors.Select(OptionFirst).ToList();

            // A message that starts with its option already says what the option allows; others point to the help.
            var hint = messages.All(m => m.StartsWith("--", StringComparison.Ordinal)) ? string.Empty : $" (see `{help}`)";
            error.WriteLine($"neurosim: error: {Sanitize(ParseErrors(messages))}{hint}");
            return BadInput;
        }

        return parse.Invoke(configuration);
    }

    /// <summary>The `neurosim` command with every subcommand, writing to <paramref name="output"/> and <paramref name="error"/>.</summary>
    internal static RootCommand CreateRoot(TextWriter output, TextWriter error) =>
        new("NeuroSim: a time-stepped simulator of rate neurons whose plasticity becomes backpropagation as timescales separate.")
        {
            DemoCommand.Create(output, error),
            RunCommand.Create(output, error),
            SeparationCommand.Create(output, error),
            FetchMnistCommand.Create(output, error),
            TrainCommand.Create(output, error),
            ConnectomeCommand.Create(output, error),
            PredictCommand.Create(output, error),
            MicrocircuitCommand.Create(output, error),
            PlotCommand.Create(output, error),
            ReportCommand.Create(output, error),
            BenchCommand.Create(output, error),
            SweepCommand.Create(output, error),
        };

    /// <summary>
    /// One line fit for a terminal: control characters from the input (escape sequences, NUL, line breaks)
    /// are shown as \xNN rather than sent to the terminal.
    /// </summary>
    public static string Sanitize(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new System.Text.StringBuilder(message.Length);
        foreach (var c in message.ReplaceLineEndings(" "))
        {
            if (char.IsControl(c))
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// A value outside an option's choices (<see cref="Option{T}.AcceptOnlyFromAmong"/>) as "--noise 'salt': valid: flip,
    /// gaussian"; other messages as System.CommandLine words them.
    /// </summary>
    private static string OptionFirst(ParseError error)
    {
        var option = error.SymbolResult as OptionResult ?? (error.SymbolResult as ArgumentResult)?.Parent as OptionResult;
        if (option is not null && error.Message.StartsWith("Argument '", StringComparison.Ordinal) && error.Message.Contains("' not recognized. Must be one of:", StringComparison.Ordinal))
        {
            var value = error.Message["Argument '".Length..error.Message.IndexOf("' not recognized", StringComparison.Ordinal)];
            var choices = option.Option.CompletionSources.SelectMany(source => source(CompletionContext.Empty)).Select(c => c.Label);
            return $"{option.Option.Name} '{value}': valid: {string.Join(", ", choices)}";
        }

        return error.Message;
    }

    /// <summary>System.CommandLine's messages in one line, with .NET type names said in words.</summary>
    private static string ParseErrors(List<string> messages)
    {
        if (messages.Count > 1)
        {
            messages.RemoveAll(m => m.StartsWith("Required command was not provided", StringComparison.Ordinal));
        }

        var text = string.Join("; ", messages.Select(m => m.TrimEnd('.')));
        foreach (var (type, words) in new[]
        {
            ("System.Nullable`1[System.UInt64]", "a whole number >= 0"), ("System.UInt64", "a whole number >= 0"),
            ("System.Nullable`1[System.Int64]", "a whole number"), ("System.Int64", "a whole number"),
            ("System.Nullable`1[System.Int32]", "a whole number"), ("System.Int32", "a whole number"),
            ("System.Nullable`1[System.Double]", "a number"), ("System.Double", "a number"), ("System.Boolean", "true or false"),
        })
        {
            text = text.Replace($"expected type '{type}'", words, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The subcommand's words below the root, e.g. "microcircuit regression".</summary>
    private static string CommandPath(CommandResult result, Command root)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c && c.Command != root; r = c.Parent)
        {
            names.Add(c.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static bool IsHelpRequest(string[] args) => args.Any(a => a is "--help" or "-h" or "-?" or "--version");

    /// <summary>
    /// Runs a command body, turning bad input into exit code 2 and input/output failures into 74, each with one line
    /// on stderr and no stack trace.
    /// </summary>
    internal static int Guard(TextWriter error, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            error.WriteLine($"neurosim: error: {Sanitize(e.Message)}");
            return BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"neurosim: input/output error: {Sanitize(e.Message)}");
            return InputOutputFailure;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidDataException or SpecException or EquilibriumNotReachedException or OutputRefusedException)
        {
            error.WriteLine($"neurosim: error: {Sanitize(WithoutParameterNote(e))}");
            return BadInput;
        }
    }

    /// <summary>An ArgumentException's message without the "(Parameter 'x')" that .NET appends for programmers.</summary>
    private static string WithoutParameterNote(Exception e) =>
        e is ArgumentException { ParamName: { } name } argument
            ? argument.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
            : e.Message;
}
