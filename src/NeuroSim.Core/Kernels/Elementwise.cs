using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuroSim.Core.Kernels;

/// <summary>
/// The per-element formulas of the connectivity and integrator kernels, each written once for a scalar and for
/// 256- and 512-bit lanes (C# has no arithmetic interface over <see cref="Vector512{T}"/>, so the three overloads
/// of a formula stand side by side here and nowhere else). Every kernel, the generic ones and the fused row alike,
/// computes an element through these, so the same inputs give the same bits on every path. No fused multiply-add.
/// </summary>
internal static class Elementwise
{
    /// <summary>y + k h: a forward-Euler update, an integrator stage, or a retrograde term t + w r.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AddScaled(double y, double k, double h) => y + (k * h);

    /// <inheritdoc cref="AddScaled(double, double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> AddScaled(Vector256<double> y, Vector256<double> k, Vector256<double> h) => y + (k * h);

    /// <inheritdoc cref="AddScaled(double, double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> AddScaled(Vector512<double> y, Vector512<double> k, Vector512<double> h) => y + (k * h);

    /// <summary>a x_j: the plasticity drive of synapse i &lt;- j with a = scale * delta_i (before the presence mask).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Scaled(double a, double x) => a * x;

    /// <inheritdoc cref="Scaled(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Scaled(Vector256<double> a, Vector256<double> x) => a * x;

    /// <inheritdoc cref="Scaled(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Scaled(Vector512<double> a, Vector512<double> x) => a * x;

    /// <summary>(direct w) + spill: the retrograde signal of one synapse with spillover (before the presence mask).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Affine(double direct, double w, double spill) => (direct * w) + spill;

    /// <inheritdoc cref="Affine(double, double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Affine(Vector256<double> direct, Vector256<double> w, Vector256<double> spill) => (direct * w) + spill;

    /// <inheritdoc cref="Affine(double, double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Affine(Vector512<double> direct, Vector512<double> w, Vector512<double> spill) => (direct * w) + spill;

    /// <summary>
    /// max(w, 0) x: the excitatory part of w x. In lanes, max is the x86 maxpd(0, w) where the hardware has it (one
    /// instruction; the IEEE maximum of <see cref="Vector512.Max{T}"/> needs fix-ups): it differs from the IEEE maximum
    /// only for w = -0, where it gives -0 instead of +0, and a product -0 x is a signed zero, which leaves every pool sum
    /// unchanged (the sums start at +0 and can never be -0). So each pooled sum has the same bits either way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Excitatory(double w, double x) => Math.Max(w, 0.0) * x;

    /// <inheritdoc cref="Excitatory(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Excitatory(Vector256<double> w, Vector256<double> x) => PositivePart(w) * x;

    /// <inheritdoc cref="Excitatory(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Excitatory(Vector512<double> w, Vector512<double> x) => PositivePart(w) * x;

    /// <summary>max(-w, 0) x: the inhibitory part of w x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Inhibitory(double w, double x) => Math.Max(-w, 0.0) * x;

    /// <inheritdoc cref="Inhibitory(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Inhibitory(Vector256<double> w, Vector256<double> x) => PositivePart(-w) * x;

    /// <inheritdoc cref="Inhibitory(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Inhibitory(Vector512<double> w, Vector512<double> x) => PositivePart(-w) * x;

    /// <summary>
    /// The fixed reduction tree of the eight logical lanes of a pooled row sum (<see cref="VectorKernels.Reduce"/>), for
    /// each network of a batch at once (each element of the vectors is one network's lane).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Reduce(ReadOnlySpan<Vector512<double>> lanes) =>
        ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));

    /// <summary>max(v, 0) in lanes for the pooled sums (see <see cref="Excitatory(double, double)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> PositivePart(Vector512<double> v) =>
        Avx512F.IsSupported ? Avx512F.Max(Vector512<double>.Zero, v) : Vector512.Max(v, Vector512<double>.Zero);

    /// <inheritdoc cref="PositivePart(Vector512{double})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> PositivePart(Vector256<double> v) =>
        Avx.IsSupported ? Avx.Max(Vector256<double>.Zero, v) : Vector256.Max(v, Vector256<double>.Zero);
}
