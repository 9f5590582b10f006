namespace NeuroSim.Core.Kernels;

/// <summary>A unit of kernel work split into a fixed number of independent chunks.</summary>
internal interface IChunkedWork
{
    /// <summary>Runs chunk <paramref name="chunk"/>. Chunks write disjoint outputs, so their order does not matter.</summary>
    void RunChunk(int chunk);
}

/// <summary>
/// The fork-join used by the connectivity kernels: a fixed set of background workers (one fewer than
/// <see cref="ThreadCount"/>; the calling thread is the last one) that take chunks of a kernel from a shared
/// counter. Every chunk owns a fixed set of output elements and computes each of them in a fixed order, so
/// results are bit-identical whatever the thread count and whichever thread runs which chunk. Nothing is
/// allocated per call. A call that finds the workers busy (another model stepping on another thread) runs
/// its chunks on the calling thread, with the same result.
/// </summary>
public static class KernelThreads
{
    /// <summary>Below this many multiply-adds a kernel runs on the calling thread: waking a worker costs more.</summary>
    public const int MinimumParallelWork = 1 << 16;

    private static readonly object Gate = new();
    private static int threadCount = Math.Max(1, Environment.ProcessorCount);
    private static Worker[] workers = [];

    // The job in flight (written under Gate before the workers are released).
    private static IChunkedWork? job;
    private static int jobChunks;
    private static int nextChunk;
    private static int pending;

    /// <summary>
    /// Threads the kernels use (default: the processor count). 1 runs everything on the calling thread.
    /// Changing it never changes a result, only the speed.
    /// </summary>
    public static int ThreadCount
    {
        get => Volatile.Read(ref threadCount);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            lock (Gate)
            {
                threadCount = value;
            }
        }
    }

    /// <summary>Runs chunks 0..chunkCount-1 of <paramref name="work"/>, spread over the kernel threads when <paramref name="parallel"/>.</summary>
    internal static void Run(IChunkedWork work, int chunkCount, bool parallel)
    {
        var threads = Math.Min(ThreadCount, chunkCount);
        if (!parallel || threads <= 1 || !Monitor.TryEnter(Gate))
        {
            for (var c = 0; c < chunkCount; c++)
            {
                work.RunChunk(c);
            }

            return;
        }

        try
        {
            EnsureWorkers(threads - 1);
            job = work;
            jobChunks = chunkCount;
            Volatile.Write(ref nextChunk, 0);
            Volatile.Write(ref pending, threads - 1);
            for (var k = 0; k < threads - 1; k++)
            {
                workers[k].Release();
            }

            TakeChunks();
            var spin = new SpinWait();
            while (Volatile.Read(ref pending) != 0)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }

            job = null;
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    private static void TakeChunks()
    {
        var work = job!;
        int c;
        while ((c = Interlocked.Increment(ref nextChunk) - 1) < jobChunks)
        {
            work.RunChunk(c);
        }
    }

    private static void EnsureWorkers(int count)
    {
        if (workers.Length >= count)
        {
            return;
        }

        var grown = new Worker[count];
        workers.CopyTo(grown, 0);
        for (var k = workers.Length; k < count; k++)
        {
            grown[k] = new Worker(k);
        }

        workers = grown;
    }

    /// <summary>A background thread that spins briefly for the next job (kernels come in bursts), then sleeps on an event.</summary>
    // The workers live as long as the process; their events are never disposed.
#pragma warning disable CA1001
    private sealed class Worker
#pragma warning restore CA1001
    {
        private readonly ManualResetEventSlim wake = new(false, spinCount: 1);
        private int generation;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"NeuroSim kernel worker {index + 1}" };
            thread.Start();
        }

        public void Release()
        {
            Interlocked.Increment(ref generation);
            wake.Set();
        }

        private void Loop()
        {
            var seen = 0;
            while (true)
            {
                // Spin for a short while: the next kernel of the same step usually follows within microseconds.
                for (var k = 0; k < 500 && Volatile.Read(ref generation) == seen; k++)
                {
                    Thread.SpinWait(30);
                }

                // Reset before re-checking, so a stale signal never starts a job twice and a fresh one is never lost.
                while (Volatile.Read(ref generation) == seen)
                {
                    wake.Wait();
                    wake.Reset();
                }

                seen = Volatile.Read(ref generation);
                TakeChunks();
                Interlocked.Decrement(ref pending);
            }
        }
    }
}
