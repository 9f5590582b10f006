using System.Buffers;
using NeuroSim.Core.Neurons;
using NeuroSim.Core.Randomness;
using NeuroSim.Files.Yaml;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Microcircuit;
using NeuroSim.Models.Training;

namespace NeuroSim.Models.Protocols;

/// <summary>
/// Reads protocols/*.yaml into a <see cref="ProtocolSpec"/>: a timeline of actions (each a mapping with one
/// action key), the monitors, and named data sets. Names of groups and projections are checked when the
/// protocol is compiled against a model; every step carries its file position for those errors.
/// </summary>
public static class ProtocolFile
{
    public static IReadOnlyList<string> Actions { get; } =
    [
        "run", "present", "clamp_input", "release_input", "clamp_output", "release_output", "hold_credit", "release_credit",
        "drive", "clear_drives", "block", "unblock", "scale", "lesion", "prune", "set", "repeat", "for_each",
    ];

    /// <summary>Longest monitor name (it becomes the file name monitors/NAME.csv).</summary>
    public const int MaxMonitorName = 64;

    /// <summary>Most examples a generated data set may have.</summary>
    public const int MaxGeneratedExamples = 1_000_000;

    /// <summary>Most numbers (examples x (inputs + targets)) a generated data set may hold, and most multiply-adds its teacher may take.</summary>
    public const long MaxGeneratedValues = 10_000_000;

