using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using NeuroSim.Core.Monitoring;
using NeuroSim.Core.Randomness;
using NeuroSim.Core.RunFolders;
using NeuroSim.Core.Scheduling;
using NeuroSim.Files.Yaml;
using NeuroSim.Models;
using NeuroSim.Models.Families;
using NeuroSim.Models.Protocols;

namespace NeuroSim.Experiments;

/// <summary>
/// Runs a model file with a protocol file into a run folder (docs/run-folder.md). Everything is validated
/// and the recording size estimated before the folder is created; results are written into a hidden
/// ".NAME.partial" folder (which also holds the checkpoint) and renamed to NAME when the run ends.
/// </summary>
public static class ExperimentRunner
{
    public const string CheckpointFile = "checkpoint.bin";

    /// <summary>The command name recorded in the folder's marker.</summary>
    public const string CommandName = "run";

    /// <summary>Loads and validates both files, compiles the protocol and plans the monitors; nothing is written.</summary>
    public static PreparedRun Prepare(RunRequest request) => Prepare(request, ModelFamilies.Standard);

    /// <summary>
    /// Loads and validates both files with the model's family from <paramref name="families"/>, builds the model once,
    /// compiles the protocol, plans the monitors and hashes every input file; nothing is written.
    /// </summary>
    public static PreparedRun Prepare(RunRequest request, ModelFamilies families)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(families);
        var (modelOverrides, protocolOverrides) = RunRequest.SplitOverrides(request.Overrides);
        var (family, definition) = families.Load(request.ModelPath, modelOverrides, request.Seed);
        var (protocol, protocolSeed) = ProtocolFile.Load(request.ProtocolPath, protocolOverrides, family.ProtocolActions);
        var inputs = HashInputs([request.ModelPath, request.ProtocolPath, .. definition.ReferencedFiles]);
        var seed = request.Seed ?? protocolSeed ?? definition.Seed;
        var model = definition.Model;
        if (request.KernelThreads is { } threads)
        {
            model.UseKernelThreads(threads);
        }

        var scheduler = new Scheduler(model, definition.Scheduler) { Lockstep = request.Lockstep };
        ProtocolProgram program;
        List<MonitorRecorder> monitors = [];
        try
        {
            program = ProtocolCompiler.Compile(protocol, model, scheduler);
            foreach (var m in protocol.Monitors)
            {
                try
                {
                    monitors.Add(Plan(m, model, scheduler.Clock));
                }
                catch (ArgumentException e) when (e is not ProtocolCompileException)
                {
                    throw new ProtocolCompileException(m.Source, ErrorText.Detail(e.InnerException as ArgumentException ?? e), e);
                }
            }
        }
        catch (ProtocolCompileException e)
        {
            throw e.Position is { } at
                ? new SpecException(at.File, at.Line, at.Column, at.Field, e.Detail)
                : new SpecException(request.ProtocolPath, 0, 0, string.Empty, e.Detail);
        }

        var untilStep = request.UntilMs is { } until ? UntilStep(scheduler.Clock, until) : long.MaxValue;
        var steps = Math.Min(program.TotalSteps, untilStep);
        var bytes = monitors.Sum(m => m.EstimateBytes(steps));
        if (bytes > request.MaxRecordBytes)
        {
            var largest = monitors.Select((m, k) => (Bytes: m.EstimateBytes(steps), Source: protocol.Monitors[k].Source)).MaxBy(m => m.Bytes).Source;
            throw new SpecException(
                largest?.File ?? request.ProtocolPath,
                largest?.Line ?? 0,
                largest?.Column ?? 0,
                "monitors",
                $"the monitors would record about {bytes / 1e6:G3} MB, over the limit of {request.MaxRecordBytes / 1e6:G3} MB: " +
                $"record fewer variables or neurons, sample less often, or raise --max-record-mb ({string.Join(", ", monitors.Select(m => $"{m.Name}: {m.EstimateBytes(steps) / 1e6:G3} MB"))})");
        }

