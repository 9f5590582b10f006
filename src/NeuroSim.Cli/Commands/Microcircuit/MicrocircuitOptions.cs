using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Cli.Commands.Microcircuit;

/// <summary>Parsing shared by the continuous-time microcircuit subcommands.</summary>
internal static class MicrocircuitOptions
{
    /// <summary>Largest layer a command-line size may give (a typo must not allocate gigabytes).</summary>
    public const int MaxLayerSize = 100_000;

    /// <summary>`--sizes 30-20-10`, parsed by <see cref="ParseSizes"/>.</summary>
    public static Option<int[]> Sizes(string description, int[] defaults) => new("--sizes")
    {
        Description = description,
        Arity = ArgumentArity.ExactlyOne,
        HelpName = "sizes",
        DefaultValueFactory = _ => defaults,
        CustomParser = result => OptionValues.Parse(result, ParseSizes),
    };

    /// <summary>"30-20-10" -> [30, 20, 10]: the one parser of layer sizes on the command line.</summary>
    public static int[] ParseSizes(string text)
    {
        var parts = (text ?? string.Empty).Split('-', StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (var k = 0; k < parts.Length; k++)
        {
            if (!int.TryParse(parts[k], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[k]) || sizes[k] is < 1 or > MaxLayerSize)
            {
                throw new ArgumentException($"--sizes: '{text}' is not a list of layer sizes from 1 to {MaxLayerSize} joined by '-', like 30-20-10");
            }
        }

        if (sizes.Length < 3)
        {
            throw new ArgumentException($"--sizes: '{text}' needs an input, at least one hidden layer and an output (e.g. 30-20-10)");
        }

        return sizes;
    }

    /// <summary>--noise, the model file's noise.convention.</summary>
    public static Option<string> NoiseOption()
    {
        var option = new Option<string>("--noise") { Description = "Noise convention: per-step (sigma per step: sigma dt N(0,1), the published reimplementations' and the shipped file's; the default here) or euler-maruyama (sigma per sqrt(ms): sigma sqrt(dt) N(0,1), which has a continuous-time limit; the default of model files).", DefaultValueFactory = _ => "per-step" };
        option.AcceptOnlyFromAmong("per-step", "euler-maruyama");
        return option;
    }

    /// <summary>A somatic noise sigma: 0 to 10, as the model file allows.</summary>
    public static double Sigma(double value) =>
        value is >= 0 and <= 10 ? value : throw new ArgumentException($"--sigma must be 0 to 10, got {value.ToString(CultureInfo.InvariantCulture)}");
}
