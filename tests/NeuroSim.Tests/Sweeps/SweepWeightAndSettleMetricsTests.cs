namespace NeuroSim.Tests.Sweeps;

/// <summary>weight_change (per projection, from the run's initial state) and settle (settling time of a monitor column).</summary>
public sealed class SweepWeightAndSettleMetricsTests
{
    private const string Sweep = """
        name: change
        model: model.yaml
        protocol: protocol.yaml
        parameters:
          learning_rate: [0.1, 0.4]
        metrics:
          change_in: {stat: weight_change, projection: in->hidden}
          change_all: {stat: weight_change}
          settled_at: {monitor: loss, column: loss, stat: settle, tolerance: 0.05}
        """;

    [Fact]
    public void Weight_change_and_settling_time_are_computed_from_the_run_folders()
    {
        using var temp = new TempFolder();
        var path = SweepTests.Files(temp, Sweep);
        var (code, _, stderr) = CliRunner.Run("sweep", path, "--out", temp.Combine("out"));
        Assert.True(code == 0, stderr);
        var (header, rows) = CsvFiles.ReadCells(temp.Combine("out", "sweep.csv"));
        double Cell(string[] row, string column) => double.Parse(row[Array.IndexOf(header, column)], CultureInfo.InvariantCulture);
        foreach (var row in rows)
        {
            var folder = temp.Combine("out", row[^1]);
            double[] Flat(string run, string file) => [.. CsvFiles.ReadMatrix(Path.Combine(run, "weights", file)).SelectMany(r => r)];
            double Distance(string file) => Flat(folder, file).Zip(Flat(folder + ".initial", file), (a, b) => (a - b) * (a - b)).Sum();
            Assert.Equal(Math.Sqrt(Distance("in-hidden.csv")), Cell(row, "change_in"), 12);
            Assert.Equal(Math.Sqrt(Distance("in-hidden.csv") + Distance("hidden-out.csv")), Cell(row, "change_all"), 12);

            // Settling time: the first sample after which every later loss is within 5% of the last.
            var loss = CsvFiles.ReadNumbers(Path.Combine(folder, "monitors", "loss.csv")).Rows;
            var final = loss[^1][1];
            var first = Enumerable.Range(0, loss.Length).First(k => loss.Skip(k).All(r => Math.Abs(r[1] - final) <= 0.05 * Math.Abs(final)));
            Assert.Equal(loss[first][0], Cell(row, "settled_at"));
        }

        // A larger learning rate moves the weights further.
        Assert.True(Cell(rows[1], "change_all") > Cell(rows[0], "change_all"));
    }

    [Fact]
    public void A_projection_the_model_does_not_have_is_refused_before_anything_runs()
    {
        using var temp = new TempFolder();
        var path = SweepTests.Files(temp, Sweep.Replace("projection: in->hidden", "projection: in->out", StringComparison.Ordinal));
        var (code, stdout, stderr) = CliRunner.Run("sweep", path, "--out", temp.Combine("out"));
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Equal($"neurosim: error: {path}:7:14: metrics.change_in: projection 'in->out' is not in the model; its projections: hidden->out, in->hidden", stderr.Trim());
        Assert.False(Directory.Exists(temp.Combine("out")));
    }
}
