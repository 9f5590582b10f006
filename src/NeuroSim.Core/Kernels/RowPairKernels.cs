using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuroSim.Core.Kernels;

/// <summary>
/// The fused pass's row kernels on two rows at once, for stored double rows on 512-bit hardware. Each row's lanes add
/// their terms in column order (a chain the hardware cannot overlap within one row), so two rows give two independent
/// chains per round, and x and the retrograde sums are loaded once for both. Every element sees the operations of
/// <see cref="VectorKernels.PoolRow{TWeight}(TWeight*, double*, int, out double, out double)"/> and
/// <see cref="VectorKernels.FusedRow{TWeight}"/> for row a and then row b, in that order, so the bits are those of the
/// two rows taken one after the other (tested).
/// </summary>
internal static unsafe class RowPairKernels
{
    public static bool Supported => Avx512F.IsSupported;

    /// <summary>The pooled sums of rows <paramref name="wa"/> and <paramref name="wb"/> of <paramref name="n"/> columns.</summary>
    public static void PoolRows(double* wa, double* wb, double* x, int n, out PoolSums a, out PoolSums b)
    {
        var ea = Vector512<double>.Zero;
        var ia = Vector512<double>.Zero;
        var eb = Vector512<double>.Zero;
        var ib = Vector512<double>.Zero;
        var j = 0;
        for (; j <= n - VectorKernels.Lanes; j += VectorKernels.Lanes)
        {
            var xv = Vector512.Load(x + j);
            Pool(Vector512.Load(wa + j), xv, ref ea, ref ia);
            Pool(Vector512.Load(wb + j), xv, ref eb, ref ib);
        }

        if (j < n)
        {
            var mask = VectorKernels.TailMask(n - j);
            var xv = Avx512F.MaskLoad(x + j, mask, Vector512<double>.Zero);
            Pool(Avx512F.MaskLoad(wa + j, mask, Vector512<double>.Zero), xv, ref ea, ref ia);
            Pool(Avx512F.MaskLoad(wb + j, mask, Vector512<double>.Zero), xv, ref eb, ref ib);
        }

        a = new PoolSums(VectorKernels.ReduceRegister(ea), VectorKernels.ReduceRegister(ia));
        b = new PoolSums(VectorKernels.ReduceRegister(eb), VectorKernels.ReduceRegister(ib));
    }

    /// <summary>
    /// The fused forward-Euler rows a and b: t_j += w_aj r_a, then t_j += w_bj r_b, and each row's own plasticity step
    /// (<see cref="VectorKernels.FusedRow{TWeight}"/>); presence rows null when every synapse exists.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // compiled on its own, as FusedRow: the loop keeps its registers
    public static void FusedRows(double* wa, double* wb, double* x, double* presenceA, double* presenceB, double* t, RowFactors a, RowFactors b, double h, int n)
    {
        var ra = Vector512.Create(a.Retrograde);
        var rb = Vector512.Create(b.Retrograde);
        var pa = Vector512.Create(a.Plasticity);
        var pb = Vector512.Create(b.Plasticity);
        var hv = Vector512.Create(h);
        var j = 0;
        for (; j <= n - VectorKernels.Lanes; j += VectorKernels.Lanes)
        {
            var wav = Vector512.Load(wa + j);
            var wbv = Vector512.Load(wb + j);
            var tv = Add(Add(Vector512.Load(t + j), wav, ra), wbv, rb);
            tv.Store(t + j);
            var xv = Vector512.Load(x + j);
            Step(wav, pa, xv, presenceA, j, hv).Store(wa + j);
            Step(wbv, pb, xv, presenceB, j, hv).Store(wb + j);
        }

        if (j < n)
        {
            var mask = VectorKernels.TailMask(n - j);
            var zero = Vector512<double>.Zero;
            var wav = Avx512F.MaskLoad(wa + j, mask, zero);
            var wbv = Avx512F.MaskLoad(wb + j, mask, zero);
            Avx512F.MaskStore(t + j, mask, Add(Add(Avx512F.MaskLoad(t + j, mask, zero), wav, ra), wbv, rb));
            var xv = Avx512F.MaskLoad(x + j, mask, zero);
            Avx512F.MaskStore(wa + j, mask, StepMasked(wav, pa, xv, presenceA, j, hv, mask));
            Avx512F.MaskStore(wb + j, mask, StepMasked(wbv, pb, xv, presenceB, j, hv, mask));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pool(Vector512<double> w, Vector512<double> x, ref Vector512<double> e, ref Vector512<double> i)
    {
        e += Elementwise.Excitatory<Vector512Ops, Vector512<double>>(w, x);
        i += Elementwise.Inhibitory<Vector512Ops, Vector512<double>>(w, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Add(Vector512<double> t, Vector512<double> w, Vector512<double> r) =>
        Elementwise.AddScaled<Vector512Ops, Vector512<double>>(t, w, r);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Step(Vector512<double> w, Vector512<double> a, Vector512<double> x, double* presence, int j, Vector512<double> h)
    {
        var d = Elementwise.Scaled<Vector512Ops, Vector512<double>>(a, x);
        if (presence is not null)
        {
            d = Vector512Ops.Multiply(d, Vector512.Load(presence + j));
        }

        return Elementwise.AddScaled<Vector512Ops, Vector512<double>>(w, d, h);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> StepMasked(Vector512<double> w, Vector512<double> a, Vector512<double> x, double* presence, int j, Vector512<double> h, Vector512<double> mask)
    {
        var d = Elementwise.Scaled<Vector512Ops, Vector512<double>>(a, x);
        if (presence is not null)
        {
            d = Vector512Ops.Multiply(d, Avx512F.MaskLoad(presence + j, mask, Vector512<double>.Zero));
        }

        return Elementwise.AddScaled<Vector512Ops, Vector512<double>>(w, d, h);
    }
}

/// <summary>The excitatory and inhibitory pooled sums of one row.</summary>
internal readonly record struct PoolSums(double Excitatory, double Inhibitory);

/// <summary>A row's factors in the fused pass: gain * delta_i for W^T delta, (eta / tau_w * gain) * delta_i for its plasticity step.</summary>
internal readonly record struct RowFactors(double Retrograde, double Plasticity);
