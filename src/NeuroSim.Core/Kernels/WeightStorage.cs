using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuroSim.Core.Kernels;

/// <summary>
/// Reads and writes weights stored as <c>double</c> or as <c>float</c> (float32 storage: half the memory
/// traffic, weights carried to 24 bits) in double lanes, so that one kernel body serves both storages: a float is
/// widened exactly, every product and sum is taken in double, and an updated weight is rounded back to float32
/// (round to nearest even). The type tests are constants of each instantiation, which the JIT folds away.
/// </summary>
internal static unsafe class WeightStorage
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Load<TWeight>(TWeight* w)
        where TWeight : unmanaged =>
        typeof(TWeight) == typeof(float) ? *(float*)w : *(double*)w;

    /// <summary>Four weights from <paramref name="w"/> in double lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load4<TWeight>(TWeight* w)
        where TWeight : unmanaged
    {
        if (typeof(TWeight) != typeof(float))
        {
            return Vector256.Load((double*)w);
        }

        var single = Vector128.Load((float*)w);
        return Avx.IsSupported ? Avx.ConvertToVector256Double(single) : Vector256.WidenLower(single.ToVector256Unsafe());
    }

    /// <summary>Eight weights from <paramref name="w"/> in double lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load8<TWeight>(TWeight* w)
        where TWeight : unmanaged
    {
        if (typeof(TWeight) != typeof(float))
        {
            return Vector512.Load((double*)w);
        }

        var single = Vector256.Load((float*)w);
        return Avx512F.IsSupported ? Avx512F.ConvertToVector512Double(single) : Vector512.WidenLower(single.ToVector512Unsafe());
    }

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

    /// <summary>Four weights to <paramref name="w"/> from double lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store4<TWeight>(TWeight* w, Vector256<double> value)
        where TWeight : unmanaged
    {
        if (typeof(TWeight) != typeof(float))
        {
            value.Store((double*)w);
        }
        else
        {
            (Avx.IsSupported ? Avx.ConvertToVector128Single(value) : Vector256.Narrow(value, value).GetLower()).Store((float*)w);
        }
    }

    /// <summary>Eight weights to <paramref name="w"/> from double lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store8<TWeight>(TWeight* w, Vector512<double> value)
        where TWeight : unmanaged
    {
        if (typeof(TWeight) != typeof(float))
        {
            value.Store((double*)w);
        }
        else
        {
            (Avx512F.IsSupported ? Avx512F.ConvertToVector256Single(value) : Vector512.Narrow(value, value).GetLower()).Store((float*)w);
        }
    }
}
