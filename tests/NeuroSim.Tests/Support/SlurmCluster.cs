using System.Diagnostics;
using System.Text.RegularExpressions;

namespace NeuroSim.Tests.Support;

/// <summary>
/// A real single-node SLURM cluster on 127.0.0.1 (slurmctld, slurmd, munged), started once for the
/// tests of the <see cref="SlurmClusterGroup"/> by <c>tests/cluster/slurm-cluster.sh run DIR</c> in a
/// fresh temporary folder and stopped by PID in <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// The script stays in the foreground with the daemons as its children and stops them when its standard
/// input closes, so the cluster also goes when the test host dies. Where the cluster cannot be started
/// (packages missing, not root, a daemon that exits) <see cref="FailureReason"/> holds the script's one-line
/// reason and <see cref="Require"/> fails the test with it: these tests never skip silently.
/// </remarks>
public sealed class SlurmCluster : IDisposable
{
    /// <summary>Start to node idle: the script's own timeout is 30 s; this one covers a slow machine on top.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The script scancels, waits up to 5 s for the jobs, then TERMs and after 5 s KILLs the daemons.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    private readonly Process? _supervisor;
    private readonly string _root;
    private readonly string _script;
    private bool _disposed;

    public SlurmCluster()
    {
        _root = Path.Combine(Path.GetTempPath(), $"neurosim-slurm-{Guid.NewGuid():N}");
        Folder = Path.Combine(_root, "cluster");
        ConfPath = Path.Combine(Folder, "slurm.conf");
        Environment = new Dictionary<string, string> { ["SLURM_CONF"] = ConfPath };
        _script = Path.Combine(CliRunner.RepositoryRoot(), "tests", "cluster", "slurm-cluster.sh");
        Directory.CreateDirectory(_root);

        var clock = Stopwatch.StartNew();
        try
        {
            if (ChildProcess.Install(_script) is { } notInstalled)
            {
                FailureReason = $"SLURM packages not installed: {notInstalled}";
                return;
            }

            _supervisor = StartSupervisor(out var reason);
            FailureReason = reason;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or TimeoutException)
        {
            FailureReason = $"could not run bash {_script}: {e.Message}";
        }

        StartTime = clock.Elapsed;
    }

    /// <summary>Null when the cluster runs; otherwise one line saying why it could not be started.</summary>
    public string? FailureReason { get; }

    /// <summary>Wall time from launching the script to the node reported idle by <c>sinfo</c>.</summary>
    public TimeSpan StartTime { get; }

    /// <summary>Wall time of the last <see cref="Dispose"/>: closing the script's input to its exit.</summary>
    public TimeSpan StopTime { get; private set; }

    /// <summary>The cluster folder: slurm.conf, munge key and socket, state, spool, logs, jobcomp.txt.</summary>
    public string Folder { get; }

    public string ConfPath { get; }

    /// <summary>One line per finished job or array task (<c>JobCompType=jobcomp/filetxt</c>).</summary>
    public string JobCompPath => Path.Combine(Folder, "jobcomp.txt");

    /// <summary>What a child process needs to reach this cluster: <c>SLURM_CONF</c>.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Fails the calling test with <see cref="FailureReason"/> when the cluster is not running.</summary>
    public void Require()
    {
        if (FailureReason is not null)
        {
            Assert.Fail($"SLURM cluster not available: {FailureReason}");
        }
    }

    /// <summary>Runs <c>sbatch --parsable ARGS</c> and returns the job id (the array job id for an array).</summary>
    public string Submit(params string[] args)
    {
        var result = Sbatch(["--parsable", .. args]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"sbatch {string.Join(' ', args)} failed ({result.ExitCode}): {result.Stderr.Trim()}");
        }

