namespace NeuroSim.Experiments;

/// <summary>Arguments written as a POSIX shell reads them back: for printed resume lines and generated job scripts.</summary>
public static class ShellWords
{
    /// <summary><paramref name="argument"/> as is when it holds only safe characters, otherwise in single quotes.</summary>
    public static string Quote(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        return argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@".Contains(c, StringComparison.Ordinal))
            ? argument
            : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";
    }
}
