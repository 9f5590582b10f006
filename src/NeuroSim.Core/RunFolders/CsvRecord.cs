namespace NeuroSim.Core.RunFolders;

/// <summary>One record of a CSV file: its cells, the line it starts on and the column (1-based) where each cell starts.</summary>
public sealed class CsvRecord(int line, string[] cells, int[] columns, int endColumn)
{
    public int Line { get; } = line;

    public IReadOnlyList<string> Cells { get; } = cells;

    public int Count => cells.Length;

    /// <summary>The column just past the last character of the record's last line, where a missing cell would start.</summary>
    public int EndColumn { get; } = endColumn;

    public string this[int index] => cells[index];

    /// <summary>The column where cell <paramref name="index"/> starts (on its own line, for a record spanning lines).</summary>
    public int ColumnOf(int index) => columns[index];
}
