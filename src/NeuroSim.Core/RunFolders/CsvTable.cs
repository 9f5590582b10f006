using System.Globalization;
using System.Text;

namespace NeuroSim.Core.RunFolders;

/// <summary>
/// A comma-separated table with a header row, as written in run folders (invariant culture, fields
/// with commas in double quotes). Cells stay strings until a numeric column is asked for.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> index;
    private readonly Dictionary<int, double[]> numeric = [];

    public CsvTable(string name, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        Name = name;
        Header = header;
        Rows = rows;
        index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < header.Count; k++)
        {
            index.TryAdd(header[k], k);
        }
    }

    /// <summary>Where the table came from, for messages ("monitors/traces.csv").</summary>
    public string Name { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<string[]> Rows { get; }

    public int RowCount => Rows.Count;

    public bool Has(string column) => index.ContainsKey(column);

    public static CsvTable Read(string path, string name)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Parse(reader, name);
    }

    public static CsvTable Parse(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine() is { } first ? SplitLine(first) : throw new InvalidDataException($"{name}: empty file (no header row)");
        var rows = new List<string[]>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var cells = SplitLine(line);
            if (cells.Length != header.Length)
            {
                throw new InvalidDataException($"{name} line {lineNumber}: {cells.Length} fields, header has {header.Length}");
            }

            rows.Add(cells);
        }

        return new CsvTable(name, header, rows);
    }

    /// <summary>A column as numbers (empty cells and "NaN" become NaN); cached.</summary>
    public double[] Numbers(string column)
    {
        if (!index.TryGetValue(column, out var k))
        {
            throw new ArgumentException($"{Name} has no column '{column}'");
        }

        if (!numeric.TryGetValue(k, out var values))
        {
            values = new double[Rows.Count];
            for (var r = 0; r < Rows.Count; r++)
            {
                var cell = Rows[r][k];
                if (cell.Length == 0)
                {
                    values[r] = double.NaN;
                }
                else if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out values[r]))
                {
                    throw new InvalidDataException($"{Name} row {r + 2}, column '{column}': '{cell}' is not a number");
                }
            }

            numeric[k] = values;
        }

        return values;
    }

    public IReadOnlyList<string> Strings(string column) =>
        index.TryGetValue(column, out var k) ? Rows.Select(r => r[k]).ToList() : throw new ArgumentException($"{Name} has no column '{column}'");

    /// <summary>Splits one CSV line: commas separate, double quotes enclose fields, "" inside quotes is a quote.</summary>
    public static string[] SplitLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var k = 0; k < line.Length; k++)
        {
            var ch = line[k];
            if (quoted)
            {
                if (ch == '"' && k + 1 < line.Length && line[k + 1] == '"')
                {
                    cell.Append('"');
                    k++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (ch != '\r')
            {
                cell.Append(ch);
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }
}
