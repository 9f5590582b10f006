namespace NeuroSim.Cli.Commands;

/// <summary>
/// Parse-time rules for option values. A value that breaks one is a parse error of one line that names the option
/// and what it allows (<see cref="CliApp"/> prints it; exit code 2), before the command does any work.
/// </summary>
internal static class OptionValues
{
    /// <summary>Whole numbers from <paramref name="min"/> up.</summary>
    public static Option<int> AtLeast(this Option<int> option, int min)
    {
        option.Validators.Add(result =>
        {
            if (Converted<int>(result) is { } value && value < min)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} = {value}: must be >= {min}"));
            }
        });
        return option;
    }

    /// <summary>Finite numbers in [<paramref name="min"/>, <paramref name="max"/>], or above <paramref name="min"/> when it is excluded.</summary>
    public static Option<double> Finite(this Option<double> option, double min = double.MinValue, double max = double.MaxValue, bool minExcluded = false)
    {
        option.Validators.Add(result =>
        {
            if (Converted<double>(result) is { } value && (!double.IsFinite(value) || value < min || (minExcluded && value == min) || value > max))
            {
                result.AddError($"{option.Name} = {Text(value)}: must be a finite number {Range(min, max, minExcluded)}");
            }
        });
        return option;
    }

    /// <summary>One of the names of <typeparamref name="T"/> in lower case, shown in the help and completed.</summary>
    public static Option<T> Choice<T>(string name, string description, T defaultValue)
        where T : struct, Enum
    {
        var option = new Option<T>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong([.. Enum.GetNames<T>().Select(n => n.ToLowerInvariant())]);
        return option;
    }

    /// <summary>One of <paramref name="choices"/>, shown in the help and completed.</summary>
    public static Option<string> Choice(string name, string description, string defaultValue, params string[] choices)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong(choices);
        return option;
    }

    /// <summary>A comma-separated list of finite numbers in a range ("0.1,0.03"), parsed by <see cref="OptionLists.Numbers"/>.</summary>
    public static Option<double[]> NumberList(string name, string description, IEnumerable<double> defaults, double min = double.MinValue, double max = double.MaxValue, bool allowEmpty = false)
    {
        var values = defaults.ToArray();
        return new Option<double[]>(name)
        {
            Description = description,
            Arity = ArgumentArity.ExactlyOne,
            HelpName = "list",
            DefaultValueFactory = _ => values,
            CustomParser = result => Parse(result, text => OptionLists.Numbers(text, name, min, max, allowEmpty)),
        };
    }

    /// <summary>A comma-separated list of names ("bp,adiabatic"), each one of <paramref name="allowed"/>.</summary>
    public static Option<string[]> NameList(string name, string description, string[] defaults, IReadOnlyList<string> allowed)
    {
        var option = new Option<string[]>(name)
        {
            Description = description,
            Arity = ArgumentArity.ExactlyOne,
            HelpName = "list",
            DefaultValueFactory = _ => defaults,
            CustomParser = result => Parse(result, text => OptionLists.Names(text) is { Length: > 0 } names
                ? names.FirstOrDefault(n => !allowed.Contains(n)) is { } unknown ? throw new ArgumentException($"{name}: '{unknown}' is not one of {string.Join(", ", allowed)}") : names
                : throw new ArgumentException($"{name}: give at least one of {string.Join(", ", allowed)}")),
        };
        option.CompletionSources.Add([.. allowed]);
        return option;
    }

    /// <summary>
    /// A simulated duration with its unit ("15 s", "200 ms", "2min"), in milliseconds: the same grammar as durations in
    /// model and protocol files, so no option has to say its unit in its name.
    /// </summary>
    public static Option<double> Duration(string name, string description, string defaultText, double minMs = 0, bool minExcluded = true)
    {
        return new Option<double>(name)
        {
            Description = description,
            Arity = ArgumentArity.ExactlyOne,
            HelpName = "duration",
            DefaultValueFactory = _ => Milliseconds(defaultText, name, minMs, minExcluded),
            CustomParser = result => Parse(result, text => Milliseconds(text, name, minMs, minExcluded)),
        };
    }

    private static double Milliseconds(string text, string name, double minMs, bool minExcluded) =>
        !NeuroSim.Files.Yaml.Durations.TryParseMs(text, out var ms) || !double.IsFinite(ms)
            ? throw new ArgumentException($"{name} '{text}': give a duration with a unit, e.g. '500 ms' or '15 s'")
            : ms < minMs || (minExcluded && ms == minMs)
                ? throw new ArgumentException($"{name} '{text}': must be {(minExcluded ? "longer than" : "at least")} {Text(minMs)} ms")
                : ms;

    /// <summary>The value of one token through <paramref name="parse"/>, whose ArgumentException becomes the option's parse error.</summary>
    public static T? Parse<T>(System.CommandLine.Parsing.ArgumentResult result, Func<string, T> parse)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(parse);
        try
        {
            return parse(result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty);
        }
        catch (ArgumentException e)
        {
            result.AddError(e.Message);
            return default;
        }
    }

    /// <summary>The option's value, or null when its text is not a <typeparamref name="T"/> (System.CommandLine reports that itself).</summary>
    private static T? Converted<T>(System.CommandLine.Parsing.OptionResult result)
        where T : struct, IParsable<T> =>
        result.Tokens.All(t => T.TryParse(t.Value, CultureInfo.InvariantCulture, out _)) ? result.GetValueOrDefault<T>() : null;

    private static string Range(double min, double max, bool minExcluded) => (min, max) switch
    {
        (double.MinValue, double.MaxValue) => string.Empty,
        (_, double.MaxValue) => $"{(minExcluded ? ">" : ">=")} {Text(min)}",
        _ => $"in {(minExcluded ? "(" : "[")}{Text(min)}, {Text(max)}]",
    };

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
