using NeuroSim.Core.Connectivity;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Training;

namespace NeuroSim.Models.Protocols;

/// <summary>
/// Expands a protocol's timeline (repeats and for-each blocks unrolled, names resolved, durations converted
/// to whole steps) into a flat list of instructions. Every error names the step's source. The common actions
/// are compiled here against <see cref="IExperimentModel"/>; any other step goes to the model's family.
/// </summary>
public sealed class ProtocolCompiler
{
    /// <summary>Cap on the unrolled timeline, so that a typo in a repeat count fails fast instead of exhausting memory.</summary>
    public const int MaxInstructions = 20_000_000;

    /// <summary>Memory an instruction takes (record, label, closure), to bound the unrolled timeline by <see cref="ModelMemory.BudgetBytes"/> too.</summary>
    public const int BytesPerInstruction = 256;

    private readonly IExperimentModel model;
    private readonly SimulationClock clock;
    private readonly ProtocolSpec spec;
    private readonly List<Instruction> instructions = [];
    private readonly List<DriveTemplate> drives = [];

    /// <summary>Per data set, the first item the next for_each with take has not yet used.</summary>
    private readonly Dictionary<string, int> dataCursors = [];
    private (Dataset Data, int Index)? currentItem;

    private ProtocolCompiler(IExperimentModel model, Scheduler scheduler, ProtocolSpec spec)
    {
        this.model = model;
        clock = scheduler.Clock;
        this.spec = spec;
        Context = new ActionContext(scheduler, (source, size) => Vector(source, size, currentItem));
    }

    private ActionContext Context { get; }

    /// <summary>
    /// Compiles <paramref name="spec"/> for <paramref name="model"/> run by <paramref name="scheduler"/>. Bounded in time
    /// and memory: the unrolled size is computed before anything is emitted, and parameter changes of the timeline are
    /// applied (and undone) in order so that a time constant the integrators cannot follow is refused here, not mid-run.
    /// </summary>
    public static ProtocolProgram Compile(ProtocolSpec spec, IExperimentModel model, Scheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(scheduler);
        var clock = scheduler.Clock;
        var compiler = new ProtocolCompiler(model, scheduler, spec);
        foreach (var monitor in spec.Monitors)
        {
            At(monitor.Source, () =>
            {
                if (clock.StepsIn(monitor.EveryMs) < 1)
                {
                    throw new ArgumentException($"every = {monitor.EveryMs} ms is less than one step of dt = {clock.DtMs} ms");
                }
            });
        }

        CheckSize(spec.Timeline, spec.Data, Math.Min(MaxInstructions, ModelMemory.BudgetBytes / BytesPerInstruction));
        try
        {
            compiler.Emit(spec.Timeline, item: null);
        }
        finally
        {
            compiler.Context.UndoAll();
        }

        var total = 0L;
        foreach (var advance in compiler.instructions.OfType<AdvanceInstruction>())
        {
            total += advance.Steps;
            if (total > SimulationClock.MaxSteps)
            {
                var where = spec.Timeline.Count > 0 && spec.Timeline[0].Source is { } first ? first with { Field = "timeline" } : null;
                throw new ProtocolCompileException(where, $"the timeline takes more than {SimulationClock.MaxSteps:G3} steps of dt = {clock.DtMs} ms; shorten it or use a larger dt");
            }
        }

        return new ProtocolProgram(compiler.instructions, compiler.drives, total);
    }

    /// <summary>Refuses, before unrolling, a timeline whose repeats and for_each blocks unroll past <see cref="MaxInstructions"/> (empty bodies count their iterations).</summary>
    private static void CheckSize(IReadOnlyList<ProtocolStep> steps, IReadOnlyDictionary<string, Dataset> data, long limit)
    {
        foreach (var step in steps)
        {
            var size = Size(step, data);
            if (size > limit)
            {
                var body = step switch
                {
                    RepeatStep r => r.Body,
                    ForEachStep f => f.Body,
                    _ => [],
                };
                CheckSize(body, data, limit);

                throw new ProtocolCompileException(step.Source, $"unrolls to about {size:G3} instructions; at most {limit} are allowed{(limit < MaxInstructions ? $" in the memory available ({ModelMemory.BudgetBytes / 1e6:F0} MB)" : string.Empty)}: lower the repeat count or split the run");
            }
        }
    }

