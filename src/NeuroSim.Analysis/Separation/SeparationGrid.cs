namespace NeuroSim.Analysis.Separation;

/// <summary>
/// The points of a separation study: the full (eps_1, eps_2) grid for each start mode, and a line over
/// tau_m / tau_c at eps_1 = eps_2 = <see cref="MessengerEpsilon"/> when messenger ratios are given.
/// </summary>
public sealed record SeparationGrid
{
    /// <summary>A decade and a half on each side and more: 1 down to 0.003.</summary>
    public static IReadOnlyList<double> DefaultEpsilons { get; } = [1.0, 0.3, 0.1, 0.03, 0.01, 0.003];

    public IReadOnlyList<double> Epsilon1 { get; init; } = DefaultEpsilons;

    public IReadOnlyList<double> Epsilon2 { get; init; } = DefaultEpsilons;

    public IReadOnlyList<StartMode> Starts { get; init; } = [StartMode.Cold, StartMode.Settled];

    public IReadOnlyList<double> MessengerRatios { get; init; } = [1.0, 0.3, 0.1, 0.03];

    public double MessengerEpsilon { get; init; } = 0.03;

    public IReadOnlyList<SeparationPoint> Points()
    {
        var points = new List<SeparationPoint>();
        foreach (var start in Starts)
        {
            foreach (var e1 in Epsilon1)
            {
                foreach (var e2 in Epsilon2)
                {
                    points.Add(new SeparationPoint(e1, e2, start));
                }
            }
        }

        foreach (var ratio in MessengerRatios)
        {
            points.Add(new SeparationPoint(MessengerEpsilon, MessengerEpsilon, StartMode.Cold, ratio));
        }

        return points;
    }

    public void Validate()
    {
        foreach (var (name, values) in new[] { ("eps1", Epsilon1), ("eps2", Epsilon2), ("messenger ratios", MessengerRatios) })
        {
            if (values.Any(v => !(v > 0) || !double.IsFinite(v) || v > 10))
            {
                throw new ArgumentException($"{name}: every value must be in (0, 10]");
            }
        }

        if (Epsilon1.Count == 0 || Epsilon2.Count == 0 || Starts.Count == 0)
        {
            throw new ArgumentException("the grid needs at least one eps1, one eps2 and one start mode");
        }

        if (!(MessengerEpsilon > 0) || MessengerEpsilon > 10)
        {
            throw new ArgumentException("the messenger line's eps must be in (0, 10]");
        }
    }
}
