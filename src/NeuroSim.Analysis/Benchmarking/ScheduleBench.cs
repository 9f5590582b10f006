using NeuroSim.Core.Kernels;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Analysis.Benchmarking;

/// <summary>
/// The schedules of the bench network side by side (`neurosim bench --compare-schedules`): for each size, rounds in
/// which every schedule runs for a while on its own model, one after the other, so that machine noise hits all alike;
/// the best round of each counts. Throughput is counted per pass: one pass is one evaluation of every process's
/// derivative (firing, credit, plasticity) over the whole network, so a fused or multirate Euler step is one pass and a
/// coupled RK4 step four; synapse-passes/s = synapses x passes/s.
/// </summary>
public static class ScheduleBench
{
    /// <summary>The schedules the comparison knows, in the order they run.</summary>
    public static readonly IReadOnlyList<string> AllSchedules = ["fused", "euler", "multirate", "multirate-generic", "rk4", "rk4-generic"];

    /// <summary>The schedules compared unless others are asked for.</summary>
    public static readonly IReadOnlyList<string> DefaultSchedules = ["fused", "multirate", "rk4"];

    /// <summary>
    /// The scheduler options of <paramref name="schedule"/> at dt = 0.1 ms: `fused` coupled forward Euler through the fused
    /// pass, `euler` the same step through the generic integrator, `multirate` every process due every step (firing and
    /// credit exp-euler, plasticity euler), `rk4` coupled classical Runge-Kutta; `-generic` switches the model's fused
    /// paths off (<see cref="SchedulerOptions.Fused"/>), leaving the integrators' generic loops.
    /// </summary>
    public static SchedulerOptions Options(string schedule) => schedule switch
    {
        "fused" => BenchModels.FullStepOptions(fused: true, singlePrecision: false),
        "euler" => BenchModels.FullStepOptions(fused: true, singlePrecision: false) with { Fused = false },
        "multirate" => Schedules.EveryStep(0.1),
        "multirate-generic" => Schedules.EveryStep(0.1) with { Fused = false },
        "rk4" => new SchedulerOptions { Mode = SchedulerMode.Coupled, DtMs = 0.1, Integrator = "rk4" },
        "rk4-generic" => new SchedulerOptions { Mode = SchedulerMode.Coupled, DtMs = 0.1, Integrator = "rk4", Fused = false },
        _ => throw new ArgumentException($"unknown schedule '{schedule}'; valid: {string.Join(", ", AllSchedules)}"),
    };

    /// <summary>Passes per base step of <paramref name="options"/>: derivative evaluations of all processes together, divided by the number of processes.</summary>
    public static double PassesPerStep(SchedulerOptions options, IReadOnlyList<string> processes)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(processes);
        if (options.Mode == SchedulerMode.Coupled)
        {
            return Evaluations(options.Integrator);
        }

        var total = 0.0;
        foreach (var name in processes)
        {
            var clock = options.Clocks.TryGetValue(name, out var c) ? c : new ProcessClock(options.Integrator, 1);
            total += Evaluations(clock.Integrator) / (double)clock.PeriodSteps;
        }

        return total / processes.Count;
    }

    /// <summary>Derivative evaluations per step of a fixed-step integrator.</summary>
    private static int Evaluations(string integrator) => integrator switch
    {
        "euler" or "exp-euler" => 1,
        "heun" => 2,
        "rk4" => 4,
        _ => throw new ArgumentException($"schedule comparison: integrator '{integrator}' has no fixed number of evaluations per step"),
    };

    /// <summary>Runs the comparison; <paramref name="progress"/> hears one line per measurement.</summary>
    public static IReadOnlyList<ScheduleResult> Run(ScheduleBenchSettings settings, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var kernels = new KernelSettings { ThreadCount = settings.Threads };
        var results = new List<ScheduleResult>();
        foreach (var n in settings.Sizes)
        {
            var runs = settings.Schedules.Select(name =>
            {
                var model = BenchModels.LayeredModel(n);
                model.Network.Kernels = kernels;
                var options = Options(name);
                var scheduler = new Scheduler(model, options);
                var passes = PassesPerStep(options, [.. model.Processes.Select(p => p.Name)]);
                return (Name: name, Model: model, Scheduler: scheduler, Passes: passes, Steps: BenchTiming.WarmUp(scheduler, settings.Seconds), Best: 0.0);
            }).ToArray();

            for (var round = 0; round < settings.Rounds; round++)
            {
                for (var k = 0; k < runs.Length; k++)
                {
                    var rate = BenchTiming.StepsPerSecond(runs[k].Scheduler, runs[k].Steps);
                    runs[k].Best = Math.Max(runs[k].Best, rate);
                    progress?.Invoke(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"N = {n}, round {round + 1}: {runs[k].Name} {rate:F1} steps/s"));
                }
            }

            var fused = runs.FirstOrDefault(r => r.Name == "fused");
            foreach (var r in runs)
            {
                var passRate = r.Best * r.Passes;
                double? ofFused = fused.Name is null ? null : passRate / (fused.Best * fused.Passes);
                results.Add(new ScheduleResult(n, r.Model.Network.SynapseCount, r.Name, r.Best, r.Passes, ofFused));
            }
        }

        return results;
    }
}

/// <summary>What `neurosim bench --compare-schedules` measures.</summary>
public sealed record ScheduleBenchSettings
{
    public required IReadOnlyList<int> Sizes { get; init; }

    public IReadOnlyList<string> Schedules { get; init; } = ScheduleBench.DefaultSchedules;

    /// <summary>Wall time of each measurement, s.</summary>
    public double Seconds { get; init; } = 1.0;

    /// <summary>Interleaved rounds; the best of each schedule counts.</summary>
    public int Rounds { get; init; } = 3;

    public int Threads { get; init; } = Environment.ProcessorCount;

    public void Validate()
    {
        BenchSettings.ValidateSizes(Sizes);
        foreach (var name in Schedules)
        {
            if (!ScheduleBench.AllSchedules.Contains(name))
            {
                throw new ArgumentException($"--schedules {name}: unknown schedule; valid: {string.Join(", ", ScheduleBench.AllSchedules)}");
            }
        }
    }
}

/// <summary>One schedule on one size: best steps/s, passes per step and the per-pass throughput relative to the fused step (null when fused was not measured).</summary>
public sealed record ScheduleResult(int Neurons, int Synapses, string Schedule, double StepsPerSecond, double PassesPerStep, double? PerPassOfFused)
{
    /// <summary>Synapses times passes per second.</summary>
    public double SynapsePassesPerSecond => Synapses * StepsPerSecond * PassesPerStep;
}
