namespace NeuroSim.Core.Integration;

/// <summary>Creates integrators by their registry name, as used in model and protocol files.</summary>
public static class IntegratorRegistry
{
    public static IReadOnlyList<string> Names { get; } =
        Array.AsReadOnly(["euler", "exp-euler", "heun", "rk4", "dopri5"]);

    /// <summary>A new integrator with default settings for states of <paramref name="dimension"/> components.</summary>
    public static IIntegrator Create(string name, int dimension)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "euler" => new ForwardEuler(dimension),
            "exp-euler" => new ExponentialEuler(dimension),
            "heun" => new Heun(dimension),
            "rk4" => new RungeKutta4(dimension),
            "dopri5" => new DormandPrince54(dimension),
            _ => throw new ArgumentException(
                $"unknown integrator '{name}'; valid: {string.Join(", ", Names)}", nameof(name)),
        };
    }
}
