using NeuroSim.Experiments.Sweeps;
using NeuroSim.Files.Yaml;

namespace NeuroSim.Tests.Sweeps;

/// <summary>`neurosim sweep`: the grid a file declares, its refusals, the metrics, the statistics and the runs.</summary>
public sealed class SweepTests
{
    internal const string Model = """
        name: tiny
        network:
          groups: [{name: in, size: 2}, {name: hidden, size: 3}, {name: out, size: 1}]
          projections:
            - {from: in, to: hidden, weights: {distribution: normal, gain: 1.0}}
            - {from: hidden, to: out, weights: {distribution: normal, gain: 1.0}}
        neurons: {activation: tanh}
        timescales: {firing: 10 ms, credit: 100 ms, plasticity: 1 s}
        learning_rate: 0.2
        clamps: {input: [in], output: [out]}
        scheduler: {mode: coupled, dt: 1 ms}
        """;

    internal const string Protocol = """
        name: short
        data:
          xor: {generate: xor}
        timeline:
          - repeat: {times: 2, do: [for_each: {data: xor, do: [present: {input: $input, target: $target, duration: 50 ms}]}]}
        monitors:
          - {name: loss, variables: [loss], every: 50 ms}
        """;

    internal const string Sweep = """
        name: s
        model: model.yaml
        protocol: protocol.yaml
        parameters:
          timescales.credit: {log: [10 ms, 1000 ms], points: 3}
          zip:
            learning_rate: [0.1, 0.3]
            timescales.firing: [5 ms, 10 ms]
        seeds: 2
        metrics:
          final_loss: {monitor: loss, column: loss, stat: last}
          early_mean: {monitor: loss, column: loss, stat: mean, window: [0 ms, 100 ms]}
        limits:
          - {metric: final_loss, parameter: timescales.credit, below: 10}
        """;

    internal static string Files(TempFolder temp, string sweep = Sweep)
    {
        temp.File("model.yaml", Model);
        temp.File("protocol.yaml", Protocol);
        return temp.File("sweep.yaml", sweep);
    }

    [Fact]
    public void The_grid_is_the_product_of_the_dimensions_with_zipped_parameters_together_and_seeds_innermost()
    {
        using var temp = new TempFolder();
        var plan = new SweepPlan(SweepFile.Load(Files(temp)));
        Assert.Equal(6, plan.Points);
        Assert.Equal(12, plan.Runs.Count);
        Assert.Equal(["timescales.credit", "learning_rate", "timescales.firing"], plan.Parameters.Select(p => p.Path));
        Assert.Equal([10.0, 100.0, 1000.0], plan.Parameters[0].Values.Select(v => v.Number));
        Assert.True(plan.Parameters[0].Log);
        Assert.Equal("ms", plan.Parameters[0].Unit);
        Assert.Equal("5 ms", plan.Runs[0].Values[2].Text);

        // Point 3 = credit step 1 (100 ms), zip step 1 (0.3, 10 ms); its seeds are runs 6 and 7.
        var run = plan.Runs[7];
        Assert.Equal((3, 2UL), (run.Point, run.Seed));
        Assert.Equal(["100 ms", "0.3", "10 ms"], run.Values.Select(v => v.Text));
        var request = plan.Request(run, temp.Combine("x"));
        Assert.Equal(2UL, request.Seed);
        Assert.Equal(["timescales.credit=100 ms", "learning_rate=0.3", "timescales.firing=10 ms"], request.Overrides.Select(o => $"{o.Key}={o.Value}"));
    }

    [Fact]
    public void Several_named_zips_are_dimensions_of_their_own()
    {
        using var temp = new TempFolder();
        var sweep = Sweep.Replace("  timescales.credit: {log: [10 ms, 1000 ms], points: 3}\n  zip:\n", "  zip credit:\n    timescales.credit: [10 ms, 100 ms, 1000 ms]\n    timescales.plasticity: [1 s, 2 s, 3 s]\n  zip rates:\n", StringComparison.Ordinal)
            .Replace("parameter: timescales.credit", "parameter: timescales.plasticity", StringComparison.Ordinal);
        var plan = new SweepPlan(SweepFile.Load(Files(temp, sweep)));
        Assert.Equal(2, plan.Spec.Dimensions.Count);
        Assert.Equal(3 * 2, plan.Points);
        // Point 3 = credit step 1 (100 ms with 2 s), rates step 1 (0.3, 10 ms).
        Assert.Equal(["100 ms", "2 s", "0.3", "10 ms"], plan.Runs.First(r => r.Point == 3).Values.Select(v => v.Text));
    }

