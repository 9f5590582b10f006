using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuroSim.Core.Kernels;

/// <summary>
/// The weights of one dense row as a kernel sees them, eight or one at a time (column j upward). A row may be
/// stored (<see cref="StoredRow{TWeight}"/>), or be the row of an integrator stage that is never written to memory
/// (<see cref="StageRow"/>: w + ((a x'_j) p_j) c), or be updated as it is read (<see cref="EulerRow"/>). The
/// implementations are structs, so that each kernel instantiation is compiled with the row inlined.
/// </summary>
internal interface IRowWeights
{
    TLanes Load<TLanes>(int j)
        where TLanes : struct, IEightLanes<TLanes>;

    double Load(int j);
}

/// <summary>A row of weights as stored, double or float32 (<see cref="WeightStorage"/>: widened exactly).</summary>
internal readonly unsafe struct StoredRow<TWeight>(TWeight* w) : IRowWeights
    where TWeight : unmanaged
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TLanes Load<TLanes>(int j)
        where TLanes : struct, IEightLanes<TLanes> =>
        TLanes.LoadWeights(w + j);

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
    public TLanes Load<TLanes>(int j)
        where TLanes : struct, IEightLanes<TLanes>
    {
        var k = Elementwise.Scaled(TLanes.Create(a), TLanes.Load(xPrevious + j));
        if (presence is not null)
        {
            k *= TLanes.Load(presence + j);
        }

        return Elementwise.AddScaled(TLanes.Load(w + j), k, TLanes.Create(h));
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
    public TLanes Load<TLanes>(int j)
        where TLanes : struct, IEightLanes<TLanes>
    {
        var updated = step.Load<TLanes>(j);
        updated.Store(w + j);
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
/// No fused multiply-add. Each kernel's lanes loop is written once over <see cref="IEightLanes{TSelf}"/> and returns
/// the first column it left to the scalar loop.
/// </summary>
internal static unsafe class StageKernels
{
    /// <summary>t_j += w_j * r for j in [0, n): the row's share of the retrograde sum, as in <see cref="VectorKernels.FusedRow"/>.</summary>
    public static void RetrogradeRow<TRow>(TRow row, double* t, double r, int n)
        where TRow : struct, IRowWeights
    {
        var j = Vector512.IsHardwareAccelerated ? RetrogradeLanes<TRow, Lanes512>(row, t, r, n)
            : Vector256.IsHardwareAccelerated ? RetrogradeLanes<TRow, Lanes256Pair>(row, t, r, n)
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
        var j = Vector512.IsHardwareAccelerated ? Rk4Lanes<Lanes512>(w, a, x, presence, h, n)
            : Vector256.IsHardwareAccelerated ? Rk4Lanes<Lanes256Pair>(w, a, x, presence, h, n)
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

    private static int RetrogradeLanes<TRow, TLanes>(TRow row, double* t, double r, int n)
        where TRow : struct, IRowWeights
        where TLanes : struct, IEightLanes<TLanes>
    {
        var rv = TLanes.Create(r);
        var j = 0;
        for (; j <= n - VectorKernels.Lanes; j += VectorKernels.Lanes)
        {
            Elementwise.AddScaled(TLanes.Load(t + j), row.Load<TLanes>(j), rv).Store(t + j);
        }

        return j;
    }

    private static int Rk4Lanes<TLanes>(double* w, Rk4Factors a, Rk4Rows x, double* presence, double h, int n)
        where TLanes : struct, IEightLanes<TLanes>
    {
        var hv = TLanes.Create(h);
        var two = TLanes.Create(2.0);
        var a1 = TLanes.Create(a.A1);
        var a2 = TLanes.Create(a.A2);
        var a3 = TLanes.Create(a.A3);
        var a4 = TLanes.Create(a.A4);
        var j = 0;
        for (; j <= n - VectorKernels.Lanes; j += VectorKernels.Lanes)
        {
            var k1 = Elementwise.Scaled(a1, TLanes.Load(x.X1 + j));
            var k2 = Elementwise.Scaled(a2, TLanes.Load(x.X2 + j));
            var k3 = Elementwise.Scaled(a3, TLanes.Load(x.X3 + j));
            var k4 = Elementwise.Scaled(a4, TLanes.Load(x.X4 + j));
            if (presence is not null)
            {
                var p = TLanes.Load(presence + j);
                k1 *= p;
                k2 *= p;
                k3 *= p;
                k4 *= p;
            }

            var sum = k1 + (two * (k2 + k3)) + k4;
            (TLanes.Load(w + j) + (hv * sum)).Store(w + j);
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
