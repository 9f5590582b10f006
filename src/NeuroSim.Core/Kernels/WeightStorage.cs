using System.Runtime.CompilerServices;

namespace NeuroSim.Core.Kernels;

/// <summary>
/// Reads and writes weights stored as <c>double</c> or as <c>float</c> (float32 storage: half the memory
/// traffic, weights carried to 24 bits) as doubles, so that one kernel body serves both storages: a float is
/// widened exactly, every product and sum is taken in double, and an updated weight is rounded back to float32
/// (round to nearest even). The type tests are constants of each instantiation, which the JIT folds away. The
/// lanes' counterparts are <see cref="IVectorOps{TVector}.LoadWeights"/> and <see cref="IVectorOps{TVector}.StoreWeights"/>.
/// </summary>
internal static unsafe class WeightStorage
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Load<TWeight>(TWeight* w)
        where TWeight : unmanaged =>
        typeof(TWeight) == typeof(float) ? *(float*)w : *(double*)w;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<TWeight>(TWeight* w, double value)
        where TWeight : unmanaged
    {
        if (typeof(TWeight) == typeof(float))
        {
            *(float*)w = (float)value;
        }
        else
        {
            *(double*)w = value;
        }
    }
}
