using System.Text;

namespace NeuroSim.Core.RunFolders;

/// <summary>
/// Reads the CSV files of the run-folder format, record by record, the inverse of <see cref="CsvTableWriter"/>: commas
/// separate cells, a cell in double quotes may hold commas, quotes (doubled) and line ends, lines holding only white
/// space are skipped. Every record knows its line and the column of each cell, so that callers can name the place of
/// a bad value as FILE:LINE:COLUMN.
/// </summary>
public sealed class CsvReader : IDisposable
{
    private readonly TextReader reader;
    private readonly Func<int, int, string, Exception> error;
    private readonly List<string> cells = [];
    private readonly List<int> columns = [];
    private readonly StringBuilder cell = new();

    /// <param name="reader">The text, disposed with this reader.</param>
    /// <param name="name">The file as named in messages.</param>
    /// <param name="error">Makes the exception for an error at (line, column); by default an <see cref="InvalidDataException"/> "NAME:LINE:COLUMN: detail".</param>
    public CsvReader(TextReader reader, string name, Func<int, int, string, Exception>? error = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        this.reader = reader;
        Name = name;
        this.error = error ?? ((line, column, detail) => new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{name}:{line}:{column}: {detail}")));
    }

    /// <summary>The file as named in messages.</summary>
    public string Name { get; }

    /// <summary>Lines read so far, blank ones included: the line after the last record is <c>LinesRead + 1</c>.</summary>
    public int LinesRead { get; private set; }

    public static CsvReader Open(string path, string name) => new(new StreamReader(path, Encoding.UTF8), name);

    /// <summary>The first record of <paramref name="path"/> (a header row) without reading the rest; empty for an empty file.</summary>
    public static IReadOnlyList<string> ReadHeader(string path)
    {
        using var csv = Open(path, path);
        return csv.Read()?.Cells ?? [];
    }

    /// <summary>
    /// The number in <paramref name="cell"/>: invariant culture, with "NaN", "Infinity" and "-Infinity" as written by
    /// <see cref="CsvTableWriter"/>.
    /// </summary>
    public static bool TryParseNumber(string cell, out double value) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>The next record, or null at the end of the input.</summary>
    public CsvRecord? Read()
    {
        string? line;
        do
        {
            line = reader.ReadLine();
            if (line is null)
            {
                return null;
            }

            LinesRead++;
        }
        while (string.IsNullOrWhiteSpace(line));

        var first = LinesRead;
        cells.Clear();
        columns.Clear();
        cell.Clear();
        var quoted = false;
        var quoteLine = 0;
        var quoteColumn = 0;
        columns.Add(1);
        while (true)
        {
            for (var k = 0; k < line.Length; k++)
            {
                var ch = line[k];
                if (quoted)
                {
                    if (ch != '"')
                    {
                        cell.Append(ch);
                    }
                    else if (k + 1 < line.Length && line[k + 1] == '"')
                    {
                        cell.Append('"');
                        k++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else if (ch == '"')
                {
                    (quoted, quoteLine, quoteColumn) = (true, LinesRead, k + 1);
                }
                else if (ch == ',')
                {
                    cells.Add(cell.ToString());
                    cell.Clear();
                    columns.Add(k + 2);
                }
                else
                {
                    cell.Append(ch);
                }
            }

            if (!quoted)
            {
                cells.Add(cell.ToString());
                return new CsvRecord(first, [.. cells], [.. columns], line.Length + 1);
            }

            line = reader.ReadLine() ?? throw Error(quoteLine, quoteColumn, "a quoted cell is not closed before the end of the file");
            LinesRead++;
            cell.Append('\n');
        }
    }

    /// <summary>The exception for an error at a place in this file.</summary>
    public Exception Error(int line, int column, string detail) => error(line, column, detail);

    public void Dispose() => reader.Dispose();
}
