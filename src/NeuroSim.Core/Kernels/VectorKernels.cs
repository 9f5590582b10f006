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
            var accE = Vector512<double>.Zero;
            var accI = Vector512<double>.Zero;
            for (; j <= n - 8; j += 8)
            {
                var wv = row.Load8(j);
                var xv = Vector512.Load(x + j);
                accE += Elementwise.Excitatory(wv, xv);
                accI += Elementwise.Inhibitory(wv, xv);
            }

            accE.Store(le);
            accI.Store(li);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> e0 = Vector256<double>.Zero, e1 = Vector256<double>.Zero;
            Vector256<double> i0 = Vector256<double>.Zero, i1 = Vector256<double>.Zero;
            for (; j <= n - 8; j += 8)
            {
                var w0 = row.Load4(j);
                var w1 = row.Load4(j + 4);
                var x0 = Vector256.Load(x + j);
                var x1 = Vector256.Load(x + j + 4);
                e0 += Elementwise.Excitatory(w0, x0);
                e1 += Elementwise.Excitatory(w1, x1);
                i0 += Elementwise.Inhibitory(w0, x0);
                i1 += Elementwise.Inhibitory(w1, x1);
            }

            e0.Store(le);
            e1.Store(le + 4);
            i0.Store(li);
            i1.Store(li + 4);
        }
        else
        {
            for (var l = 0; l < Lanes; l++)
            {
                le[l] = 0.0;
                li[l] = 0.0;
            }
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
        for (var l = 0; l < Lanes; l++)
        {
            le[l] = 0.0;
            li[l] = 0.0;
        }

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
            var acc = Vector512<double>.Zero;
            for (; j <= n - 8; j += 8)
            {
                acc += Vector512.Load(w + j);
            }

            acc.Store(lanes);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> a0 = Vector256<double>.Zero, a1 = Vector256<double>.Zero;
            for (; j <= n - 8; j += 8)
            {
                a0 += Vector256.Load(w + j);
                a1 += Vector256.Load(w + j + 4);
            }

            a0.Store(lanes);
            a1.Store(lanes + 4);
        }
        else
        {
            for (var l = 0; l < Lanes; l++)
            {
                lanes[l] = 0.0;
            }
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
        for (var l = 0; l < Lanes; l++)
        {
            lanes[l] = 0.0;
        }

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
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var rv = Vector512.Create(r);
            var av = Vector512.Create(a);
            var hv = Vector512.Create(h);
            for (; j <= n - 8; j += 8)
            {
                var wv = WeightStorage.Load8(w + j);
                Elementwise.AddScaled(Vector512.Load(t + j), wv, rv).Store(t + j);
                var d = Elementwise.Scaled(av, Vector512.Load(x + j));
                if (presence is not null)
                {
                    d *= Vector512.Load(presence + j);
                }

                WeightStorage.Store8(w + j, Elementwise.AddScaled(wv, d, hv));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var rv = Vector256.Create(r);
            var av = Vector256.Create(a);
            var hv = Vector256.Create(h);
            for (; j <= n - 4; j += 4)
            {
                var wv = WeightStorage.Load4(w + j);
                Elementwise.AddScaled(Vector256.Load(t + j), wv, rv).Store(t + j);
                var d = Elementwise.Scaled(av, Vector256.Load(x + j));
                if (presence is not null)
                {
                    d *= Vector256.Load(presence + j);
                }

                WeightStorage.Store4(w + j, Elementwise.AddScaled(wv, d, hv));
            }
        }

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
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var hv = Vector512.Create(h);
            for (; j <= n - 8; j += 8)
            {
                Elementwise.AddScaled(Vector512.Load(y + j), Vector512.Load(k + j), hv).Store(output + j);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var hv = Vector256.Create(h);
            for (; j <= n - 4; j += 4)
            {
                Elementwise.AddScaled(Vector256.Load(y + j), Vector256.Load(k + j), hv).Store(output + j);
            }
        }

        for (; j < n; j++)
        {
            output[j] = Elementwise.AddScaled(y[j], k[j], h);
        }
    }

    /// <summary>y_j += h (k1_j + 2 (k2_j + k3_j) + k4_j), the classical RK4 combination, elementwise in that order.</summary>
    public static void Rk4Combine(double* y, double* k1, double* k2, double* k3, double* k4, double h, int n)
    {
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var hv = Vector512.Create(h);
            var two = Vector512.Create(2.0);
            for (; j <= n - 8; j += 8)
            {
                var sum = Vector512.Load(k1 + j) + (two * (Vector512.Load(k2 + j) + Vector512.Load(k3 + j))) + Vector512.Load(k4 + j);
                (Vector512.Load(y + j) + (hv * sum)).Store(y + j);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var hv = Vector256.Create(h);
            var two = Vector256.Create(2.0);
            for (; j <= n - 4; j += 4)
            {
                var sum = Vector256.Load(k1 + j) + (two * (Vector256.Load(k2 + j) + Vector256.Load(k3 + j))) + Vector256.Load(k4 + j);
                (Vector256.Load(y + j) + (hv * sum)).Store(y + j);
            }
        }

        for (; j < n; j++)
        {
            y[j] += h * (k1[j] + (2.0 * (k2[j] + k3[j])) + k4[j]);
        }
    }

    /// <summary>t_j += row_j for j in [0, n).</summary>
    public static void Add(double* t, double* row, int n)
    {
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j <= n - 8; j += 8)
            {
                (Vector512.Load(t + j) + Vector512.Load(row + j)).Store(t + j);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; j <= n - 4; j += 4)
            {
                (Vector256.Load(t + j) + Vector256.Load(row + j)).Store(t + j);
            }
        }

        for (; j < n; j++)
        {
            t[j] += row[j];
        }
    }

    /// <summary>out_j = (a * x_j) * p_j, or a * x_j when <paramref name="presence"/> is null.</summary>
    public static void ScaledCopy(double* output, double a, double* x, double* presence, int n)
    {
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var av = Vector512.Create(a);
            if (presence is null)
            {
                for (; j <= n - 8; j += 8)
                {
                    Elementwise.Scaled(av, Vector512.Load(x + j)).Store(output + j);
                }
            }
            else
            {
                for (; j <= n - 8; j += 8)
                {
                    (Elementwise.Scaled(av, Vector512.Load(x + j)) * Vector512.Load(presence + j)).Store(output + j);
                }
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var av = Vector256.Create(a);
            if (presence is null)
            {
                for (; j <= n - 4; j += 4)
                {
                    Elementwise.Scaled(av, Vector256.Load(x + j)).Store(output + j);
                }
            }
            else
            {
                for (; j <= n - 4; j += 4)
                {
                    (Elementwise.Scaled(av, Vector256.Load(x + j)) * Vector256.Load(presence + j)).Store(output + j);
                }
            }
        }

        for (; j < n; j++)
        {
            var v = Elementwise.Scaled(a, x[j]);
            output[j] = presence is null ? v : v * presence[j];
        }
    }

    /// <summary>out_j = ((direct * w_j) + spill) * p_j, or without the factor p when <paramref name="presence"/> is null.</summary>
    public static void AffineCopy(double* output, double direct, double* w, double spill, double* presence, int n)
    {
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var dv = Vector512.Create(direct);
            var sv = Vector512.Create(spill);
            for (; j <= n - 8; j += 8)
            {
                var g = Elementwise.Affine(dv, Vector512.Load(w + j), sv);
                (presence is null ? g : g * Vector512.Load(presence + j)).Store(output + j);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var dv = Vector256.Create(direct);
            var sv = Vector256.Create(spill);
            for (; j <= n - 4; j += 4)
            {
                var g = Elementwise.Affine(dv, Vector256.Load(w + j), sv);
                (presence is null ? g : g * Vector256.Load(presence + j)).Store(output + j);
            }
        }

        for (; j < n; j++)
        {
            var g = Elementwise.Affine(direct, w[j], spill);
            output[j] = presence is null ? g : g * presence[j];
        }
    }
}
