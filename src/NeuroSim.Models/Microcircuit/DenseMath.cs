using System.Numerics;
using System.Runtime.InteropServices;

namespace NeuroSim.Models.Microcircuit;

/// <summary>Row-major dense products of the microcircuit; each output is summed in a fixed order, so results do not depend on the machine's vector width beyond the fixed lane split.</summary>
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

    /// <summary>Sum of a_k b_k.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        var k = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= 2 * Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b[..a.Length]);
            var acc = Vector<double>.Zero;
            for (var j = 0; j < va.Length; j++)
            {
                acc += va[j] * vb[j];
            }

            sum = Vector.Sum(acc);
            k = va.Length * Vector<double>.Count;
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
