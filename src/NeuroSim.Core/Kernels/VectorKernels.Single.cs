using System.Runtime.Intrinsics;

namespace NeuroSim.Core.Kernels;

/// <summary>
/// The fused-step kernels on rows stored in float32: each weight is widened to double, every product and sum
/// is taken in double in the eight-lane layout of <see cref="PoolRow"/>, and the updated weight is rounded back
/// to float32. Only the storage is single precision: half the memory traffic, weights carried to 24 bits.
/// </summary>
internal static unsafe partial class VectorKernels
{
    /// <summary><see cref="PoolRow"/> over a float32 row.</summary>
    public static void PoolRowSingle(float* w, double* x, int n, out double e, out double inh)
    {
        var le = stackalloc double[Lanes];
        var li = stackalloc double[Lanes];
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // Both halves of 16 floats land in the same eight lanes (column j in lane j mod 8), in increasing j.
            var accE = Vector512<double>.Zero;
            var accI = Vector512<double>.Zero;
            for (; j <= n - 16; j += 16)
            {
                var wf = Vector512.Load(w + j);
                var w0 = Vector512.WidenLower(wf);
                var w1 = Vector512.WidenUpper(wf);
                var x0 = Vector512.Load(x + j);
                var x1 = Vector512.Load(x + j + 8);
                accE += Elementwise.Excitatory(w0, x0);
                accI += Elementwise.Inhibitory(w0, x0);
                accE += Elementwise.Excitatory(w1, x1);
                accI += Elementwise.Inhibitory(w1, x1);
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
                var wf = Vector256.Load(w + j);
                var w0 = Vector256.WidenLower(wf);
                var w1 = Vector256.WidenUpper(wf);
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
            double wj = w[j];
            var xj = x[j];
            le[j & 7] += Elementwise.Excitatory(wj, xj);
            li[j & 7] += Elementwise.Inhibitory(wj, xj);
        }

        e = Reduce(le);
        inh = Reduce(li);
    }

    /// <summary><see cref="FusedRow"/> over a float32 row: the new weight is computed in double and rounded to float32.</summary>
    public static void FusedRowSingle(float* w, double* x, double* presence, double* t, double r, double a, double h, int n)
    {
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var rv = Vector512.Create(r);
            var av = Vector512.Create(a);
            var hv = Vector512.Create(h);
            for (; j <= n - 16; j += 16)
            {
                var wf = Vector512.Load(w + j);
                var w0 = Vector512.WidenLower(wf);
                var w1 = Vector512.WidenUpper(wf);
                Elementwise.AddScaled(Vector512.Load(t + j), w0, rv).Store(t + j);
                Elementwise.AddScaled(Vector512.Load(t + j + 8), w1, rv).Store(t + j + 8);
                var d0 = Elementwise.Scaled(av, Vector512.Load(x + j));
                var d1 = Elementwise.Scaled(av, Vector512.Load(x + j + 8));
                if (presence is not null)
                {
                    d0 *= Vector512.Load(presence + j);
                    d1 *= Vector512.Load(presence + j + 8);
                }

                Vector512.Narrow(Elementwise.AddScaled(w0, d0, hv), Elementwise.AddScaled(w1, d1, hv)).Store(w + j);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var rv = Vector256.Create(r);
            var av = Vector256.Create(a);
            var hv = Vector256.Create(h);
            for (; j <= n - 8; j += 8)
            {
                var wf = Vector256.Load(w + j);
                var w0 = Vector256.WidenLower(wf);
                var w1 = Vector256.WidenUpper(wf);
                Elementwise.AddScaled(Vector256.Load(t + j), w0, rv).Store(t + j);
                Elementwise.AddScaled(Vector256.Load(t + j + 4), w1, rv).Store(t + j + 4);
                var d0 = Elementwise.Scaled(av, Vector256.Load(x + j));
                var d1 = Elementwise.Scaled(av, Vector256.Load(x + j + 4));
                if (presence is not null)
                {
                    d0 *= Vector256.Load(presence + j);
                    d1 *= Vector256.Load(presence + j + 4);
                }

                Vector256.Narrow(Elementwise.AddScaled(w0, d0, hv), Elementwise.AddScaled(w1, d1, hv)).Store(w + j);
            }
        }

        for (; j < n; j++)
        {
            double wj = w[j];
            t[j] = Elementwise.AddScaled(t[j], wj, r);
            var d = Elementwise.Scaled(a, x[j]);
            w[j] = (float)Elementwise.AddScaled(wj, presence is null ? d : d * presence[j], h);
        }
    }
}
