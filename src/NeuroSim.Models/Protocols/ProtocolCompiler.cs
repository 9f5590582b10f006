using System.Globalization;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Training;

namespace NeuroSim.Models.Protocols;

/// <summary>
/// Expands a protocol's timeline (repeats and for-each blocks unrolled, names resolved, durations converted
/// to whole steps) into a flat list of instructions. Every error names the step's source.
/// </summary>
public sealed class ProtocolCompiler
{
    /// <summary>Cap on the unrolled timeline, so that a typo in a repeat count fails fast instead of exhausting memory.</summary>
    public const int MaxInstructions = 20_000_000;

    /// <summary>Memory an instruction takes (record, label, closure), to bound the unrolled timeline by <see cref="ModelMemory.BudgetBytes"/> too.</summary>
    public const int BytesPerInstruction = 256;

    private readonly BalanceCreditModel model;
    private readonly SimulationClock clock;
    private readonly Scheduler scheduler;
    private readonly ProtocolSpec spec;
    private readonly List<Instruction> instructions = [];
    private readonly List<DriveTemplate> drives = [];

    private ProtocolCompiler(BalanceCreditModel model, Scheduler scheduler, ProtocolSpec spec)
    {
        this.model = model;
        this.scheduler = scheduler;
        clock = scheduler.Clock;
        this.spec = spec;
    }

