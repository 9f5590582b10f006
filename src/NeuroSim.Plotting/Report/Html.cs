using System.Net;

namespace NeuroSim.Plotting.Report;

/// <summary>
/// The only ways text reaches the report page: every string that comes from a file (manifest values, column names,
/// labels, file names) passes through <see cref="Text"/>, so a hostile manifest cannot add markup.
/// </summary>
internal static class Html
{
    /// <summary>Text as element content or as a quoted attribute value: &amp; &lt; &gt; " ' escaped.</summary>
    public static string Text(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>
    /// The link from the page at <paramref name="pagePath"/> to <paramref name="target"/> (a file or folder), relative
    /// and percent-encoded segment by segment, so that a name holding ':' or '#' can never read as a scheme or a fragment.
    /// </summary>
    public static string RelativeLink(string pagePath, string target)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(pagePath))!;
        var relative = Path.GetRelativePath(folder, Path.GetFullPath(target));
        var link = string.Join('/', relative.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));
        return Directory.Exists(target) ? link + "/" : link;
    }

    /// <summary>An anchor to <paramref name="target"/> showing <paramref name="label"/>.</summary>
    public static string Link(string pagePath, string target, string label) =>
        $"<a href=\"{Text(RelativeLink(pagePath, target))}\">{Text(label)}</a>";
}
