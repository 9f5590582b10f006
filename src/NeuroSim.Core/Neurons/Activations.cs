namespace NeuroSim.Core.Neurons;

/// <summary>Activations found by name; an unknown name lists the valid ones.</summary>
public static class Activations
{
    private static readonly Dictionary<string, Func<Activation>> Factories = new(StringComparer.Ordinal)
    {
        ["tanh"] = () => new TanhActivation(),
        ["logistic"] = () => new LogisticActivation(),
        ["softplus"] = () => new SoftPlusActivation(),
        ["linear"] = () => new LinearActivation(),
        ["scaled-softplus"] = () => new ScaledSoftPlusActivation(),
    };

    /// <summary>Aliases accepted on input and mapped to a registry name.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["soft-relu"] = "softplus",
        ["sigmoid"] = "logistic",
    };

    public static IReadOnlyList<string> Names { get; } = [.. Factories.Keys];

    /// <summary>Every name <see cref="Create"/> accepts: the registry names, then the aliases.</summary>
    public static IReadOnlyList<string> AcceptedNames { get; } = [.. Factories.Keys, .. Aliases.Keys];

    public static Activation Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = Aliases.TryGetValue(name, out var alias) ? alias : name;
        return Factories.TryGetValue(key, out var factory)
            ? factory()
            : throw new ArgumentException($"unknown activation '{name}'; valid: {string.Join(", ", Names)}", nameof(name));
    }
}
