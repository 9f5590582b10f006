using BenchmarkDotNet.Attributes;
using NeuroSim.Core.Neurons;

namespace NeuroSim.Benchmarks;

/// <summary>tanh and its slope over one population (the N = 200 bench network's neurons): NeuroSim's own vectorised tanh against the C library's, called per neuron.</summary>
public class ActivationBenchmarks
{
    private readonly TanhActivation tanh = new();
    private double[] s = [];
    private double[] x = [];
    private double[] d = [];

    [Params(13, 200)]
    public int Neurons { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        s = [.. Enumerable.Range(0, Neurons).Select(k => 3 * Math.Sin(k))];
        x = new double[Neurons];
        d = new double[Neurons];
    }

    [Benchmark(Baseline = true, Description = "C library tanh per neuron")]
    public void LibraryTanh()
    {
        for (var k = 0; k < s.Length; k++)
        {
            var t = Math.Tanh(s[k]);
            x[k] = t;
            d[k] = 1.0 - (t * t);
        }
    }

    [Benchmark(Description = "TanhActivation.ApplyWithSlope")]
    public void OwnTanh() => tanh.ApplyWithSlope(s, x, d);
}
