namespace NeuroSim.Core.Kernels;

/// <summary>A unit of kernel work split into a fixed number of independent chunks.</summary>
internal interface IChunkedWork
{
    /// <summary>Runs chunk <paramref name="chunk"/>. Chunks write disjoint outputs, so their order does not matter.</summary>
    void RunChunk(int chunk);
}

/// <summary>
/// The fork-join used by the connectivity kernels: a set of background workers, shared by the process and grown on
/// demand (a call uses one fewer than its <see cref="KernelSettings.ThreadCount"/>; the calling thread is the last
/// one). Every chunk owns a fixed set of output elements and computes each of them in a fixed order, so results are
/// bit-identical whatever the thread count and whichever thread runs which chunk. Nothing is allocated per call. A
/// call that finds the workers busy (another model stepping on another thread) runs its chunks on the calling thread,
/// with the same result.
/// <para>
/// Each thread owns a contiguous range of the chunks and runs it first; only then does it take chunks left in the
/// other ranges. The same thread therefore works on the same weights call after call, and they stay in its core's
/// cache: when any thread took any chunk, every step moved the written weights from one core's cache to the other's,
/// and two threads were slower than one on networks whose weights fit in the caches (N = 1,000).
/// </para>
/// </summary>
public static class KernelThreads
{
    /// <summary>Below this many multiply-adds a kernel runs on the calling thread: waking a worker costs more.</summary>
    public const int MinimumParallelWork = 1 << 16;

    /// <summary>The most threads one call uses; ranges are claimed through this many padded claim words.</summary>
    private const int MaximumThreads = 64;

    private static readonly object Gate = new();
    private static readonly ClaimWord[] Claims = new ClaimWord[MaximumThreads];
    private static Worker[] workers = [];

    // The job in flight (written under Gate before the claim words open it). A claim word packs the job's
    // generation (high 32 bits) with the next unclaimed chunk of its range (low 32 bits), so a chunk can only be
    // claimed for the job it belongs to.
    private static IChunkedWork? job;
    private static int jobChunks;
    private static int jobThreads;
    private static long currentGeneration;
    private static int completed;

    /// <summary>Runs chunks 0..chunkCount-1 of <paramref name="work"/>, spread over <paramref name="settings"/>' threads when <paramref name="parallel"/>.</summary>
    internal static void Run(IChunkedWork work, int chunkCount, bool parallel, KernelSettings settings)
    {
        if (settings.Profile is { } profile)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            RunCore(work, chunkCount, parallel, settings.ThreadCount);
            profile.Add(System.Diagnostics.Stopwatch.GetTimestamp() - start);
            return;
        }

        RunCore(work, chunkCount, parallel, settings.ThreadCount);
    }

    private static void RunCore(IChunkedWork work, int chunkCount, bool parallel, int threadCount)
    {
        var threads = Math.Min(Math.Min(threadCount, chunkCount), MaximumThreads);
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
            var generation = currentGeneration + 1;
            currentGeneration = generation;
            job = work;
            jobChunks = chunkCount;
            jobThreads = threads;
            completed = 0;

            // Publishing the claim words (generation, first chunk of the range) opens the job; everything above is visible first.
            for (var k = 0; k < threads; k++)
            {
                Volatile.Write(ref Claims[k].Word, (generation << 32) | (long)RangeStart(k, chunkCount, threads));
            }

            for (var k = 0; k < threads - 1; k++)
            {
                workers[k].Release(generation);
            }

            var mine = TakeChunks(generation, work, chunkCount, threads, threads - 1);

            // Wait only for chunks a worker has actually claimed: a worker that wakes late finds none left.
            var spin = default(SpinWait);
            while (Volatile.Read(ref completed) + mine < chunkCount)
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

    private static int RangeStart(int range, int chunkCount, int threads) => (int)((long)range * chunkCount / threads);

    /// <summary>Runs the chunks of job <paramref name="generation"/> left in range <paramref name="self"/>, then those left in the others; returns how many it ran.</summary>
    private static int TakeChunks(long generation, IChunkedWork work, int chunkCount, int threads, int self)
    {
        var ran = 0;
        for (var k = 0; k < threads; k++)
        {
            var range = (self + k) % threads;
            var end = RangeStart(range + 1, chunkCount, threads);
            while (true)
            {
                var word = Volatile.Read(ref Claims[range].Word);
                var chunk = (int)(word & 0xFFFFFFFF);
                if ((word >> 32) != generation)
                {
                    return ran;
                }

                if (chunk >= end)
                {
                    break;
                }

                if (Interlocked.CompareExchange(ref Claims[range].Word, word + 1, word) == word)
                {
                    work.RunChunk(chunk);
                    ran++;
                }
            }
        }

        return ran;
    }

    private static void WorkerTakeChunks(int index, long generation)
    {
        // Read after the claim words: if the job has moved on, every claim below fails.
        if ((Volatile.Read(ref Claims[index].Word) >> 32) != generation)
        {
            return;
        }

        var work = job;
        var chunkCount = jobChunks;
        var threads = jobThreads;
        if (work is null || index >= threads)
        {
            return;
        }

        var ran = TakeChunks(generation, work, chunkCount, threads, index);
        if (ran > 0)
        {
            Interlocked.Add(ref completed, ran);
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

    /// <summary>One range's claim word, alone on its cache lines so that two threads claiming in their own ranges do not contend.</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 128)]
    private struct ClaimWord
    {
        [System.Runtime.InteropServices.FieldOffset(64)]
        public long Word;
    }

    /// <summary>A background thread that spins briefly for the next job (kernels come in bursts), then sleeps on an event.</summary>
    // The workers live as long as the process; their events are never disposed.
#pragma warning disable CA1001
    private sealed class Worker
#pragma warning restore CA1001
    {
        private readonly ManualResetEventSlim wake = new(false, spinCount: 1);
        private readonly int index;
        private long released;

        public Worker(int index)
        {
            this.index = index;
            var thread = new Thread(Loop) { IsBackground = true, Name = $"NeuroSim kernel worker {index + 1}" };
            thread.Start();
        }

        public void Release(long generation)
        {
            Volatile.Write(ref released, generation);
            wake.Set();
        }

        private void Loop()
        {
            long seen = 0;
            while (true)
            {
                // Spin for a short while: the next kernel of the same step usually follows within microseconds.
                for (var k = 0; k < 500 && Volatile.Read(ref released) == seen; k++)
                {
                    Thread.SpinWait(30);
                }

                // Reset before re-checking, so a stale signal never runs a job twice and a fresh one is never lost.
                while (Volatile.Read(ref released) == seen)
                {
                    wake.Wait();
                    wake.Reset();
                }

                seen = Volatile.Read(ref released);
                WorkerTakeChunks(index, seen);
            }
        }
    }
}
