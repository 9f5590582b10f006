using NeuroSim.Core.Monitoring;
using NeuroSim.Core.Randomness;
using NeuroSim.Core.RunFolders;
using NeuroSim.Core.Scheduling;

namespace NeuroSim.Models.Protocols;

/// <summary>
/// Executes a compiled protocol on a model: actions in order, time advanced with drives updated before each step,
/// monitors sampled on their periods, epochs written as they close, the state checked for NaN every step, and
/// checkpoints written between steps so that a run can be resumed bit for bit. Time is advanced in the largest chunk
/// in which nothing is due (no drive on, no monitor sample, checkpoint, progress report or instruction end): one
/// scheduler call, with the per-step checks done by a step observer, gives the same bits as stepping one by one.
/// </summary>
public sealed class ProtocolRunner : IProtocolState, IDisposable
{
    private const int CheckpointVersion = 5;
    private const string CheckpointMagic = "NSCK";

    private readonly ProtocolProgram program;
    private readonly List<ActiveDrive> drives = [];
    private readonly IReadOnlyList<MonitorRecorder> monitors;
    private CsvTableWriter? epochs;
    private bool drivesDirty;

    // Drives are evaluated once per base step (noise advances once), whether a sample or the step asks first.
    private long drivesUpdatedAt = -1;

    // The sample at t = 0 is taken once; a run interrupted before its first step must not take it again on resume.
    private bool initialSampleTaken;

    // Every few thousand steps the weights are checked and progress is reported.
    private const long SlowCheckSteps = 4096;

