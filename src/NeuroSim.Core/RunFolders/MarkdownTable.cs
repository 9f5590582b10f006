using System.Text;

namespace NeuroSim.Core.RunFolders;

/// <summary>The tables of a run folder's summary.md: a header row, the "|---|" rule, then one row per item, cells formatted by the caller.</summary>
public static class MarkdownTable
{
    public static StringBuilder AppendMarkdownTable(this StringBuilder text, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        text.AppendLine(Row(header));
        text.AppendLine("|" + string.Concat(Enumerable.Repeat("---|", header.Count)));
        foreach (var row in rows)
        {
            text.AppendLine(Row(row));
        }

        return text;
    }

    private static string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells) + " |";
}
