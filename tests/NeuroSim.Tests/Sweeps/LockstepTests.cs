using NeuroSim.Experiments;
using NeuroSim.Experiments.Sweeps;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Tests.Sweeps;

/// <summary>
/// Many small networks at once: the seeds of a sweep point stepped in lock step (<see cref="LockstepGroup"/>,
/// <see cref="BalanceCreditBatch"/>) write the same files, bit for bit, as each run stepped alone; runs the batch does not
/// take fall back to stepping alone; an interrupted batch resumes to the same results.
/// </summary>
public sealed class LockstepTests
{
    // 3-9-2: the hidden -> out rows have 9 columns (the general pooled-sum loop), in -> hidden 3 (the short rows).
    private const string Model = """
        name: probe
        network:
          groups: [{name: in, size: 3}, {name: hidden, size: 9}, {name: out, size: 2}]
          projections:
            - {from: in, to: hidden, weights: {distribution: normal, gain: 1.2}}
            - {from: hidden, to: out, weights: {distribution: normal, gain: 1.2}}
        neurons: {activation: tanh}
        timescales: {firing: 10 ms, credit: 30 ms, plasticity: 300 ms}
        learning_rate: 0.01
        clamps: {input: [in], output: [out], output_mode: replace}
        scheduler:
          mode: multirate
          dt: 1 ms
          processes:
            firing: {integrator: rk4, every: 1 ms}
            credit: {integrator: rk4, every: 1 ms}
            plasticity: {integrator: euler, every: 1 ms}
        seed: 3
        """;

    private const string Protocol = """
        name: presentation
        timeline:
          - clamp_input: {values: {random: uniform, low: -1, high: 1}}
          - clamp_output: {target: {random: uniform, low: -0.8, high: 0.8}}
          - run: 12 s
        monitors:
          - {name: loss, variables: [loss], every: 1 s}
          - {name: state, variables: [x, c], neurons: [hidden, out], every: 500 ms}
        """;

    // Point 1 (credit euler) is a schedule the batch does not take: its seeds step alone.
    private const string Sweep = """
        name: lockstep
        model: model.yaml
        protocol: protocol.yaml
        set:
          protocol.timeline[2].run: 3 s
        parameters:
          scheduler.processes.credit.integrator: [rk4, euler]
          timescales.credit: [30 ms, 50 ms]
        seeds: 3
        metrics:
          bp_deviation: {stat: bp_deviation}
          final_loss: {monitor: loss, column: loss, stat: last}
        """;

    [Fact]
    public void A_sweep_in_lock_step_writes_the_same_tables_and_run_folders_as_every_run_alone()
    {
        using var temp = new TempFolder();
        temp.File("model.yaml", Model);
        temp.File("protocol.yaml", Protocol);
        var plan = new SweepPlan(SweepFile.Load(temp.File("sweep.yaml", Sweep)));
        Assert.Equal(4, plan.Points);
        var alone = SweepRunner.Run(plan, new SweepOptions(temp.Combine("alone")) { Workers = 2, Lockstep = false });
        var together = SweepRunner.Run(plan, new SweepOptions(temp.Combine("together")) { Workers = 2 });
        Assert.Equal("complete", together.Status);
        Assert.Equal(0, together.Failed);
        Assert.Equal(File.ReadAllBytes(Path.Combine(alone.OutputDirectory, "sweep.csv")), File.ReadAllBytes(Path.Combine(together.OutputDirectory, "sweep.csv")));
        foreach (var run in Directory.GetDirectories(Path.Combine(alone.OutputDirectory, "runs")))
        {
            SameRunFolders(run, Path.Combine(together.OutputDirectory, "runs", Path.GetFileName(run)));
        }
    }

    [Fact]
    public void Members_in_lock_step_end_bit_for_bit_where_they_end_alone_and_the_others_fall_back()
    {
        using var temp = new TempFolder();
        var model = temp.File("model.yaml", Model);
        var protocol = temp.File("protocol.yaml", Protocol);
        RunRequest Request(int k, string folder) => new(model, protocol, temp.Combine(folder, $"m{k}"))
        {
            Seed = (ulong)(k + 1),
            Overrides = k switch
            {
                // Another schedule (not batched), another duration (batched until it ends), other time constants and drives.
                3 => [KeyValuePair.Create("scheduler.processes.firing.integrator", "euler")],
                4 => [KeyValuePair.Create("protocol.timeline[2].run", "5 s")],
                5 => [KeyValuePair.Create("timescales.credit", "20 ms"), KeyValuePair.Create("learning_rate", "0.03")],
                _ => [],
            },
        };
        const int members = 6;
        for (var k = 0; k < members; k++)
        {
            Assert.Equal("complete", ExperimentRunner.Execute(ExperimentRunner.Prepare(Request(k, "alone"))).Status);
        }

        var group = new LockstepGroup(members, CancellationToken.None);
        Assert.Null(BalanceCreditBatch.Unsupported(ExperimentRunner.Prepare(Request(0, "x")).Scheduler));
        Assert.NotNull(BalanceCreditBatch.Unsupported(ExperimentRunner.Prepare(Request(3, "x")).Scheduler));
        var handles = Enumerable.Range(0, members).Select(_ => group.Join()).ToArray();
        var outcomes = InThreads(members, k =>
        {
            try
            {
                return ExperimentRunner.Execute(ExperimentRunner.Prepare(Request(k, "together") with { Lockstep = handles[k] })).Status;
            }
            finally
            {
                handles[k].Leave();
            }
        });
        Assert.All(outcomes, status => Assert.Equal("complete", status));
        Assert.True(group.BatchedAdvances > 0);
        for (var k = 0; k < members; k++)
        {
            SameRunFolders(temp.Combine("alone", $"m{k}"), temp.Combine("together", $"m{k}"));
        }
    }

