namespace NeuroSim.Cli.Commands;

/// <summary>Where the commands that read MNIST find the digits that `neurosim fetch-mnist` writes.</summary>
internal static class MnistFolder
{
    /// <summary>Where fetch-mnist puts the digits unless told otherwise.</summary>
    public const string Default = "data/mnist";

    /// <summary>--data of the microcircuit MNIST experiments: a folder with 0.json ... 9.json, <see cref="Default"/> unless given.</summary>
    public static Option<string> DataOption() =>
        new("--data") { Description = "MNIST folder with 0.json ... 9.json (fetch with `neurosim fetch-mnist`).", DefaultValueFactory = _ => Default };

    /// <summary>The folder a command uses when none is given: <see cref="Default"/>, else the repository's subset; null when neither exists.</summary>
    public static string? Find() => new[] { Default, "tests/data/mnist-subset" }.FirstOrDefault(Directory.Exists);
}
