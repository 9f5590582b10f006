using NeuroSim.Experiments.Sweeps;
using NeuroSim.Files.Yaml;

namespace NeuroSim.Tests.Sweeps;

/// <summary>Derived settings: a sweep over eps that keeps the timescale ratios.</summary>
public sealed class SweepExpressionTests
{
    private const string Ratios = """
        name: ratios
        model: model.yaml
        protocol: protocol.yaml
        variables:
          eps: [0.1, 0.05]
        parameters:
          timescales.firing: [1 ms, 2 ms]
        derived:
          timescales.credit: "{timescales.firing} / {eps} ms"
          timescales.plasticity: "{timescales.firing} / {eps} ^ 2 ms"
        metrics:
          final_loss: {monitor: loss, column: loss, stat: last}
        """;

    [Theory]
    [InlineData("1 + 2 * 3", 7.0)]
    [InlineData("(1 + 2) * 3", 9.0)]
    [InlineData("2 ^ 3 ^ 2", 512.0)]
    [InlineData("-2 ^ 2", -4.0)]
    [InlineData("10 / {eps} / {eps}", 1000.0)]
    [InlineData("1.5e2 - {eps}", 149.9)]
    [InlineData("round(33.5)", 34.0)]
    [InlineData("round(-2.5)", -3.0)]
    [InlineData("floor(10 / 3) * 3", 9.0)]
    [InlineData("ceil({eps} * 25)", 3.0)]
    [InlineData("max(1, round(0.4)) + min(2, 5)", 3.0)]
    public void Expressions_follow_the_usual_precedence(string text, double expected)
    {
        var value = SweepExpression.Parse(text).Evaluate(new Dictionary<string, double> { ["eps"] = 0.1 });
        Assert.Equal(expected, value, 12);
    }

    [Theory]
    [InlineData("10 / {eps", "'10 / {eps': '{' at 6 is not closed")]
    [InlineData("10 / ", "the expression ends too early")]
    [InlineData("10 ** 2", "unexpected '*'")]
    [InlineData("(1 + 2", "missing ')'")]
    [InlineData("1 2", "unexpected '2'")]
    [InlineData("sqrt(4)", "unknown function 'sqrt'; known: round(), floor(), ceil(), min(), max()")]
    [InlineData("max(1)", "max() takes 2 arguments, got 1")]
    [InlineData("round 2", "'round' needs '(' and its argument")]
    public void A_malformed_expression_is_refused_with_what_is_wrong(string text, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => SweepExpression.Parse(text));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_over_eps_sets_every_timescale_from_it_and_records_the_derived_values()
    {
        using var temp = new TempFolder();
        var path = SweepTests.Files(temp, Ratios);
        var plan = new SweepPlan(SweepFile.Load(path));
        Assert.Equal(4, plan.Runs.Count);
        Assert.Equal(["eps", "timescales.firing", "timescales.credit", "timescales.plasticity"], plan.Parameters.Select(p => p.Path));

        // eps 0.05, tau_x 2 ms: tau_c = 40 ms, tau_w = 800 ms; eps is recorded, not set.
        var request = plan.Request(plan.Runs[3], temp.Combine("x"));
        Assert.Equal(["timescales.firing=2 ms", "timescales.credit=40 ms", "timescales.plasticity=800 ms"], request.Overrides.Select(o => $"{o.Key}={o.Value}"));
        Assert.Equal([0.05, 2.0, 40.0, 800.0], plan.Runs[3].Values.Select(v => v.Number));

        var (code, _, stderr) = CliRunner.Run("sweep", path, "--out", temp.Combine("out"), "--workers", "2");
        Assert.True(code == 0, stderr);
        var (header, rows) = CsvFiles.ReadCells(temp.Combine("out", "sweep.csv"));
        Assert.Equal(["run", "point", "seed", "eps", "timescales.firing (ms)", "timescales.credit (ms)", "timescales.plasticity (ms)", "final_loss", "status", "error", "folder"], header);
        Assert.Equal(["0.05", "2", "40", "800"], rows[3][3..7]);
    }

    [Theory]
    [InlineData("\"{timescales.firing} / {eps} ms\"", "\"{tau} / {eps} ms\"", "sweep.yaml:9:22: derived.timescales.credit: unknown name '{tau}': not swept ({eps}, {timescales.firing}), and no number or duration at 'tau' in {model}")]
    [InlineData("timescales.credit: \"", "timescales.firing: \"", "sweep.yaml:9:22: derived.timescales.firing: 'timescales.firing' is swept already; a setting is either swept or derived")]
    [InlineData("eps: [0.1, 0.05]", "Eps: [0.1, 0.05]", "sweep.yaml:5:8: variables.Eps: variable name 'Eps' must be lower-case letters, digits and '_', starting with a letter (it is used as {Eps})")]
    public void Bad_derived_settings_are_refused_at_their_position(string from, string to, string message)
    {
        using var temp = new TempFolder();
        var path = SweepTests.Files(temp, Ratios.Replace(from, to, StringComparison.Ordinal));
        var error = Assert.Throws<SpecException>(() => SweepFile.Load(path));
        Assert.Equal(temp.Combine(message).Replace("{model}", temp.Combine("model.yaml"), StringComparison.Ordinal), error.Message);
    }
}

