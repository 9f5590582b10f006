using NeuroSim.Analysis.Benchmarking;
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

    [Fact]
    public void Export_state_writes_the_parameters_and_the_initial_and_final_state_of_each_size()
    {
        using var folder = new TempFolder();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(["bench", "--sizes", "8", "--export-state", folder.Path, "--export-steps", "20"], output, error);
        Assert.True(code == CliApp.Success, error.ToString());
        Assert.Equal("8,tanh,0.1,1,10,100,0.001,20", File.ReadAllLines(folder.Combine("n8", "parameters.csv"))[1]);
        foreach (var snapshot in new[] { BenchStateExport.InitialFolder, BenchStateExport.FinalFolder })
        {
            Assert.Equal("group,index,rate,credit,input,target", File.ReadLines(folder.Combine("n8", snapshot, "neurons.csv")).First());
            Assert.True(File.Exists(folder.Combine("n8", snapshot, "weights", "L0-L1.csv")));
            Assert.True(File.Exists(folder.Combine("n8", snapshot, "biases.csv")));
        }

        Assert.NotEqual(File.ReadAllText(folder.Combine("n8", "initial", "weights", "L1-L2.csv")), File.ReadAllText(folder.Combine("n8", "final", "weights", "L1-L2.csv")));
    }
}
