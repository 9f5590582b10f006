namespace NeuroSim.Core.Kernels;

/// <summary>
/// One connectivity kernel call in flight: which kernel, its pinned operands (a, b, c, d in the order of
/// the public method's parameters, absent ones null) and scalars, split into chunks that threads claim.
/// Each storage layout derives one and implements <see cref="RunChunk"/>.
/// </summary>
internal abstract unsafe class KernelJob : IChunkedWork
{
#pragma warning disable CA1051 // read in the layouts' inner loops: fields, not properties
    protected KernelKind kind;
    protected double* a;
    protected double* b;
    protected double* c;
    protected double* d;
    protected double s1;
    protected double s2;
#pragma warning restore CA1051

    public int PerChunk { get; set; }

    public void Set(KernelKind what, double* p1, double* p2, double* p3, double* p4, double scalar1, double scalar2)
    {
        kind = what;
        a = p1;
        b = p2;
        c = p3;
        d = p4;
        (s1, s2) = (scalar1, scalar2);
    }

    /// <summary>Drops the pointers once the call returns, so that nothing outlives the pinning.</summary>
    public void Clear()
    {
        a = null;
        b = null;
        c = null;
        d = null;
    }

    public abstract void RunChunk(int chunk);
}
