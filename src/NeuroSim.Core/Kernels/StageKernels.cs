using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuroSim.Core.Kernels;

/// <summary>
/// The weights of one dense row as a kernel sees them, one vector (eight or four lanes) or one at a time (column j upward). A row may be
/// stored (<see cref="StoredRow{TWeight}"/>), or be the row of an integrator stage that is never written to memory
/// (<see cref="StageRow"/>: w + ((a x'_j) p_j) c), or be updated as it is read (<see cref="EulerRow"/>). The
/// implementations are structs, so that each kernel instantiation is compiled with the row inlined.
/// </summary>
internal interface IRowWeights
{
    TVector Load<TOps, TVector>(int j)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct;

    double Load(int j);
}

/// <summary>A row of weights as stored, double or float32 (<see cref="WeightStorage"/>: widened exactly).</summary>
internal readonly unsafe struct StoredRow<TWeight>(TWeight* w) : IRowWeights
    where TWeight : unmanaged
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Load<TOps, TVector>(int j)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct =>
        TOps.LoadWeights(w + j);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Load(int j) => WeightStorage.Load(w + j);
}

/// <summary>
/// The row of an explicit integrator stage, y + k h with the plasticity slope k_j = (a x'_j) p_j (the rank-1 drive of
/// <see cref="VectorKernels.ScaledCopy"/>, <paramref name="presence"/> null when every synapse exists): elementwise the
/// operations of <see cref="VectorKernels.StageOf"/> on that slope, so each stage weight has the bits of the stored
/// stage vector it stands for.
/// </summary>
internal readonly unsafe struct StageRow(double* w, double a, double* xPrevious, double* presence, double h) : IRowWeights
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Load<TOps, TVector>(int j)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        var k = Elementwise.Scaled<TOps, TVector>(TOps.Create(a), TOps.Load(xPrevious + j));
        if (presence is not null)
        {
            k = TOps.Multiply(k, TOps.Load(presence + j));
        }

        return Elementwise.AddScaled<TOps, TVector>(TOps.Load(w + j), k, TOps.Create(h));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Load(int j)
    {
        var k = Elementwise.Scaled(a, xPrevious[j]);
        return Elementwise.AddScaled(w[j], presence is null ? k : k * presence[j], h);
    }
}

/// <summary>
/// A stored row that takes a forward-Euler plasticity step as it is read: each load writes back and returns
/// w_j + ((a x_j) p_j) h, the operations of <see cref="VectorKernels.ScaledCopy"/> followed by
/// <see cref="VectorKernels.AddScaled"/>: the <see cref="StageRow"/> of step h on the current rates, stored. Each column
/// must be loaded exactly once.
/// </summary>
internal readonly unsafe struct EulerRow(double* w, double a, double* x, double* presence, double h) : IRowWeights
{
    private readonly StageRow step = new(w, a, x, presence, h);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Load<TOps, TVector>(int j)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        var updated = step.Load<TOps, TVector>(j);
        TOps.Store(updated, w + j);
        return updated;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Load(int j)
    {
        var updated = step.Load(j);
        w[j] = updated;
        return updated;
    }
}

/// <summary>
/// The row kernels of the fused integrator paths over <see cref="IRowWeights"/>: the pooled sums in the lane order of
/// VectorKernels.PoolRow (so a stage or freshly updated row gives the bits the stored row would), the
/// retrograde share of a row, and the classical RK4 update of a row whose four slopes are rank-1 plasticity drives.
/// No fused multiply-add. Each kernel's lanes loop is written once over <see cref="IVectorOps{TVector}"/> and returns
/// the first column it left to the scalar loop.
/// </summary>
internal static unsafe class StageKernels
{
    /// <summary>t_j += w_j * r for j in [0, n): the row's share of the retrograde sum, as in <see cref="VectorKernels.FusedRow"/>.</summary>
    public static void RetrogradeRow<TRow>(TRow row, double* t, double r, int n)
        where TRow : struct, IRowWeights
    {
        var j = Vector512.IsHardwareAccelerated ? RetrogradeLanes<TRow, Vector512Ops, Vector512<double>>(row, t, r, n)
            : Vector256.IsHardwareAccelerated ? RetrogradeLanes<TRow, Vector256Ops, Vector256<double>>(row, t, r, n)
            : 0;
        for (; j < n; j++)
        {
            t[j] = Elementwise.AddScaled(t[j], row.Load(j), r);
        }
    }

