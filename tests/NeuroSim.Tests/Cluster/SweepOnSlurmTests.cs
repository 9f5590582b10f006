using NeuroSim.Experiments.Sweeps;
using NeuroSim.Tests.Sweeps;

namespace NeuroSim.Tests.Cluster;

/// <summary>`neurosim sweep --backend slurm` on the real single-node cluster gives the local backend's tables, byte for byte.</summary>
[Collection(nameof(SlurmClusterGroup))]
public sealed class SweepOnSlurmTests(SlurmCluster cluster, ITestOutputHelper output)
{
    [Fact]
    [Trait("Speed", "Slow")]
    public void An_eight_run_sweep_through_slurm_writes_the_same_sweep_csv_as_the_local_workers()
    {
        cluster.Require();
        using var temp = new TempFolder();

        // 2 credit values x 2 zipped pairs x 2 seeds = 8 runs.
        var path = SweepTests.Files(temp, SweepTests.Sweep.Replace("{log: [10 ms, 1000 ms], points: 3}", "[10 ms, 100 ms]", StringComparison.Ordinal));
        var plan = new SweepPlan(SweepFile.Load(path));
        Assert.Equal(8, plan.Runs.Count);
        var local = SweepRunner.Run(plan, new SweepOptions(temp.Combine("local")) { Workers = 2 });
        Assert.Equal("complete", local.Status);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var slurm = SweepRunner.Run(plan, new SweepOptions(temp.Combine("slurm"))
        {
            Backend = new SlurmExecutor(new SlurmSettings
            {
                NeuroSim = ["/usr/share/dotnet/dotnet", Path.Combine(AppContext.BaseDirectory, "neurosim.dll")],
                SweepArguments = [path],
                OutputDirectory = temp.Combine("slurm"),
                Tasks = 4,
                Environment = cluster.Environment,
                PollInterval = TimeSpan.FromMilliseconds(200),
            }),
        });
        output.WriteLine($"8 runs in 4 array tasks: {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal("complete", slurm.Status);
        Assert.Equal(0, slurm.Failed);
        Assert.Equal(File.ReadAllBytes(temp.Combine("local", "sweep.csv")), File.ReadAllBytes(temp.Combine("slurm", "sweep.csv")));
        Assert.Equal(File.ReadAllText(temp.Combine("local", "summary.md")), File.ReadAllText(temp.Combine("slurm", "summary.md")));
        Assert.Equal(4, Directory.GetFiles(temp.Combine("slurm", "slurm"), "task-*.out").Length);
    }
}
