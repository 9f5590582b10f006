namespace NeuroSim.Core.Kernels;

/// <summary>
/// Fixed partitions of a kernel's rows or columns into chunks. The partition depends only on the shape of the
/// problem, never on the thread count, and each chunk computes its outputs in a fixed order.
/// </summary>
internal static class Chunking
{
    /// <summary>Work (multiply-adds) per chunk aimed at: large enough to amortise the hand-off, small enough to balance two busy cores.</summary>
    public const int ChunkWork = 1 << 15;

    /// <summary>Items per chunk for <paramref name="items"/> items of <paramref name="workPerItem"/> each, a multiple of <paramref name="multiple"/>.</summary>
    public static int ItemsPerChunk(int items, long workPerItem, int multiple = 1)
    {
        var perChunk = (int)Math.Clamp(ChunkWork / Math.Max(1, workPerItem), 1, Math.Max(1, items));
        perChunk = ((perChunk + multiple - 1) / multiple) * multiple;
        return Math.Max(perChunk, multiple);
    }

    public static int ChunkCount(int items, int perChunk) => items <= 0 ? 0 : (items + perChunk - 1) / perChunk;
}
