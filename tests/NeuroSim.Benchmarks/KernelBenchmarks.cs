using BenchmarkDotNet.Attributes;
using NeuroSim.Core.Connectivity;
using NeuroSim.Core.Kernels;
using NeuroSim.Core.Randomness;

namespace NeuroSim.Benchmarks;

/// <summary>The connectivity kernels (and the fused one) on one dense Post x Pre projection, one and two kernel threads.</summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private Network network = null!;
    private double[] weights = [];
    private double[] rates = [];
    private double[] drive = [];
    private double[] bias = [];
    private double[] excitatory = [];
    private double[] inhibitory = [];
    private double[] netInput = [];
    private double[] delta = [];
    private double[] target = [];
    private double[] dw = [];
    private double[] gains = [];

    /// <summary>Network size N of a layered N/4, N/2, N/4 network.</summary>
    [Params(200, 1000, 4000)]
    public int N { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var spec = NetworkSpec.Layered([N / 4, N / 2, N / 4], WeightDistribution.Normal(1.0));
        network = Network.Build(spec, new SeededRandom(1), out weights);
        network.Kernels = new KernelSettings { ThreadCount = Threads };
        var random = new SeededRandom(2);
        var n = network.NeuronCount;
        rates = [.. Enumerable.Range(0, n).Select(_ => random.NextUniform(-1, 1))];
        delta = [.. Enumerable.Range(0, n).Select(_ => random.NextUniform(-1, 1))];
        (drive, bias, excitatory, inhibitory, netInput, target) = (new double[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
        dw = new double[weights.Length];
        gains = [.. network.Projections.Select(_ => 1.0)];
    }

    [Benchmark(Description = "pooled E/I mat-vec")]
    public void Pools() => network.ComputePools(weights, rates, drive, drive, bias, excitatory, inhibitory, netInput);

    [Benchmark(Description = "transposed credit mat-vec")]
    public void Transposed() => network.TransposedProduct(gains, weights, delta, target);

    [Benchmark(Description = "rank-1 plasticity update")]
    public void Outer() => network.OuterProduct(1e-3, gains, delta, rates, dw);

    /// <summary>Pools, W^T delta and the Euler plasticity step from one read and one write of each row (the fused step's kernel).</summary>
    [Benchmark(Description = "fused pools + W^T delta + update")]
    public void Fused()
    {
        foreach (var p in network.Projections)
        {
            p.FusedEulerPass(weights.AsSpan(p.SlotRange), rates.AsSpan(p.Pre.Range), excitatory.AsSpan(p.Post.Range), inhibitory.AsSpan(p.Post.Range), rule, 1e-12, target.AsSpan(p.Pre.Range));
        }
    }

    private readonly FixedFactors rule = new();

    /// <summary>Constant row factors: the benchmark times the kernel, not a model.</summary>
    private sealed class FixedFactors : IFusedRowRule
    {
        public void FinishRows(int firstPost, Span<double> retrograde, Span<double> plasticity)
        {
            retrograde.Fill(0.5);
            plasticity.Fill(1e-3);
        }
    }
}