    private static double Size(IReadOnlyList<ProtocolStep> steps, IReadOnlyDictionary<string, Dataset> data) =>
        steps.Sum(step => Size(step, data));

    private static double Size(ProtocolStep step, IReadOnlyDictionary<string, Dataset> data) => step switch
    {
        RepeatStep r => r.Times * Math.Max(1, Size(r.Body, data)),
        ForEachStep f => (f.Take ?? (data.TryGetValue(f.Data, out var d) ? d.Count : 0)) * Math.Max(1, Size(f.Body, data)),
        PresentStep => 2,
        _ => 1,
    };

    private void Emit(IReadOnlyList<ProtocolStep> steps, (Dataset Data, int Index)? item)
    {
        foreach (var step in steps)
        {
            At(step.Source, () => EmitStep(step, item));
            if (instructions.Count > MaxInstructions)
            {
                throw new ProtocolCompileException(step.Source, $"the timeline unrolls to more than {MaxInstructions} instructions; shorten it or split the run");
            }
        }
    }

    private void EmitStep(ProtocolStep step, (Dataset Data, int Index)? item)
    {
        currentItem = item;
        switch (step)
        {
            case RunStep run:
                instructions.Add(new AdvanceInstruction(Steps(run.DurationMs)));
                break;
            case PresentStep present:
                EmitPresent(present, item);
                break;
            case ClampInputStep clamp:
                EmitClamp(clamp.Group, clamp.Values, output: false, item);
                break;
            case ReleaseInputStep release:
                EmitRelease(release.Group, output: false);
                break;
            case ClampOutputStep clamp:
                EmitClamp(clamp.Group, clamp.Target, output: true, item);
                break;
            case ReleaseOutputStep release:
                EmitRelease(release.Group, output: true);
                break;
            case DriveStep drive:
                EmitDrive(drive);
                break;
            case ClearDrivesStep clear:
                {
                    int? pool = clear.Pool is null ? null : PoolIndex(clear.Pool);
                    instructions.Add(new ActionInstruction("clear-drives", clear.Pool ?? "all", r => r.ClearDrives(pool)));
                    break;
                }

            case RepeatStep repeat:
                for (var k = 0; k < repeat.Times; k++)
                {
                    Emit(repeat.Body, item);
                }

                break;
            case ForEachStep forEach:
                {
                    var data = spec.Data.TryGetValue(forEach.Data, out var d)
                        ? d
                        : throw new ArgumentException($"unknown data set '{forEach.Data}'; defined: {(spec.Data.Count == 0 ? "none" : string.Join(", ", spec.Data.Keys))}");
                    var (first, end) = (0, data.Count);
                    if (forEach.Take is { } take)
                    {
                        first = dataCursors.GetValueOrDefault(forEach.Data);
                        end = first + take;
                        if (end > data.Count)
                        {
                            throw new ArgumentException($"takes items {first + 1} to {end} of data set '{forEach.Data}', which has {data.Count}: raise its count or take fewer");
                        }

                        dataCursors[forEach.Data] = end;
                    }

                    for (var k = first; k < end; k++)
                    {
                        Emit(forEach.Body, (data, k));
                    }

                    break;
                }

            default:
                instructions.Add(model.CompileAction(step, Context)
                    ?? throw new ArgumentException($"action '{ProtocolStep.NameOf(step)}' is not available for models of kind '{model.Kind}'"));
                break;
        }
    }

