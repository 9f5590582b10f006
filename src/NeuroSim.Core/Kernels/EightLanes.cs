using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuroSim.Core.Kernels;

/// <summary>
/// The eight logical lanes of <see cref="VectorKernels"/> (column j in lane j mod 8) with the operations the kernels
/// take, so that each kernel body is written once over <typeparamref name="TSelf"/> and the JIT compiles it per
/// hardware width: one 512-bit register (<see cref="Lanes512"/>) or two 256-bit ones (<see cref="Lanes256Pair"/>).
/// Each member is the very Vector512 or Vector256 operation a width-specific kernel would call, so every path keeps
/// its bits. (.NET 10 keeps its own <c>ISimdVector</c> internal.)
/// </summary>
internal unsafe interface IEightLanes<TSelf>
    where TSelf : struct, IEightLanes<TSelf>
{
    static abstract TSelf Zero { get; }

    static abstract TSelf Create(double value);

    static abstract TSelf Load(double* source);

    /// <summary>Eight weights stored as double or float in double lanes (see <see cref="WeightStorage"/>).</summary>
    static abstract TSelf LoadWeights<TWeight>(TWeight* source)
        where TWeight : unmanaged;

    /// <summary>
    /// max(v, 0) per lane as the x86 maxpd(0, v) where the hardware has it (see
    /// <see cref="Elementwise.Excitatory(double, double)"/> for why that keeps the pooled sums' bits).
    /// </summary>
    static abstract TSelf PositivePart(TSelf value);

    static abstract TSelf operator +(TSelf left, TSelf right);

    static abstract TSelf operator *(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf value);

    void Store(double* destination);

    /// <summary>The lanes rounded to the weight storage (see <see cref="WeightStorage"/>).</summary>
    void StoreWeights<TWeight>(TWeight* destination)
        where TWeight : unmanaged;
}

/// <summary>Eight lanes in one 512-bit register.</summary>
internal readonly unsafe struct Lanes512(Vector512<double> lanes) : IEightLanes<Lanes512>
{
    private readonly Vector512<double> lanes = lanes;

    public static Lanes512 Zero => new(Vector512<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Create(double value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Load(double* source) => new(Vector512.Load(source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 LoadWeights<TWeight>(TWeight* source)
        where TWeight : unmanaged
    {
        if (typeof(TWeight) != typeof(float))
        {
            return Load((double*)source);
        }

        var single = Vector256.Load((float*)source);
        return new(Avx512F.IsSupported ? Avx512F.ConvertToVector512Double(single) : Vector512.WidenLower(single.ToVector512Unsafe()));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 PositivePart(Lanes512 value) =>
        new(Avx512F.IsSupported ? Avx512F.Max(Vector512<double>.Zero, value.lanes) : Vector512.Max(value.lanes, Vector512<double>.Zero));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator +(Lanes512 left, Lanes512 right) => new(left.lanes + right.lanes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator *(Lanes512 left, Lanes512 right) => new(left.lanes * right.lanes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator -(Lanes512 value) => new(-value.lanes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(double* destination) => lanes.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StoreWeights<TWeight>(TWeight* destination)
        where TWeight : unmanaged
    {
        if (typeof(TWeight) != typeof(float))
        {
            lanes.Store((double*)destination);
        }
        else
        {
            (Avx512F.IsSupported ? Avx512F.ConvertToVector256Single(lanes) : Vector512.Narrow(lanes, lanes).GetLower()).Store((float*)destination);
        }
    }
}

/// <summary>Eight lanes in two 256-bit registers: lanes 0-3 in <c>low</c>, 4-7 in <c>high</c>.</summary>
internal readonly unsafe struct Lanes256Pair(Vector256<double> low, Vector256<double> high) : IEightLanes<Lanes256Pair>
{
    private readonly Vector256<double> low = low;
    private readonly Vector256<double> high = high;

    public static Lanes256Pair Zero => new(Vector256<double>.Zero, Vector256<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256Pair Create(double value)
    {
        var both = Vector256.Create(value);
        return new(both, both);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256Pair Load(double* source) => new(Vector256.Load(source), Vector256.Load(source + 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256Pair LoadWeights<TWeight>(TWeight* source)
        where TWeight : unmanaged =>
        typeof(TWeight) != typeof(float)
            ? Load((double*)source)
            : new(Widen(Vector128.Load((float*)source)), Widen(Vector128.Load((float*)source + 4)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256Pair PositivePart(Lanes256Pair value) => new(PositivePart(value.low), PositivePart(value.high));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256Pair operator +(Lanes256Pair left, Lanes256Pair right) => new(left.low + right.low, left.high + right.high);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256Pair operator *(Lanes256Pair left, Lanes256Pair right) => new(left.low * right.low, left.high * right.high);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256Pair operator -(Lanes256Pair value) => new(-value.low, -value.high);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(double* destination)
    {
        low.Store(destination);
        high.Store(destination + 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StoreWeights<TWeight>(TWeight* destination)
        where TWeight : unmanaged
    {
        if (typeof(TWeight) != typeof(float))
        {
            Store((double*)destination);
        }
        else
        {
            Narrow(low).Store((float*)destination);
            Narrow(high).Store((float*)destination + 4);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Widen(Vector128<float> single) =>
        Avx.IsSupported ? Avx.ConvertToVector256Double(single) : Vector256.WidenLower(single.ToVector256Unsafe());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Narrow(Vector256<double> lanes) =>
        Avx.IsSupported ? Avx.ConvertToVector128Single(lanes) : Vector256.Narrow(lanes, lanes).GetLower();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> PositivePart(Vector256<double> value) =>
        Avx.IsSupported ? Avx.Max(Vector256<double>.Zero, value) : Vector256.Max(value, Vector256<double>.Zero);
}