    /// <summary>
    /// Compiles <paramref name="spec"/> for <paramref name="model"/> run by <paramref name="scheduler"/>. Bounded in time
    /// and memory: the unrolled size is computed before anything is emitted, and parameter changes of the timeline are
    /// applied (and undone) in order so that a time constant the integrators cannot follow is refused here, not mid-run.
    /// </summary>
    public static ProtocolProgram Compile(ProtocolSpec spec, BalanceCreditModel model, Scheduler scheduler)
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
        var timescales = model.Timescales;
        try
        {
            compiler.Emit(spec.Timeline, item: null);
        }
        finally
        {
            model.Timescales = timescales;
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
        ForEachStep f => (data.TryGetValue(f.Data, out var d) ? d.Count : 0) * Math.Max(1, Size(f.Body, data)),
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
        switch (step)
        {
            case RunStep run:
                instructions.Add(new AdvanceInstruction(Steps(run.DurationMs)));
                break;
            case PresentStep present:
                EmitPresent(present, item);
                break;
            case ClampInputStep clamp:
                {
                    var group = model.Network.Group(clamp.Group);
                    var values = Vector(clamp.Values, group.Size, item);
                    instructions.Add(new ActionInstruction("clamp-input", $"{group.Name}", r => model.ClampRates(group, r.Draw(values, group.Size))));
                    break;
                }

            case ReleaseInputStep release:
                {
                    var group = model.Network.Group(release.Group);
                    instructions.Add(new ActionInstruction("release-input", group.Name, _ => model.ReleaseRates(group)));
                    break;
                }

            case ClampOutputStep clamp:
                {
                    var group = model.Network.Group(clamp.Group);
                    var values = Vector(clamp.Target, group.Size, item);
                    instructions.Add(new ActionInstruction("clamp-output", group.Name, r => model.SetTarget(group, r.Draw(values, group.Size))));
                    break;
                }

            case ReleaseOutputStep release:
                {
                    var group = model.Network.Group(release.Group);
                    instructions.Add(new ActionInstruction("release-output", group.Name, _ => model.ReleaseTarget(group)));
                    break;
                }

            case HoldCreditStep hold:
                {
                    var group = model.Network.Group(hold.Group);
                    instructions.Add(new ActionInstruction(hold.Hold ? "hold-credit" : "release-credit", group.Name, _ => model.HoldCredit(group, hold.Hold)));
                    break;
                }

            case DriveStep drive:
                EmitDrive(drive);
                break;
            case ClearDrivesStep clear:
                instructions.Add(new ActionInstruction("clear-drives", clear.Pool?.ToString().ToLowerInvariant() ?? "all", r => r.ClearDrives(clear.Pool)));
                break;
            case GainStep gain:
                EmitGain(gain);
                break;
            case LesionStep lesion:
                EmitLesion(lesion);
                break;
            case PruneStep prune:
                {
                    var projections = Selections.Projections(model.Network, prune.Projections);
                    var label = $"{prune.Fraction.ToString(CultureInfo.InvariantCulture)} of {(prune.Projections.Count == 0 ? "all" : string.Join(" ", prune.Projections))}";
                    instructions.Add(new ActionInstruction("prune", label, _ => model.Prune(prune.Fraction, projections)));
                    break;
                }

            case SetStep set:
                EmitSet(set);
                break;
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
                    for (var k = 0; k < data.Count; k++)
                    {
                        Emit(forEach.Body, (data, k));
                    }

                    break;
                }

            default:
                throw new ArgumentException($"unsupported step {step.GetType().Name}");
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
            model.ClampRates(input, r.Draw(inputValues, input.Size));
            if (resolvedTarget is not null)
            {
                model.SetTarget(model.OutputGroups[0], r.Draw(resolvedTarget, model.OutputGroups[0].Size));
            }
        }));
        instructions.Add(new AdvanceInstruction(Steps(present.DurationMs), "present", label));
    }

    private void EmitDrive(DriveStep drive)
    {
        var neurons = Selections.Neurons(model.Network, drive.Neurons);
        var steps = drive.DurationMs is { } d ? Steps(d) : -1;
        var label = $"{Describe(drive.Waveform)} into {string.Join(" ", drive.Neurons)}";
        var template = new DriveTemplate(drives.Count, drive.Pool, neurons, drive.Waveform, steps, label);
        drives.Add(template);
        var kind = drive.Pool switch
        {
            DrivePool.Excitatory => "drive-E",
            DrivePool.Inhibitory => "drive-I",
            _ => "drive-credit",
        };
        instructions.Add(new ActionInstruction(kind, label, r => r.StartDrive(template)) { EpochSteps = Math.Max(0, steps) });
    }

    private void EmitGain(GainStep gain)
    {
        if (!GainStep.Processes.Contains(gain.Process))
        {
            throw new ArgumentException($"unknown process '{gain.Process}'; valid: {string.Join(", ", GainStep.Processes)}");
        }

        var projections = gain.Projections.Count == 0
            ? Enumerable.Range(0, model.Network.Projections.Count).ToArray()
            : Selections.Projections(model.Network, gain.Projections);
        var retrograde = gain.Process == "retrograde";
        var label = $"{gain.Process} x{gain.Gain.ToString(CultureInfo.InvariantCulture)} on {(gain.Projections.Count == 0 ? "all" : string.Join(" ", gain.Projections))}";
        var includesBiases = !retrograde && gain.Projections.Count == 0;
        instructions.Add(new ActionInstruction(gain.Gain == 0 ? "block" : "scale", label, _ =>
        {
            var gains = retrograde ? model.RetrogradeGains : model.PlasticityGains;
            foreach (var k in projections)
            {
                gains[k] = gain.Gain;
            }

            // Plasticity of "all" includes the biases, which belong to no projection.
            if (includesBiases)
            {
                model.BiasPlasticityGain = gain.Gain;
            }
        }));
    }

    private void EmitLesion(LesionStep lesion)
    {
        var neurons = Selections.Neurons(model.Network, lesion.Neurons);
        var synapses = lesion.Synapses.Select(s =>
        {
            var k = Selections.Projection(model.Network, s.Projection);
            var p = model.Network.Projections[k];
            if (s.Post < 0 || s.Post >= p.Post.Size || s.Pre < 0 || s.Pre >= p.Pre.Size)
            {
                throw new ArgumentException($"synapse {s.Projection}:{s.Post},{s.Pre} is out of range; post 0..{p.Post.Size - 1}, pre 0..{p.Pre.Size - 1}");
            }

            var slot = p.SlotOf(s.Post, s.Pre);
            return slot < 0 ? throw new ArgumentException($"synapse {s.Projection}:{s.Post},{s.Pre} does not exist (masked)") : (k, slot);
        }).ToArray();
        var label = string.Join(" ", lesion.Neurons.Concat(lesion.Synapses.Select(s => $"{s.Projection}:{s.Post},{s.Pre}")));
        instructions.Add(new ActionInstruction("lesion", label, _ =>
        {
            foreach (var (k, slot) in synapses)
            {
                model.RemoveSynapse(k, slot);
            }

            foreach (var neuron in neurons)
            {
                model.LesionNeuron(neuron);
            }
        }));
    }

    private void EmitSet(SetStep set)
    {
        var label = $"{set.Parameter} = {set.Text ?? set.Number.ToString(CultureInfo.InvariantCulture)}";
        Action<ProtocolRunner> apply = set.Parameter switch
        {
            "learning_rate" => Checked(set.Number is >= 0 and <= BalanceCreditSpec.MaxLearningRate, $"learning_rate must be >= 0 and <= {BalanceCreditSpec.MaxLearningRate}", _ => model.LearningRate = set.Number),
            "spillover" => Checked(set.Number is >= 0 and <= 1, "spillover must be in [0, 1]", _ => model.Spillover = set.Number),
            "output_mode" => set.Text switch
            {
                "replace" => _ => model.OutputCreditMode = OutputCreditMode.Replace,
                "inject" => _ => model.OutputCreditMode = OutputCreditMode.Inject,
                _ => throw new ArgumentException($"output_mode '{set.Text}' is not valid; valid: replace, inject"),
            },
            "timescales.firing" => TimeConstant(set, t => t with { FiringMs = set.Number }),
            "timescales.credit" => TimeConstant(set, t => t with { CreditMs = set.Number }),
            "timescales.plasticity" => TimeConstant(set, t => t with { PlasticityMs = set.Number }),
            "timescales.messenger" => model.HasMessengers
                ? TimeConstant(set, t => t with { MessengerMs = set.Number })
                : throw new ArgumentException("timescales.messenger cannot be set: the model has no messenger (give timescales.messenger in the model file)"),
            "timescales.synaptic_e" or "timescales.synaptic_i" => model.HasSynapticFilters
                ? TimeConstant(set, t => set.Parameter.EndsWith("_e", StringComparison.Ordinal) ? t with { SynapticExcitatoryMs = set.Number } : t with { SynapticInhibitoryMs = set.Number })
                : throw new ArgumentException($"{set.Parameter} cannot be set: the model's pools are instantaneous (give timescales.synaptic_e and synaptic_i in the model file)"),
            _ => throw new ArgumentException($"unknown parameter '{set.Parameter}'; valid: {string.Join(", ", SetStep.Parameters)}"),
        };
        instructions.Add(new ActionInstruction("set", label, apply));
    }

    private static Action<ProtocolRunner> Checked(bool valid, string message, Action<ProtocolRunner> apply) =>
        valid ? apply : throw new ArgumentException(message);

    /// <summary>A time-constant change: checked for stability now, against the time constants the timeline has set so far.</summary>
    private Action<ProtocolRunner> TimeConstant(SetStep set, Func<Timescales, Timescales> change)
    {
        if (!(set.Number > 0) || !double.IsFinite(set.Number))
        {
            throw new ArgumentException($"{set.Parameter} = {set.Number} ms: must be finite and > 0 ms");
        }

        model.Timescales = change(model.Timescales);
        scheduler.CheckStability();
        return r =>
        {
            model.Timescales = change(model.Timescales);
            r.Scheduler.CheckStability();
        };
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
