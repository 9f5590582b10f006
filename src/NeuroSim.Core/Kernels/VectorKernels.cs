using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
    public static double Reduce(double* lanes) =>
        ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));

    /// <summary>
    /// e = sum_j max(w_j, 0) x_j and inh = sum_j max(-w_j, 0) x_j over one dense row of weights stored as double or
    /// float (<see cref="WeightStorage"/>).
    /// </summary>
    public static void PoolRow<TWeight>(TWeight* w, double* x, int n, out double e, out double inh)
        where TWeight : unmanaged =>
        PoolRow(new StoredRow<TWeight>(w), x, n, out e, out inh);

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
            j = PoolLanes<TRow, Lanes512>(row, x, n, le, li);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            j = PoolLanes<TRow, Lanes256Pair>(row, x, n, le, li);
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
            j = SumLanes<Lanes512>(w, n, lanes);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            j = SumLanes<Lanes256Pair>(w, n, lanes);
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
        var j = Vector512.IsHardwareAccelerated ? FusedLanes<TWeight, Lanes512>(w, x, presence, t, r, a, h, n)
            : Vector256.IsHardwareAccelerated ? FusedLanes<TWeight, Lanes256Pair>(w, x, presence, t, r, a, h, n)
            : 0;
        for (; j < n; j++)
        {
            var wj = WeightStorage.Load(w + j);
            t[j] = Elementwise.AddScaled(t[j], wj, r);
            var d = Elementwise.Scaled(a, x[j]);
            WeightStorage.Store(w + j, Elementwise.AddScaled(wj, presence is null ? d : d * presence[j], h));
        }
    }

    /// <summary>output_j = y_j + k_j * h for j in [0, n) (elementwise: the same bits as the scalar loop).</summary>
    public static void StageOf(double* output, double* y, double* k, double h, int n)
    {
        var j = Vector512.IsHardwareAccelerated ? StageLanes<Lanes512>(output, y, k, h, n)
            : Vector256.IsHardwareAccelerated ? StageLanes<Lanes256Pair>(output, y, k, h, n)
            : 0;
        for (; j < n; j++)
        {
            output[j] = Elementwise.AddScaled(y[j], k[j], h);
        }
    }

    /// <summary>y_j += h (k1_j + 2 (k2_j + k3_j) + k4_j), the classical RK4 combination, elementwise in that order.</summary>
    public static void Rk4Combine(double* y, double* k1, double* k2, double* k3, double* k4, double h, int n)
    {
        var j = Vector512.IsHardwareAccelerated ? Rk4CombineLanes<Lanes512>(y, k1, k2, k3, k4, h, n)
            : Vector256.IsHardwareAccelerated ? Rk4CombineLanes<Lanes256Pair>(y, k1, k2, k3, k4, h, n)
            : 0;
        for (; j < n; j++)
        {
            y[j] += h * (k1[j] + (2.0 * (k2[j] + k3[j])) + k4[j]);
        }
    }

    /// <summary>t_j += row_j for j in [0, n).</summary>
    public static void Add(double* t, double* row, int n)
    {
        var j = Vector512.IsHardwareAccelerated ? AddLanes<Lanes512>(t, row, n)
            : Vector256.IsHardwareAccelerated ? AddLanes<Lanes256Pair>(t, row, n)
            : 0;
        for (; j < n; j++)
        {
            t[j] += row[j];
        }
    }

    /// <summary>out_j = (a * x_j) * p_j, or a * x_j when <paramref name="presence"/> is null.</summary>
    public static void ScaledCopy(double* output, double a, double* x, double* presence, int n)
    {
        var j = Vector512.IsHardwareAccelerated ? ScaledCopyLanes<Lanes512>(output, a, x, presence, n)
            : Vector256.IsHardwareAccelerated ? ScaledCopyLanes<Lanes256Pair>(output, a, x, presence, n)
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
        var j = Vector512.IsHardwareAccelerated ? AffineCopyLanes<Lanes512>(output, direct, w, spill, presence, n)
            : Vector256.IsHardwareAccelerated ? AffineCopyLanes<Lanes256Pair>(output, direct, w, spill, presence, n)
            : 0;
        for (; j < n; j++)
        {
            var g = Elementwise.Affine(direct, w[j], spill);
            output[j] = presence is null ? g : g * presence[j];
        }
    }

    // The lanes loops of the kernels above, each written once for every hardware width: each runs while eight
    // columns remain and returns the first column it left to the kernel's scalar loop.
    private static int PoolLanes<TRow, TLanes>(TRow row, double* x, int n, double* le, double* li)
        where TRow : struct, IRowWeights
        where TLanes : struct, IEightLanes<TLanes>
    {
        var accE = TLanes.Zero;
        var accI = TLanes.Zero;
        var j = 0;
        for (; j <= n - Lanes; j += Lanes)
        {
            var wv = row.Load<TLanes>(j);
            var xv = TLanes.Load(x + j);
            accE += Elementwise.Excitatory(wv, xv);
            accI += Elementwise.Inhibitory(wv, xv);
        }

        accE.Store(le);
        accI.Store(li);
        return j;
    }

    private static int SumLanes<TLanes>(double* w, int n, double* lanes)
        where TLanes : struct, IEightLanes<TLanes>
    {
        var acc = TLanes.Zero;
        var j = 0;
        for (; j <= n - Lanes; j += Lanes)
        {
            acc += TLanes.Load(w + j);
        }

        acc.Store(lanes);
        return j;
    }

    private static int FusedLanes<TWeight, TLanes>(TWeight* w, double* x, double* presence, double* t, double r, double a, double h, int n)
        where TWeight : unmanaged
        where TLanes : struct, IEightLanes<TLanes>
    {
        var rv = TLanes.Create(r);
        var av = TLanes.Create(a);
        var hv = TLanes.Create(h);
        var j = 0;
        for (; j <= n - Lanes; j += Lanes)
        {
            var wv = TLanes.LoadWeights(w + j);
            Elementwise.AddScaled(TLanes.Load(t + j), wv, rv).Store(t + j);
            var d = Elementwise.Scaled(av, TLanes.Load(x + j));
            if (presence is not null)
            {
                d *= TLanes.Load(presence + j);
            }

            Elementwise.AddScaled(wv, d, hv).StoreWeights(w + j);
        }

        return j;
    }

    private static int StageLanes<TLanes>(double* output, double* y, double* k, double h, int n)
        where TLanes : struct, IEightLanes<TLanes>
    {
        var hv = TLanes.Create(h);
        var j = 0;
        for (; j <= n - Lanes; j += Lanes)
        {
            Elementwise.AddScaled(TLanes.Load(y + j), TLanes.Load(k + j), hv).Store(output + j);
        }

        return j;
    }

    private static int Rk4CombineLanes<TLanes>(double* y, double* k1, double* k2, double* k3, double* k4, double h, int n)
        where TLanes : struct, IEightLanes<TLanes>
    {
        var hv = TLanes.Create(h);
        var two = TLanes.Create(2.0);
        var j = 0;
        for (; j <= n - Lanes; j += Lanes)
        {
            var sum = TLanes.Load(k1 + j) + (two * (TLanes.Load(k2 + j) + TLanes.Load(k3 + j))) + TLanes.Load(k4 + j);
            (TLanes.Load(y + j) + (hv * sum)).Store(y + j);
        }

        return j;
    }

    private static int AddLanes<TLanes>(double* t, double* row, int n)
        where TLanes : struct, IEightLanes<TLanes>
    {
        var j = 0;
        for (; j <= n - Lanes; j += Lanes)
        {
            (TLanes.Load(t + j) + TLanes.Load(row + j)).Store(t + j);
        }

        return j;
    }

    private static int ScaledCopyLanes<TLanes>(double* output, double a, double* x, double* presence, int n)
        where TLanes : struct, IEightLanes<TLanes>
    {
        var av = TLanes.Create(a);
        var j = 0;
        if (presence is null)
        {
            for (; j <= n - Lanes; j += Lanes)
            {
                Elementwise.Scaled(av, TLanes.Load(x + j)).Store(output + j);
            }
        }
        else
        {
            for (; j <= n - Lanes; j += Lanes)
            {
                (Elementwise.Scaled(av, TLanes.Load(x + j)) * TLanes.Load(presence + j)).Store(output + j);
            }
        }

        return j;
    }

    private static int AffineCopyLanes<TLanes>(double* output, double direct, double* w, double spill, double* presence, int n)
        where TLanes : struct, IEightLanes<TLanes>
    {
        var dv = TLanes.Create(direct);
        var sv = TLanes.Create(spill);
        var j = 0;
        for (; j <= n - Lanes; j += Lanes)
        {
            var g = Elementwise.Affine(dv, TLanes.Load(w + j), sv);
            (presence is null ? g : g * TLanes.Load(presence + j)).Store(output + j);
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
