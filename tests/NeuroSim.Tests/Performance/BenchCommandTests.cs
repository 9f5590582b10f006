using NeuroSim.Cli;

namespace NeuroSim.Tests.Performance;

[Collection(nameof(KernelThreadTests))]
public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_prints_the_step_table_the_bandwidth_and_the_training_ratio()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(["bench", "--sizes", "8", "16", "--seconds", "0.01", "--repeats", "1", "--examples", "2", "--separation", "false", "--bandwidth-mib", "8"], output, error);
        Assert.True(code == CliApp.Success, error.ToString());
        var text = output.ToString();
        Assert.Contains("memory bandwidth", text, StringComparison.Ordinal);
        Assert.Contains("steps/s", text, StringComparison.Ordinal);
        Assert.Contains("examples/s", text, StringComparison.Ordinal);
        Assert.Contains("│ 16", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_refuses_a_size_that_is_not_a_multiple_of_four()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(CliApp.BadInput, CliApp.Run(["bench", "--sizes", "10"], output, error));
        Assert.Contains("multiple of 4", error.ToString(), StringComparison.Ordinal);
    }
}
