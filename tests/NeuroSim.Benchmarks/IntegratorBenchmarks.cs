using BenchmarkDotNet.Attributes;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Benchmarks;

/// <summary>
/// One base step of the whole balance-credit model (layers N/4, N/2, N/4, all processes active) with each
/// integrator, in coupled mode and in multirate mode with every process due every step.
/// </summary>
[MemoryDiagnoser]
public class IntegratorBenchmarks
{
    private Scheduler scheduler = null!;

    [Params(200, 1000)]
    public int N { get; set; }

    [Params("euler", "exp-euler", "heun", "rk4", "dopri5")]
    public string Integrator { get; set; } = "euler";

    [Params(SchedulerMode.Coupled, SchedulerMode.Multirate)]
    public SchedulerMode Mode { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int[] sizes = [N / 4, N / 2, N / 4];
        var spec = BalanceCreditSpec.Layered(sizes, new Timescales(1, 10, 100), "tanh") with { LearningRate = 1e-3, LearnBiases = true };
        var model = new BalanceCreditModel(spec);
        model.Present(new double[sizes[0]].Select((_, k) => Math.Sin(k)).ToArray(), new double[sizes[^1]].Select((_, k) => 0.5 * Math.Cos(k)).ToArray());
        scheduler = new Scheduler(model, new SchedulerOptions { Mode = Mode, DtMs = 0.1, Integrator = Integrator });
        scheduler.Advance(2);
    }

    [Benchmark(Description = "one base step")]
    public void Step() => scheduler.Advance(1);
}

/// <summary>One adiabatic presentation (both fixed points and the plasticity window) on 784-256-10.</summary>
[MemoryDiagnoser]
public class AdiabaticBenchmarks
{
    private Scheduler scheduler = null!;

    [GlobalSetup]
    public void Setup()
    {
        int[] sizes = [784, 256, 10];
        var model = new BalanceCreditModel(BalanceCreditSpec.Layered(sizes, Timescales.Separated(1.0, 0.1), "tanh") with { LearningRate = 0.01, LearnBiases = true });
        model.Present(new double[784].Select((_, k) => Math.Sin(k)).ToArray(), new double[10].Select((_, k) => 0.5 * Math.Cos(k)).ToArray());
        scheduler = new Scheduler(model, new SchedulerOptions
        {
            Mode = SchedulerMode.Adiabatic,
            DtMs = 1.0,
            Clocks = new Dictionary<string, ProcessClock> { ["plasticity"] = new("euler", 1) },
        });
    }

    [Benchmark(Description = "adiabatic presentation 784-256-10")]
    public void Present() => scheduler.RunFor(100);
}
