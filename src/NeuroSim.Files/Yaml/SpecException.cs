using System.Text;

namespace NeuroSim.Files.Yaml;

/// <summary>
/// A model or protocol file that cannot be used, with where and why: "file:line:column: field: detail".
/// The message is one line, meant to be shown to the user as it is.
/// </summary>
public sealed class SpecException : Exception
{
    public SpecException(string file, int line, int column, string field, string detail)
        : base($"{Printable(file)}:{line}:{column}: {(field.Length == 0 ? string.Empty : Printable(field) + ": ")}{Printable(detail)}")
    {
        File = Printable(file);
        Line = line;
        Column = column;
        Field = Printable(field);
        Detail = Printable(detail);
    }

    public string File { get; } = string.Empty;

    public int Line { get; }

    public int Column { get; }

    public string Field { get; } = string.Empty;

    public string Detail { get; } = string.Empty;

    /// <summary>
    /// <paramref name="text"/> with control characters (below 0x20, 0x7f to 0x9f, line and paragraph separators)
    /// written as \xNN escapes, so that a message is one line and cannot drive a terminal.
    /// </summary>
    public static string Printable(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (!text.Any(IsControl))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsControl(c))
            {
                builder.Append(c < 0x100 ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // C0 and C1 controls, DEL, line/paragraph separators and the bidirectional overrides.
    private static bool IsControl(char c) => c is < '\u0020' or (>= '\u007f' and <= '\u009f') or '\u2028' or '\u2029' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');
}