    /// <summary>
    /// The classical RK4 update of a stored row whose stage slopes are rank-1 plasticity drives, k_s,j = (a_s x_s,j) p_j:
    /// w_j += h (k1_j + 2 (k2_j + k3_j) + k4_j) with the operations of <see cref="VectorKernels.Rk4Combine"/>
    /// (<paramref name="h"/> is dt / 6). <paramref name="a"/> holds a_1..a_4, <paramref name="x"/> the four stage rate
    /// rows.
    /// </summary>
    public static void Rk4Row(double* w, Rk4Factors a, Rk4Rows x, double* presence, double h, int n)
    {
        var j = Vector512.IsHardwareAccelerated ? Rk4Lanes<Vector512Ops, Vector512<double>>(w, a, x, presence, h, n)
            : Vector256.IsHardwareAccelerated ? Rk4Lanes<Vector256Ops, Vector256<double>>(w, a, x, presence, h, n)
            : 0;
        for (; j < n; j++)
        {
            var k1 = Elementwise.Scaled(a.A1, x.X1[j]);
            var k2 = Elementwise.Scaled(a.A2, x.X2[j]);
            var k3 = Elementwise.Scaled(a.A3, x.X3[j]);
            var k4 = Elementwise.Scaled(a.A4, x.X4[j]);
            if (presence is not null)
            {
                var p = presence[j];
                k1 *= p;
                k2 *= p;
                k3 *= p;
                k4 *= p;
            }

            w[j] += h * (k1 + (2.0 * (k2 + k3)) + k4);
        }
    }

    private static int RetrogradeLanes<TRow, TOps, TVector>(TRow row, double* t, double r, int n)
        where TRow : struct, IRowWeights
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        var rv = TOps.Create(r);
        var j = 0;
        for (; j <= n - TOps.Count; j += TOps.Count)
        {
            TOps.Store(Elementwise.AddScaled<TOps, TVector>(TOps.Load(t + j), row.Load<TOps, TVector>(j), rv), t + j);
        }

        return j;
    }

    private static int Rk4Lanes<TOps, TVector>(double* w, Rk4Factors a, Rk4Rows x, double* presence, double h, int n)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        var hv = TOps.Create(h);
        var two = TOps.Create(2.0);
        var a1 = TOps.Create(a.A1);
        var a2 = TOps.Create(a.A2);
        var a3 = TOps.Create(a.A3);
        var a4 = TOps.Create(a.A4);
        var j = 0;
        for (; j <= n - TOps.Count; j += TOps.Count)
        {
            var k1 = Elementwise.Scaled<TOps, TVector>(a1, TOps.Load(x.X1 + j));
            var k2 = Elementwise.Scaled<TOps, TVector>(a2, TOps.Load(x.X2 + j));
            var k3 = Elementwise.Scaled<TOps, TVector>(a3, TOps.Load(x.X3 + j));
            var k4 = Elementwise.Scaled<TOps, TVector>(a4, TOps.Load(x.X4 + j));
            if (presence is not null)
            {
                var p = TOps.Load(presence + j);
                k1 = TOps.Multiply(k1, p);
                k2 = TOps.Multiply(k2, p);
                k3 = TOps.Multiply(k3, p);
                k4 = TOps.Multiply(k4, p);
            }

            var sum = TOps.Add(TOps.Add(k1, TOps.Multiply(two, TOps.Add(k2, k3))), k4);
            TOps.Store(TOps.Add(TOps.Load(w + j), TOps.Multiply(hv, sum)), w + j);
        }

        return j;
    }
}

/// <summary>The four plasticity row factors a_1..a_4 of one row in an RK4 step.</summary>
internal readonly record struct Rk4Factors(double A1, double A2, double A3, double A4);

/// <summary>The four stage rate rows x_1..x_4 (presynaptic) of an RK4 step.</summary>
internal readonly unsafe struct Rk4Rows(double* x1, double* x2, double* x3, double* x4)
{
    public double* X1 { get; } = x1;

    public double* X2 { get; } = x2;

    public double* X3 { get; } = x3;

    public double* X4 { get; } = x4;
}
