using BenchmarkDotNet.Running;

namespace NeuroSim.Benchmarks;

/// <summary>`dotnet run -c Release --project tests/NeuroSim.Benchmarks -- --filter '*'` (see BenchmarkDotNet's switches).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
