using System.CommandLine;
using NeuroSim.Cli.Commands;
using NeuroSim.Cli.Commands.Microcircuit;
using NeuroSim.Core.Scheduling;
using NeuroSim.Files.Yaml;

namespace NeuroSim.Cli;

/// <summary>
/// The `neurosim` command. Output goes through injected writers so that tests can read it. Exit codes:
/// 0 success, 2 bad input (one line on stderr, no stack trace), 1 an unexpected failure.
/// </summary>
public static class CliApp
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
    public const int Aborted = 3;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("NeuroSim: a time-stepped simulator of rate neurons whose plasticity becomes backpropagation as timescales separate.")
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
            BenchCommand.Create(output, error),
        };
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return root.Parse(args).Invoke(configuration);
    }

    /// <summary>Runs a command body, turning bad input into exit code 2 with a one-line message.</summary>
    internal static int Guard(TextWriter error, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidDataException or SpecException or EquilibriumNotReachedException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"neurosim: error: {e.Message.ReplaceLineEndings(" ")}");
            return BadInput;
        }
    }
}
