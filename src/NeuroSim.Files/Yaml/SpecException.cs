namespace NeuroSim.Files.Yaml;

/// <summary>
/// A model or protocol file that cannot be used, with where and why: "file:line:column: field: detail".
/// The message is one line, meant to be shown to the user as it is.
/// </summary>
public sealed class SpecException : Exception
{
    public SpecException(string file, int line, int column, string field, string detail)
        : base($"{file}:{line}:{column}: {(field.Length == 0 ? string.Empty : field + ": ")}{detail}")
    {
        File = file;
        Line = line;
        Column = column;
        Field = field;
        Detail = detail;
    }

    public SpecException()
    {
    }

    public SpecException(string message)
        : base(message)
    {
    }

    public SpecException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string File { get; } = string.Empty;

    public int Line { get; }

    public int Column { get; }

    public string Field { get; } = string.Empty;

    public string Detail { get; } = string.Empty;
}
