using System.Text;
using NeuroSim.Core.RunFolders;

namespace NeuroSim.Tests.RunFolders;

public sealed class CsvRoundTripTests
{
    private static readonly double[] Numbers = [0.1 + 0.2, -0.0, double.Epsilon, double.MaxValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-300];

    private static readonly string[] Labels = ["plain", "a,b", "say \"hi\"", "two\nlines", "", " padded ", "x", "last"];

    [Fact]
    public void A_written_table_reads_back_bit_for_bit_including_non_finite_numbers_and_quoted_text()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("t.csv");
        using (var csv = new CsvTableWriter(path, ["time_ms", "label", "W[L0->L1:3<-1]"]))
        {
            for (var r = 0; r < Numbers.Length; r++)
            {
                csv.Write((long)r).Write(Labels[r]).Write(Numbers[r]).EndRow();
            }
        }

        var table = CsvTable.Read(path, "t.csv");
        Assert.Equal(["time_ms", "label", "W[L0->L1:3<-1]"], table.Header);
        Assert.Equal(Labels, table.Strings("label"));
        Assert.Equal(Numbers.Select(BitConverter.DoubleToInt64Bits), table.Numbers("W[L0->L1:3<-1]").Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(Enumerable.Range(0, Numbers.Length).Select(r => (double)r), table.Numbers("time_ms"));
    }

    [Fact]
    public void The_text_is_RFC_4180_with_round_trip_doubles_and_newline_line_ends()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("t.csv");
        using (var csv = new CsvTableWriter(path, ["a", "b,c"]))
        {
            csv.Write("say \"hi\"").Write(0.1 + 0.2).EndRow();
            csv.Write("two\nlines").Write(double.NegativeInfinity).EndRow();
            csv.Write(string.Empty).Write(double.NaN).EndRow();
        }

        Assert.Equal("a,\"b,c\"\n\"say \"\"hi\"\"\",0.30000000000000004\n\"two\nlines\",-Infinity\n,NaN\n", File.ReadAllText(path, Encoding.UTF8));
    }

    [Fact]
    public void A_matrix_is_written_without_header_and_read_back_as_rows()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("run", "weights"));
        WeightFiles.WriteMatrix(temp.Combine("run", "weights", "L0-L1.csv"), 2, 3, [1, -0.5, 0, 1e-17, 2.5, -3]);

        Assert.Equal("1,-0.5,0\n1E-17,2.5,-3\n", File.ReadAllText(temp.Combine("run", "weights", "L0-L1.csv")));
        var (projection, matrix) = Assert.Single(RunData.Open(temp.Combine("run")).WeightMatrices());
        Assert.Equal("L0-L1", projection);
        Assert.Equal([[1, -0.5, 0], [1e-17, 2.5, -3]], matrix);
    }

    [Fact]
    public void Records_know_their_line_and_the_column_of_each_cell_across_blank_lines_and_quoted_line_ends()
    {
        using var csv = new CsvReader(new StringReader("a,bb,c\n\n   \n\"x\ny\",22,\"q\"\n3,4,5"), "t.csv");
        var header = csv.Read()!;
        Assert.Equal((1, 1, 3, 6, 7), (header.Line, header.ColumnOf(0), header.ColumnOf(1), header.ColumnOf(2), header.EndColumn));
        var quoted = csv.Read()!;
        Assert.Equal(["x\ny", "22", "q"], quoted.Cells);
        Assert.Equal((4, 4, 7), (quoted.Line, quoted.ColumnOf(1), quoted.ColumnOf(2)));
        Assert.Equal(6, csv.Read()!.Line);
        Assert.Null(csv.Read());
        Assert.Equal(6, csv.LinesRead);
    }

    [Theory]
    [InlineData("a,b\n1,2\n3\n", "t.csv:3:2: 1 fields, header has 2")]
    [InlineData("a,b\n1,2,3\n", "t.csv:2:5: 3 fields, header has 2")]
    [InlineData("a,b\n1,2\n\"open,4\n5,6\n", "t.csv:3:1: a quoted cell is not closed before the end of the file")]
    [InlineData("", "t.csv:1:1: empty file (no header row)")]
    public void A_malformed_table_is_refused_at_its_file_line_and_column(string text, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => CsvTable.Parse(new StringReader(text), "t.csv"));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_cell_that_is_not_a_number_is_named_by_file_line_and_column()
    {
        var table = CsvTable.Parse(new StringReader("time_ms,x[L1:0]\n0,1\n\n10,one\n"), "monitors/m.csv");
        Assert.Equal([0.0, 10.0], table.Numbers("time_ms"));
        var e = Assert.Throws<InvalidDataException>(() => table.Numbers("x[L1:0]"));
        Assert.Equal("monitors/m.csv:4:4: 'one' in column 'x[L1:0]' is not a number", e.Message);
    }
}