/// <summary>Sampled sweeps: random and Latin-hypercube designs.</summary>
public sealed class SweepSamplesTests
{
    private static SweepPlan Plan(TempFolder temp, string method, int count = 10) => new(SweepFile.Load(SweepTests.Files(temp, $$"""
        name: samples
        model: model.yaml
        protocol: protocol.yaml
        parameters:
          samples:
            count: {{count}}
            method: {{method}}
            seed: 4
            parameters:
              learning_rate: [0.01, 0.5]
              timescales.credit: {log: [10 ms, 1 s]}
        metrics:
          final_loss: {monitor: loss, column: loss, stat: last}
        """)));

    [Fact]
    public void A_latin_hypercube_puts_exactly_one_sample_in_each_stratum_of_every_parameter()
    {
        using var temp = new TempFolder();
        var plan = Plan(temp, "latin-hypercube");
        Assert.Equal(10, plan.Runs.Count);
        var rates = plan.Runs.Select(r => r.Values[0].Number).ToList();
        var credits = plan.Runs.Select(r => r.Values[1].Number).ToList();
        Assert.Equal(Enumerable.Range(0, 10), rates.Select(v => (int)((v - 0.01) / 0.049)).Order());
        Assert.Equal(Enumerable.Range(0, 10), credits.Select(v => (int)(Math.Log(v / 10) / Math.Log(100) * 10)).Order());
        Assert.All(plan.Runs, r => Assert.EndsWith(" ms", r.Values[1].Text, StringComparison.Ordinal));
        Assert.True(plan.Parameters[1].Log);

        // The same seed, the same design.
        Assert.Equal(rates, Plan(temp, "latin-hypercube").Runs.Select(r => r.Values[0].Number));
    }

    [Fact]
    public void Random_samples_stay_in_their_ranges()
    {
        using var temp = new TempFolder();
        var plan = Plan(temp, "random", 200);
        Assert.All(plan.Runs, r => Assert.InRange(r.Values[0].Number, 0.01, 0.5));
        Assert.All(plan.Runs, r => Assert.InRange(r.Values[1].Number, 10, 1000));
        Assert.True(plan.Runs.Select(r => (int)((r.Values[0].Number - 0.01) / 0.049)).Distinct().Count() == 10, "200 uniform draws cover every tenth of the range");
    }
}

/// <summary>bp_deviation: each run's weight change against its adiabatic twin's (the BP step) from the same start.</summary>
public sealed class SweepBackpropDeviationTests
{
    [Fact]
    public void The_deviation_from_backprop_is_computed_from_the_three_folders_and_shrinks_with_the_separation()
    {
        using var temp = new TempFolder();
        var path = SweepTests.Files(temp, """
            name: bp
            model: model.yaml
            protocol: protocol.yaml
            variables:
              eps: [0.01, 0.3]
            parameters:
              timescales.firing: [1 ms]
            derived:
              timescales.credit: "1 / {eps} ms"
              timescales.plasticity: "1 / {eps} ^ 2 ms"
            metrics:
              deviation: {stat: bp_deviation}
              cosine: {stat: bp_cosine}
              limit_loss: {monitor: loss, column: loss, stat: last, of: adiabatic}
            """);
        var (code, _, stderr) = CliRunner.Run("sweep", path, "--out", temp.Combine("out"), "--workers", "2");
        Assert.True(code == 0, stderr);
        var (header, rows) = CsvFiles.ReadCells(temp.Combine("out", "sweep.csv"));
        var deviation = Array.IndexOf(header, "deviation");
        var cosine = Array.IndexOf(header, "cosine");
        var limitLoss = Array.IndexOf(header, "limit_loss");
        foreach (var row in rows)
        {
            // of: adiabatic reads the twin's monitor: its last loss sample.
            var twinLoss = CsvFiles.ReadNumbers(temp.Combine("out", row[^1] + ".adiabatic", "monitors", "loss.csv")).Rows[^1][1];
            Assert.Equal(twinLoss, double.Parse(row[limitLoss], System.Globalization.CultureInfo.InvariantCulture), 12);

            // Independently: flatten weights/*.csv of the run, its twin and its initial state.
            double[] Flat(string folder) => [.. Directory.GetFiles(temp.Combine("out", folder, "weights"), "*.csv").Order(StringComparer.Ordinal).SelectMany(f => CsvFiles.ReadMatrix(f).SelectMany(r => r))];
            var (w, bp, w0) = (Flat(row[^1]), Flat(row[^1] + ".adiabatic"), Flat(row[^1] + ".initial"));
            var dw = w.Zip(w0, (a, b) => a - b).ToArray();
            var dbp = bp.Zip(w0, (a, b) => a - b).ToArray();
            var expected = Math.Sqrt(dw.Zip(dbp, (a, b) => (a - b) * (a - b)).Sum() / dbp.Sum(v => v * v));
            Assert.Equal(expected, double.Parse(row[deviation], System.Globalization.CultureInfo.InvariantCulture), 12);
            var cos = dw.Zip(dbp, (a, b) => a * b).Sum() / Math.Sqrt(dw.Sum(v => v * v) * dbp.Sum(v => v * v));
            Assert.Equal(cos, double.Parse(row[cosine], System.Globalization.CultureInfo.InvariantCulture), 12);
        }

        // Better separated (eps 0.01) is closer to the BP step than eps 0.3.
        var separated = double.Parse(rows[0][deviation], System.Globalization.CultureInfo.InvariantCulture);
        var mixed = double.Parse(rows[1][deviation], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(separated < mixed, $"deviation at eps 0.01 {separated:G3}, at eps 0.3 {mixed:G3}");
    }
}