        // --parsable prints "jobid" or "jobid;cluster".
        return result.Stdout.Trim().Split(';')[0];
    }

    public CommandResult Sbatch(params string[] args) => Run("sbatch", args);

    public CommandResult Squeue(params string[] args) => Run("squeue", args);

    public CommandResult Scontrol(params string[] args) => Run("scontrol", args);

    /// <summary>
    /// Polls <c>squeue -h -j ID</c> every 100 ms until the job and all its array tasks have left the queue
    /// (<c>sbatch --wait</c> polls only after 2 s, 8 s, then every 32 s). Returns the time waited.
    /// </summary>
    public TimeSpan WaitUntilDone(string jobId, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var result = Squeue("-h", "-j", jobId);
            var gone = result.ExitCode == 0
                ? result.Stdout.Trim().Length == 0
                : result.Stderr.Contains("Invalid job id", StringComparison.Ordinal);
            if (gone)
            {
                return clock.Elapsed;
            }

            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"squeue -h -j {jobId} failed ({result.ExitCode}): {result.Stderr.Trim()}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"job {jobId} still queued after {timeout.TotalSeconds:0} s: {result.Stdout.Trim()} (logs in {Folder}/log)");
            }

            Thread.Sleep(100);
        }
    }

    /// <summary>
    /// The jobcomp records of job <paramref name="jobId"/> (an array's tasks by their array job id), waiting
    /// up to <paramref name="timeout"/> until there are <paramref name="count"/> of them.
    /// </summary>
    public IReadOnlyList<JobCompletion> Completions(string jobId, int count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var records = File.Exists(JobCompPath)
                ? File.ReadAllLines(JobCompPath).Select(JobCompletion.Parse)
                    .Where(r => r.JobId == jobId || r.ArrayJobId == jobId).ToList()
                : [];
            if (records.Count >= count || clock.Elapsed > timeout)
            {
                return records;
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>Runs a SLURM client with this cluster's environment; throws when it outlives the timeout.</summary>
    public CommandResult Run(string program, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in Environment)
        {
            info.Environment[name] = value;
        }

        return ChildProcess.Run(info, timeout ?? CommandTimeout);
    }

    /// <summary>Stops the cluster: closes the script's input, which scancels every job and stops the daemons by PID.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_supervisor is not null)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                _supervisor.StandardInput.Close();
            }
            catch (IOException)
            {
                // The script has gone already; the stop below makes sure of the daemons.
            }

            if (!_supervisor.WaitForExit(StopTimeout))
            {
                // Should not happen: stop by the recorded PIDs, then take the script's whole tree.
                StopByScript();
                _supervisor.Kill(entireProcessTree: true);
                _supervisor.WaitForExit(StopTimeout);
            }

            StopTime = clock.Elapsed;
            _supervisor.Dispose();
        }

        // Idempotent: a no-op after a clean stop (DIR/pids is gone), a rescue after anything else.
        if (File.Exists(Path.Combine(Folder, "pids")))
        {
            StopByScript();
        }

        // After a failed start the folder stays for its logs, which the reason names.
        if (FailureReason is null && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private Process? StartSupervisor(out string? reason)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(_script);
        info.ArgumentList.Add("run");
        info.ArgumentList.Add(Folder);

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = new List<string>();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("node idle", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                lock (stderr)
                {
                    stderr.Add(e.Data.Trim());
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync();
        var first = Task.WhenAny(ready.Task, exited).Wait(StartTimeout) ? (ready.Task.IsCompleted ? ready.Task : exited) : null;
        if (first == ready.Task)
        {
            reason = null;
            return process;
        }

        if (first is null)
        {
            reason = $"node not idle {StartTimeout.TotalSeconds:0} s after '{_script} run {Folder}' (logs in {Folder}/log)";
            process.StandardInput.Close();
            if (!process.WaitForExit(StopTimeout))
            {
                process.Kill(entireProcessTree: true);
            }
        }
        else
        {
            process.WaitForExit(); // drains the output events
            string? last;
            lock (stderr)
            {
                last = stderr.LastOrDefault(l => l.StartsWith("slurm-cluster:", StringComparison.Ordinal)) ?? stderr.LastOrDefault();
            }

            reason = last ?? $"'{_script} run {Folder}' exited with {process.ExitCode} before the node was idle";
        }

        process.Dispose();
        return null;
    }

    private void StopByScript()
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(_script);
        info.ArgumentList.Add("stop");
        info.ArgumentList.Add(Folder);
        ChildProcess.Run(info, StopTimeout);
    }
}

/// <summary>
/// Tests that share the one <see cref="SlurmCluster"/> (<c>[Collection(nameof(SlurmClusterGroup))]</c>); they
/// run one after another, beside the other test collections.
/// </summary>
[CollectionDefinition(nameof(SlurmClusterGroup))]
public sealed class SlurmClusterGroup : ICollectionFixture<SlurmCluster>;

/// <summary>What a command printed and how it exited.</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// One line of the jobcomp/filetxt file, e.g. <c>JobId=4 ... JobState=COMPLETED ... ArrayJobId=1
/// ArrayTaskId=2 DerivedExitCode=0:0 ExitCode=0:0</c>. <see cref="ExitCode"/> is <c>code:signal</c>.
/// </summary>
public sealed partial record JobCompletion(string JobId, string JobState, string? ArrayJobId, int? ArrayTaskId, string ExitCode)
{
    public static JobCompletion Parse(string line)
    {
        var fields = Field().Matches(line).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        string? Get(string name) => fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        var task = Get("ArrayTaskId");
        return new JobCompletion(
            Get("JobId") ?? throw new FormatException($"no JobId= in jobcomp line: {line}"),
            Get("JobState") ?? throw new FormatException($"no JobState= in jobcomp line: {line}"),
            Get("ArrayJobId"),
            int.TryParse(task, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null,
            Get("ExitCode") ?? throw new FormatException($"no ExitCode= in jobcomp line: {line}"));
    }

    [GeneratedRegex(@"(?:^|\s)(\w+)=(\S*)")]
    private static partial Regex Field();
}