        return new PreparedRun(request, definition, protocol, model, scheduler, program, monitors, seed, bytes, Fingerprint(request, inputs, seed), inputs);
    }

    /// <summary>
    /// Runs a prepared run to its end (or --until) in its run folder (<see cref="RunFolder"/>: never into a folder
    /// NeuroSim did not write, locked against a second process), checkpointing and resuming as asked. An
    /// interrupt (<see cref="RunRequest.Interrupt"/>) checkpoints and leaves the partial folder for --resume.
    /// </summary>
    public static RunOutcome Execute(PreparedRun run, Action<long, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var request = run.Request;
        using var folder = RunFolder.Open(CommandName, request.OutputDirectory, FolderOptions(request));
        var watch = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var checkpointPath = folder.PathOf(CheckpointFile);
        if (folder.AlreadyComplete)
        {
            // Killed after the results were complete but before the rename: finishing is all that is left.
            folder.Commit(CheckpointFile);
            return new RunOutcome(RunManifest.ReadStatus(Path.Combine(folder.FinalPath, "manifest.json")), folder.FinalPath, run.Scheduler.Clock.Step, run.Scheduler.Clock.TimeMs, 0);
        }

        var resuming = folder.Continued;
        if (resuming && !File.Exists(checkpointPath))
        {
            throw new OutputRefusedException($"--resume: the interrupted run in {folder.WorkingPath} stopped before its first checkpoint; start again with --overwrite");
        }

        File.Delete(AtomicFile.TemporaryPathOf(checkpointPath));
        if (!resuming)
        {
            CopyInputs(run.Inputs, folder.PathOf("inputs"));
            WriteResolved(run, folder.PathOf("inputs"));
        }

        var random = new SeededRandom(run.Model.StimulusSeed(run.Seed));
        var clock = run.Scheduler.Clock;
        var untilStep = request.UntilMs is { } until ? UntilStep(clock, until) : long.MaxValue;
        string status;
        string? error = null;
        long? resumedFrom = null;
        using (var runner = new ProtocolRunner(run.Model, run.Scheduler, run.Program, random, run.Monitors))
        {
            if (resuming)
            {
                runner.ResumeFrom(checkpointPath, run.Fingerprint, folder.WorkingPath);
                resumedFrom = clock.Step;
            }
            else
            {
                runner.OpenOutputs(folder.WorkingPath);
            }

            var stopStep = Math.Min(untilStep, request.AbortAfterSteps is { } abort ? clock.Step + abort : long.MaxValue);
            var lastCheckpoint = Stopwatch.StartNew();
            var stepInterval = request.CheckpointEverySteps > 0 ? request.CheckpointEverySteps : 0;
            var timed = request.CheckpointEverySeconds > 0;
            try
            {
                runner.Run(
                    stopStep,
                    stepInterval > 0 ? stepInterval : timed ? 1024 : 0,
                    () =>
                    {
                        if (stepInterval > 0 || lastCheckpoint.Elapsed.TotalSeconds >= request.CheckpointEverySeconds)
                        {
                            runner.WriteCheckpoint(checkpointPath, run.Fingerprint);
                            lastCheckpoint.Restart();
                        }
                    },
                    step => progress?.Invoke(step, Math.Min(run.Program.TotalSteps, untilStep)),
                    request.Interrupt);
                status = runner.Finished ? RunStatus.Complete
                    : clock.Step >= untilStep ? "complete (stopped at --until)"
                    : request.Interrupt.IsCancellationRequested ? RunStatus.Interrupted
                    : RunStatus.Aborted;
            }
            catch (SimulationDivergedException e)
            {
                status = RunStatus.Incomplete;
                error = e.Message;
            }

            if (status == RunStatus.Interrupted)
            {
                runner.WriteCheckpoint(checkpointPath, run.Fingerprint);
            }
        }

        if (status == RunStatus.Aborted)
        {
            // The testing aid stands for a kill: the folder stays exactly as a killed process leaves it.
            folder.KeepForResume(markInterrupted: false);
            return new RunOutcome(status, folder.WorkingPath, clock.Step, clock.TimeMs, watch.Elapsed.TotalSeconds);
        }

        if (status == RunStatus.Interrupted)
        {
            WriteManifest(run, folder.WorkingPath, status, null, started, watch.Elapsed.TotalSeconds, resumedFrom);
            folder.KeepForResume();
            return new RunOutcome(status, folder.WorkingPath, clock.Step, clock.TimeMs, watch.Elapsed.TotalSeconds);
        }

        run.Model.WriteResults(folder.WorkingPath);
        var report = error is null ? request.Report?.Write(folder.WorkingPath, Path.GetFileName(folder.FinalPath)) : null;
        WriteManifest(run, folder.WorkingPath, status, error, started, watch.Elapsed.TotalSeconds, resumedFrom, report);
        if (error is not null && Directory.Exists(folder.FinalPath))
        {
            // A diverged rerun must not replace the complete results it was meant to reproduce.
            folder.KeepForResume(markInterrupted: false);
            return new RunOutcome(status, folder.WorkingPath, clock.Step, clock.TimeMs, watch.Elapsed.TotalSeconds, error);
        }

        folder.Commit(CheckpointFile);
        return new RunOutcome(status, folder.FinalPath, clock.Step, clock.TimeMs, watch.Elapsed.TotalSeconds, error);
    }

    private static long UntilStep(SimulationClock clock, double untilMs)
    {
        try
        {
            return clock.StepsIn(untilMs);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--until: {e.Message}", e);
        }
    }

    /// <summary>How a run treats its output folder: the inputs it may not hold, --overwrite, and --resume.</summary>
    public static RunFolderOptions FolderOptions(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new RunFolderOptions
        {
            Inputs = [request.ModelPath, request.ProtocolPath],
            Overwrite = request.Overwrite,
            Policy = request.Resume ? PartialFolderPolicy.MustContinue : PartialFolderPolicy.ContinueOnlyWhenAsked,
        };
    }

    private static MonitorRecorder Plan(MonitorSpec spec, IExperimentModel model, SimulationClock clock)
    {
        try
        {
            return MonitorRecorder.Plan(spec, model, clock.StepsIn(spec.EveryMs));
        }
        catch (ArgumentException e) when (spec.Source is not null)
        {
            throw new ArgumentException($"{spec.Source}: {e.Message}", e);
        }
    }

    private static void WriteManifest(PreparedRun run, string folder, string status, string? error, DateTimeOffset started, double wallSeconds, long? resumedFromStep, RunReportOutput? report = null)
    {
        var clock = run.Scheduler.Clock;
        var results = new Dictionary<string, object>
        {
            ["steps"] = clock.Step,
            ["simulated_ms"] = clock.TimeMs,
        };
        foreach (var (key, value) in run.Model.Results())
        {
            results[key] = value;
        }

        foreach (var (key, value) in report?.Results ?? new Dictionary<string, object>())
        {
            results[key] = value;
        }

        if (error is not null)
        {
            results["error"] = error;
        }

        if (resumedFromStep is { } resumed)
        {
            results["resumed_from_step"] = resumed;
        }

        var files = new Dictionary<string, string>(run.Model.ResultFiles)
        {
            ["epochs.csv"] = "protocol timeline: start_ms, end_ms, kind, label",
            ["monitors/"] = string.Join(", ", run.Monitors.Select(m => $"{m.Name}.csv every {m.PeriodSteps * clock.DtMs} ms")),
            ["inputs/"] = "the model and protocol files as given, every file the model file refers to (hashes in settings.inputs_sha256), and with --set NAME.resolved.yaml: the file as the run used it",
        };
        foreach (var (name, description) in report?.Files ?? new Dictionary<string, string>())
        {
            files[name] = description;
        }

        new RunManifest
        {
            Command = run.Request.Command ?? $"neurosim run {run.Request.ModelPath} {run.Request.ProtocolPath}",
            Seed = run.Seed,
            Status = status,
            StartedUtc = started,
            WallSeconds = wallSeconds,
            Settings = new Dictionary<string, object>
            {
                ["model"] = run.Definition.Name,
                ["model_kind"] = run.Model.Kind,
                ["model_file"] = run.Request.ModelPath,
                ["model_sha256"] = run.Inputs[0].Sha256,
                ["protocol"] = run.Protocol.Name,
                ["protocol_file"] = run.Request.ProtocolPath,
                ["protocol_sha256"] = run.Inputs[1].Sha256,
                ["inputs_sha256"] = run.Inputs.ToDictionary(i => i.CopyName, i => i.Sha256),
                ["overrides"] = run.Request.Overrides.Select(o => $"{o.Key}={o.Value}").ToArray(),
                ["scheduler_mode"] = run.Definition.Scheduler.Mode.ToString().ToLowerInvariant(),
                ["dt_ms"] = run.Definition.Scheduler.DtMs,
                ["total_steps_planned"] = run.Program.TotalSteps,
                ["monitor_periods_ms"] = run.Monitors.ToDictionary(m => m.Name, m => m.PeriodSteps * clock.DtMs),
                ["estimated_record_bytes"] = run.EstimatedBytes,
                ["citation"] = run.Definition.Citation ?? string.Empty,
            },
            Results = results,
            Files = files,
        }.Save(Path.Combine(folder, "manifest.json"));
    }

    /// <summary>What a checkpoint must match to be resumed: every input file's contents, the seed and the overrides.</summary>
    private static string Fingerprint(RunRequest request, IReadOnlyList<InputFile> inputs, ulong seed) =>
        Sha256(string.Join(
            "\n",
            string.Join(";", inputs.Select(i => i.Sha256)),
            seed.ToString(CultureInfo.InvariantCulture),
            string.Join(";", request.Overrides.Select(o => $"{o.Key}={o.Value}"))));

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Hashes the input files right after they were parsed; names their copies in inputs/ (unique, in order).</summary>
    private static List<InputFile> HashInputs(IReadOnlyList<string> paths)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var inputs = new List<InputFile>();
        foreach (var path in paths)
        {
            var name = Path.GetFileName(path);
            for (var k = 2; !names.Add(name); k++)
            {
                name = $"{Path.GetFileNameWithoutExtension(path)}-{k}{Path.GetExtension(path)}";
            }

            inputs.Add(new InputFile(path, name, HashFile(path)));
        }

        return inputs;
    }

    private static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// With --set, the model and protocol files as the run used them (overrides applied) beside the originals:
    /// inputs/NAME.resolved.yaml, so a run folder says exactly which parameters it ran with.
    /// </summary>
    private static void WriteResolved(PreparedRun run, string folder)
    {
        var (modelOverrides, protocolOverrides) = RunRequest.SplitOverrides(run.Request.Overrides);
        foreach (var (input, overrides) in new[] { (run.Inputs[0], modelOverrides), (run.Inputs[1], protocolOverrides) })
        {
            if (overrides.Count > 0)
            {
                var text = SpecDocument.Serialize(SpecDocument.Load(input.Path, overrides));
                File.WriteAllText(Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(input.CopyName)}.resolved.yaml"), text);
            }
        }
    }

    /// <summary>Copies the inputs into the run folder; a file that changed since it was parsed is refused rather than recorded wrongly.</summary>
    private static void CopyInputs(IReadOnlyList<InputFile> inputs, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var input in inputs)
        {
            var copy = Path.Combine(folder, input.CopyName);
            File.Copy(input.Path, copy);
            if (HashFile(copy) != input.Sha256)
            {
                throw new InvalidDataException($"{input.Path} changed after it was read; run again");
            }
        }
    }
}

/// <summary>A validated run, ready to execute.</summary>
public sealed record PreparedRun(
    RunRequest Request,
    FamilyModel Definition,
    ProtocolSpec Protocol,
    IExperimentModel Model,
    Scheduler Scheduler,
    ProtocolProgram Program,
    IReadOnlyList<MonitorRecorder> Monitors,
    ulong Seed,
    long EstimatedBytes,
    string Fingerprint,
    IReadOnlyList<InputFile> Inputs);

/// <summary>An input file of a run: where it was read, the name of its copy in inputs/, and the SHA-256 of what was read.</summary>
public sealed record InputFile(string Path, string CopyName, string Sha256);