    [Theory]
    [InlineData("{log: [10 ms, 1000 ms], points: 3}", "{log: [0 ms, 1000 ms], points: 3}", "sweep.yaml:5:28: parameters.timescales.credit.log: a log range needs both ends > 0")]
    [InlineData("{log: [10 ms, 1000 ms], points: 3}", "{log: [10 ms, 2], points: 3}", "sweep.yaml:5:28: parameters.timescales.credit.log: both ends need the same kind of value: two durations or two numbers")]
    [InlineData("[0.1, 0.3]", "[0.1, 0.3, 0.5]", "sweep.yaml:7:5: parameters.zip: zipped parameters must have the same number of values; got learning_rate: 3, timescales.firing: 2")]
    [InlineData("points: 3}", "points: 1}", "sweep.yaml:5:54: parameters.timescales.credit.points: 1 is out of range; allowed: >= 2 and <= 10000")]
    [InlineData("seeds: 2", "seeds: 100000", "sweep.yaml:9:8: seeds: 100000 is out of range; allowed: >= 1 and <= 10000")]
    [InlineData("stat: last}", "stat: median}", "sweep.yaml:11:51: metrics.final_loss.stat: unknown value 'median'; valid: last, first, mean, min, max, peak, settle, bp_deviation, bp_cosine, weight_change, modularity, communities, within_between, across_module")]
    [InlineData("parameter: timescales.credit", "parameter: tau", "sweep.yaml:14:37: limits[0].parameter: unknown value 'tau'; valid: timescales.credit, learning_rate, timescales.firing")]
    [InlineData("timescales.credit: {", "timescales.credit[x]: {", "sweep.yaml:5:25: parameters.timescales.credit[x]: 'timescales.credit[x]' is not a field path: a list index is a whole number >= 0 in brackets, e.g. timeline[1]")]
    public void A_bad_sweep_file_is_refused_at_its_line_and_column(string from, string to, string message)
    {
        using var temp = new TempFolder();
        var path = Files(temp, Sweep.Replace(from, to, StringComparison.Ordinal));
        var error = Assert.Throws<SpecException>(() => SweepFile.Load(path));
        Assert.Equal(temp.Combine(message), error.Message);
    }

