using NeuroSim.Tests.Support;

namespace NeuroSim.Tests.Cli;

public sealed class HelpTests
{
    [Fact]
    public void Help_lists_every_command_with_its_description()
    {
        var (code, stdout, _) = CliRunner.Run("--help");
        Assert.Equal(0, code);
        foreach (var command in new[] { "demo", "run", "separation", "fetch-mnist", "plot", "bench" })
        {
            Assert.Matches($@"(?m)^\s+{command}\s+\S", stdout);
        }
    }

    [Fact]
    public void An_unknown_command_is_an_error_with_a_nonzero_exit_code()
    {
        var (code, _, stderr) = CliRunner.Run("simulate");
        Assert.NotEqual(0, code);
        Assert.Contains("simulate", stderr, StringComparison.Ordinal);
    }
}
