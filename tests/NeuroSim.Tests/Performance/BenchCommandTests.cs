using NeuroSim.Analysis.Benchmarking;
using NeuroSim.Cli;

namespace NeuroSim.Tests.Performance;

[Collection(nameof(KernelThreadTests))]
public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_prints_the_step_table_the_bandwidth_and_the_training_ratio()
    {
        var text = CliRunner.Succeeds("bench", "--sizes", "8", "16", "--seconds", "0.01", "--repeats", "1", "--examples", "2", "--separation", "false", "--bandwidth-mib", "8");
        Assert.Contains("memory bandwidth", text, StringComparison.Ordinal);
        Assert.Contains("steps/s", text, StringComparison.Ordinal);
        Assert.Contains("examples/s", text, StringComparison.Ordinal);
        Assert.Contains("│ 16", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_schedules_prints_each_schedule_per_pass_against_the_fused_step()
    {
        var text = CliRunner.Succeeds("bench", "--compare-schedules", "--sizes", "8", "16", "--seconds", "0.01", "--rounds", "1", "--schedules", "fused,multirate,rk4,rk4-generic");
        Assert.Contains("synapse-passes/s", text, StringComparison.Ordinal);
        Assert.Contains("100 %", text, StringComparison.Ordinal);
        Assert.Contains("rk4-generic", text, StringComparison.Ordinal);
        Assert.Contains("│ 16", text, StringComparison.Ordinal);
        Assert.Equal(CliApp.BadInput, CliRunner.Run("bench", "--compare-schedules", "--schedules", "fused,rk5").Code);
    }

    [Fact]
    public void Passes_per_step_count_every_process_evaluation()
    {
        string[] processes = ["firing", "credit", "plasticity"];
        Assert.Equal(1.0, ScheduleBench.PassesPerStep(ScheduleBench.Options("fused"), processes));
        Assert.Equal(1.0, ScheduleBench.PassesPerStep(ScheduleBench.Options("multirate"), processes));
        Assert.Equal(4.0, ScheduleBench.PassesPerStep(ScheduleBench.Options("rk4"), processes));

        // Firing rk4 every step, credit and plasticity every 10 steps: (4 + 0.1 + 0.1) / 3.
        var staggered = NeuroSim.Models.BalanceCredit.Schedules.Multirate(new NeuroSim.Models.BalanceCredit.Timescales(1, 10, 100), 0.1);
        Assert.Equal(4.2 / 3, ScheduleBench.PassesPerStep(staggered, processes), 12);
    }

    [Fact]
    public void Bench_refuses_a_size_that_is_not_a_multiple_of_four()
    {
        var (code, _, error) = CliRunner.Run("bench", "--sizes", "10");
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("multiple of 4", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_state_writes_the_parameters_and_the_initial_and_final_state_of_each_size()
    {
        using var folder = new TempFolder();
        CliRunner.Succeeds("bench", "--sizes", "8", "--export-state", folder.Path, "--export-steps", "20");
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
