namespace NeuroSim.Tests.Support;

/// <summary>Central-difference gradients: the check of every analytic gradient that is independent of its algebra.</summary>
internal static class FiniteDifferences
{
    /// <summary>
    /// The step h of the gradient checks: truncation error O(h^2 L''') ~ 1e-12 and rounding ~ eps L / h ~ 1e-10, both
    /// far below the relative tolerances (1e-6, 1e-7) the checks assert.
    /// </summary>
    public const double Step = 1e-6;

    /// <summary>
    /// (L(p + h) - L(p - h)) / 2h for every entry of <paramref name="parameters"/> in order, perturbing each in place
    /// and restoring it; <paramref name="loss"/> must read the arrays.
    /// </summary>
    public static double[] Gradient(Func<double> loss, IEnumerable<double[]> parameters, double h) =>
        [.. parameters.SelectMany(array => Enumerable.Range(0, array.Length).Select(q => Central(loss, array, q, h)))];

    /// <summary>
    /// <see cref="Gradient(Func{double}, IEnumerable{double[]}, double)"/> of the entries of <paramref name="parameters"/>
    /// that <paramref name="include"/> selects; the others stay 0 (absent synapses of a dense weight array).
    /// </summary>
    public static double[] Gradient(Func<double> loss, double[] parameters, double h, Func<int, bool> include) =>
        [.. Enumerable.Range(0, parameters.Length).Select(q => include(q) ? Central(loss, parameters, q, h) : 0.0)];

    private static double Central(Func<double> loss, double[] array, int q, double h)
    {
        var saved = array[q];
        array[q] = saved + h;
        var up = loss();
        array[q] = saved - h;
        var down = loss();
        array[q] = saved;
        return (up - down) / (2 * h);
    }
}
