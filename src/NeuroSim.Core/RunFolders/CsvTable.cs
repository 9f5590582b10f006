namespace NeuroSim.Core.RunFolders;

/// <summary>
/// A CSV table of a run folder with its header row, read whole by <see cref="CsvReader"/>. Cells stay strings until a
/// numeric column is asked for; errors name the place as NAME:LINE:COLUMN.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly Dictionary<int, double[]> numeric = [];
    private readonly List<CsvRecord> rows;

    private CsvTable(string name, IReadOnlyList<string> header, List<CsvRecord> rows)
    {
        Name = name;
        Header = header;
        this.rows = rows;
        for (var k = 0; k < header.Count; k++)
        {
            index.TryAdd(header[k], k);
        }
    }

    /// <summary>Where the table came from, for messages ("monitors/traces.csv").</summary>
    public string Name { get; }

    public IReadOnlyList<string> Header { get; }

    public int RowCount => rows.Count;

    public bool Has(string column) => index.ContainsKey(column);

    public static CsvTable Read(string path, string name)
    {
        using var csv = CsvReader.Open(path, name);
        return Read(csv);
    }

    public static CsvTable Parse(TextReader reader, string name)
    {
        using var csv = new CsvReader(reader, name);
        return Read(csv);
    }

    /// <summary>A column as numbers (empty cells become NaN); cached.</summary>
    public double[] Numbers(string column)
    {
        var k = IndexOf(column);
        if (!numeric.TryGetValue(k, out var values))
        {
            values = new double[rows.Count];
            for (var r = 0; r < rows.Count; r++)
            {
                var cell = rows[r][k];
                if (cell.Length == 0)
                {
                    values[r] = double.NaN;
                }
                else if (!CsvReader.TryParseNumber(cell, out values[r]))
                {
                    throw new InvalidDataException($"{Name}:{rows[r].Line}:{rows[r].ColumnOf(k)}: '{cell}' in column '{column}' is not a number");
                }
            }

            numeric[k] = values;
        }

        return values;
    }

    public IReadOnlyList<string> Strings(string column)
    {
        var k = IndexOf(column);
        return [.. rows.Select(r => r[k])];
    }

    private static CsvTable Read(CsvReader csv)
    {
        var header = csv.Read() ?? throw csv.Error(1, 1, "empty file (no header row)");
        var rows = new List<CsvRecord>();
        while (csv.Read() is { } row)
        {
            if (row.Count != header.Count)
            {
                throw csv.Error(row.Line, row.Count < header.Count ? row.EndColumn : row.ColumnOf(header.Count), $"{row.Count} fields, header has {header.Count}");
            }

            rows.Add(row);
        }

        return new CsvTable(csv.Name, header.Cells, rows);
    }

    private int IndexOf(string column) =>
        index.TryGetValue(column, out var k) ? k : throw new ArgumentException($"{Name} has no column '{column}'");
}
