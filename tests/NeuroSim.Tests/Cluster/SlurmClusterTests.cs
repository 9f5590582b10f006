using System.Diagnostics;

namespace NeuroSim.Tests.Cluster;

/// <summary>
/// The single-node SLURM cluster that the sweep's SLURM backend is tested against (issue #16) runs real
/// jobs: an 8-task array in one wave, and a failing task reported as FAILED.
/// </summary>
[Collection(nameof(SlurmClusterGroup))]
public sealed class SlurmClusterTests(SlurmCluster cluster, ITestOutputHelper output)
{
    /// <summary>
    /// The controller's first scheduling pass comes about 3 s after it starts, then one a second; an
    /// 8-task array took 0.7-3.2 s here (docs/slurm-cluster.md). 60 s leaves room for a loaded machine.
    /// </summary>
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(60);

    /// <summary>jobcomp lines are written as each task ends, before it leaves the queue; 5 s is slack.</summary>
    private static readonly TimeSpan JobCompTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    [Trait("Speed", "Slow")]
    public void An_eight_task_array_runs_every_task_once_and_the_jobcomp_file_shows_eight_completed_tasks()
    {
        cluster.Require();
        using var work = new TempFolder();
        var task = work.File("task.sh", "#!/bin/bash\necho \"$SLURM_ARRAY_TASK_ID\" > \"$1/task-$SLURM_ARRAY_TASK_ID.txt\"\n");

        var clock = Stopwatch.StartNew();
        var id = cluster.Submit("--array=0-7", $"--chdir={work.Path}", $"--output={work.Path}/slurm-%A_%a.out", task, work.Path);
        cluster.WaitUntilDone(id, JobTimeout);
        output.WriteLine($"cluster start to idle {cluster.StartTime.TotalMilliseconds:0} ms; 8-task array {clock.ElapsedMilliseconds} ms (submit to out of the queue)");

        for (var i = 0; i < 8; i++)
        {
            var file = work.Combine($"task-{i}.txt");
            Assert.True(File.Exists(file), $"task {i} wrote no {file}");
            Assert.Equal($"{i}\n", File.ReadAllText(file));
        }

        Assert.Equal(8, Directory.GetFiles(work.Path, "task-*.txt").Length);
        var records = cluster.Completions(id, 8, JobCompTimeout);
        Assert.Equal(Enumerable.Range(0, 8), records.Select(r => r.ArrayTaskId ?? -1).Order());
        Assert.All(records, r => Assert.Equal(("COMPLETED", "0:0"), (r.JobState, r.ExitCode)));
    }

    [Fact]
    [Trait("Speed", "Slow")]
    public void A_task_that_exits_1_is_recorded_as_failed_with_exit_code_1()
    {
        cluster.Require();
        using var work = new TempFolder();
        var task = work.File("fail.sh", "#!/bin/bash\nexit 1\n");

        var id = cluster.Submit($"--chdir={work.Path}", $"--output={work.Path}/slurm-%j.out", task);
        cluster.WaitUntilDone(id, JobTimeout);

        var record = Assert.Single(cluster.Completions(id, 1, JobCompTimeout));
        Assert.Equal(("FAILED", "1:0"), (record.JobState, record.ExitCode));
    }
}
