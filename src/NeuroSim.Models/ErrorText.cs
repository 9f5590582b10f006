namespace NeuroSim.Models;

/// <summary>Error messages of the libraries as shown to users.</summary>
public static class ErrorText
{
    /// <summary>
    /// The message of <paramref name="e"/> without what .NET appends to it: " (Parameter 'x')" and
    /// ArgumentOutOfRangeException's "Actual value was ..." line.
    /// </summary>
    public static string Detail(ArgumentException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var message = e.Message;
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        message = newline >= 0 ? message[..newline].TrimEnd('\r') : message;
        var suffix = e.ParamName is { } name ? $" (Parameter '{name}')" : null;
        return suffix is not null && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }
}