    [Fact]
    public void A_metric_on_a_monitor_or_column_the_protocol_does_not_record_is_refused_before_anything_runs()
    {
        using var temp = new TempFolder();
        var path = Files(temp, Sweep.Replace("column: loss, stat: last", "column: losses, stat: last", StringComparison.Ordinal));
        var (code, stdout, stderr) = CliRunner.Run("sweep", path, "--out", temp.Combine("out"));
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Equal($"neurosim: error: {temp.Combine("sweep.yaml")}:11:15: metrics.final_loss: monitor 'loss' has no column 'losses'; it has loss", stderr.Trim());
        Assert.False(Directory.Exists(temp.Combine("out")));
        Assert.False(Directory.Exists(temp.Combine(".out.partial")));

        // A value that is wrong at one grid point only is found before any run, and the point is named.
        path = Files(temp, Sweep.Replace("learning_rate: [0.1, 0.3]", "learning_rate: [0.1, -3]", StringComparison.Ordinal));
        (code, _, stderr) = CliRunner.Run("sweep", path, "--out", temp.Combine("out"));
        Assert.Equal(2, code);
        Assert.Contains("learning_rate", stderr, StringComparison.Ordinal);
        Assert.Contains("(sweep point 1: timescales.credit=10 ms, learning_rate=-3, timescales.firing=10 ms)", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine(".out.partial")));
    }

    [Fact]
    public void The_confidence_interval_is_the_student_t_interval()
    {
        // [1, 2, 3]: mean 2, s = 1, t(0.975, 2 df) = 4.302652729749464 (tables), half-width t s / sqrt(3).
        var (mean, half, n) = NeuroSim.Core.Statistics.MeanInterval.Of([1, 2, 3, double.NaN]);
        Assert.Equal((2.0, 3), (mean, n));
        Assert.Equal(4.302652729749464 / Math.Sqrt(3), half, 9);
        Assert.True(double.IsNaN(NeuroSim.Core.Statistics.MeanInterval.Of([5]).HalfWidth));
    }

    [Fact]
    public void A_sweep_gives_the_same_bytes_with_one_or_two_workers_and_its_metrics_are_those_of_its_run_folders()
    {
        using var temp = new TempFolder();
        var path = Files(temp);
        var (code, _, stderr) = CliRunner.Run("sweep", path, "--out", temp.Combine("one"), "--workers", "1");
        Assert.True(code == 0, stderr);
        (code, _, stderr) = CliRunner.Run("sweep", path, "--out", temp.Combine("two"), "--workers", "2");
        Assert.True(code == 0, stderr);
        Assert.Equal(File.ReadAllBytes(temp.Combine("one", "sweep.csv")), File.ReadAllBytes(temp.Combine("two", "sweep.csv")));
        Assert.Equal(File.ReadAllText(temp.Combine("one", "summary.md")), File.ReadAllText(temp.Combine("two", "summary.md")));

        var (header, rows) = CsvFiles.ReadCells(temp.Combine("one", "sweep.csv"));
        Assert.Equal(["run", "point", "seed", "timescales.credit (ms)", "learning_rate", "timescales.firing (ms)", "final_loss", "early_mean", "status", "error", "folder"], header);
        Assert.Equal(12, rows.Length);
        foreach (var row in rows)
        {
            Assert.Equal("complete", row[8]);
            var (_, loss) = CsvFiles.ReadNumbers(temp.Combine("one", row[10], "monitors", "loss.csv"));
            Assert.Equal(loss[^1][1], double.Parse(row[6], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(loss.Where(r => r[0] <= 100).Average(r => r[1]), double.Parse(row[7], System.Globalization.CultureInfo.InvariantCulture), 15);
        }

        Assert.Contains("- at learning_rate = 0.1, timescales.firing = 5 ms: met at every value swept (10 ms to 1000 ms)", File.ReadAllText(temp.Combine("one", "summary.md")), StringComparison.Ordinal);
        foreach (var metric in new[] { "final_loss", "early_mean" })
        {
            var svg = File.ReadAllText(temp.Combine("one", "figures", metric + ".svg"));
            Assert.Contains($"s: {metric}", svg, StringComparison.Ordinal);
            Assert.Contains("learning_rate = 0.3, timescales.firing = 10 ms", svg, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_interrupted_sweep_resumes_to_the_same_tables()
    {
        using var temp = new TempFolder();
        var plan = new SweepPlan(SweepFile.Load(Files(temp)));
        SweepRunner.Run(plan, new SweepOptions(temp.Combine("whole")) { Workers = 1 });

        using var stop = new CancellationTokenSource();
        var interrupted = SweepRunner.Run(plan, new SweepOptions(temp.Combine("cut")) { Workers = 1, Interrupt = stop.Token }, p =>
        {
            if (p.Done == 5)
            {
                stop.Cancel();
            }
        });
        Assert.Equal("interrupted", interrupted.Status);
        Assert.False(Directory.Exists(temp.Combine("cut")));
        // Collecting the partial folder runs nothing: the missing runs are failed in its tables, and it stays partial.
        var early = SweepRunner.Collect(temp.Combine("cut"));
        Assert.Equal("interrupted", early.Status);
        Assert.False(Directory.Exists(temp.Combine("cut")));
        var (_, partialRows) = CsvFiles.ReadCells(Path.Combine(early.OutputDirectory, "sweep.csv"));
        Assert.InRange(partialRows.Count(r => r[8] == "failed"), 1, 12 - 5);

        var resumed = SweepRunner.Run(plan, new SweepOptions(temp.Combine("cut")) { Workers = 2, Resume = true });
        Assert.Equal("complete", resumed.Status);
        Assert.Equal(File.ReadAllBytes(temp.Combine("whole", "sweep.csv")), File.ReadAllBytes(temp.Combine("cut", "sweep.csv")));
    }

    [Fact]
    public void Collecting_a_complete_sweep_again_rewrites_the_same_tables_from_its_run_folders()
    {
        using var temp = new TempFolder();
        var path = Files(temp);
        var (code, _, stderr) = CliRunner.Run("sweep", path, "--out", temp.Combine("out"), "--workers", "2");
        Assert.True(code == 0, stderr);
        var table = File.ReadAllBytes(temp.Combine("out", "sweep.csv"));
        var summary = File.ReadAllText(temp.Combine("out", "summary.md"));
        File.Delete(temp.Combine("out", "sweep.csv"));

        // The sweep file is read from the folder's inputs/, so the original may be gone.
        File.Delete(path);
        (code, var stdout, stderr) = CliRunner.Run("sweep", path, "--out", temp.Combine("out"), "--collect");
        Assert.True(code == 0, stderr);
        Assert.StartsWith("collected: 12 runs (0 not complete)", stdout, StringComparison.Ordinal);
        Assert.Equal(table, File.ReadAllBytes(temp.Combine("out", "sweep.csv")));
        Assert.Equal(summary, File.ReadAllText(temp.Combine("out", "summary.md")));

        (code, _, stderr) = CliRunner.Run("sweep", path, "--out", temp.Combine("elsewhere"), "--collect");
        Assert.Equal(2, code);
        Assert.Equal($"neurosim: error: --collect: no sweep folder '{temp.Combine("elsewhere")}' (nor its partial folder '{temp.Combine(".elsewhere.partial")}')", stderr.Trim());
    }
}
