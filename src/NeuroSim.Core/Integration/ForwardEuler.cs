using System.Runtime.CompilerServices;

namespace NeuroSim.Core.Integration;

/// <summary>
/// Forward (explicit) Euler: y += dt F(t, y). Order 1; stable on the pure leak for dt a &lt;= 2.
/// Reference: Hairer, Nørsett &amp; Wanner, Solving Ordinary Differential Equations I, §I.7.
/// </summary>
public sealed class ForwardEuler : Integrator
{
    private readonly double[] _k;

    public ForwardEuler(int dimension)
        : base(dimension, "euler", order: 1, stabilityLimit: 2.0)
    {
        _k = NewBuffer();
    }

    protected override unsafe void Advance(IOdeSystem system, double t, double dt, Span<double> y)
    {
        system.Derivative(t, y, _k);

        // Vectorized y += k dt: elementwise the same bits as the scalar loop (no fused multiply-add), and the
        // plasticity process steps the whole weight vector with it, so it runs at memory speed.
        fixed (double* py = y, pk = _k)
        {
            Kernels.VectorKernels.AddScaled(py, pk, dt, y.Length);
        }
    }

    /// <summary>One component of the step, y + F dt, for a model that steps its state without this class (a fused step).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Advance(double y, double slope, double dt) => Kernels.Elementwise.AddScaled(y, slope, dt);
}
