using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace NeuroSim.Core.Kernels;

/// <summary>
/// A STREAM-style triad a = b + s c over arrays far larger than the caches, on the kernel threads, so that
/// the simulator's effective memory traffic can be set against what this machine moves in the same run.
/// Bytes are counted as STREAM does: 24 per element (two reads, one write).
/// </summary>
public static class MemoryBandwidth
{
    /// <summary>Best-of-<paramref name="repeats"/> triad bandwidth in bytes per second over arrays of <paramref name="elements"/> doubles, on <paramref name="settings"/>' threads.</summary>
    public static double MeasureTriad(KernelSettings settings, int elements = 1 << 24, int repeats = 7)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(elements, 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var a = new double[elements];
        var b = new double[elements];
        var c = new double[elements];
        b.AsSpan().Fill(1.0);
        c.AsSpan().Fill(2.0);
        var triad = new Triad(a, b, c);
        var best = double.PositiveInfinity;
        for (var r = 0; r <= repeats; r++)
        {
            var start = Stopwatch.GetTimestamp();
            KernelThreads.Run(triad, triad.Chunks, parallel: true, settings);
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (r > 0)
            {
                best = Math.Min(best, seconds);
            }
        }

        return 24.0 * elements / best;
    }

    private sealed class Triad(double[] a, double[] b, double[] c) : IChunkedWork
    {
        private const int ChunkSize = 1 << 16;

        public int Chunks => (a.Length + ChunkSize - 1) / ChunkSize;

        public void RunChunk(int chunk)
        {
            var start = chunk * ChunkSize;
            var length = Math.Min(ChunkSize, a.Length - start);
            var x = a.AsSpan(start, length);
            var y = b.AsSpan(start, length);
            var z = c.AsSpan(start, length);
            var s = Vector256.Create(3.0);
            var j = 0;
            for (; j <= length - 4; j += 4)
            {
                (Vector256.Create(y[j..]) + (s * Vector256.Create(z[j..]))).CopyTo(x[j..]);
            }

            for (; j < length; j++)
            {
                x[j] = y[j] + (3.0 * z[j]);
            }
        }
    }
}
