using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;

namespace NeuroSim.Models.Microcircuit;

/// <summary>Row-major dense products of the microcircuit; each output is summed in a fixed order, so results do not depend on the machine's vector width.</summary>
public static class DenseMath
{
    /// <summary>y = W x (+ b when <paramref name="bias"/> is not empty), W rows x columns.</summary>
    public static void Multiply(ReadOnlySpan<double> w, int rows, int columns, ReadOnlySpan<double> x, ReadOnlySpan<double> bias, Span<double> y)
    {
        for (var i = 0; i < rows; i++)
        {
            var sum = Dot(w.Slice(i * columns, columns), x);
            y[i] = bias.IsEmpty ? sum : sum + bias[i];
        }
    }

    /// <summary>y = W^T x for W rows x columns (x has rows entries, y has columns entries).</summary>
    public static void MultiplyTransposed(ReadOnlySpan<double> w, int rows, int columns, ReadOnlySpan<double> x, Span<double> y)
    {
        y[..columns].Clear();
        for (var i = 0; i < rows; i++)
        {
            AddScaled(y[..columns], x[i], w.Slice(i * columns, columns));
        }
    }

    /// <summary>W += a (u v^T) over rows = |u|, columns = |v|.</summary>
    public static void AddOuter(Span<double> w, double a, ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        for (var i = 0; i < u.Length; i++)
        {
            var scale = a * u[i];
            if (scale != 0.0)
            {
                AddScaled(w.Slice(i * v.Length, v.Length), scale, v);
            }
        }
    }

    /// <summary>target += a source.</summary>
    public static void AddScaled(Span<double> target, double a, ReadOnlySpan<double> source)
    {
        var k = 0;
        if (Vector.IsHardwareAccelerated && target.Length >= Vector<double>.Count)
        {
            var t = MemoryMarshal.Cast<double, Vector<double>>(target);
            var s = MemoryMarshal.Cast<double, Vector<double>>(source[..target.Length]);
            var va = new Vector<double>(a);
            for (var j = 0; j < t.Length; j++)
            {
                t[j] += va * s[j];
            }

            k = t.Length * Vector<double>.Count;
        }

        for (; k < target.Length; k++)
        {
            target[k] += a * source[k];
        }
    }

    /// <summary>Number of partial sums of <see cref="Dot"/>, fixed so that its result does not depend on the instruction set.</summary>
    public const int DotLanes = 4;

    /// <summary>
    /// Sum of a_k b_k. From <c>2 DotLanes</c> elements on, lane l sums the products with k mod 4 = l over the
    /// whole multiple of 4 in increasing k, the lanes are added as (l0 + l1) + (l2 + l3) and the remaining products
    /// follow in index order; shorter vectors are summed in index order. The 256-bit and scalar paths give the same
    /// bits (no fused multiply-add), and these are the bits the earlier Vector&lt;double&gt; code gave on AVX2.
    /// </summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        b = b[..a.Length];
        var sum = 0.0;
        var k = 0;
        if (a.Length >= 2 * DotLanes)
        {
            var whole = a.Length - (a.Length % DotLanes);
            double l0, l1, l2, l3;
            if (Vector256.IsHardwareAccelerated)
            {
                var acc = Vector256<double>.Zero;
                for (; k < whole; k += DotLanes)
                {
                    acc += Vector256.Create(a.Slice(k, DotLanes)) * Vector256.Create(b.Slice(k, DotLanes));
                }

                (l0, l1, l2, l3) = (acc[0], acc[1], acc[2], acc[3]);
            }
            else
            {
                (l0, l1, l2, l3) = (0.0, 0.0, 0.0, 0.0);
                for (; k < whole; k += DotLanes)
                {
                    l0 += a[k] * b[k];
                    l1 += a[k + 1] * b[k + 1];
                    l2 += a[k + 2] * b[k + 2];
                    l3 += a[k + 3] * b[k + 3];
                }
            }

            sum = (l0 + l1) + (l2 + l3);
        }

        for (; k < a.Length; k++)
        {
            sum += a[k] * b[k];
        }

        return sum;
    }

    /// <summary>Squared Euclidean norm.</summary>
    public static double SquaredNorm(ReadOnlySpan<double> a) => Dot(a, a);

    /// <summary>||a - b||^2, summed in index order.</summary>
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var k = 0; k < a.Length; k++)
        {
            var d = a[k] - b[k];
            sum += d * d;
        }

        return sum;
    }
}
