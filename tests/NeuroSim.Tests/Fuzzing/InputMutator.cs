using System.Text;
using System.Text.RegularExpressions;

namespace NeuroSim.Tests.Fuzzing;

/// <summary>One mutation of an input file: what was done (to reproduce it) and the resulting bytes.</summary>
internal sealed record Mutation(string Kind, string Description, byte[] Bytes);

/// <summary>
/// Deterministic mutations of YAML and CSV input files, from a <see cref="Random"/> seeded per case: byte flips,
/// truncation, deleted and duplicated lines, wrong types, huge and non-finite numbers, integer overflow, unknown
/// keys, list and mapping keys, anchors, aliases and alias bombs, deep nesting, control characters, long names;
/// for CSVs wrong shapes, NaN, Infinity, empty and header-only files.
/// </summary>
internal static partial class InputMutator
{
    public static IReadOnlyList<string> YamlKinds { get; } =
    [
        "byte-flip", "truncate", "delete-line", "duplicate-line", "wrong-type", "huge-number", "int-overflow", "unknown-key",
        "collection-key", "alias", "alias-bomb", "deep-nesting", "control-chars", "long-name", "stacked",
    ];

    public static IReadOnlyList<string> CsvKinds { get; } =
    [
        "csv-byte-flip", "csv-truncate", "csv-drop-cell", "csv-extra-cell", "csv-drop-row", "csv-duplicate-row", "csv-bad-number",
        "csv-empty", "csv-header-only", "csv-header", "csv-long-line", "csv-control-chars",
    ];

    private static readonly string[] WrongTypes = ["[1, 2]", "{a: 1}", "[]", "{}", "\"text\"", "true", "null", "~", "''", "- x", "[[1], {b: [2]}]"];

    private static readonly string[] HugeNumbers =
    [
        "1e308", "-1e308", ".inf", "-.inf", ".nan", "1e-300", "-1e-300", "Infinity", "-Infinity", "NaN", "1e400", "0", "-0", "-1",
        "1e308 ms", "1e-300 ms", "1e20 s", "Infinity ms", "NaN ms", "-1e308 ms", "1e-300 us", "4e9 min", "5e-324 ms",
    ];

    private static readonly string[] Overflows =
    [
        "2147483647", "2147483648", "-2147483649", "4294967296", "9223372036854775807", "9223372036854775808", "18446744073709551616",
        "65536", "65537", "100000000", "1000000000", "10000000", "99999999999999999999", "0x7fffffff", "1_000_000",
    ];

    private static readonly string[] Controls = ["\u001b[31m", "\0", "\u0007", "\u202e", "\u007f", "\u009b", "\r", "\u001b]0;title\u0007", "\t", "\u2028"];