    public ProtocolRunner(IExperimentModel model, Scheduler scheduler, ProtocolProgram program, SeededRandom random, IReadOnlyList<MonitorRecorder> monitors)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        this.program = program ?? throw new ArgumentNullException(nameof(program));
        Random = random ?? throw new ArgumentNullException(nameof(random));
        this.monitors = monitors ?? throw new ArgumentNullException(nameof(monitors));
    }

    public IExperimentModel Model { get; }

    public Scheduler Scheduler { get; }

    public SeededRandom Random { get; }

    public int InstructionIndex { get; private set; }

    public long StepsIntoInstruction { get; private set; }

    public bool Finished => InstructionIndex >= program.Instructions.Count;

    public long TotalSteps => program.TotalSteps;

    /// <summary>Advance one step per scheduler call, as before chunking: the simple path the chunked one must equal (tests).</summary>
    internal bool StepByStep { get; init; }

    public static IReadOnlyList<string> EpochColumns { get; } = ["start_ms", "end_ms", "kind", "label"];

    /// <summary>Opens the output files fresh in <paramref name="folder"/> (monitors/ and epochs.csv).</summary>
    public void OpenOutputs(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "monitors"));
        foreach (var m in monitors)
        {
            m.Open(Path.Combine(folder, "monitors", $"{m.Name}.csv"));
        }

        epochs = new CsvTableWriter(Path.Combine(folder, "epochs.csv"), EpochColumns);
    }

    /// <summary>The values of a vector source now: fixed values as they are, random ones drawn from the protocol's generator.</summary>
    public double[] Draw(VectorSource source, int size) => source switch
    {
        FixedVector f => [.. f.Values],
        RandomVector { Distribution: "uniform" } r => [.. Enumerable.Range(0, size).Select(_ => Random.NextUniform(r.A, r.B))],
        RandomVector r => [.. Enumerable.Range(0, size).Select(_ => r.A + (r.B * Random.NextGaussian()))],
        _ => throw new InvalidOperationException($"unresolved vector source {source}"),
    };

    public void StartDrive(DriveTemplate template)
    {
        var drive = new ActiveDrive(template, Scheduler.Clock.Step);
        drive.Start(Random);
        drives.Add(drive);
        drivesDirty = true;
        drivesUpdatedAt = -1;
    }

    /// <summary>Stops the drives of pool <paramref name="pool"/> (an index into the model's drive pools), or all when null.</summary>
    public void ClearDrives(int? pool)
    {
        drives.RemoveAll(d => pool is null || d.Template.Pool == pool);
        drivesDirty = true;
        drivesUpdatedAt = -1;
    }

    /// <summary>
    /// Runs until the protocol ends or the clock reaches <paramref name="untilStep"/>. Calls <paramref name="checkpoint"/>
    /// after every step that is a multiple of <paramref name="checkpointEverySteps"/> (0: never) and
    /// <paramref name="progress"/> every 4096 steps. Returns early, between two steps, when <paramref name="cancel"/> is signalled
    /// (an interrupt): the state is then consistent and can be checkpointed.
    /// </summary>
    public void Run(long untilStep = long.MaxValue, long checkpointEverySteps = 0, Action? checkpoint = null, Action<long>? progress = null, CancellationToken cancel = default)
    {
        var clock = Scheduler.Clock;
        var adiabatic = Scheduler.Options.Mode == SchedulerMode.Adiabatic;
        while (!Finished)
        {
            var instruction = program.Instructions[InstructionIndex];
            if (instruction is ActionInstruction action)
            {
                action.Apply(this);
                WriteEpoch(clock.TimeMs, clock.TimeOf(clock.Step + action.EpochSteps), action.Kind, action.Label);
                InstructionIndex++;
                continue;
            }

            var advance = (AdvanceInstruction)instruction;
            if (!initialSampleTaken && clock.Step == 0 && StepsIntoInstruction == 0)
            {
                initialSampleTaken = true;
                Sample(force: true);
            }

            if (adiabatic)
            {
                if (clock.Step >= untilStep || cancel.IsCancellationRequested)
                {
                    return;
                }

                UpdateDrives(clock.Step);
                var before = clock.Step;
                Scheduler.RunFor(advance.Steps * clock.DtMs);
                CheckFinite();
                CheckWeightsFinite();
                SampleInterval(before, clock.Step);
            }
            else
            {
                var checks = new StepChecks(this, cancel);
                while (StepsIntoInstruction < advance.Steps)
                {
                    if (clock.Step >= untilStep || cancel.IsCancellationRequested)
                    {
                        return;
                    }

                    UpdateDrives(clock.Step);
                    StepsIntoInstruction += Scheduler.Advance(ChunkSteps(advance.Steps - StepsIntoInstruction, untilStep, checkpointEverySteps), checks);
                    Sample(force: false);
                    if (clock.Step % SlowCheckSteps == 0)
                    {
                        CheckWeightsFinite();
                        progress?.Invoke(clock.Step);
                    }

                    if (checkpointEverySteps > 0 && clock.Step % checkpointEverySteps == 0 && StepsIntoInstruction < advance.Steps)
                    {
                        checkpoint?.Invoke();
                    }
                }
            }

            if (advance.EpochKind is not null)
            {
                WriteEpoch(clock.TimeOf(clock.Step - advance.Steps), clock.TimeMs, advance.EpochKind, advance.EpochLabel ?? string.Empty);
            }

            InstructionIndex++;
            StepsIntoInstruction = 0;
            if (checkpointEverySteps > 0 && clock.Step % checkpointEverySteps == 0 && !Finished)
            {
                checkpoint?.Invoke();
            }
        }

        CheckWeightsFinite();
        progress?.Invoke(clock.Step);
    }

    /// <summary>
    /// Writes a checkpoint atomically (to a temporary file, flushed to disk, then renamed over the old one). The output
    /// files are flushed to disk first, so the lengths it records are on disk. Layout: magic, format version, payload
    /// length, SHA-256 of the payload, payload; a checkpoint whose checksum does not match is refused on resume.
    /// </summary>
    public void WriteCheckpoint(string path, string fingerprint)
    {
        epochs?.FlushToDisk();
        foreach (var m in monitors)
        {
            m.FlushToDisk();
        }

        CheckpointFile.Write(path, CheckpointMagic, CheckpointVersion, writer => WritePayload(writer, fingerprint));
    }

    /// <summary>Restores a checkpoint and reopens the output files in <paramref name="folder"/>, cut back to their checkpointed length.</summary>
    public void ResumeFrom(string path, string fingerprint, string folder) =>
        CheckpointFile.Read(path, CheckpointMagic, CheckpointVersion, reader => ReadPayload(reader, path, fingerprint, folder));

    private void WritePayload(BinaryWriter writer, string fingerprint)
    {
        writer.Write(fingerprint);
        writer.Write(InstructionIndex);
        writer.Write(StepsIntoInstruction);
        writer.Write(Scheduler.Clock.Step);
        Random.WriteState(writer);
        var hints = Scheduler.SaveIntegratorState();
        writer.Write(hints.Length);
        foreach (var h in hints)
        {
            writer.Write(h);
        }

        writer.Write(drives.Count);
        foreach (var d in drives)
        {
            writer.Write(d.Template.Id);
            writer.Write(d.StartStep);
            writer.Write(d.ValueStep);
            writer.Write(d.NoiseStates.Length);
            foreach (var noise in d.NoiseStates)
            {
                writer.Write(noise);
            }
        }

        writer.Write(drivesDirty);
        writer.Write(drivesUpdatedAt);
        writer.Write(initialSampleTaken);
        Model.WriteCheckpoint(writer);
        writer.Write(epochs?.Length ?? 0);
        writer.Write(monitors.Count);
        foreach (var m in monitors)
        {
            writer.Write(m.Length);
        }
    }

    private void ReadPayload(BinaryReader reader, string path, string fingerprint, string folder)
    {
        var stored = reader.ReadString();
        if (stored != fingerprint)
        {
            throw new InvalidDataException($"{path} was written by a different model, protocol, seed or --set; start afresh without --resume");
        }

        InstructionIndex = reader.ReadInt32();
        StepsIntoInstruction = reader.ReadInt64();
        Scheduler.Clock.Restore(reader.ReadInt64());
        Random.ReadState(reader);
        var hints = new double[reader.ReadInt32()];
        for (var k = 0; k < hints.Length; k++)
        {
            hints[k] = reader.ReadDouble();
        }

        Scheduler.RestoreIntegratorState(hints);
        drives.Clear();
        var count = reader.ReadInt32();
        for (var k = 0; k < count; k++)
        {
            var template = program.Drives[reader.ReadInt32()];
            var drive = new ActiveDrive(template, reader.ReadInt64()) { ValueStep = reader.ReadInt64() };
            if (reader.ReadInt32() != drive.NoiseStates.Length)
            {
                throw new InvalidDataException($"{path}: drive {template.Label} has a different number of noise states");
            }

            for (var j = 0; j < drive.NoiseStates.Length; j++)
            {
                drive.NoiseStates[j] = reader.ReadDouble();
            }

            drives.Add(drive);
        }

        drivesDirty = reader.ReadBoolean();
        drivesUpdatedAt = reader.ReadInt64();
        initialSampleTaken = reader.ReadBoolean();
        Model.ReadCheckpoint(reader);
        epochs = CsvTableWriter.Resume(Path.Combine(folder, "epochs.csv"), reader.ReadInt64(), EpochColumns.Count);
        if (reader.ReadInt32() != monitors.Count)
        {
            throw new InvalidDataException($"{path} has a different number of monitors");
        }

        foreach (var m in monitors)
        {
            m.Resume(Path.Combine(folder, "monitors", $"{m.Name}.csv"), reader.ReadInt64());
        }
    }

    public void Dispose()
    {
        epochs?.Dispose();
        foreach (var m in monitors)
        {
            m.Dispose();
        }
    }

    /// <summary>
    /// Steps to advance in one scheduler call: up to the first step after which something is due (a monitor sample, the
    /// slow check, a checkpoint, the end of the instruction or of the run), or one step while drives are on (they change
    /// every step).
    /// </summary>
    private long ChunkSteps(long left, long untilStep, long checkpointEverySteps)
    {
        if (StepByStep || drives.Count > 0 || drivesDirty)
        {
            return 1;
        }

        var step = Scheduler.Clock.Step;
        var chunk = Math.Min(Math.Min(left, untilStep - step), StepsToNextMultiple(step, SlowCheckSteps));
        if (checkpointEverySteps > 0)
        {
            chunk = Math.Min(chunk, StepsToNextMultiple(step, checkpointEverySteps));
        }

        foreach (var m in monitors)
        {
            chunk = Math.Min(chunk, StepsToNextMultiple(step, m.PeriodSteps));
        }

        return Math.Max(1, chunk);
    }

    private static long StepsToNextMultiple(long step, long period) => period - (step % period);

    private void WriteEpoch(double startMs, double endMs, string kind, string label) =>
        epochs?.Write(startMs).Write(endMs).Write(kind).Write(label).EndRow();

    /// <summary>
    /// Evaluates every drive that is on for base step <paramref name="step"/> (once per step: asked again for the same step,
    /// nothing changes), its values held for one base step, or in adiabatic mode for the whole presentation (the advance
    /// instruction being run), which is one step of the adiabatic schedule.
    /// </summary>
    private void UpdateDrives(long step)
    {
        if ((drives.Count == 0 && !drivesDirty) || drivesUpdatedAt == step)
        {
            return;
        }

        drivesUpdatedAt = step;
        var dt = Scheduler.Clock.DtMs;
        var holdMs = Scheduler.Options.Mode == SchedulerMode.Adiabatic && !Finished && program.Instructions[InstructionIndex] is AdvanceInstruction advance
            ? Math.Max(1, advance.Steps) * dt
            : dt;
        drives.RemoveAll(d => step >= d.EndStep);
        for (var pool = 0; pool < Model.DrivePools.Count; pool++)
        {
            Model.DriveOf(pool).Clear();
        }

        foreach (var drive in drives)
        {
            drive.AddTo(Model.DriveOf(drive.Template.Pool), step, dt, holdMs, Random);
        }

        drivesDirty = drives.Count > 0;
    }

    private void Sample(bool force)
    {
        var step = Scheduler.Clock.Step;
        if (!force && !AnyMonitorDue(step))
        {
            return;
        }

        UpdateDrives(step);
        var observed = false;
        foreach (var m in monitors)
        {
            if (force || step % m.PeriodSteps == 0)
            {
                if (m.NeedsObservables && !observed)
                {
                    Model.UpdateObservables();
                    observed = true;
                }

                m.Record(Scheduler.Clock.TimeMs);
            }
        }
    }

    private bool AnyMonitorDue(long step)
    {
        foreach (var m in monitors)
        {
            if (step % m.PeriodSteps == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adiabatic mode samples once after a presentation when a sampling time fell inside it.</summary>
    private void SampleInterval(long before, long after)
    {
        var observed = false;
        foreach (var m in monitors)
        {
            if (after / m.PeriodSteps > before / m.PeriodSteps)
            {
                if (m.NeedsObservables && !observed)
                {
                    Model.UpdateObservables();
                    observed = true;
                }

                m.Record(Scheduler.Clock.TimeMs);
            }
        }
    }

    private void CheckFinite() => Model.CheckFinite(Scheduler.Clock);

    private void CheckWeightsFinite() => Model.CheckSlowStateFinite(Scheduler.Clock);

    /// <summary>What is checked after every step: the fast state is finite; an interrupt stops the chunk there.</summary>
    private sealed class StepChecks(ProtocolRunner runner, CancellationToken cancel) : IStepObserver
    {
        public bool AfterStep()
        {
            runner.CheckFinite();
            return !cancel.IsCancellationRequested;
        }
    }
}
