namespace NeuroSim.Models.Training;

/// <summary>Input-target pairs presented in a fixed order.</summary>
public sealed record Dataset(string Name, IReadOnlyList<double[]> Inputs, IReadOnlyList<double[]> Targets)
{
    public int Count => Inputs.Count;

    public int InputSize => Inputs[0].Length;

    public int TargetSize => Targets[0].Length;
}

/// <summary>Small generated tasks.</summary>
public static class Datasets
{
    /// <summary>XOR on inputs in {-1, +1}, targets <paramref name="low"/> (same signs) or <paramref name="high"/> (different signs).</summary>
    public static Dataset Xor(double low = -0.8, double high = 0.8) => new(
        "xor",
        [[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]],
        [[low], [high], [high], [low]]);
}
