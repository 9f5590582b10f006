using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuroSim.Core.Kernels;

/// <summary>
/// The per-element formulas of the connectivity and integrator kernels, each written once for a scalar and once for
/// <see cref="IVectorOps{TVector}"/> (any hardware width). Every kernel, the generic ones and the fused row alike,
/// computes an element through these, so the same inputs give the same bits on every path. No fused multiply-add.
/// </summary>
internal static class Elementwise
{
    /// <summary>y + k h: a forward-Euler update, an integrator stage, or a retrograde term t + w r.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AddScaled(double y, double k, double h) => y + (k * h);

    /// <inheritdoc cref="AddScaled(double, double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector AddScaled<TOps, TVector>(TVector y, TVector k, TVector h)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct =>
        TOps.Add(y, TOps.Multiply(k, h));

    /// <summary>a x_j: the plasticity drive of synapse i &lt;- j with a = scale * delta_i (before the presence mask).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Scaled(double a, double x) => a * x;

    /// <inheritdoc cref="Scaled(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Scaled<TOps, TVector>(TVector a, TVector x)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct =>
        TOps.Multiply(a, x);

    /// <summary>(direct w) + spill: the retrograde signal of one synapse with spillover (before the presence mask).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Affine(double direct, double w, double spill) => (direct * w) + spill;

    /// <inheritdoc cref="Affine(double, double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Affine<TOps, TVector>(TVector direct, TVector w, TVector spill)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct =>
        TOps.Add(TOps.Multiply(direct, w), spill);

    /// <summary>
    /// max(w, 0) x: the excitatory part of w x. In lanes, max is the x86 maxpd(0, w) where the hardware has it (one
    /// instruction; the IEEE maximum of <see cref="System.Runtime.Intrinsics.Vector512.Max{T}"/> needs fix-ups): it differs from the IEEE maximum
    /// only for w = -0, where it gives -0 instead of +0, and a product -0 x is a signed zero, which leaves every pool sum
    /// unchanged (the sums start at +0 and can never be -0). So each pooled sum has the same bits either way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Excitatory(double w, double x) => Math.Max(w, 0.0) * x;

    /// <inheritdoc cref="Excitatory(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Excitatory<TOps, TVector>(TVector w, TVector x)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct =>
        TOps.Multiply(TOps.PositivePart(w), x);

    /// <summary>max(-w, 0) x: the inhibitory part of w x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Inhibitory(double w, double x) => Math.Max(-w, 0.0) * x;

    /// <inheritdoc cref="Inhibitory(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Inhibitory<TOps, TVector>(TVector w, TVector x)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct =>
        TOps.Multiply(TOps.PositivePart(TOps.Negate(w)), x);

    /// <summary>
    /// The fixed reduction tree of the eight logical lanes of a pooled row sum (<see cref="VectorKernels.Reduce"/>), for
    /// each network of a batch at once (each element of the vectors is one network's lane).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Reduce(ReadOnlySpan<Vector512<double>> lanes) =>
        ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}
