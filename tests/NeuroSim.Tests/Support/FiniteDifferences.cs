namespace NeuroSim.Tests.Support;

/// <summary>Central-difference gradients: the check of every analytic gradient that is independent of its algebra.</summary>
internal static class FiniteDifferences
{
    /// <summary>
    /// (L(p + h) - L(p - h)) / 2h for every entry of <paramref name="parameters"/> in order, perturbing each in place
    /// and restoring it; <paramref name="loss"/> must read the arrays.
    /// </summary>
    public static double[] Gradient(Func<double> loss, IEnumerable<double[]> parameters, double h) =>
        [.. parameters.SelectMany(array => Enumerable.Range(0, array.Length).Select(q =>
        {
            var saved = array[q];
            array[q] = saved + h;
            var up = loss();
            array[q] = saved - h;
            var down = loss();
            array[q] = saved;
            return (up - down) / (2 * h);
        }))];
}
