using NeuroSim.Core.Integration;
using NeuroSim.Core.Neurons;
using NeuroSim.Core.Randomness;
using NeuroSim.Core.Scheduling;
using NeuroSim.Files.Yaml;
using NeuroSim.Models.Families;

namespace NeuroSim.Models.Microcircuit;

/// <summary>
/// Reads model files of <c>kind: microcircuit</c> (the dendritic cortical microcircuit, Sacramento et al. 2018): every
/// field validated with its range, unknown fields listed, the model and its scheduler built once. Seeds: the weights
/// are drawn from <see cref="SeedStreams.MicrocircuitWeights"/> and the noise from <see cref="SeedStreams.MicrocircuitNoise"/> of the file's seed,
/// as `neurosim microcircuit ...` derives them, so a file with seed S starts like the command with --seed S.
/// </summary>
public static class MicrocircuitModelFile
{
    /// <summary>Most weights (all classes) a file may ask for; the state holds them twice (weights and their induction).</summary>
    public const long MaxWeights = 20_000_000;

    private static readonly string[] TopFields =
        ["kind", "name", "description", "citation", "layers", "conductances", "transfer", "learning_rates", "tau_w", "input_filter", "noise", "biases", "initial_weights", "scheduler", "seed"];

    private static readonly string[] Transfers = ["logistic", "soft-relu"];
    /// <summary>noise.convention: euler-maruyama (the default: sigma per sqrt(ms)) or per-step (sigma per step of dt).</summary>
    private static readonly string[] Conventions = ["per-step", "euler-maruyama"];

    public static FamilyModel Read(SpecNode root, ulong? seedOverride)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.AllowOnly(TopFields);
        var seed = seedOverride ?? root.Optional("seed")?.AsSeed() ?? 1;
        var sizes = ReadLayers(root.Required("layers"));
        var layers = sizes.Length - 1;
        var noise = root.Optional("noise")?.AllowOnly("sigma", "convention");
        var spec = new MicrocircuitSpec
        {
            Sizes = sizes,
            Transfer = (root.Optional("transfer")?.AsChoice(Transfers) ?? "logistic") == "logistic" ? new LogisticActivation() : new ScaledSoftPlusActivation(),
            Conductances = ReadConductances(root.Optional("conductances")),
            Rates = ReadRates(root.Optional("learning_rates"), layers),
            PlasticityFilterMs = root.Optional("tau_w")?.AsDurationMs(0, minExclusive: true, maxMs: 1e7) ?? 30.0,
            InputFilterMs = root.Optional("input_filter")?.AsDurationMs(0, minExclusive: true, maxMs: 1e7) ?? 3.0,
            NoiseSigma = noise?.Optional("sigma")?.AsDouble(0, 10) ?? 0.0,
            Noise = (noise?.Optional("convention")?.AsChoice(Conventions) ?? "euler-maruyama") == "per-step" ? NoiseConvention.PerStep : NoiseConvention.EulerMaruyama,
            Biases = root.Optional("biases")?.AsBool() ?? false,
            Seed = Seeds.Derive(seed, SeedStreams.MicrocircuitNoise),
        };

        var model = new MicrocircuitModel(spec);
        var initial = root.Optional("initial_weights")?.AllowOnly("scale", "self_predicting");
        var scale = initial?.Optional("scale")?.AsDouble(0, 100) ?? 1.0;
        model.Weights.Randomize(Seeds.Random(seed, SeedStreams.MicrocircuitWeights), (_, _) => scale);
        if (initial?.Optional("self_predicting")?.AsBool() ?? false)
        {
            model.Weights.SetSelfPredicting(model.Conductances);
        }

        var schedulerNode = root.Required("scheduler");
        var (scheduler, passes) = ReadScheduler(schedulerNode);
        if (scheduler.Mode == SchedulerMode.Adiabatic)
        {
            if (spec.NoiseSigma > 0)
            {
                throw noise!.Required("sigma").Error("must be 0 with scheduler mode adiabatic: the two-step steady-state scheme is noiseless");
            }

            model.AdiabaticMode = true;
            model.AdiabaticPasses = passes;
        }

        try
        {
            _ = new Scheduler(model, scheduler);
        }
        catch (ArgumentException e)
        {
            throw schedulerNode.Error(ErrorText.Detail(e));
        }

