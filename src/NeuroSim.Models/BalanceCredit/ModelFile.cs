using NeuroSim.Core.Connectivity;
using NeuroSim.Core.Integration;
using NeuroSim.Core.Neurons;
using NeuroSim.Core.Randomness;
using NeuroSim.Core.Scheduling;
using NeuroSim.Files;
using NeuroSim.Files.Yaml;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>
/// Reads models/*.yaml into a <see cref="ModelDefinition"/>: every field checked for type and range, names
/// checked against the groups, and the model and its scheduler built once so that nothing can fail later.
/// </summary>
public static class ModelFile
{
    private static readonly string[] TopFields = ["kind", "name", "description", "citation", "network", "neurons", "timescales", "learning_rate", "spillover", "clamps", "scheduler", "seed"];
    private static readonly string[] Modes = ["coupled", "multirate", "adiabatic", "iterated"];
    private static readonly string[] Storages = ["auto", "dense", "sparse"];
    private static readonly string[] OutputModes = ["replace", "inject"];

    /// <summary>Reads a balance-credit model file for commands that take only this family (train, separation); another kind is refused at its field.</summary>
    public static ModelDefinition Load(string path, IEnumerable<KeyValuePair<string, string>>? overrides = null, ulong? seedOverride = null)
    {
        var root = SpecDocument.Load(path, overrides);
        if (root.Optional("kind") is { } kind && kind.AsString() != BalanceCreditModel.FamilyKind)
        {
            throw kind.Error($"this command takes balance-credit model files; '{kind.AsString()}' models run with `neurosim run`");
        }

        return Read(root, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", seedOverride);
    }

    /// <summary>Reads a balance-credit model file; <paramref name="extraFields"/> are top-level fields a family built on it reads itself.</summary>
    public static ModelDefinition Read(SpecNode root, string baseDirectory, ulong? seedOverride = null, IReadOnlyList<string>? extraFields = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.AllowOnly([.. TopFields, .. extraFields ?? []]);
        var seed = seedOverride ?? root.Optional("seed")?.AsSeed() ?? 1;
        var network = root.Required("network").AllowOnly("groups", "projections", "biases", "learn_biases");
        var groups = ReadGroups(network.Required("groups"));
        CheckMemory(root, network, groups);
        var projections = ReadProjections(network.Optional("projections"), groups, baseDirectory, seed);
        var neurons = root.Required("neurons").AllowOnly("activation", "balance");
        var activation = neurons.Required("activation").AsChoice(Activations.AcceptedNames);
        var clamps = root.Optional("clamps")?.AllowOnly("input", "output", "output_mode", "hold_credit");
        var spec = new BalanceCreditSpec
        {
            Network = new NetworkSpec([.. groups.Select(g => new NeuronGroupSpec(g.Name, g.Size))], projections),
            Activation = activation,
            Balance = ReadBalance(neurons.Optional("balance")),
            Timescales = ReadTimescales(root.Required("timescales")),
            LearningRate = root.Optional("learning_rate")?.AsDouble(0, BalanceCreditSpec.MaxLearningRate) ?? 1.0,
            Spillover = root.Optional("spillover")?.AsDouble(0, 1) ?? 0.0,
            InputGroups = GroupList(clamps?.Optional("input"), groups),
            OutputGroups = GroupList(clamps?.Optional("output"), groups),
            HeldCreditGroups = GroupList(clamps?.Optional("hold_credit"), groups),
            OutputCreditMode = clamps?.Optional("output_mode")?.AsChoice(OutputModes) == "inject" ? OutputCreditMode.Inject : OutputCreditMode.Replace,
            Biases = ReadBiases(network.Optional("biases"), groups, baseDirectory),
            LearnBiases = network.Optional("learn_biases")?.AsBool() ?? false,
            Seed = seed,
        };
        if (spec.Spillover > 0 && spec.Timescales.MessengerMs is null)
        {
            throw root.Required("spillover").Error("spillover needs messengers: give timescales.messenger");
        }

        var schedulerNode = root.Required("scheduler");
        var scheduler = ReadScheduler(schedulerNode, spec.Timescales);
        BalanceCreditModel model;
        try
        {
            model = new BalanceCreditModel(spec);
        }
        catch (ArgumentException e)
        {
            throw network.Error(ErrorText.Detail(e));
        }

        try
        {
            _ = new Scheduler(model, scheduler);
        }
        catch (ArgumentException e)
        {
            throw schedulerNode.Error(ErrorText.Detail(e));
        }

        // float32 weights run through the fused step, which needs every neuron fed by one projection and no messengers.
        if (scheduler.SinglePrecisionWeights && model.TryFusedEulerStepsSingle(0, scheduler.DtMs, null) < 0)
        {
            throw schedulerNode.Required("weights").Error("weights: float32 needs the fused step: no per-synapse messengers and no neuron receiving from two projections; use double");
        }

        return new ModelDefinition(root.Required("name").AsString(), root.Optional("description")?.AsString(), root.Optional("citation")?.AsString(), spec, scheduler)
        {
            Model = model,
            ReferencedFiles = ReferencedFiles(root, baseDirectory),
        };
    }

    /// <summary>The CSV files a valid model file refers to (weights, masks, biases), as full paths.</summary>
    private static List<string> ReferencedFiles(SpecNode root, string baseDirectory)
    {
        var network = root.Required("network");
        var nodes = new List<SpecNode?> { network.Optional("biases") };
        foreach (var projection in network.Optional("projections")?.Items() ?? [])
        {
            nodes.Add(projection.Optional("weights"));
            nodes.Add(projection.Optional("mask"));
        }

        return [.. nodes.Where(n => n is { IsMapping: true } && n.Has("file")).Select(n => Path.GetFullPath(Path.Combine(baseDirectory, n!.Required("file").AsString()))).Distinct()];
    }

    private static List<(string Name, int Size)> ReadGroups(SpecNode node)
    {
        var groups = new List<(string Name, int Size)>();
        foreach (var item in node.Items())
        {
            item.AllowOnly("name", "size");
            var name = item.Required("name").AsString();
            if (groups.Exists(g => g.Name == name))
            {
                throw item.Required("name").Error($"group '{name}' is defined twice");
            }

            // Group names become file names (weights/PRE-POST.csv): no '-' (PRE-POST must be unambiguous), no path characters.
            if (name == "all" || name.Length is 0 or > 64 || name[0] == '.' || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
            {
                throw item.Required("name").Error($"group name '{name}' must be 1 to 64 letters, digits, '_' or '.', not starting with '.', and not 'all' (it names weight files PRE-POST.csv)");
            }

            groups.Add((name, item.Required("size").AsInt(1, 10_000_000)));
        }

        if (groups.Count == 0)
        {
            throw node.Error("at least one group is needed");
        }

        return groups;
    }

    /// <summary>
    /// Refuses, before anything is allocated, a network whose matrices overflow an int or whose estimated memory
    /// (<see cref="ModelMemory"/>) exceeds <see cref="ModelMemory.BudgetBytes"/>.
    /// </summary>
    private static void CheckMemory(SpecNode root, SpecNode network, List<(string Name, int Size)> groups)
    {
        var shapes = new List<ModelMemory.ProjectionShape>();
        if (network.Optional("projections") is { } list)
        {
            foreach (var item in list.Items())
            {
                var pre = GroupOf(item.Required("from"), groups);
                var post = GroupOf(item.Required("to"), groups);
                var matrix = (long)pre.Size * post.Size;
                if (matrix > Array.MaxLength)
                {
                    throw item.Error($"{pre.Name}->{post.Name} has {post.Size} x {pre.Size} = {matrix} possible synapses; at most {Array.MaxLength} per projection");
                }

                var mask = item.Optional("mask");
                var density = mask is { IsMapping: true } && mask.Optional("density") is { } d ? d.AsDouble(0, 1) : 1.0;
                var storage = item.Optional("storage")?.AsChoice(Storages) ?? "auto";
                var sparse = storage == "sparse" || (storage == "auto" && density < Network.SparseDensityThreshold);
                var given = (mask is { IsMapping: true } && !mask.Has("density")) || item.Optional("weights") is { IsMapping: true } w && (w.Has("file") || w.Has("values"));
                shapes.Add(new ModelMemory.ProjectionShape($"{pre.Name}->{post.Name}", pre.Size, post.Size, density, sparse, given));
            }
        }

        var timescales = root.Optional("timescales");
        var messengers = timescales is { IsMapping: true } && timescales.Has("messenger");
        var filters = timescales is { IsMapping: true } && timescales.Has("synaptic_e");
        var estimate = ModelMemory.Of(groups.Select(g => (long)g.Size), shapes, messengers, learnBiases: true, filters);
        if (estimate.StateLength > Array.MaxLength || estimate.Slots > int.MaxValue)
        {
            throw network.Error($"{estimate.Neurons} neurons and {estimate.Slots} synapses make a state of {estimate.StateLength} values; at most {Array.MaxLength} are possible");
        }

        var budget = ModelMemory.BudgetBytes;
        if (estimate.Bytes > budget)
        {
            throw network.Error($"{estimate.Neurons} neurons and {estimate.Slots} synapses need about {estimate.Bytes / 1e6:F0} MB; at most {budget / 1e6:F0} MB are available (half the memory available to the process): make the network smaller or sparser");
        }
    }

    private static List<ProjectionSpec> ReadProjections(SpecNode? node, List<(string Name, int Size)> groups, string baseDirectory, ulong seed)
    {
        var projections = new List<ProjectionSpec>();
        if (node is null)
        {
            return projections;
        }

        var items = node.Items();
        for (var k = 0; k < items.Count; k++)
        {
            var item = items[k].AllowOnly("from", "to", "mask", "weights", "self_connections", "storage");
            var pre = GroupOf(item.Required("from"), groups);
            var post = GroupOf(item.Required("to"), groups);
            if (projections.Exists(p => p.Pre == pre.Name && p.Post == post.Name))
            {
                throw item.Error($"projection {pre.Name}->{post.Name} is defined twice");
            }

            var spec = new ProjectionSpec(pre.Name, post.Name)
            {
                SelfConnections = item.Optional("self_connections")?.AsBool() ?? false,
                Storage = item.Optional("storage")?.AsChoice(Storages) switch
                {
                    "dense" => SynapseStorage.Dense,
                    "sparse" => SynapseStorage.Sparse,
                    _ => SynapseStorage.Auto,
                },
                Mask = ReadMask(item.Optional("mask"), pre.Size, post.Size, baseDirectory, Seeds.Derive(seed, SeedStreams.ProjectionMask(k))),
            };
            var weights = item.Optional("weights");
            if (weights is not null)
            {
                weights.AllowOnly("distribution", "gain", "file", "values");
                if (weights.Optional("file") is { } file)
                {
                    spec = spec with { Weights = MatrixFiles.Read(Path.Combine(baseDirectory, file.AsString()), post.Size, pre.Size, file) };
                }
                else if (weights.Optional("values") is { } values)
                {
                    spec = spec with { Weights = InlineMatrix(values, post.Size, pre.Size) };
                }
                else
                {
                    var kind = weights.Optional("distribution")?.AsChoice(WeightDistribution.Kinds) ?? "normal";
                    spec = spec with { Distribution = new WeightDistribution(kind, weights.Optional("gain")?.AsDouble(0, 1e6) ?? 1.0) };
                }
            }

            projections.Add(spec);
        }

        return projections;
    }

    private static bool[]? ReadMask(SpecNode? node, int preSize, int postSize, string baseDirectory, ulong seed)
    {
        if (node is null)
        {
            return null;
        }

        node.AllowOnly("density", "file", "values");
        if (node.Optional("density") is { } density)
        {
            var p = density.AsDouble(0, 1);
            var random = new SeededRandom(seed);
            return [.. Enumerable.Range(0, preSize * postSize).Select(_ => random.NextDouble() < p)];
        }

        var values = node.Optional("file") is { } file
            ? MatrixFiles.Read(Path.Combine(baseDirectory, file.AsString()), postSize, preSize, file)
            : InlineMatrix(node.Optional("values") ?? throw node.Error("give density, file or values"), postSize, preSize);
        return values.Any(v => v is not (0.0 or 1.0))
            ? throw node.Error("mask entries must be 0 or 1")
            : [.. values.Select(v => v == 1.0)];
    }

    private static double[] InlineMatrix(SpecNode node, int rows, int columns)
    {
        var items = node.Items();
        if (items.Count != rows)
        {
            throw node.Error($"{items.Count} rows given; expected {rows} (one per postsynaptic neuron)");
        }

        return [.. items.SelectMany(row => row.AsVector(columns))];
    }

    private static (string Name, int Size) GroupOf(SpecNode node, List<(string Name, int Size)> groups)
    {
        var name = node.AsString();
        return groups.Find(g => g.Name == name) is { Name: not null } group
            ? group
            : throw node.Error($"unknown group '{name}'; valid: {string.Join(", ", groups.Select(g => g.Name))}");
    }

    private static List<string> GroupList(SpecNode? node, List<(string Name, int Size)> groups) =>
        node is null ? [] : node.IsScalar ? [GroupOf(node, groups).Name] : [.. node.Items().Select(item => GroupOf(item, groups).Name)];

    private static BalanceSpec ReadBalance(SpecNode? node)
    {
        if (node is null)
        {
            return BalanceSpec.Slope;
        }

        if (node.IsScalar)
        {
            return node.AsChoice(BalanceSpec.Kinds) == "slope" ? BalanceSpec.Slope : throw node.Error("the gaussian balance needs set_point and width: {kind: gaussian, set_point: 0, width: 1}");
        }

        node.AllowOnly("kind", "set_point", "width");
        var kind = node.Required("kind").AsChoice(BalanceSpec.Kinds);
        return kind == "slope"
            ? BalanceSpec.Slope
            : BalanceSpec.Gaussian(node.Optional("set_point")?.AsDouble() ?? 0.0, node.Required("width").AsDouble(0, 1e6, minExclusive: true));
    }

    private static Timescales ReadTimescales(SpecNode node)
    {
        node.AllowOnly("firing", "credit", "plasticity", "messenger", "synaptic_e", "synaptic_i");
        var excitatory = node.Optional("synaptic_e")?.AsDurationMs(0, minExclusive: true);
        var inhibitory = node.Optional("synaptic_i")?.AsDurationMs(0, minExclusive: true);
        if ((excitatory is null) != (inhibitory is null))
        {
            throw node.Error("give both synaptic_e and synaptic_i (the pools' synaptic time constants), or neither for instantaneous pools");
        }

        return new Timescales(
            node.Required("firing").AsDurationMs(0, minExclusive: true),
            node.Required("credit").AsDurationMs(0, minExclusive: true),
            node.Required("plasticity").AsDurationMs(0, minExclusive: true),
            node.Optional("messenger")?.AsDurationMs(0, minExclusive: true))
        {
            SynapticExcitatoryMs = excitatory,
            SynapticInhibitoryMs = inhibitory,
        };
    }

    private static double[]? ReadBiases(SpecNode? node, List<(string Name, int Size)> groups, string baseDirectory)
    {
        if (node is null)
        {
            return null;
        }

        node.AllowOnly("constant", "values", "file");
        var total = groups.Sum(g => g.Size);
        if (node.Optional("constant") is { } constant)
        {
            var value = constant.AsDouble();
            return [.. Enumerable.Repeat(value, total)];
        }

        if (node.Optional("file") is { } file)
        {
            return MatrixFiles.ReadBiases(Path.Combine(baseDirectory, file.AsString()), groups, file);
        }

        return (node.Optional("values") ?? throw node.Error("give constant, values or file")).AsVector(total);
    }

    private static SchedulerOptions ReadScheduler(SpecNode node, Timescales timescales)
    {
        node.AllowOnly("mode", "dt", "integrator", "processes", "fixed_point", "weights");
        var mode = node.Required("mode").AsChoice(Modes) switch
        {
            "coupled" => SchedulerMode.Coupled,
            "adiabatic" => SchedulerMode.Adiabatic,
            "iterated" => SchedulerMode.Iterated,
            _ => SchedulerMode.Multirate,
        };
        var dtNode = node.Required("dt");
        var dt = dtNode.AsDurationMs(0, minExclusive: true);
        var integrator = node.Optional("integrator")?.AsChoice(IntegratorRegistry.Names) ?? "rk4";
        var clocks = new Dictionary<string, ProcessClock>();
        if (node.Optional("processes") is { } processes)
        {
            string[] names = [
                "firing",
                .. timescales.HasSynapticFilters ? ["synapses"] : Array.Empty<string>(),
                "credit",
                .. timescales.MessengerMs is null ? Array.Empty<string>() : ["messenger"],
                "plasticity",
            ];
            processes.AllowOnly(names);
            foreach (var name in processes.Keys)
            {
                var process = processes.Required(name).AllowOnly("integrator", "every");
                var every = process.Optional("every") is { } everyNode ? everyNode.AsDurationMs(0, minExclusive: true) : dt;
                var steps = every / dt;
                if (Math.Abs(steps - Math.Round(steps)) > 1e-9 * Math.Max(1, steps) || Math.Round(steps) < 1 || Math.Round(steps) > int.MaxValue)
                {
                    throw (process.Optional("every") ?? process).Error($"every = {every} ms is not a whole number (>= 1) of dt = {dt} ms");
                }

                clocks[name] = new ProcessClock(process.Optional("integrator")?.AsChoice(IntegratorRegistry.Names) ?? integrator, (int)Math.Round(steps));
            }
        }

        var fixedPoint = node.Optional("fixed_point")?.AllowOnly("tolerance", "max_iterations");
        return new SchedulerOptions
        {
            Mode = mode,
            DtMs = dt,
            Integrator = integrator,
            Clocks = clocks,
            FixedPointTolerance = fixedPoint?.Optional("tolerance")?.AsDouble(0, 1, minExclusive: true) ?? FixedPointSolver.DefaultTolerance,
            FixedPointMaxIterations = fixedPoint?.Optional("max_iterations")?.AsInt(1, 100_000_000) ?? FixedPointSolver.DefaultMaxIterations,
            SinglePrecisionWeights = (node.Optional("weights")?.AsChoice(["double", "float32"]) ?? "double") == "float32",
        };
    }
}
