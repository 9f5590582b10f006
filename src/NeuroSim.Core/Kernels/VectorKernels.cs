using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuroSim.Core.Kernels;

/// <summary>
/// SIMD loops of the connectivity kernels on raw rows (pointers, so that the fork-join can hand them to
/// another thread; the callers pin the memory for the duration of the call).
/// <para>
/// Reductions (the pooled row sums) use eight logical lanes whatever the hardware: lane l accumulates the
/// elements whose column index j has j mod 8 = l, in increasing j, and the lanes are added in one fixed tree.
/// The 512-bit, 256-bit and scalar paths therefore give the same bits, and a sparse row, which adds its
/// existing synapses into the lane of their column, gives the same bits as the dense row with zeros in the
/// absent slots. No fused multiply-add is used anywhere, so every product is rounded as in scalar code.
/// </para>
/// </summary>
internal static unsafe class VectorKernels
{
    public const int Lanes = 8;

    /// <summary>The fixed reduction tree of the eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per row: as a call it cost 7 % of a step at N = 200
    public static double Reduce(double* lanes) =>
        ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));

    /// <summary>
    /// e = sum_j max(w_j, 0) x_j and inh = sum_j max(-w_j, 0) x_j over one dense row of weights stored as double or
    /// float (<see cref="WeightStorage"/>).
    /// </summary>
    public static void PoolRow<TWeight>(TWeight* w, double* x, int n, out double e, out double inh)
        where TWeight : unmanaged
    {
        if (typeof(TWeight) == typeof(double) && Avx512F.IsSupported)
        {
            PoolRow512((double*)w, x, n, out e, out inh);
            return;
        }

        PoolRow(new StoredRow<TWeight>(w), x, n, out e, out inh);
    }

    /// <summary>
    /// <see cref="PoolRow{TWeight}(TWeight*, double*, int, out double, out double)"/> of a stored double row on 512-bit
    /// hardware: the lanes never leave their register. The last columns (fewer than eight) are one masked round, so
    /// column j still lands in lane j mod 8 after the same terms, and a masked-off lane adds a signed zero, which changes
    /// no sum (see <see cref="Elementwise.Excitatory(double, double)"/>); the lanes are then added in the tree of
    /// <see cref="Reduce"/>. Short rows (N = 200: 50 and 100 columns) spent a fifth of the step in the scalar loop.
    /// </summary>
    private static void PoolRow512(double* w, double* x, int n, out double e, out double inh)
    {
        var ev = Vector512<double>.Zero;
        var iv = Vector512<double>.Zero;
        var j = 0;
        for (; j <= n - Lanes; j += Lanes)
        {
            var wv = Vector512.Load(w + j);
            var xv = Vector512.Load(x + j);
            ev += Elementwise.Excitatory<Vector512Ops, Vector512<double>>(wv, xv);
            iv += Elementwise.Inhibitory<Vector512Ops, Vector512<double>>(wv, xv);
        }

        if (j < n)
        {
            var mask = TailMask(n - j);
            var wv = Avx512F.MaskLoad(w + j, mask, Vector512<double>.Zero);
            var xv = Avx512F.MaskLoad(x + j, mask, Vector512<double>.Zero);
            ev += Elementwise.Excitatory<Vector512Ops, Vector512<double>>(wv, xv);
            iv += Elementwise.Inhibitory<Vector512Ops, Vector512<double>>(wv, xv);
        }

        e = ReduceRegister(ev);
        inh = ReduceRegister(iv);
    }

    /// <summary>
    /// <see cref="Reduce(double*)"/> of the eight lanes of one register: pairs, then pairs of pairs, then the two halves,
    /// the same additions (addition commutes, so a swapped pair has the same bits).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double ReduceRegister(Vector512<double> lanes)
    {
        var pairs = lanes + Vector512.Shuffle(lanes, Vector512.Create(1L, 0, 3, 2, 5, 4, 7, 6));
        var quads = pairs + Vector512.Shuffle(pairs, Vector512.Create(2L, 3, 0, 1, 6, 7, 4, 5));
        return (quads + Vector512.Shuffle(quads, Vector512.Create(4L, 5, 6, 7, 0, 1, 2, 3))).ToScalar();
    }

    /// <summary>All bits set in the first <paramref name="count"/> lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> TailMask(int count) =>
        Vector512.LessThan(Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7), Vector512.Create((long)count)).AsDouble();

    /// <summary>
    /// e = sum_j max(w_j, 0) x_j and inh = sum_j max(-w_j, 0) x_j over <paramref name="row"/>: eight logical lanes
    /// (column j into lane j mod 8, in increasing j) added in the fixed tree of <see cref="Reduce"/> on every path, the
    /// same for every row source (stored, an integrator stage, a row updated as it is read), so that a stage or freshly
    /// updated row gives the bits the stored row would. Loads each column once.
    /// </summary>
    public static void PoolRow<TRow>(TRow row, double* x, int n, out double e, out double inh)
        where TRow : struct, IRowWeights
    {
        var le = stackalloc double[Lanes];
        var li = stackalloc double[Lanes];
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            j = PoolLanes<TRow, Vector512Ops, Vector512<double>>(row, x, n, le, li);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            j = PoolLanes<TRow, Vector256Ops, Vector256<double>>(row, x, n, le, li);
        }
        else
        {
            ClearLanes(le);
            ClearLanes(li);
        }

        for (; j < n; j++)
        {
            var wj = row.Load(j);
            var xj = x[j];
            le[j & 7] += Elementwise.Excitatory(wj, xj);
            li[j & 7] += Elementwise.Inhibitory(wj, xj);
        }

        e = Reduce(le);
        inh = Reduce(li);
    }

    /// <summary>The same sums over a compressed row: slots [start, end) with their columns.</summary>
    public static void PoolSparseRow(double* w, int* column, int start, int end, double* x, out double e, out double inh)
    {
        var le = stackalloc double[Lanes];
        var li = stackalloc double[Lanes];
        ClearLanes(le);
        ClearLanes(li);

        for (var k = start; k < end; k++)
        {
            var j = column[k];
            var wk = w[k];
            var xj = x[j];
            le[j & 7] += Elementwise.Excitatory(wk, xj);
            li[j & 7] += Elementwise.Inhibitory(wk, xj);
        }

        e = Reduce(le);
        inh = Reduce(li);
    }

    /// <summary>sum_j w_j over one dense row, in the lane order of the pool sums (PoolRow).</summary>
    public static double RowSum(double* w, int n)
    {
        var lanes = stackalloc double[Lanes];
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            j = SumLanes<Vector512Ops, Vector512<double>>(w, n, lanes);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            j = SumLanes<Vector256Ops, Vector256<double>>(w, n, lanes);
        }
        else
        {
            ClearLanes(lanes);
        }

        for (; j < n; j++)
        {
            lanes[j & 7] += w[j];
        }

        return Reduce(lanes);
    }

    /// <summary>sum over the slots [start, end) of a compressed row, in the lane of their column.</summary>
    public static double SparseRowSum(double* w, int* column, int start, int end)
    {
        var lanes = stackalloc double[Lanes];
        ClearLanes(lanes);

        for (var k = start; k < end; k++)
        {
            lanes[column[k] & 7] += w[k];
        }

        return Reduce(lanes);
    }

    /// <summary>t_j += row_j * d for j in [0, n): <see cref="StageOf"/> in place.</summary>
    public static void AddScaled(double* t, double* row, double d, int n) => StageOf(t, t, row, d, n);

    /// <summary>
    /// The fused forward-Euler row: t_j += w_j * r (the row's share of the retrograde sum, with the old weight),
    /// then w_j += ((a * x_j) * p_j) * h (the plasticity drive of <see cref="ScaledCopy"/> taken as one Euler
    /// step), or without p when <paramref name="presence"/> is null. Elementwise the same operations as those
    /// kernels followed by the Euler update, so each weight gets the same bits. Weights stored as double or float
    /// (<see cref="WeightStorage"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // compiled on its own: inlined into the fused pass, its loop lost registers to the caller's locals and ran 25 % slower
    public static void FusedRow<TWeight>(TWeight* w, double* x, double* presence, double* t, double r, double a, double h, int n)
        where TWeight : unmanaged
    {
        var j = Vector512.IsHardwareAccelerated ? FusedLanes<TWeight, Vector512Ops, Vector512<double>>(w, x, presence, t, r, a, h, n)
            : Vector256.IsHardwareAccelerated ? FusedLanes<TWeight, Vector256Ops, Vector256<double>>(w, x, presence, t, r, a, h, n)
            : 0;
        if (j < n && typeof(TWeight) == typeof(double) && Avx512F.IsSupported)
        {
            FusedTail((double*)w + j, x + j, presence is null ? null : presence + j, t + j, r, a, h, n - j);
            return;
        }

        for (; j < n; j++)
        {
            var wj = WeightStorage.Load(w + j);
            t[j] = Elementwise.AddScaled(t[j], wj, r);
            var d = Elementwise.Scaled(a, x[j]);
            WeightStorage.Store(w + j, Elementwise.AddScaled(wj, presence is null ? d : d * presence[j], h));
        }
    }

    /// <summary>
    /// The last <paramref name="count"/> (fewer than eight) columns of <see cref="FusedRow{TWeight}"/> as one masked
    /// 512-bit round: elementwise the same operations, so the same bits as the scalar loop, without its per-column chain.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FusedTail(double* w, double* x, double* presence, double* t, double r, double a, double h, int count)
    {
        var mask = TailMask(count);
        var zero = Vector512<double>.Zero;
        var wv = Avx512F.MaskLoad(w, mask, zero);
        Avx512F.MaskStore(t, mask, Elementwise.AddScaled<Vector512Ops, Vector512<double>>(Avx512F.MaskLoad(t, mask, zero), wv, Vector512.Create(r)));
        var d = Elementwise.Scaled<Vector512Ops, Vector512<double>>(Vector512.Create(a), Avx512F.MaskLoad(x, mask, zero));
        if (presence is not null)
        {
            d = Vector512Ops.Multiply(d, Avx512F.MaskLoad(presence, mask, zero));
        }

        Avx512F.MaskStore(w, mask, Elementwise.AddScaled<Vector512Ops, Vector512<double>>(wv, d, Vector512.Create(h)));
    }

    /// <summary>output_j = y_j + k_j * h for j in [0, n) (elementwise: the same bits as the scalar loop).</summary>
    public static void StageOf(double* output, double* y, double* k, double h, int n)
    {
        var j = Vector512.IsHardwareAccelerated ? StageLanes<Vector512Ops, Vector512<double>>(output, y, k, h, n)
            : Vector256.IsHardwareAccelerated ? StageLanes<Vector256Ops, Vector256<double>>(output, y, k, h, n)
            : 0;
        for (; j < n; j++)
        {
            output[j] = Elementwise.AddScaled(y[j], k[j], h);
        }
    }

    /// <summary>y_j += h (k1_j + 2 (k2_j + k3_j) + k4_j), the classical RK4 combination, elementwise in that order.</summary>
    public static void Rk4Combine(double* y, double* k1, double* k2, double* k3, double* k4, double h, int n)
    {
        var j = Vector512.IsHardwareAccelerated ? Rk4CombineLanes<Vector512Ops, Vector512<double>>(y, k1, k2, k3, k4, h, n)
            : Vector256.IsHardwareAccelerated ? Rk4CombineLanes<Vector256Ops, Vector256<double>>(y, k1, k2, k3, k4, h, n)
            : 0;
        for (; j < n; j++)
        {
            y[j] += h * (k1[j] + (2.0 * (k2[j] + k3[j])) + k4[j]);
        }
    }

    /// <summary>t_j += row_j for j in [0, n).</summary>
    public static void Add(double* t, double* row, int n)
    {
        var j = Vector512.IsHardwareAccelerated ? AddLanes<Vector512Ops, Vector512<double>>(t, row, n)
            : Vector256.IsHardwareAccelerated ? AddLanes<Vector256Ops, Vector256<double>>(t, row, n)
            : 0;
        for (; j < n; j++)
        {
            t[j] += row[j];
        }
    }

    /// <summary>out_j = (a * x_j) * p_j, or a * x_j when <paramref name="presence"/> is null.</summary>
    public static void ScaledCopy(double* output, double a, double* x, double* presence, int n)
    {
        var j = Vector512.IsHardwareAccelerated ? ScaledCopyLanes<Vector512Ops, Vector512<double>>(output, a, x, presence, n)
            : Vector256.IsHardwareAccelerated ? ScaledCopyLanes<Vector256Ops, Vector256<double>>(output, a, x, presence, n)
            : 0;
        for (; j < n; j++)
        {
            var v = Elementwise.Scaled(a, x[j]);
            output[j] = presence is null ? v : v * presence[j];
        }
    }

    /// <summary>out_j = ((direct * w_j) + spill) * p_j, or without the factor p when <paramref name="presence"/> is null.</summary>
    public static void AffineCopy(double* output, double direct, double* w, double spill, double* presence, int n)
    {
        var j = Vector512.IsHardwareAccelerated ? AffineCopyLanes<Vector512Ops, Vector512<double>>(output, direct, w, spill, presence, n)
            : Vector256.IsHardwareAccelerated ? AffineCopyLanes<Vector256Ops, Vector256<double>>(output, direct, w, spill, presence, n)
            : 0;
        for (; j < n; j++)
        {
            var g = Elementwise.Affine(direct, w[j], spill);
            output[j] = presence is null ? g : g * presence[j];
        }
    }

    // The lanes loops of the kernels above, each written once for every hardware width (TOps over TVector, see
    // IVectorOps): each returns the first column it left to the kernel's scalar loop. The elementwise ones step one
    // vector at a time; the row sums keep the eight logical lanes in one vector or in two (lanes 0-3 and 4-7).
    private static int PoolLanes<TRow, TOps, TVector>(TRow row, double* x, int n, double* le, double* li)
        where TRow : struct, IRowWeights
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        var e0 = TOps.Zero;
        var e1 = TOps.Zero;
        var i0 = TOps.Zero;
        var i1 = TOps.Zero;
        var j = 0;
        for (; j <= n - Lanes; j += Lanes)
        {
            var w0 = row.Load<TOps, TVector>(j);
            var x0 = TOps.Load(x + j);
            e0 = TOps.Add(e0, Elementwise.Excitatory<TOps, TVector>(w0, x0));
            i0 = TOps.Add(i0, Elementwise.Inhibitory<TOps, TVector>(w0, x0));
            if (TOps.Count < Lanes)
            {
                var w1 = row.Load<TOps, TVector>(j + TOps.Count);
                var x1 = TOps.Load(x + j + TOps.Count);
                e1 = TOps.Add(e1, Elementwise.Excitatory<TOps, TVector>(w1, x1));
                i1 = TOps.Add(i1, Elementwise.Inhibitory<TOps, TVector>(w1, x1));
            }
        }

        StoreLanes<TOps, TVector>(e0, e1, le);
        StoreLanes<TOps, TVector>(i0, i1, li);
        return j;
    }

    private static int SumLanes<TOps, TVector>(double* w, int n, double* lanes)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        var a0 = TOps.Zero;
        var a1 = TOps.Zero;
        var j = 0;
        for (; j <= n - Lanes; j += Lanes)
        {
            a0 = TOps.Add(a0, TOps.Load(w + j));
            if (TOps.Count < Lanes)
            {
                a1 = TOps.Add(a1, TOps.Load(w + j + TOps.Count));
            }
        }

        StoreLanes<TOps, TVector>(a0, a1, lanes);
        return j;
    }

    /// <summary>The eight logical lanes of a row sum: <paramref name="low"/> alone, or it and <paramref name="high"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreLanes<TOps, TVector>(TVector low, TVector high, double* lanes)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        TOps.Store(low, lanes);
        if (TOps.Count < Lanes)
        {
            TOps.Store(high, lanes + TOps.Count);
        }
    }

    private static int FusedLanes<TWeight, TOps, TVector>(TWeight* w, double* x, double* presence, double* t, double r, double a, double h, int n)
        where TWeight : unmanaged
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        var rv = TOps.Create(r);
        var av = TOps.Create(a);
        var hv = TOps.Create(h);
        var j = 0;
        for (; j <= n - TOps.Count; j += TOps.Count)
        {
            var wv = TOps.LoadWeights(w + j);
            TOps.Store(Elementwise.AddScaled<TOps, TVector>(TOps.Load(t + j), wv, rv), t + j);
            var d = Elementwise.Scaled<TOps, TVector>(av, TOps.Load(x + j));
            if (presence is not null)
            {
                d = TOps.Multiply(d, TOps.Load(presence + j));
            }

            TOps.StoreWeights(Elementwise.AddScaled<TOps, TVector>(wv, d, hv), w + j);
        }

        return j;
    }

    private static int StageLanes<TOps, TVector>(double* output, double* y, double* k, double h, int n)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        var hv = TOps.Create(h);
        var j = 0;
        for (; j <= n - TOps.Count; j += TOps.Count)
        {
            TOps.Store(Elementwise.AddScaled<TOps, TVector>(TOps.Load(y + j), TOps.Load(k + j), hv), output + j);
        }

        return j;
    }

    private static int Rk4CombineLanes<TOps, TVector>(double* y, double* k1, double* k2, double* k3, double* k4, double h, int n)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        var hv = TOps.Create(h);
        var two = TOps.Create(2.0);
        var j = 0;
        for (; j <= n - TOps.Count; j += TOps.Count)
        {
            var sum = TOps.Add(TOps.Add(TOps.Load(k1 + j), TOps.Multiply(two, TOps.Add(TOps.Load(k2 + j), TOps.Load(k3 + j)))), TOps.Load(k4 + j));
            TOps.Store(TOps.Add(TOps.Load(y + j), TOps.Multiply(hv, sum)), y + j);
        }

        return j;
    }

    private static int AddLanes<TOps, TVector>(double* t, double* row, int n)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        var j = 0;
        for (; j <= n - TOps.Count; j += TOps.Count)
        {
            TOps.Store(TOps.Add(TOps.Load(t + j), TOps.Load(row + j)), t + j);
        }

        return j;
    }

    private static int ScaledCopyLanes<TOps, TVector>(double* output, double a, double* x, double* presence, int n)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        var av = TOps.Create(a);
        var j = 0;
        if (presence is null)
        {
            for (; j <= n - TOps.Count; j += TOps.Count)
            {
                TOps.Store(Elementwise.Scaled<TOps, TVector>(av, TOps.Load(x + j)), output + j);
            }
        }
        else
        {
            for (; j <= n - TOps.Count; j += TOps.Count)
            {
                TOps.Store(TOps.Multiply(Elementwise.Scaled<TOps, TVector>(av, TOps.Load(x + j)), TOps.Load(presence + j)), output + j);
            }
        }

        return j;
    }

    private static int AffineCopyLanes<TOps, TVector>(double* output, double direct, double* w, double spill, double* presence, int n)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        var dv = TOps.Create(direct);
        var sv = TOps.Create(spill);
        var j = 0;
        for (; j <= n - TOps.Count; j += TOps.Count)
        {
            var g = Elementwise.Affine<TOps, TVector>(dv, TOps.Load(w + j), sv);
            TOps.Store(presence is null ? g : TOps.Multiply(g, TOps.Load(presence + j)), output + j);
        }

        return j;
    }

    private static void ClearLanes(double* lanes)
    {
        for (var l = 0; l < Lanes; l++)
        {
            lanes[l] = 0.0;
        }
    }
}