    private static readonly string[] TopFields = ["name", "description", "model", "seed", "data", "timeline", "monitors"];
    private static readonly SearchValues<char> MonitorNameChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    /// <summary>The model file a protocol names as its intended model ("model: ../models/x.yaml"), resolved against the protocol's folder.</summary>
    public static string? IntendedModel(string protocolPath)
    {
        var root = SpecDocument.Load(protocolPath);
        return root.Optional("model") is { } model
            ? Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(protocolPath)) ?? ".", model.AsString()))
            : null;
    }

    /// <summary>
    /// Reads a protocol file. <paramref name="familyActions"/> are the actions of the model's family beyond the common
    /// ones (<see cref="Families.IModelFamily.ProtocolActions"/>): key in the file -> reader of its body.
    /// </summary>
    public static (ProtocolSpec Spec, ulong? Seed) Load(string path, IEnumerable<KeyValuePair<string, string>>? overrides = null, IReadOnlyDictionary<string, Func<SpecNode, ProtocolStep>>? familyActions = null) =>
        Read(SpecDocument.Load(path, overrides), familyActions);

    public static (ProtocolSpec Spec, ulong? Seed) Read(SpecNode root, IReadOnlyDictionary<string, Func<SpecNode, ProtocolStep>>? familyActions = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.AllowOnly(TopFields);
        var data = ReadData(root.Optional("data"));
        var context = new StepContext(data, familyActions ?? new Dictionary<string, Func<SpecNode, ProtocolStep>>());
        var timeline = ReadSteps(root.Required("timeline"), context);
        if (timeline.Count == 0)
        {
            throw root.Required("timeline").Error("the timeline is empty");
        }

        var monitors = new List<MonitorSpec>();
        foreach (var item in root.Optional("monitors")?.Items() ?? [])
        {
            var monitor = ReadMonitor(item);
            if (monitors.Exists(other => other.Name == monitor.Name))
            {
                throw item.Required("name").Error($"monitor name '{monitor.Name}' is used twice");
            }

            monitors.Add(monitor);
        }

        var spec = new ProtocolSpec(root.Required("name").AsString(), timeline, monitors, data);
        return (spec, root.Optional("seed")?.AsSeed());
    }

    private static Dictionary<string, Dataset> ReadData(SpecNode? node)
    {
        var data = new Dictionary<string, Dataset>(StringComparer.Ordinal);
        if (node is null)
        {
            return data;
        }

        foreach (var name in node.Keys)
        {
            var item = node.Required(name);
            item.AllowOnly("generate", "inputs", "targets", "sizes", "count", "seed", "low", "high", "activation", "gains", "weights", "split", "skip");
            if (item.Optional("generate") is { } generate)
            {
                data[name] = generate.AsChoice(["xor", "teacher"]) == "xor"
                    ? Datasets.Xor(item.Optional("low")?.AsDouble() ?? -0.8, item.Optional("high")?.AsDouble() ?? 0.8)
                    : ReadTeacher(item) with { Name = name };
                continue;
            }

            if (item.Optional("targets") is { IsScalar: true } scalarTargets)
            {
                throw scalarTargets.Error("'targets: rate|potential' belongs to 'generate: teacher' with 'activation: soft-relu'");
            }

            var inputs = item.Required("inputs").Items().Select(v => v.AsVector()).ToList();
            var targets = item.Required("targets").Items().Select(v => v.AsVector()).ToList();
            if (inputs.Count != targets.Count || inputs.Count == 0)
            {
                throw item.Error($"{inputs.Count} inputs and {targets.Count} targets: need the same number, at least one");
            }

            if (inputs.Any(v => v.Length != inputs[0].Length) || targets.Any(v => v.Length != targets[0].Length))
            {
                throw item.Error("all inputs must have one length, and all targets one length");
            }

            data[name] = new Dataset(name, inputs, targets);
        }

        return data;
    }

    /// <summary>A teacher-student data set, refused when its examples or its teacher's work would be too large to generate.</summary>
    private static Dataset ReadTeacher(SpecNode item)
    {
        var sizesNode = item.Required("sizes");
        var sizes = sizesNode.Items().Select(s => s.AsInt(1, 100_000)).ToList();
        if (sizes.Count < 2)
        {
            throw sizesNode.Error($"{sizes.Count} layer sizes given; a teacher needs at least 2 (inputs and targets)");
        }

        var countNode = item.Required("count");
        var count = countNode.AsInt(1, MaxGeneratedExamples);
        var values = (long)count * (sizes[0] + sizes[^1]);
        var work = (double)count * sizes.Zip(sizes.Skip(1), (a, b) => (double)a * b).Sum();
        if (values > MaxGeneratedValues || work > MaxGeneratedValues * 100.0)
        {
            throw countNode.Error($"{count} examples of a [{string.Join(", ", sizes)}] teacher hold {values} values and take {work:G3} multiply-adds; at most {MaxGeneratedValues} values and {MaxGeneratedValues * 100.0:G3} multiply-adds: generate fewer or smaller examples");
        }

        var seed = item.Optional("seed")?.AsSeed() ?? 1;
        var activation = item.Optional("activation")?.AsChoice(["tanh", "soft-relu"]) ?? "tanh";
        if (activation == "tanh")
        {
            foreach (var field in new[] { "gains", "weights", "split", "skip", "targets" })
            {
                if (item.Optional(field) is { } extra)
                {
                    throw extra.Error($"'{field}' belongs to the soft-ReLU teacher (activation: soft-relu), not the tanh teacher");
                }
            }

            return Datasets.TeacherStudent(sizes, count, seed);
        }

        return ReadSoftReluTeacher(item, sizesNode, sizes, count, seed);
    }

    /// <summary>
    /// The regression teacher of Sacramento et al. (2018) Fig. 2 (<see cref="Teacher"/>): r_trgt = phi(k21 W21 phi(k10 W10 r0)),
    /// weights (stream 4 of seed) and inputs (stream 2 for split: train, 5 for split: test) uniform in [-1, 1], as
    /// `neurosim microcircuit regression --seed`. targets: rate (r_trgt) or potential (phi^-1(r_trgt)).
    /// </summary>
    private static Dataset ReadSoftReluTeacher(SpecNode item, SpecNode sizesNode, List<int> sizes, int count, ulong seed)
    {
        if (sizes.Count != 3)
        {
            throw sizesNode.Error($"the soft-ReLU teacher is input-hidden-output: give 3 sizes, got {sizes.Count}");
        }

        var gainsNode = item.Required("gains");
        var gains = gainsNode.Items().Select(g => g.AsDouble(-1000, 1000)).ToList();
        if (gains.Count != 2)
        {
            throw gainsNode.Error($"give the two teacher gains [k10, k21] (hidden, output), got {gains.Count}");
        }

        _ = item.Optional("weights")?.AsChoice(["uniform"]);
        var stream = (item.Optional("split")?.AsChoice(["train", "test"]) ?? "train") == "train" ? SeedStreams.TrainingInputs : SeedStreams.TestInputs;
        var skipNode = item.Optional("skip");
        var skip = skipNode?.AsInt(0, MaxGeneratedExamples) ?? 0;
        if ((long)(skip + count) * sizes[0] > MaxGeneratedValues)
        {
            throw (skipNode ?? item.Required("count")).Error($"skipping {skip} and generating {count} examples draws {(long)(skip + count) * sizes[0]} inputs; at most {MaxGeneratedValues}");
        }

        var targetsNode = item.Optional("targets");
        var potentials = (targetsNode?.AsChoice(["rate", "potential"]) ?? "rate") == "potential";
        var teacher = Teacher.OfSeed([.. sizes], gains[0], gains[1], new ScaledSoftPlusActivation(), seed);
        try
        {
            return teacher.Examples("teacher", Seeds.Random(seed, stream), count, skip, potentials);
        }
        catch (ArgumentOutOfRangeException) when (targetsNode is not null)
        {
            throw targetsNode.Error("a teacher rate is 0 (the soft-ReLU underflowed), and phi^-1(0) is -infinity: use targets: rate, or smaller gains or sizes");
        }
    }

    private static List<ProtocolStep> ReadSteps(SpecNode node, StepContext context) =>
        [.. node.Items().Select(item => ReadStep(item, context))];

    private static ProtocolStep ReadStep(SpecNode item, StepContext context)
    {
        var valid = string.Join(", ", Actions.Concat(context.Family.Keys));
        if (!item.IsMapping || item.Keys.Count != 1)
        {
            throw item.Error($"each timeline entry is one action, e.g. '- run: 100 ms'; valid actions: {valid}");
        }

        var action = item.Keys[0];
        var body = item.Required(action);
        if (context.Family.TryGetValue(action, out var familyReader))
        {
            return familyReader(body) with { Source = Position(body) };
        }

        if (!Actions.Contains(action))
        {
            throw item.Error($"unknown action '{action}'; valid: {valid}");
        }

        ProtocolStep step = action switch
        {
            "run" => new RunStep(body.AsDurationMs(0, minExclusive: true)),
            "present" => ReadPresent(body),
            "clamp_input" => new ClampInputStep(body.AllowOnly("group", "values").Optional("group")?.AsString(), ReadVector(body.Required("values"))),
            "release_input" => new ReleaseInputStep(body.AsString()),
            "clamp_output" => new ClampOutputStep(body.AllowOnly("group", "target").Optional("group")?.AsString(), ReadVector(body.Required("target"))),
            "release_output" => new ReleaseOutputStep(body.AsString()),
            "hold_credit" => new HoldCreditStep(body.AsString(), true),
            "release_credit" => new HoldCreditStep(body.AsString(), false),
            "drive" => ReadDrive(body),
            "clear_drives" => new ClearDrivesStep(body.AsString() is var pool && pool == "all" ? null : pool),
            "block" => ReadGain(body, 0.0, hasGain: false),
            "unblock" => ReadGain(body, 1.0, hasGain: false),
            "scale" => ReadGain(body, 0.0, hasGain: true),
            "lesion" => ReadLesion(body),
            "prune" => ReadPrune(body),
            "set" => ReadSet(body),
            "repeat" => new RepeatStep(body.AllowOnly("times", "do").Required("times").AsInt(0, 100_000_000), ReadSteps(body.Required("do"), context)),
            "for_each" => ReadForEach(body, context),
            _ => throw item.Error($"unknown action '{action}'"),
        };
        return step with { Source = Position(body) };
    }

    private static PresentStep ReadPresent(SpecNode body)
    {
        body.AllowOnly("input", "target", "duration");
        return new PresentStep(
            ReadVector(body.Required("input")),
            body.Optional("target") is { } target ? ReadVector(target) : null,
            body.Required("duration").AsDurationMs(0, minExclusive: true));
    }

    /// <summary>[1, -1], $input / $target (inside for_each), or {random: uniform, low, high} / {random: normal, mean, std}.</summary>
    private static VectorSource ReadVector(SpecNode node)
    {
        if (node.IsScalar)
        {
            return node.AsChoice(["$input", "$target"]) == "$target" ? new DataItemVector(Target: true) : new DataItemVector(Target: false);
        }

        if (node.IsSequence)
        {
            return new FixedVector(node.AsVector());
        }

        node.AllowOnly("random", "low", "high", "mean", "std");
        return node.Required("random").AsChoice(RandomVector.Distributions) == "uniform"
            ? new RandomVector("uniform", node.Optional("low")?.AsDouble() ?? -1.0, node.Optional("high")?.AsDouble() ?? 1.0)
            : new RandomVector("normal", node.Optional("mean")?.AsDouble() ?? 0.0, node.Optional("std")?.AsDouble(min: 0) ?? 1.0);
    }

    private static DriveStep ReadDrive(SpecNode body)
    {
        body.AllowOnly("pool", "neurons", "waveform", "amplitude", "from", "to", "rise", "period", "width", "frequency", "offset", "phase", "mean", "std", "correlation", "convention", "independent", "duration");
        var pool = body.Required("pool").AsString();
        var kind = body.Required("waveform").AsChoice(Waveform.Kinds);
        Waveform waveform = kind switch
        {
            "step" => new StepWaveform(body.Required("amplitude").AsDouble()),
            "ramp" => new RampWaveform(body.Optional("from")?.AsDouble() ?? 0.0, body.Required("to").AsDouble(), body.Required("rise").AsDurationMs(0, minExclusive: true)),
            "pulses" => ReadPulses(body),
            "sine" => new SineWaveform(body.Required("amplitude").AsDouble(), body.Required("frequency").AsDouble(0, 1e6, minExclusive: true), body.Optional("offset")?.AsDouble() ?? 0.0, body.Optional("phase")?.AsDouble() ?? 0.0),
            _ => ReadNoise(body),
        };
        return new DriveStep(pool, Names(body.Required("neurons")), waveform, body.Optional("duration")?.AsDurationMs(0, minExclusive: true));
    }

    /// <summary>
    /// noise: mean, std, correlation (Ornstein-Uhlenbeck; std its stationary standard deviation), independent, and for white
    /// noise (no correlation) convention: euler-maruyama (default: std per sqrt(ms), the value of a step of dt has standard
    /// deviation std/sqrt(dt)) or per-step (std per step whatever dt).
    /// </summary>
    private static NoiseWaveform ReadNoise(SpecNode body)
    {
        var correlation = body.Optional("correlation")?.AsDurationMs() ?? 0.0;
        var convention = body.Optional("convention");
        if (convention is not null && correlation > 0)
        {
            throw convention.Error("applies to white noise only: with a correlation time the noise is Ornstein-Uhlenbeck and std is its stationary standard deviation, whatever the step");
        }

        return new NoiseWaveform(body.Optional("mean")?.AsDouble() ?? 0.0, body.Required("std").AsDouble(min: 0), correlation)
        {
            Independent = body.Optional("independent")?.AsBool() ?? false,
            PerStep = convention?.AsChoice(NoiseWaveform.Conventions) == "per-step",
        };
    }

    private static PruneStep ReadPrune(SpecNode body)
    {
        body.AllowOnly("fraction", "quantile", "projections");
        var (fraction, quantile) = (body.Optional("fraction"), body.Optional("quantile"));
        if ((fraction is null) == (quantile is null))
        {
            throw body.Error("give either fraction (of the existing synapses) or quantile (of |w| over the synapses built), not both");
        }

        return new PruneStep((fraction ?? quantile)!.AsDouble(0, 1), Names(body.Optional("projections")), BelowQuantile: quantile is not null);
    }

    private static PulseTrainWaveform ReadPulses(SpecNode body)
    {
        var period = body.Required("period").AsDurationMs(0, minExclusive: true);
        var width = body.Required("width").AsDurationMs(0, minExclusive: true, maxMs: period);
        return new PulseTrainWaveform(body.Required("amplitude").AsDouble(), period, width);
    }

    private static GainStep ReadGain(SpecNode body, double gain, bool hasGain)
    {
        if (body.IsScalar)
        {
            return new GainStep(body.AsChoice(GainStep.Processes), [], gain);
        }

        body.AllowOnly(hasGain ? ["process", "projections", "gain"] : ["process", "projections"]);
        return new GainStep(
            body.Required("process").AsChoice(GainStep.Processes),
            Names(body.Optional("projections")),
            hasGain ? body.Required("gain").AsDouble(0, 1e6) : gain);
    }

    private static LesionStep ReadLesion(SpecNode body)
    {
        body.AllowOnly("neurons", "synapses");
        var synapses = body.Optional("synapses")?.Items().Select(s =>
        {
            s.AllowOnly("projection", "post", "pre");
            return new SynapseRef(s.Required("projection").AsString(), s.Required("post").AsInt(0), s.Required("pre").AsInt(0));
        }).ToList() ?? [];
        var neurons = Names(body.Optional("neurons"));
        return neurons.Count + synapses.Count == 0 ? throw body.Error("give neurons or synapses to lesion") : new LesionStep(neurons, synapses);
    }

    private static SetStep ReadSet(SpecNode body)
    {
        body.AllowOnly("parameter", "value");
        var parameter = body.Required("parameter").AsChoice(SetStep.Parameters);
        var value = body.Required("value");
        return parameter switch
        {
            "output_mode" => new SetStep(parameter, 0, value.AsChoice(["replace", "inject"])),
            _ when parameter.StartsWith("timescales.", StringComparison.Ordinal) => new SetStep(parameter, value.AsDurationMs(0, minExclusive: true)),
            "spillover" => new SetStep(parameter, value.AsDouble(0, 1)),
            _ => new SetStep(parameter, value.AsDouble(0, BalanceCreditSpec.MaxLearningRate)),
        };
    }

    private static ForEachStep ReadForEach(SpecNode body, StepContext context)
    {
        body.AllowOnly("data", "take", "do");
        var nameNode = body.Required("data");
        var name = nameNode.AsString();
        var data = context.Data;
        return data.TryGetValue(name, out var set)
            ? new ForEachStep(name, ReadSteps(body.Required("do"), context), body.Optional("take")?.AsInt(1, Math.Max(1, set.Count)))
            : throw nameNode.Error($"unknown data set '{name}'; defined: {(data.Count == 0 ? "none (add a 'data' section)" : string.Join(", ", data.Keys))}");
    }

    /// <summary>What reading a step needs besides its node: the data sets and the family's own actions.</summary>
    private sealed record StepContext(IReadOnlyDictionary<string, Dataset> Data, IReadOnlyDictionary<string, Func<SpecNode, ProtocolStep>> Family);

    private static MonitorSpec ReadMonitor(SpecNode node)
    {
        node.AllowOnly("name", "variables", "neurons", "projections", "every");
        var name = node.Required("name").AsString();
        if (name.Length is 0 or > MaxMonitorName || name[0] == '.' || name.AsSpan().IndexOfAnyExcept(MonitorNameChars) >= 0)
        {
            throw node.Required("name").Error($"monitor name '{name}' must be usable as a file name: 1 to {MaxMonitorName} letters, digits, '-', '_' or '.', not starting with '.'");
        }

        // The variables are the model family's to check (IExperimentModel.PlanMonitor), at their position.
        var variables = node.Required("variables");
        return new MonitorSpec(name, Names(variables), Names(node.Optional("neurons")), Names(node.Optional("projections")), node.Required("every").AsDurationMs(0, minExclusive: true))
        {
            Source = Position(node),
        };
    }

    private static SourcePosition Position(SpecNode node) => new(node.File, node.Line, node.Column, node.Path);

    private static List<string> Names(SpecNode? node) =>
        node is null ? [] : node.IsScalar ? [node.AsString()] : [.. node.Items().Select(i => i.AsString())];
}