    private void EmitPresent(PresentStep present, (Dataset Data, int Index)? item)
    {
        if (model.InputGroups.Count == 0)
        {
            throw new ArgumentException("present needs an input group; the model declares none (clamps.input)");
        }

        var input = model.InputGroups[0];
        var inputValues = Vector(present.Input, input.Size, item);
        if (present.Target is not null && model.OutputGroups.Count == 0)
        {
            throw new ArgumentException("a target needs an output group; the model declares none (clamps.output)");
        }

        var resolvedTarget = present.Target is null ? null : Vector(present.Target, model.OutputGroups[0].Size, item);
        var label = $"x={Describe(inputValues)}" + (resolvedTarget is null ? string.Empty : $" y={Describe(resolvedTarget)}");
        instructions.Add(new ActionInstruction("stimulus", label, r =>
        {
            model.ClampInput(input, r.Draw(inputValues, input.Size));
            if (resolvedTarget is not null)
            {
                model.SetTarget(model.OutputGroups[0], r.Draw(resolvedTarget, model.OutputGroups[0].Size));
            }
        }));
        instructions.Add(new AdvanceInstruction(Steps(present.DurationMs), "present", label));
    }

    /// <summary>clamp-input (the group's firing) or clamp-output (the group's target).</summary>
    private void EmitClamp(string? groupName, VectorSource source, bool output, (Dataset Data, int Index)? item)
    {
        var group = Clampable(groupName ?? TheOnly(output), output);
        var values = Vector(source, group.Size, item);
        instructions.Add(output
            ? new ActionInstruction("clamp-output", group.Name, r => model.SetTarget(group, r.Draw(values, group.Size)))
            : new ActionInstruction("clamp-input", group.Name, r => model.ClampInput(group, r.Draw(values, group.Size))));
    }

    private void EmitRelease(string groupName, bool output)
    {
        var group = Clampable(groupName, output);
        instructions.Add(output
            ? new ActionInstruction("release-output", group.Name, _ => model.ReleaseTarget(group))
            : new ActionInstruction("release-input", group.Name, _ => model.ReleaseInput(group)));
    }

    private void EmitDrive(DriveStep drive)
    {
        if (model.DrivesRefusal is { } reason)
        {
            throw new ArgumentException(reason);
        }

        var pool = PoolIndex(drive.Pool);
        var neurons = Selections.Neurons(model.Groups, drive.Neurons);
        var steps = drive.DurationMs is { } d ? Steps(d) : -1;
        var label = $"{Describe(drive.Waveform)} into {string.Join(" ", drive.Neurons)}";
        var template = new DriveTemplate(drives.Count, pool, neurons, drive.Waveform, steps, label);
        drives.Add(template);

        // epochs.csv names drives of the E and I pools drive-E and drive-I (the figures shade them); others by their pool.
        var kind = drive.Pool switch
        {
            "excitatory" => "drive-E",
            "inhibitory" => "drive-I",
            _ => $"drive-{drive.Pool}",
        };
        instructions.Add(new ActionInstruction(kind, label, r => r.StartDrive(template)) { EpochSteps = Math.Max(0, steps) });
    }

    private static VectorSource Vector(VectorSource source, int size, (Dataset Data, int Index)? item)
    {
        switch (source)
        {
            case FixedVector f when f.Values.Count != size:
                throw new ArgumentException($"{f.Values.Count} values given; the group has {size} neurons");
            case DataItemVector d:
                if (item is not { } current)
                {
                    throw new ArgumentException($"'{(d.Target ? "$target" : "$input")}' is only valid inside for_each");
                }

                var values = d.Target ? current.Data.Targets[current.Index] : current.Data.Inputs[current.Index];
                return values.Length == size
                    ? new FixedVector(values)
                    : throw new ArgumentException($"data set '{current.Data.Name}' has {(d.Target ? "targets" : "inputs")} of length {values.Length}; the group has {size} neurons");
            case RandomVector r when !RandomVector.Distributions.Contains(r.Distribution):
                throw new ArgumentException($"unknown distribution '{r.Distribution}'; valid: {string.Join(", ", RandomVector.Distributions)}");
            default:
                return source;
        }
    }

