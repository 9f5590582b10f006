using System.Diagnostics;
using NeuroSim.Core.Kernels;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Reference;

namespace NeuroSim.Analysis.Benchmarking;

/// <summary>
/// Throughput of the balance-credit engine on layered networks, the machine's own triad bandwidth measured in the
/// same run, adiabatic training against plain BP, and the multirate scheduler against coupled mode at eps = 0.01.
/// </summary>
public static class EngineBench
{
    /// <summary>Measures everything <paramref name="settings"/> asks for with its kernel thread count, restored afterwards.</summary>
    public static BenchResult Run(BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var kernels = new KernelSettings { ThreadCount = settings.Threads };
        var elements = settings.BandwidthMib * (1 << 20) / sizeof(double);
        var bandwidth = Median(settings.Repeats, () => MemoryBandwidth.MeasureTriad(kernels, elements));
        var networks = settings.Sizes.Select(n => MeasureNetwork(n, settings, kernels)).ToList();
        var training = settings.Examples > 0 ? MeasureTraining(settings, kernels) : ((double Adiabatic, double Bp)?)null;
        var separation = settings.Separation ? MeasureSeparation(settings, kernels) : null;
        return new BenchResult(bandwidth, networks, training, separation);
    }

    private static NetworkResult MeasureNetwork(int n, BenchSettings settings, KernelSettings kernels)
    {
        var model = BenchModels.LayeredModel(n);
        model.Network.Kernels = kernels;
        var scheduler = new Scheduler(model, BenchModels.FullStepOptions(settings.Fused, settings.SinglePrecision));
        var synapses = model.Network.SynapseCount;
        var steps = BenchTiming.WarmUp(scheduler, settings.Seconds);
        var rates = new double[settings.Repeats];
        for (var r = 0; r < settings.Repeats; r++)
        {
            rates[r] = BenchTiming.StepsPerSecond(scheduler, steps);
        }

        // Share outside the connectivity kernels, from a separate profiled run of the same length.
        var profile = new KernelProfile();
        model.Network.Kernels = new KernelSettings { ThreadCount = kernels.ThreadCount, Profile = profile };
        var profiled = Stopwatch.GetTimestamp();
        scheduler.Advance(steps);
        var total = Stopwatch.GetTimestamp() - profiled;
        model.Network.Kernels = kernels;
        var outside = Math.Max(0.0, 1.0 - ((double)profile.Ticks / total));

        // Fused minimum per step: W read and written once (8 B each way), plus x, c, s, b read and x, c written.
        var bytes = ((settings.SinglePrecision ? 8.0 : 16.0) * synapses) + (8.0 * 8 * n);
        return new NetworkResult(n, synapses, MedianOf(rates), bytes, outside);
    }

    /// <summary>Steps/s of the fused double-precision step on the bench network of <paramref name="n"/> neurons, one run of about <paramref name="seconds"/> after a warm-up: the figure the peers are compared with.</summary>
    public static double FusedStepsPerSecond(int n, double seconds, KernelSettings kernels)
    {
        var model = BenchModels.LayeredModel(n);
        model.Network.Kernels = kernels;
        var scheduler = new Scheduler(model, BenchModels.FullStepOptions(fused: true, singlePrecision: false));
        return BenchTiming.StepsPerSecond(scheduler, BenchTiming.WarmUp(scheduler, seconds));
    }

    private static (double Adiabatic, double Bp) MeasureTraining(BenchSettings settings, KernelSettings kernels)
    {
        int[] sizes = [784, 256, 10];
        var data = Datasets.TeacherStudent(sizes, settings.Examples, seed: 11);
        var timescales = Timescales.Separated(1.0, 0.1);
        var spec = BalanceCreditSpec.Layered(sizes, timescales, "tanh") with { LearningRate = 0.01, LearnBiases = true, Seed = 13 };
        var model = new BalanceCreditModel(spec);
        model.Network.Kernels = kernels;
        var bp = new BackpropTrainer(BackpropMirror.Of(model), 0.01, learnBiases: true);
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
        bp.TrainBatch(data.Inputs, data.Targets, [0], 0, 1);
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
    public static (double Seconds, double Deviation) ColdStartPresentation(SchedulerMode mode, double dt, KernelSettings kernels)
    {
        const double eps = 0.01;
        const double eta = 1e-3;
        var sizes = BenchModels.SeparationSizes;
        var timescales = Timescales.Separated(1.0, eps);
        var model = new BalanceCreditModel(BalanceCreditSpec.Layered(sizes, timescales, "tanh", weightGain: 1.2) with { LearningRate = eta, Seed = 42 });
        model.Network.Kernels = kernels;
        var random = new NeuroSim.Core.Randomness.SeededRandom(7);
        double[] input = [.. Enumerable.Range(0, sizes[0]).Select(_ => random.NextUniform(-1, 1))];
        double[] target = [.. Enumerable.Range(0, sizes[^1]).Select(_ => random.NextUniform(-0.8, 0.8))];
        var mlp = BackpropMirror.Of(model);
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
}

/// <summary>The triad bandwidth (bytes/s), the step figures per network size, and the optional training and separation timings.</summary>
public sealed record BenchResult(
    double Bandwidth,
    IReadOnlyList<NetworkResult> Networks,
    (double Adiabatic, double Bp)? Training,
    SeparationResult? Separation);

/// <summary>Step figures of one network of <paramref name="Neurons"/> neurons.</summary>
public sealed record NetworkResult(int Neurons, int Synapses, double StepsPerSecond, double BytesPerStep, double OutsideKernels);

/// <summary>Wall seconds and relative deviation from the BP step of one eps = 0.01 presentation per schedule.</summary>
public sealed record SeparationResult(
    (double Seconds, double Deviation) Reference,
    (double Seconds, double Deviation) CoupledLargestStep,
    (double Seconds, double Deviation) Multirate);
