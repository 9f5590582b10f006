using System.Text.RegularExpressions;
using NeuroSim.Cli;

namespace NeuroSim.Tests.Cli;

public sealed class HelpTests
{
    [Fact]
    public void Help_lists_every_registered_command_with_the_start_of_its_description()
    {
        var (code, stdout, _) = CliRunner.Run("--help");
        Assert.Equal(0, code);
        var commands = CliApp.CreateRoot(TextWriter.Null, TextWriter.Null).Subcommands;
        Assert.NotEmpty(commands);
        foreach (var command in commands)
        {
            var firstWords = string.Join(' ', command.Description!.Split(' ').Take(3));
            Assert.Matches($@"(?m)^\s+{Regex.Escape(command.Name)}\s.*{Regex.Escape(firstWords)}", stdout);
        }
    }

    [Fact]
    public void An_unknown_command_is_one_line_and_exit_code_2()
    {
        var (code, stdout, stderr) = CliRunner.Run("simulate");
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("neurosim: error: ", stderr, StringComparison.Ordinal);
        Assert.Contains("'simulate'", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "--seed", "abc")]
    [InlineData("demo", "--epochs", "99999999999999999999")]
    [InlineData("run", "models/layered-xor.yaml")]
    [InlineData("demo", "--no-such-option")]
    public void A_bad_argument_is_one_line_naming_the_command_and_exit_code_2(params string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Matches($"^neurosim: error: .*\\(see `neurosim {args[0]} --help`\\)$", stderr.TrimEnd('\n'));
    }
}