    private NeuronGroup Group(string name) =>
        model.Groups.FirstOrDefault(g => g.Name == name)
            ?? throw new ArgumentException($"unknown group '{name}'; valid: {string.Join(", ", model.Groups.Select(g => g.Name))}");

    /// <summary>The model's one input (or output) group, for a clamp that names none.</summary>
    private string TheOnly(bool output)
    {
        var groups = output ? model.OutputGroups : model.InputGroups;
        var what = output ? "clamp_output" : "clamp_input";
        return groups.Count == 1
            ? groups[0].Name
            : throw new ArgumentException($"{what} names no group, and the model has {groups.Count} {(output ? "output" : "input")} groups ({string.Join(", ", groups.Select(g => g.Name))}): give `group:`");
    }

    private NeuronGroup Clampable(string name, bool output)
    {
        var group = Group(name);
        return model.ClampRefusal(group, output) is { } reason ? throw new ArgumentException(reason) : group;
    }

    private int PoolIndex(string pool)
    {
        for (var k = 0; k < model.DrivePools.Count; k++)
        {
            if (model.DrivePools[k] == pool)
            {
                return k;
            }
        }

        throw new ArgumentException($"unknown pool '{pool}'; valid for models of kind '{model.Kind}': {string.Join(", ", model.DrivePools)}");
    }

    /// <summary>A positive duration in whole steps: at least one, at most <see cref="SimulationClock.MaxSteps"/>.</summary>
    private long Steps(double durationMs)
    {
        var steps = clock.StepsIn(durationMs);
        return steps >= 1 ? steps : throw new ArgumentException($"duration {durationMs} ms is less than one step of dt = {clock.DtMs} ms");
    }

    private static string Describe(VectorSource source) => source switch
    {
        FixedVector f => $"[{string.Join(" ", f.Values.Select(v => v.ToString("G4", CultureInfo.InvariantCulture)))}]",
        RandomVector r => $"{r.Distribution}({r.A.ToString(CultureInfo.InvariantCulture)},{r.B.ToString(CultureInfo.InvariantCulture)})",
        _ => source.ToString() ?? string.Empty,
    };

    private static string Describe(Waveform waveform) => waveform switch
    {
        StepWaveform w => $"step {w.Amplitude.ToString(CultureInfo.InvariantCulture)}",
        RampWaveform w => $"ramp {w.From.ToString(CultureInfo.InvariantCulture)}->{w.To.ToString(CultureInfo.InvariantCulture)}",
        PulseTrainWaveform w => $"pulses {w.Amplitude.ToString(CultureInfo.InvariantCulture)}",
        SineWaveform w => $"sine {w.Amplitude.ToString(CultureInfo.InvariantCulture)} at {w.FrequencyHz.ToString(CultureInfo.InvariantCulture)} Hz",
        NoiseWaveform w => $"noise {w.Std.ToString(CultureInfo.InvariantCulture)}",
        _ => waveform.GetType().Name,
    };

    /// <summary>Runs <paramref name="body"/>, turning any argument error into a <see cref="ProtocolCompileException"/> at the step's source.</summary>
    private static void At(SourcePosition? source, Action body)
    {
        try
        {
            body();
        }
        catch (ArgumentException e) when (e is not ProtocolCompileException)
        {
            throw new ProtocolCompileException(source, ErrorText.Detail(e), e);
        }
    }
}

/// <summary>A compiled protocol: its instructions, its drive templates and the total number of base steps.</summary>
public sealed record ProtocolProgram(IReadOnlyList<Instruction> Instructions, IReadOnlyList<DriveTemplate> Drives, long TotalSteps);
