using System.Text;

namespace NeuroSim.Plotting.Report;

/// <summary>
/// A self-contained HTML page built section by section: one inline style sheet, no scripts, no external resources, so
/// that the file reads the same offline, mailed or archived. Methods taking <c>html</c> expect markup built with
/// <see cref="Html"/>; those taking text escape it.
/// </summary>
internal sealed class HtmlPage
{
    /// <summary>The mark by which <see cref="RunReport"/> knows a page NeuroSim wrote (and may replace).</summary>
    public const string GeneratorMark = "<meta name=\"generator\" content=\"neurosim report\">";

    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; padding: 0 1em; color: #222; }
        h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
        table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
        th, td { border: 1px solid #ddd; padding: 0.2em 0.6em; text-align: left; vertical-align: top; }
        th { background: #f3f3f3; } td.number { text-align: right; font-variant-numeric: tabular-nums; }
        figure { margin: 1em 0; } figure img { max-width: 100%; border: 1px solid #eee; }
        figcaption, .note { color: #666; font-size: 0.85em; }
        pre { background: #f7f7f7; padding: 0.8em; overflow-x: auto; }
        code { font-size: 0.95em; }
        """;

    private readonly StringBuilder body = new();

    /// <summary>Adds <c>&lt;h2 id=ID&gt;TITLE&lt;/h2&gt;</c>.</summary>
    public void Heading(string id, string title) => body.Append($"<h2 id=\"{Html.Text(id)}\">{Html.Text(title)}</h2>\n");

    public void Paragraph(string text) => body.Append($"<p>{Html.Text(text)}</p>\n");

    public void Note(string text) => body.Append($"<p class=\"note\">{Html.Text(text)}</p>\n");

    public void ParagraphHtml(string html) => body.Append($"<p>{html}</p>\n");

    public void Preformatted(string text) => body.Append($"<pre>{Html.Text(text)}</pre>\n");

    public void Raw(string html) => body.Append(html).Append('\n');

    /// <summary>A list whose items are markup (links).</summary>
    public void ListHtml(IEnumerable<string> items)
    {
        body.Append("<ul>\n");
        foreach (var item in items)
        {
            body.Append($"<li>{item}</li>\n");
        }

        body.Append("</ul>\n");
    }

    /// <summary>An image embedded as a data: URI, with its file name as caption.</summary>
    public void Figure(string caption, string dataUri) =>
        body.Append($"<figure><img src=\"{Html.Text(dataUri)}\" alt=\"{Html.Text(caption)}\"><figcaption>{Html.Text(caption)}</figcaption></figure>\n");

    /// <summary>A table of plain text cells; numbers are right-aligned.</summary>
    public void Table(string id, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows) =>
        TableHtml(id, header, rows.Select(row => (IReadOnlyList<string>)[.. row.Select(Cell)]));

    /// <summary>A table whose cells are markup (<see cref="Cell"/> for text).</summary>
    public void TableHtml(string id, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        body.Append($"<table id=\"{Html.Text(id)}\">\n<thead><tr>");
        foreach (var name in header)
        {
            body.Append($"<th>{Html.Text(name)}</th>");
        }

        body.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            body.Append("<tr>").AppendJoin(string.Empty, row).Append("</tr>\n");
        }

        body.Append("</tbody></table>\n");
    }

    /// <summary>A table cell holding <paramref name="text"/>, right-aligned when it is a number.</summary>
    public static string Cell(string text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? $"<td class=\"number\">{Html.Text(text)}</td>"
            : $"<td>{Html.Text(text)}</td>";

    public static string CellHtml(string html) => $"<td>{html}</td>";

    /// <summary>The whole page, with <paramref name="title"/> as title and first heading.</summary>
    public string Render(string title) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        {GeneratorMark}
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <link rel="icon" href="data:,">
        <title>{Html.Text(title)}</title>
        <style>
        {Style}
        </style>
        </head>
        <body>
        <h1>{Html.Text(title)}</h1>
        {body}</body>
        </html>

        """;
}
