namespace NeuroSim.Experiments.Sweeps;

/// <summary>
/// A derived setting written as an arithmetic expression of swept values, e.g. "10 / {eps} ms" or
/// "{timescales.credit} * 100": numbers, {name} (a swept parameter or variable, or a value of the base model or
/// protocol; durations in ms), + - * / ^, parentheses, unary minus and round, floor, ceil, min, max; an optional trailing unit (ms, s, us, min) makes the result a duration.
/// </summary>
public sealed class SweepExpression
{
    private static readonly string[] Units = ["ms", "s", "us", "min"];

    private static readonly Dictionary<string, int> Functions = new() { ["round"] = 1, ["floor"] = 1, ["ceil"] = 1, ["min"] = 2, ["max"] = 2 };

    private readonly string body;

    private SweepExpression(string text, string body, string unit, IReadOnlyList<string> names)
    {
        Text = text;
        this.body = body;
        Unit = unit;
        Names = names;
    }

    public string Text { get; }

    /// <summary>The unit of the result ("" for a plain number).</summary>
    public string Unit { get; }

    /// <summary>The {names} the expression uses.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Parses <paramref name="text"/>; an error is an <see cref="ArgumentException"/> saying what is wrong where.</summary>
    public static SweepExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var unit = Units.FirstOrDefault(u => trimmed.EndsWith(" " + u, StringComparison.Ordinal)) ?? string.Empty;
        var body = unit.Length > 0 ? trimmed[..^unit.Length].Trim() : trimmed;
        var names = new List<string>();
        for (var i = body.IndexOf('{', StringComparison.Ordinal); i >= 0; i = body.IndexOf('{', i + 1))
        {
            var close = body.IndexOf('}', i);
            if (close < 0)
            {
                throw new ArgumentException($"'{text}': '{{' at {i + 1} is not closed");
            }

            names.Add(body[(i + 1)..close]);
        }

        var expression = new SweepExpression(text, body, unit, names);
        expression.Evaluate(names.Distinct().ToDictionary(n => n, _ => 1.0));
        return expression;
    }

    /// <summary>The value with <paramref name="values"/> substituted for the {names}.</summary>
    public double Evaluate(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var parser = new Parser(body, values, Text);
        var value = parser.Sum();
        parser.End();
        return value;
    }

    /// <summary>The --set text of the value: the number with the unit when the expression has one.</summary>
    public string Format(double value) =>
        double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture) + (Unit.Length > 0 ? " " + Unit : string.Empty);

    private sealed class Parser(string text, IReadOnlyDictionary<string, double> values, string original)
    {
        private int position;

        public double Sum()
        {
            var value = Product();
            while (Next() is '+' or '-')
            {
                var op = text[position++];
                var right = Product();
                value = op == '+' ? value + right : value - right;
            }

            return value;
        }

        public void End()
        {
            if (Next() is { } c)
            {
                throw Error($"unexpected '{c}'");
            }
        }

        private double Product()
        {
            var value = Unary();
            while (Next() is '*' or '/')
            {
                var op = text[position++];
                var right = Unary();
                value = op == '*' ? value * right : value / right;
            }

            return value;
        }

        // As in mathematics: -2 ^ 2 is -(2 ^ 2), and 2 ^ 3 ^ 2 is 2 ^ (3 ^ 2).
        private double Unary()
        {
            if (Next() is '-')
            {
                position++;
                return -Unary();
            }

            return Power();
        }

        private double Power()
        {
            var value = Atom();
            if (Next() is '^')
            {
                position++;
                return Math.Pow(value, Unary());
            }

            return value;
        }

        private double Atom()
        {
            switch (Next())
            {
                case '(':
                    position++;
                    var inner = Sum();
                    if (Next() is not ')')
                    {
                        throw Error("missing ')'");
                    }

                    position++;
                    return inner;
                case '{':
                    var close = text.IndexOf('}', position);
                    var name = text[(position + 1)..close];
                    position = close + 1;
                    return values.TryGetValue(name, out var v) ? v : throw Error($"unknown name '{{{name}}}'");
                case { } c when char.IsAsciiLetterLower(c):
                    return Function();
                case { } c when char.IsAsciiDigit(c) || c == '.':
                    var start = position;
                    while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] is '.' or 'e' or 'E' || (text[position] is '+' or '-' && text[position - 1] is 'e' or 'E')))
                    {
                        position++;
                    }

                    return double.TryParse(text.AsSpan(start, position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                        ? number
                        : throw Error($"'{text[start..position]}' is not a number");
                case { } c:
                    throw Error($"unexpected '{c}'");
                default:
                    throw Error("the expression ends too early");
            }
        }

        // round() and friends let a derived duration land on a whole number of steps: "round({x} / {scheduler.dt}) * {scheduler.dt} ms".
        private double Function()
        {
            var start = position;
            while (position < text.Length && char.IsAsciiLetterLower(text[position]))
            {
                position++;
            }

            var name = text[start..position];
            if (!Functions.TryGetValue(name, out var arity))
            {
                position = start;
                throw Error($"unknown function '{name}'; known: {string.Join(", ", Functions.Keys.Select(f => f + "()"))}");
            }

            if (Next() is not '(')
            {
                throw Error($"'{name}' needs '(' and its argument{(arity > 1 ? "s" : string.Empty)}");
            }

            position++;
            var arguments = new List<double> { Sum() };
            while (Next() is ',')
            {
                position++;
                arguments.Add(Sum());
            }

            if (Next() is not ')')
            {
                throw Error("missing ')'");
            }

            position++;
            if (arguments.Count != arity)
            {
                throw Error($"{name}() takes {arity} argument{(arity > 1 ? "s" : string.Empty)}, got {arguments.Count}");
            }

            return name switch
            {
                "round" => Math.Round(arguments[0], MidpointRounding.AwayFromZero),
                "floor" => Math.Floor(arguments[0]),
                "ceil" => Math.Ceiling(arguments[0]),
                "min" => Math.Min(arguments[0], arguments[1]),
                _ => Math.Max(arguments[0], arguments[1]),
            };
        }

        private char? Next()
        {
            while (position < text.Length && text[position] == ' ')
            {
                position++;
            }

            return position < text.Length ? text[position] : null;
        }

        private ArgumentException Error(string detail) => new($"'{original}': {detail} (at character {position + 1}); write numbers, {{names}}, + - * / ^, parentheses and round, floor, ceil, min, max, then optionally a unit (ms, s, us, min)");
    }
}
