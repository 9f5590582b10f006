using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuroSim.Core.Kernels;

/// <summary>
/// The operations the SIMD kernels take on one hardware vector of doubles, <typeparamref name="TVector"/>
/// (<see cref="Vector512Ops"/>: eight lanes, <see cref="Vector256Ops"/>: four), so that each kernel body is written once
/// over <c>TOps, TVector</c> and the JIT compiles it per hardware width. Each member is the very Vector512 or Vector256
/// operation a width-specific kernel would call, so every path keeps its bits. The kernels work on the vectors
/// themselves, never on a struct wrapping them: a wrapped vector is kept in a local, and the JIT then no longer folds
/// its loads into the arithmetic (a fused row took three instructions more per eight weights). (.NET 10 keeps its own
/// <c>ISimdVector</c> internal.)
/// </summary>
internal unsafe interface IVectorOps<TVector>
    where TVector : struct
{
    /// <summary>The lanes of one vector: 8 or 4 (the eight logical lanes of <see cref="VectorKernels"/> are one or two vectors).</summary>
    static abstract int Count { get; }

    static abstract TVector Zero { get; }

    static abstract TVector Create(double value);

    static abstract TVector Load(double* source);

    /// <summary>Weights stored as double or float in double lanes (see <see cref="WeightStorage"/>).</summary>
    static abstract TVector LoadWeights<TWeight>(TWeight* source)
        where TWeight : unmanaged;

    /// <summary>
    /// max(v, 0) per lane as the x86 maxpd(0, v) where the hardware has it (see
    /// <see cref="Elementwise.Excitatory(double, double)"/> for why that keeps the pooled sums' bits).
    /// </summary>
    static abstract TVector PositivePart(TVector value);

    static abstract TVector Add(TVector left, TVector right);

    static abstract TVector Multiply(TVector left, TVector right);

    static abstract TVector Negate(TVector value);

    static abstract void Store(TVector value, double* destination);

    /// <summary>The lanes rounded to the weight storage (see <see cref="WeightStorage"/>).</summary>
    static abstract void StoreWeights<TWeight>(TVector value, TWeight* destination)
        where TWeight : unmanaged;
}

/// <summary>One 512-bit register: eight lanes.</summary>
internal readonly unsafe struct Vector512Ops : IVectorOps<Vector512<double>>
{
    public static int Count => Vector512<double>.Count;

    public static Vector512<double> Zero => Vector512<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Create(double value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(double* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LoadWeights<TWeight>(TWeight* source)
        where TWeight : unmanaged
    {
        if (typeof(TWeight) != typeof(float))
        {
            return Vector512.Load((double*)source);
        }

        var single = Vector256.Load((float*)source);
        return Avx512F.IsSupported ? Avx512F.ConvertToVector512Double(single) : Vector512.WidenLower(single.ToVector512Unsafe());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> PositivePart(Vector512<double> value) =>
        Avx512F.IsSupported ? Avx512F.Max(Vector512<double>.Zero, value) : Vector512.Max(value, Vector512<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> left, Vector512<double> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Multiply(Vector512<double> left, Vector512<double> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Negate(Vector512<double> value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<double> value, double* destination) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreWeights<TWeight>(Vector512<double> value, TWeight* destination)
        where TWeight : unmanaged
    {
        if (typeof(TWeight) != typeof(float))
        {
            value.Store((double*)destination);
        }
        else
        {
            (Avx512F.IsSupported ? Avx512F.ConvertToVector256Single(value) : Vector512.Narrow(value, value).GetLower()).Store((float*)destination);
        }
    }
}

/// <summary>One 256-bit register: four lanes.</summary>
internal readonly unsafe struct Vector256Ops : IVectorOps<Vector256<double>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(double* source) => Vector256.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<double> value, double* destination) => Vector256.Store(value, destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LoadWeights<TWeight>(TWeight* source)
        where TWeight : unmanaged =>
        typeof(TWeight) != typeof(float) ? Vector256.Load((double*)source) : Widen(Vector128.Load((float*)source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreWeights<TWeight>(Vector256<double> value, TWeight* destination)
        where TWeight : unmanaged
    {
        if (typeof(TWeight) == typeof(float))
        {
            Narrow(value).Store((float*)destination);
        }
        else
        {
            Vector256.Store(value, (double*)destination);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Create(double value) => Vector256.Create(value);

    public static Vector256<double> Zero => Vector256<double>.Zero;

    public static int Count => Vector256<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> left, Vector256<double> right) => Vector256.Add(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> left, Vector256<double> right) => Vector256.Multiply(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Negate(Vector256<double> value) => Vector256.Negate(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> PositivePart(Vector256<double> value) =>
        Avx.IsSupported ? Avx.Max(Vector256<double>.Zero, value) : Vector256.Max(value, Vector256<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Widen(Vector128<float> single) =>
        Avx.IsSupported ? Avx.ConvertToVector256Double(single) : Vector256.WidenLower(single.ToVector256Unsafe());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Narrow(Vector256<double> value) =>
        Avx.IsSupported ? Avx.ConvertToVector128Single(value) : Vector256.Narrow(value, value).GetLower();
}