    [Fact]
    public void A_batch_interrupted_between_two_steps_leaves_checkpoints_that_resume_to_the_results_of_runs_alone()
    {
        using var temp = new TempFolder();
        var model = temp.File("model.yaml", Model);
        var protocol = temp.File("protocol.yaml", Protocol);
        RunRequest Request(int k, string folder) => new(model, protocol, temp.Combine(folder, $"m{k}")) { Seed = (ulong)(k + 1), CheckpointEverySteps = 3000 };
        const int members = 3;
        for (var k = 0; k < members; k++)
        {
            ExperimentRunner.Execute(ExperimentRunner.Prepare(Request(k, "alone")));
        }

        using var stop = new CancellationTokenSource();
        var group = new LockstepGroup(members, stop.Token);
        var handles = Enumerable.Range(0, members).Select(_ => group.Join()).ToArray();
        var interrupted = InThreads(members, k =>
        {
            try
            {
                // Progress comes every 4,096 steps: the interrupt comes while the others wait for, or take, their next batch.
                return ExperimentRunner.Execute(
                    ExperimentRunner.Prepare(Request(k, "cut") with { Lockstep = handles[k], Interrupt = stop.Token }),
                    (step, _) =>
                    {
                        if (step >= 8192 && k == 0)
                        {
                            stop.Cancel();
                        }
                    });
            }
            finally
            {
                handles[k].Leave();
            }
        });
        Assert.All(interrupted, outcome => Assert.Equal("interrupted", outcome.Status));
        Assert.All(interrupted, outcome => Assert.InRange(outcome.Steps, 8192, 11999));

        var again = new LockstepGroup(members, CancellationToken.None);
        var resumers = Enumerable.Range(0, members).Select(_ => again.Join()).ToArray();
        var resumed = InThreads(members, k =>
        {
            try
            {
                return ExperimentRunner.Execute(ExperimentRunner.Prepare(Request(k, "cut") with { Lockstep = resumers[k], Resume = true })).Status;
            }
            finally
            {
                resumers[k].Leave();
            }
        });
        Assert.All(resumed, status => Assert.Equal("complete", status));
        Assert.True(again.BatchedAdvances > 0);
        for (var k = 0; k < members; k++)
        {
            // The manifest records where the run resumed; every result file is the same.
            SameRunFolders(temp.Combine("alone", $"m{k}"), temp.Combine("cut", $"m{k}"), manifests: false);
        }
    }

    private static T[] InThreads<T>(int count, Func<int, T> body)
    {
        var results = new T[count];
        var errors = new Exception?[count];
        var threads = Enumerable.Range(0, count).Select(k => new Thread(() =>
        {
            try
            {
                results[k] = body(k);
            }
            catch (Exception e)
            {
                errors[k] = e;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.All(errors, Assert.Null);
        return results;
    }

    /// <summary>Every file of two run folders has the same bytes, apart from the lock file, and the manifests apart from when the run started and how long it took.</summary>
    private static void SameRunFolders(string expected, string actual, bool manifests = true)
    {
        static string[] Files(string folder) =>
            [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Where(f => f != ".neurosim" && f != "manifest.json").Order(StringComparer.Ordinal)];
        Assert.Equal(Files(expected), Files(actual));
        SameBytes.InFolders(expected, actual, Files(expected), $" in {actual}");
        if (manifests)
        {
            static string[] Stable(string folder) =>
                [.. File.ReadAllLines(Path.Combine(folder, "manifest.json")).Where(l => !l.Contains("\"started_utc\"", StringComparison.Ordinal) && !l.Contains("\"wall_seconds\"", StringComparison.Ordinal))];
            Assert.Equal(Stable(expected), Stable(actual));
        }
    }
}