    public static Mutation MutateYaml(string text, Random random, int depth = 0)
    {
        var kind = YamlKinds[random.Next(depth > 0 ? YamlKinds.Count - 1 : YamlKinds.Count)];
        var lines = text.Split('\n').ToList();
        switch (kind)
        {
            case "byte-flip":
                return FlipBytes(kind, text, random);
            case "truncate":
                {
                    var at = random.Next(text.Length + 1);
                    return Text(kind, $"truncated at character {at} of {text.Length}", text[..at]);
                }

            case "delete-line":
                {
                    var k = random.Next(lines.Count);
                    var removed = lines[k];
                    lines.RemoveAt(k);
                    return Text(kind, $"deleted line {k + 1}: {Show(removed)}", string.Join('\n', lines));
                }

            case "duplicate-line":
                {
                    var k = random.Next(lines.Count);
                    lines.Insert(k, lines[k]);
                    return Text(kind, $"duplicated line {k + 1}: {Show(lines[k])}", string.Join('\n', lines));
                }

            case "wrong-type":
                return ReplaceValue(kind, text, random, WrongTypes[random.Next(WrongTypes.Length)]);
            case "huge-number":
                return ReplaceNumberOrValue(kind, text, random, HugeNumbers[random.Next(HugeNumbers.Length)]);
            case "int-overflow":
                return ReplaceNumberOrValue(kind, text, random, Overflows[random.Next(Overflows.Length)]);
            case "unknown-key":
                {
                    var k = random.Next(lines.Count);
                    var indent = lines[k].Length - lines[k].TrimStart(' ').Length;
                    var line = new string(' ', indent) + (lines[k].TrimStart().StartsWith("- ", StringComparison.Ordinal) ? "  " : string.Empty) + $"bogus_{random.Next(100)}: 1";
                    lines.Insert(k + 1, line);
                    return Text(kind, $"inserted '{line.Trim()}' after line {k + 1}", string.Join('\n', lines));
                }

            case "collection-key":
                {
                    var keys = KeyPattern().Matches(text);
                    if (keys.Count == 0)
                    {
                        return Text(kind, "prepended a list key", "[size]: 8\n" + text);
                    }

                    var m = keys[random.Next(keys.Count)];
                    var replacement = random.Next(3) switch
                    {
                        0 => $"[{m.Value}]",
                        1 => $"{{to: {m.Value}}}",
                        _ => $"? [{m.Value}, x]\n",
                    };
                    return Text(kind, $"key '{m.Value}' at {m.Index} made {Show(replacement)}", text[..m.Index] + replacement + text[(m.Index + m.Length)..]);
                }

            case "alias":
                return Alias(kind, text, random);
            case "alias-bomb":
                {
                    var levels = new[] { 2, 3, 5, 7, 9 }[random.Next(5)];
                    var bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
                    for (var l = 1; l <= levels; l++)
                    {
                        bomb.Append(CultureInfo.InvariantCulture, $"a{l}: &a{l} [{string.Join(", ", Enumerable.Repeat($"*a{l - 1}", 10))}]\n");
                    }

                    return Text(kind, $"prepended an alias bomb of {levels} levels (10^{levels + 1} values)", bomb + text);
                }

            case "deep-nesting":
                {
                    var levels = new[] { 63, 65, 100, 1000, 100_000 }[random.Next(5)];
                    var nested = random.Next(2) == 0
                        ? new string('[', levels) + "1" + new string(']', levels)
                        : string.Concat(Enumerable.Repeat("{a: ", levels)) + "1" + new string('}', levels);
                    return ReplaceValue(kind, text, random, nested, $"{levels} levels");
                }

            case "control-chars":
                {
                    var c = Controls[random.Next(Controls.Length)];
                    if (random.Next(3) == 0)
                    {
                        return ReplaceValue(kind, text, random, "\"\\e[2J\\x07name\\u202e\"", "quoted escapes");
                    }

                    var values = ValuePattern().Matches(text);
                    var at = values.Count == 0 ? random.Next(text.Length + 1) : values[random.Next(values.Count)].Index + 1;
                    at = Math.Min(at, text.Length);
                    return Text(kind, $"inserted {Show(c)} at {at}", text[..at] + c + text[at..]);
                }

            case "long-name":
                {
                    var length = new[] { 65, 1000, 100_000 }[random.Next(3)];
                    return ReplaceValue(kind, text, random, new string('n', length), $"{length} characters");
                }

            default:
                {
                    // Two or three mutations stacked.
                    var first = MutateYaml(text, random, depth + 1);
                    var second = MutateYaml(Encoding.UTF8.GetString(first.Bytes), random, depth + 1);
                    return new Mutation(kind, $"{first.Kind}: {first.Description}; then {second.Kind}: {second.Description}", second.Bytes);
                }
        }
    }

    public static Mutation MutateCsv(string text, Random random, bool biases)
    {
        var kind = CsvKinds[random.Next(CsvKinds.Count)];
        var lines = text.TrimEnd('\n').Split('\n').ToList();
        var dataStart = biases ? 1 : 0;
        var row = dataStart + random.Next(Math.Max(1, lines.Count - dataStart));
        row = Math.Min(row, lines.Count - 1);
        switch (kind)
        {
            case "csv-byte-flip":
                return FlipBytes(kind, text, random);
            case "csv-truncate":
                {
                    var at = random.Next(text.Length + 1);
                    return Text(kind, $"truncated at character {at} of {text.Length}", text[..at]);
                }

            case "csv-drop-cell":
                {
                    var cells = lines[row].Split(',');
                    lines[row] = string.Join(',', cells[..^1]);
                    return Text(kind, $"dropped the last cell of line {row + 1}", Join(lines));
                }

            case "csv-extra-cell":
                lines[row] += ",0.5";
                return Text(kind, $"added a cell to line {row + 1}", Join(lines));
            case "csv-drop-row":
                lines.RemoveAt(row);
                return Text(kind, $"deleted line {row + 1}", Join(lines));
            case "csv-duplicate-row":
                lines.Insert(row, lines[row]);
                return Text(kind, $"duplicated line {row + 1}", Join(lines));
            case "csv-bad-number":
                {
                    var bad = new[] { "NaN", "Infinity", "-Infinity", "1e400", "abc", string.Empty, " ", "0x10", "1,5", "∞", "1e308" }[random.Next(11)];
                    var cells = lines[row].Split(',');
                    var column = biases ? 2 : random.Next(cells.Length);
                    cells[column] = bad;
                    lines[row] = string.Join(',', cells);
                    return Text(kind, $"cell {column + 1} of line {row + 1} set to '{bad}'", Join(lines));
                }

            case "csv-empty":
                return Text(kind, "empty file", random.Next(2) == 0 ? string.Empty : "\n\n  \n");
            case "csv-header-only":
                return Text(kind, "header line only", biases ? "group,index,bias\n" : "a,b,c\n");
            case "csv-header":
                return biases
                    ? Text(kind, "header line removed", Join(lines.Skip(1).ToList()))
                    : Text(kind, "header line added", "w0,w1\n" + text);
            case "csv-long-line":
                lines[row] = string.Join(',', Enumerable.Repeat("0.125", 50_000));
                return Text(kind, $"line {row + 1} replaced by 50000 values", Join(lines));
            default:
                {
                    var c = Controls[random.Next(Controls.Length)];
                    lines[row] = c + lines[row];
                    return Text(kind, $"line {row + 1} prefixed with {Show(c)}", Join(lines));
                }
        }
    }