        // The scheduler calls ApplyConstraints once after every coupled step: the model adds its noise there
        // (adiabatic windows never call it: the scheme is noiseless).
        model.StepNoiseDtMs = scheduler.Mode == SchedulerMode.Coupled ? scheduler.DtMs : null;
        return new FamilyModel(root.Required("name").AsString(), root.Optional("description")?.AsString(), root.Optional("citation")?.AsString(), seed, model, scheduler, []);
    }

    private static int[] ReadLayers(SpecNode node)
    {
        var items = node.Items();
        if (items.Count is < 3 or > 16)
        {
            throw node.Error($"{items.Count} sizes given; the microcircuit needs an input, at least one hidden layer and an output (3 to 16 sizes, e.g. [30, 20, 10])");
        }

        var sizes = items.Select(i => i.AsInt(1, 100_000)).ToArray();
        long weights = 0;
        for (var k = 0; k + 1 < sizes.Length; k++)
        {
            // W_up, and for hidden layers B, W_IP, W_PI (plus biases).
            weights += (long)sizes[k + 1] * (sizes[k] + 1);
            if (k + 2 < sizes.Length)
            {
                weights += 3L * sizes[k + 1] * (sizes[k + 2] + 1);
            }
        }

        return weights <= MaxWeights ? sizes : throw node.Error($"about {weights:G3} weights; at most {MaxWeights:G3} are allowed");
    }

    private static Conductances ReadConductances(SpecNode? node)
    {
        if (node is null)
        {
            return new Conductances();
        }

        node.AllowOnly("g_lk", "g_B", "g_A", "g_D", "g_som");
        var d = new Conductances();
        return new Conductances(
            node.Optional("g_lk")?.AsDouble(0, 100, minExclusive: true) ?? d.Leak,
            node.Optional("g_B")?.AsDouble(0, 100) ?? d.Basal,
            node.Optional("g_A")?.AsDouble(0, 100) ?? d.Apical,
            node.Optional("g_D")?.AsDouble(0, 100) ?? d.Dendrite,
            node.Optional("g_som")?.AsDouble(0, 100) ?? d.Somatic);
    }

    /// <summary>Per class, one rate per layer: up (N values, into L1..LN), ip, pi, down (N - 1 values, layers L1..LN-1); an absent class does not learn.</summary>
    private static MicrocircuitRates? ReadRates(SpecNode? node, int layers)
    {
        if (node is null)
        {
            return null;
        }

        node.AllowOnly("up", "ip", "pi", "down");
        return new MicrocircuitRates(
            Rates(node.Optional("up"), layers, "L1..LN"),
            Rates(node.Optional("ip"), layers - 1, "the hidden layers"),
            Rates(node.Optional("pi"), layers - 1, "the hidden layers"),
            Rates(node.Optional("down"), layers - 1, "the hidden layers"));
    }

    private static double[] Rates(SpecNode? node, int count, string what)
    {
        if (node is null)
        {
            return new double[count];
        }

        // One number is the rate of every layer, so that a file keeps working when its layer count is changed.
        if (node.IsScalar)
        {
            return [.. Enumerable.Repeat(node.AsDouble(0, 1), count)];
        }

        var items = node.Items();
        return items.Count == count
            ? [.. items.Select(i => i.AsDouble(0, 1))]
            : throw node.Error($"{items.Count} learning rates given; the network needs {count}, one per layer ({what})");
    }

    /// <summary>
    /// coupled: the continuous-time circuit (dt, integrator). adiabatic: each presentation window is the two-step
    /// steady-state scheme (<see cref="MicrocircuitModel.RunWindow"/>; dt is the unit of window lengths, passes the
    /// sweeps per settling, default 1). multirate is refused.
    /// </summary>
    private static (SchedulerOptions Options, int Passes) ReadScheduler(SpecNode node)
    {
        node.AllowOnly("mode", "dt", "integrator", "passes");
        var modeNode = node.Required("mode");
        var mode = modeNode.AsChoice(["coupled", "multirate", "adiabatic"]);
        if (mode == "multirate")
        {
            throw modeNode.Error("multirate is not available for the microcircuit: its somatic noise is one increment per coupled step; use mode: coupled (continuous time) or mode: adiabatic (the two-step steady-state scheme)");
        }

        var adiabatic = mode == "adiabatic";
        if (adiabatic && node.Optional("integrator") is { } integrator)
        {
            throw integrator.Error("not used in adiabatic mode: each window is the two-step steady-state scheme, nothing is integrated; remove it");
        }

        if (!adiabatic && node.Optional("passes") is { } passesNode)
        {
            throw passesNode.Error("only used in adiabatic mode (sweeps of the steady-state scheme per window); remove it");
        }

        var options = new SchedulerOptions
        {
            Mode = adiabatic ? SchedulerMode.Adiabatic : SchedulerMode.Coupled,
            DtMs = node.Required("dt").AsDurationMs(0, minExclusive: true, maxMs: 1000),
            Integrator = node.Optional("integrator")?.AsChoice(IntegratorRegistry.Names) ?? "euler",
        };
        return (options, node.Optional("passes")?.AsInt(1, 1000) ?? 1);
    }
}
