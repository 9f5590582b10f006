using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroSim.Core.Kernels;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Reference;
using NeuroSim.Models.Training;
using Spectre.Console;

namespace NeuroSim.Cli.Commands;

/// <summary>
/// `neurosim bench`: throughput of the balance-credit engine on layered networks, its effective memory
/// traffic next to the machine's own triad bandwidth measured in the same run, adiabatic training against
/// plain BP, and the multirate scheduler against coupled mode at eps = 0.01.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var sizesOption = new Option<int[]>("--sizes") { Description = "Network sizes N (layers N/4, N/2, N/4).", DefaultValueFactory = _ => [200, 1000, 4000], AllowMultipleArgumentsPerToken = true };
        var secondsOption = new Option<double>("--seconds") { Description = "Wall time of each measurement.", DefaultValueFactory = _ => 1.0 };
        var repeatsOption = new Option<int>("--repeats") { Description = "Measurements per figure; the median is printed.", DefaultValueFactory = _ => 3 };
        var threadsOption = new Option<int>("--threads") { Description = "Kernel threads (results do not depend on it).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var examplesOption = new Option<int>("--examples") { Description = "Examples per training measurement on 784-256-10 (0 skips training).", DefaultValueFactory = _ => 200 };
        var separationOption = new Option<bool>("--separation") { Description = "Also time one eps = 0.01 presentation, multirate vs coupled, at equal step and at equal accuracy (about 3 s).", DefaultValueFactory = _ => true };
        var precisionOption = new Option<string>("--precision") { Description = "Weight storage of the fused step: double, or single (float32 weights, double arithmetic).", DefaultValueFactory = _ => "double" };
        var scheduleOption = new Option<string>("--schedule") { Description = "Full-step schedule: fused (coupled forward Euler, one pass over W) or multirate (every process due every step, one pass each).", DefaultValueFactory = _ => "fused" };
        var bandwidthOption = new Option<int>("--bandwidth-mib") { Description = "Size of each triad array in MiB (keep well above the caches).", DefaultValueFactory = _ => 128 };
        var command = new Command("bench", "Measure steps/s, neuron and synapse updates/s and effective memory traffic against the measured bandwidth; adiabatic training vs plain BP; multirate vs coupled at eps = 0.01.")
        {
            sizesOption,
            secondsOption,
            repeatsOption,
            threadsOption,
            examplesOption,
            separationOption,
            bandwidthOption,
            scheduleOption,
            precisionOption,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var sizes = parse.GetValue(sizesOption) ?? [];
            if (sizes.Length == 0 || sizes.Any(n => n < 4 || n % 4 != 0))
            {
                throw new ArgumentException($"--sizes {string.Join(' ', sizes)}: each N must be a multiple of 4 and >= 4");
            }

            var seconds = parse.GetValue(secondsOption);
            if (!(seconds > 0) || !double.IsFinite(seconds))
            {
                throw new ArgumentException($"--seconds = {seconds}: must be > 0");
            }

            var repeats = parse.GetValue(repeatsOption);
            var threads = parse.GetValue(threadsOption);
            var examples = parse.GetValue(examplesOption);
            var bandwidthMib = parse.GetValue(bandwidthOption);
            if (repeats < 1 || threads < 1 || examples < 0 || bandwidthMib < 1)
            {
                throw new ArgumentException("--repeats, --threads and --bandwidth-mib must be >= 1, --examples >= 0");
            }

            var schedule = parse.GetValue(scheduleOption);
            if (schedule is not ("fused" or "multirate"))
            {
                throw new ArgumentException($"--schedule '{schedule}': valid: fused, multirate");
            }

            var precision = parse.GetValue(precisionOption);
            if (precision is not ("double" or "single") || (precision == "single" && schedule != "fused"))
            {
                throw new ArgumentException($"--precision '{precision}': valid: double, single (single needs --schedule fused)");
            }

            return Run(new BenchSettings(sizes, seconds, repeats, threads, examples, parse.GetValue(separationOption), bandwidthMib, schedule == "fused", precision == "single"), output);
        }));
        return command;
    }

    private static int Run(BenchSettings settings, TextWriter output)
    {
        var console = CliConsole.Create(output);
        console.Profile.Width = Math.Max(console.Profile.Width, 150);
        var kernels = new KernelSettings { ThreadCount = settings.Threads };
        console.MarkupLine($"[bold]NeuroSim bench[/]: {Environment.ProcessorCount} logical cores, {settings.Threads} kernel threads, {RuntimeInfo()}; median of {settings.Repeats} x {settings.Seconds:0.##} s");
        var elements = settings.BandwidthMib * (1 << 20) / sizeof(double);
        var bandwidth = Median(settings.Repeats, () => MemoryBandwidth.MeasureTriad(kernels, elements));
        console.MarkupLine($"memory bandwidth (triad a = b + s c, 3 x {settings.BandwidthMib} MiB, 24 B/element): [bold]{bandwidth / 1e9:F1} GB/s[/]");

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("N").AddColumn(new TableColumn("synapses").RightAligned()).AddColumn(new TableColumn("steps/s").RightAligned())
            .AddColumn(new TableColumn("neuron-updates/s").RightAligned()).AddColumn(new TableColumn("synapse-updates/s").RightAligned())
            .AddColumn(new TableColumn("effective GB/s").RightAligned()).AddColumn(new TableColumn("of bandwidth").RightAligned())
            .AddColumn(new TableColumn("outside kernels").RightAligned());
        foreach (var n in settings.Sizes)
        {
            var result = MeasureNetwork(n, settings, kernels);
            var traffic = result.BytesPerStep * result.StepsPerSecond;
            table.AddRow(
                n.ToString(CultureInfo.InvariantCulture),
                result.Synapses.ToString("N0", CultureInfo.InvariantCulture),
                result.StepsPerSecond.ToString("F1", CultureInfo.InvariantCulture),
                Sci(n * result.StepsPerSecond),
                Sci(result.Synapses * result.StepsPerSecond),
                (traffic / 1e9).ToString("F2", CultureInfo.InvariantCulture),
                (traffic / bandwidth).ToString("P0", CultureInfo.InvariantCulture),
                result.OutsideKernels.ToString("P0", CultureInfo.InvariantCulture));
        }

        console.MarkupLine(settings.Fused
            ? $"full step, coupled forward Euler taken as one fused pass over W (pools, W^T delta and the plasticity step from each row read once), {(settings.Single ? "float32" : "double")} weights; dt = 0.1 ms, tanh, tau 1 : 10 : 100 ms"
            : "full step, multirate, every process due every step: firing exp-euler, credit exp-euler, plasticity euler (one pass over W each); dt = 0.1 ms, tanh, tau 1 : 10 : 100 ms");
        console.MarkupLine("effective traffic = W read once + W written once + the neuron vectors, per step (the fused minimum); outside kernels = share of the step not in connectivity kernels");
        console.Write(table);

        if (settings.Examples > 0)
        {
            var (adiabatic, bp) = MeasureTraining(settings, kernels);
            console.MarkupLine($"training 784-256-10 tanh, online, one example per presentation: adiabatic balance-credit [bold]{adiabatic:F1}[/] examples/s, plain BP MLP [bold]{bp:F1}[/] examples/s, ratio [bold]{adiabatic / bp:F2}[/]");
        }

        if (!settings.Separation)
        {
            return CliApp.Success;
        }

        var separation = MeasureSeparation(settings, kernels);
        var (reference, coupledLargest, multirate) = (separation.Reference, separation.CoupledLargestStep, separation.Multirate);
        console.MarkupLine($"eps = 0.01, {string.Join('-', SeparationSizes)} tanh, tau 1 : 100 : 10^4 ms, one presentation T = tau_w from a cold start; deviation = relative L2 distance of the weight change from the BP step");
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"  multirate (dt 0.1 ms; firing exp-euler every 2 ms, credit every 2 ms, plasticity every 5 ms): {multirate.Seconds * 1e3:F0} ms, deviation {multirate.Deviation:P3}"));
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"  coupled rk4 at dt 0.1 ms (the separation study's reference): {reference.Seconds * 1e3:F0} ms, deviation {reference.Deviation:P3}: multirate speed-up [bold]{reference.Seconds / multirate.Seconds:F1}x[/]"));
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"  coupled rk4 at dt 2 ms (its largest stable step, 2.8 tau_x): {coupledLargest.Seconds * 1e3:F0} ms, deviation {coupledLargest.Deviation:P3}: multirate speed-up [bold]{coupledLargest.Seconds / multirate.Seconds:F1}x[/]"));
        return CliApp.Success;
    }

    private static string RuntimeInfo() => $".NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSArchitecture}";

    private static string Sci(double value) => value.ToString("0.00E+00", CultureInfo.InvariantCulture);

    /// <summary>The model the step figures are measured on: layers N/4, N/2, N/4, input clamped, output taught.</summary>
    internal static BalanceCreditModel LayeredModel(int n)
    {
        int[] sizes = [n / 4, n / 2, n / 4];
        var spec = BalanceCreditSpec.Layered(sizes, new Timescales(1, 10, 100), "tanh") with { LearningRate = 1e-3, LearnBiases = true, Seed = 3 };
        var model = new BalanceCreditModel(spec);
        var random = new NeuroSim.Core.Randomness.SeededRandom(5);
        model.Present(
            [.. Enumerable.Range(0, sizes[0]).Select(_ => random.NextUniform(-1, 1))],
            [.. Enumerable.Range(0, sizes[^1]).Select(_ => random.NextUniform(-0.8, 0.8))]);
        return model;
    }

    /// <summary>
    /// The schedule of the full-step figures: coupled forward Euler, which the model takes as one fused pass over
    /// the weights (pools, retrograde sums and plasticity from each row read once), or the multirate schedule with
    /// every process due every step (each process its own pass).
    /// </summary>
    internal static SchedulerOptions FullStepOptions(bool fused, bool single) => fused
        ? new() { Mode = SchedulerMode.Coupled, DtMs = 0.1, Integrator = "euler", SinglePrecisionWeights = single }
        : Schedules.EveryStep(0.1);

    private static NetworkResult MeasureNetwork(int n, BenchSettings settings, KernelSettings kernels)
    {
        var model = LayeredModel(n);
        model.Network.Kernels = kernels;
        var scheduler = new Scheduler(model, FullStepOptions(settings.Fused, settings.Single));
        var synapses = model.Network.SynapseCount;
        scheduler.Advance(3);

        // Steps per timing block: about a tenth of the measurement.
        var probe = Stopwatch.GetTimestamp();
        scheduler.Advance(5);
        var perStep = Math.Max(1e-7, Stopwatch.GetElapsedTime(probe).TotalSeconds / 5);
        var steps = Math.Max(1, (long)(settings.Seconds / perStep));

        var rates = new double[settings.Repeats];
        for (var r = 0; r < settings.Repeats; r++)
        {
            var start = Stopwatch.GetTimestamp();
            scheduler.Advance(steps);
            rates[r] = steps / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        // Share outside the connectivity kernels, from a separate profiled run of the same length.
        var profile = new KernelProfile();
        model.Network.Kernels = new KernelSettings { ThreadCount = kernels.ThreadCount, Profile = profile };
        var profiled = Stopwatch.GetTimestamp();
        scheduler.Advance(steps);
        var total = Stopwatch.GetTimestamp() - profiled;
        var outside = Math.Max(0.0, 1.0 - ((double)profile.Ticks / total));

        // Fused minimum per step: W read and written once (8 B each way), plus x, c, s, b read and x, c written.
        var bytes = ((settings.Single ? 8.0 : 16.0) * synapses) + (8.0 * 8 * n);
        return new NetworkResult(synapses, MedianOf(rates), bytes, outside);
    }

    private static (double Adiabatic, double Bp) MeasureTraining(BenchSettings settings, KernelSettings kernels)
    {
        int[] sizes = [784, 256, 10];
        var data = Datasets.TeacherStudent(sizes, settings.Examples, seed: 11);
        var timescales = Timescales.Separated(1.0, 0.1);
        var spec = BalanceCreditSpec.Layered(sizes, timescales, "tanh") with { LearningRate = 0.01, LearnBiases = true, Seed = 13 };
        var model = new BalanceCreditModel(spec);
        model.Network.Kernels = kernels;
        var bp = new BackpropLearner(BackpropLearner.MirrorOf(model), 0.01, learnBiases: true);
        var options = new SchedulerOptions
        {
            Mode = SchedulerMode.Adiabatic,
            DtMs = 1.0,
            // The plasticity drive is constant over the window, so every integrator is exact; euler takes one evaluation.
            Clocks = new Dictionary<string, ProcessClock> { ["plasticity"] = new("euler", 1) },
        };
        var learner = new BalanceCreditLearner(model, options, timescales.PlasticityMs);

        // Warm both up, then alternate measurements so that machine noise hits both alike.
        learner.Present(data.Inputs[0], data.Targets[0]);
        bp.Network.TrainStep(data.Inputs[0], data.Targets[0], 0.01, true, [.. bp.Network.Weights.Select(w => new double[w.Length])], [.. bp.Network.Biases.Select(b => new double[b.Length])]);
        var adiabatic = new double[settings.Repeats];
        var plain = new double[settings.Repeats];
        for (var r = 0; r < settings.Repeats; r++)
        {
            var start = Stopwatch.GetTimestamp();
            learner.TrainEpoch(data);
            adiabatic[r] = data.Count / Stopwatch.GetElapsedTime(start).TotalSeconds;
            start = Stopwatch.GetTimestamp();
            bp.TrainEpoch(data);
            plain[r] = data.Count / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        return (MedianOf(adiabatic), MedianOf(plain));
    }

    /// <summary>The network, eps and schedules of the multirate-versus-coupled comparison.</summary>
    internal static readonly int[] SeparationSizes = [20, 40, 10];

    private static SeparationResult MeasureSeparation(BenchSettings settings, KernelSettings kernels)
    {
        var reference = BestOf(settings.Repeats, () => ColdStartPresentation(SchedulerMode.Coupled, 0.1, kernels));
        var coupledLargest = BestOf(settings.Repeats, () => ColdStartPresentation(SchedulerMode.Coupled, 2.0, kernels));
        var multirate = BestOf(settings.Repeats, () => ColdStartPresentation(SchedulerMode.Multirate, 0.1, kernels));
        return new SeparationResult(reference, coupledLargest, multirate);
    }

    private static (double Seconds, double Deviation) BestOf(int repeats, Func<(double Seconds, double Deviation)> measure)
    {
        var runs = Enumerable.Range(0, repeats).Select(_ => measure()).ToArray();
        return (runs.Min(r => r.Seconds), runs[0].Deviation);
    }

    /// <summary>The separation study's presentation (tests: TimescaleSeparationTests): wall seconds and relative deviation from the BP step.</summary>
    internal static (double Seconds, double Deviation) ColdStartPresentation(SchedulerMode mode, double dt, KernelSettings kernels)
    {
        const double eps = 0.01;
        const double eta = 1e-3;
        var sizes = SeparationSizes;
        var timescales = Timescales.Separated(1.0, eps);
        var model = new BalanceCreditModel(BalanceCreditSpec.Layered(sizes, timescales, "tanh", weightGain: 1.2) with { LearningRate = eta, Seed = 42 });
        model.Network.Kernels = kernels;
        var random = new NeuroSim.Core.Randomness.SeededRandom(7);
        double[] input = [.. Enumerable.Range(0, sizes[0]).Select(_ => random.NextUniform(-1, 1))];
        double[] target = [.. Enumerable.Range(0, sizes[^1]).Select(_ => random.NextUniform(-0.8, 0.8))];
        var mlp = BackpropLearner.MirrorOf(model);
        var (gw, gb) = mlp.NewGradientBuffers();
        mlp.Gradient(input, target, gw, gb);
        var options = mode == SchedulerMode.Coupled
            ? new SchedulerOptions { Mode = mode, DtMs = dt, Integrator = "rk4" }
            : Schedules.CoarseFiring(timescales, dt);
        var scheduler = new Scheduler(model, options);
        model.ResetActivity();
        model.Present(input, target);
        var before = model.Weights.ToArray();
        var start = Stopwatch.GetTimestamp();
        scheduler.RunFor(timescales.PlasticityMs);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        // Layered dense projections: the weight vector is the BP matrices concatenated.
        double diff = 0, norm = 0;
        var after = model.Weights;
        var k = 0;
        foreach (var g in gw.SelectMany(m => m))
        {
            var bpStep = -eta * g;
            var change = after[k] - before[k];
            diff += (change - bpStep) * (change - bpStep);
            norm += bpStep * bpStep;
            k++;
        }

        return (seconds, Math.Sqrt(diff / norm));
    }

    private static double Median(int repeats, Func<double> measure) => MedianOf([.. Enumerable.Range(0, repeats).Select(_ => measure())]);

    private static double MedianOf(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]);
    }

    private sealed record BenchSettings(int[] Sizes, double Seconds, int Repeats, int Threads, int Examples, bool Separation, int BandwidthMib, bool Fused, bool Single);

    private sealed record NetworkResult(int Synapses, double StepsPerSecond, double BytesPerStep, double OutsideKernels);

    private sealed record SeparationResult(
        (double Seconds, double Deviation) Reference,
        (double Seconds, double Deviation) CoupledLargestStep,
        (double Seconds, double Deviation) Multirate);
}