    /// <summary>Escapes control characters so that a description can be printed.</summary>
    public static string Show(string text)
    {
        var shown = new StringBuilder();
        foreach (var c in text.Length > 80 ? text[..80] + "..." : text)
        {
            shown.Append(c < 0x20 || c is >= '\u007f' and <= '\u009f' or '\u2028' or '\u202e' ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return shown.ToString();
    }

    private static string Join(List<string> lines) => string.Join('\n', lines) + "\n";

    private static Mutation Text(string kind, string description, string text) => new(kind, description, Encoding.UTF8.GetBytes(text));

    private static Mutation FlipBytes(string kind, string text, Random random)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var flips = 1 + random.Next(8);
        var done = new List<string>();
        for (var k = 0; k < flips && bytes.Length > 0; k++)
        {
            var at = random.Next(bytes.Length);
            var bit = random.Next(8);
            bytes[at] ^= (byte)(1 << bit);
            done.Add($"{at}:{bit}");
        }

        return new Mutation(kind, $"flipped bits (byte:bit) {string.Join(" ", done)}", bytes);
    }

    private static Mutation ReplaceValue(string kind, string text, Random random, string replacement, string? what = null)
    {
        var values = ValuePattern().Matches(text);
        if (values.Count == 0)
        {
            return Text(kind, $"appended {what ?? Show(replacement)}", text + "\nx: " + replacement);
        }

        var m = values[random.Next(values.Count)];
        return Text(kind, $"value {Show(m.Value)} at {m.Index} replaced by {what ?? Show(replacement)}", text[..m.Index] + replacement + text[(m.Index + m.Length)..]);
    }

    private static Mutation ReplaceNumberOrValue(string kind, string text, Random random, string replacement)
    {
        var numbers = NumberPattern().Matches(text);
        if (numbers.Count == 0 || random.Next(4) == 0)
        {
            return ReplaceValue(kind, text, random, replacement);
        }

        var m = numbers[random.Next(numbers.Count)];
        return Text(kind, $"number {m.Value} at {m.Index} replaced by {replacement}", text[..m.Index] + replacement + text[(m.Index + m.Length)..]);
    }

    private static Mutation Alias(string kind, string text, Random random)
    {
        var values = ValuePattern().Matches(text);
        if (values.Count < 2)
        {
            return Text(kind, "appended a self-referencing anchor", text + "\nx: &r [*r]\n");
        }

        var a = values[random.Next(values.Count)];
        var b = values[random.Next(values.Count)];
        var (first, second) = a.Index <= b.Index ? (a, b) : (b, a);
        var variant = random.Next(4);
        var alias = variant switch
        {
            0 => "*anc",
            1 => "*undefined",
            2 => "&r [*r]",
            _ => "*anc",
        };
        if (first.Index != second.Index && variant == 3)
        {
            // The alias before its anchor.
            return Text(kind, $"alias *anc at {first.Index} before anchor &anc at {second.Index}", text[..first.Index] + "*anc" + text[(first.Index + first.Length)..second.Index] + "&anc " + text[second.Index..]);
        }

        return Text(kind, $"anchor &anc at {first.Index}, value at {second.Index} replaced by {alias}", text[..first.Index] + "&anc " + text[first.Index..second.Index] + alias + text[(second.Index + second.Length)..]);
    }

    // A plain scalar value after "key: " (block or flow style), up to the next delimiter.
    [GeneratedRegex(@"(?<=: )[^\s\[\]{},#&*!|>'""][^\[\]{},#\n]*")]
    private static partial Regex ValuePattern();

    [GeneratedRegex(@"(?<![\w.])-?\d+(\.\d+)?([eE][-+]?\d+)?(?![\w.])")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"(?<=^[ ]*(- )?|[{,][ ]*)[A-Za-z_]+(?=: )", RegexOptions.Multiline)]
    private static partial Regex KeyPattern();
}
