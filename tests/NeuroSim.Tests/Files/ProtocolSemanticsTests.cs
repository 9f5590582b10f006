namespace NeuroSim.Tests.Files;

/// <summary>What protocol actions do, checked against values computed here.</summary>
public sealed class ProtocolSemanticsTests
{
    private const string InputlessModel = """
        name: isolated
        citation: test
        network:
          groups:
            - {name: a, size: 4}
        neurons: {activation: tanh}
        timescales: {firing: 10 ms, credit: 100 ms, plasticity: 1 s}
        scheduler: {mode: multirate, dt: 1 ms}
        """;

    [Fact]
    public void Drive_waveforms_reach_the_pools_with_their_analytic_values()
    {
        const string protocol = """
            name: waveforms
            timeline:
              - drive: {pool: excitatory, neurons: ["a:0"], waveform: step, amplitude: 0.5, duration: 10 ms}
              - drive: {pool: excitatory, neurons: ["a:1"], waveform: ramp, from: 0, to: 1, rise: 10 ms}
              - drive: {pool: excitatory, neurons: ["a:2"], waveform: pulses, amplitude: 2, period: 4 ms, width: 1 ms}
              - drive: {pool: excitatory, neurons: ["a:3"], waveform: sine, amplitude: 1, frequency: 50, offset: 0.5}
              - run: 5 ms
              - drive: {pool: inhibitory, neurons: ["a:0"], waveform: step, amplitude: 0.2}
              - run: 15 ms
            monitors:
              - {name: pools, variables: [E, I], neurons: [a], every: 1 ms}
            """;
        using var temp = new TempFolder();
        var rows = RunAndRead(temp, InputlessModel, protocol, "pools");
        Assert.Equal(21, rows.Count);
        foreach (var row in rows)
        {
            var t = row[0];
            Assert.Equal(t < 10 ? 0.5 : 0.0, row[1], 15);
            // A sample at t precedes the actions at t, so the drive started at 5 ms shows from the next sample on.
            Assert.Equal(t <= 5 ? 0.0 : 0.2, row[2], 15);
            Assert.Equal(Math.Min(t / 10, 1.0), row[3], 15);
            Assert.Equal(t % 4 < 1 ? 2.0 : 0.0, row[5], 15);
            Assert.Equal(0.5 + Math.Sin(2 * Math.PI * 50 * t / 1000), row[7], 12);
        }
    }

    [Fact]
    public void Ornstein_Uhlenbeck_noise_has_its_variance_and_correlation_time()
    {
        const string protocol = """
            name: noise
            timeline:
              - drive: {pool: excitatory, neurons: ["a:0"], waveform: noise, mean: 0.3, std: 0.5, correlation: 20 ms}
              - run: 200 s
            monitors:
              - {name: pools, variables: [E], neurons: ["a:0"], every: 1 ms}
            """;
        using var temp = new TempFolder();
        var e = RunAndRead(temp, InputlessModel, protocol, "pools").Skip(1).Select(r => r[1]).ToArray();
        var mean = e.Average();
        var variance = e.Select(v => (v - mean) * (v - mean)).Average();
        var lag = 20;
        var covariance = Enumerable.Range(0, e.Length - lag).Select(k => (e[k] - mean) * (e[k + lag] - mean)).Average();

        // 200 s of a 20 ms process is ~10^4 correlation times: the estimates are good to a few percent.
        Assert.Equal(0.3, mean, 0.03);
        Assert.Equal(0.25, variance, 0.025);
        Assert.Equal(Math.Exp(-1), covariance / variance, 0.05);
    }

    [Fact]
    public void Independent_noise_gives_each_neuron_its_own_process_and_shared_noise_one_value_for_all()
    {
        const string protocol = """
            name: noise
            timeline:
              - drive: {pool: excitatory, neurons: ["a:0-1"], waveform: noise, std: 0.5, independent: true}
              - drive: {pool: inhibitory, neurons: ["a:2-3"], waveform: noise, std: 0.5}
              - run: 20 s
            monitors:
              - {name: pools, variables: [E, I], neurons: [a], every: 1 ms}
            """;
        using var temp = new TempFolder();
        var rows = RunAndRead(temp, InputlessModel, protocol, "pools").Skip(1).ToList();
        var (e0, e1) = (rows.Select(r => r[1]).ToArray(), rows.Select(r => r[3]).ToArray());
        Assert.Equal(0.25, Variance(e0), 0.02);
        Assert.Equal(0.25, Variance(e1), 0.02);

        // 2 10^4 samples of independent unit processes: the correlation is 0 to within a few 1/sqrt(n) = 0.007.
        var correlation = e0.Zip(e1, (a, b) => a * b).Average() / 0.25;
        Assert.InRange(correlation, -0.03, 0.03);
        Assert.All(rows, r => Assert.Equal(r[6], r[8]));
        Assert.Equal(0.25, Variance([.. rows.Select(r => r[6])]), 0.02);
    }

    private static double Variance(double[] values)
    {
        var mean = values.Average();
        return values.Select(v => (v - mean) * (v - mean)).Average();
    }

    [Fact]
    public void Learning_happens_only_where_input_and_output_clamps_overlap()
    {
        var root = CliRunner.RepositoryRoot();
        using var temp = new TempFolder();
        CliRunner.Succeeds("run", Path.Combine(root, "models", "layered-xor.yaml"), Path.Combine(root, "protocols", "clamp-overlap.yaml"), "--out", temp.Combine("run"));
        var rows = CsvFiles.ReadNumbers(temp.Combine("run", "monitors", "weights.csv")).Rows;
        var inHidden = rows[0].Length - 1 - 8;
        double[] Upstream(double[] row) => row[1..(1 + inHidden)];
        var initial = Upstream(rows[0]);
        foreach (var row in rows)
        {
            var t = row[0];
            if (t <= 1500)
            {
                Assert.Equal(initial, Upstream(row));
            }
        }

        var atRelease = Upstream(rows.Single(r => r[0] == 3000));
        Assert.NotEqual(initial, atRelease);
        Assert.All(rows.Where(r => r[0] >= 3000), row => Assert.Equal(atRelease, Upstream(row)));
    }

    [Fact]
    public void Blocking_plasticity_freezes_weights_and_biases_while_activity_goes_on()
    {
        var model = MalformedFilesTests.BaseModel.Replace("  projections:", "  learn_biases: true\n  projections:", StringComparison.Ordinal);
        const string protocol = """
            name: frozen
            timeline:
              - present: {input: [1, -1], target: [0.5], duration: 30 ms}
              - block: plasticity
              - present: {input: [-1, 1], target: [-0.5], duration: 300 ms}
            monitors:
              - {name: w, variables: [W, b, x], neurons: [hidden, out], every: 10 ms}
            """;
        using var temp = new TempFolder();
        var rows = RunAndRead(temp, model, protocol, "w");
        var header = CsvFiles.ReadHeader(temp.Combine("run", "monitors", "w.csv"));
        var plastic = Enumerable.Range(0, header.Length).Where(k => header[k].StartsWith("W[", StringComparison.Ordinal) || header[k].StartsWith("b[", StringComparison.Ordinal)).ToArray();
        var rates = Enumerable.Range(0, header.Length).Where(k => header[k].StartsWith("x[", StringComparison.Ordinal)).ToArray();
        double[] Pick(double[] row, int[] columns) => [.. columns.Select(k => row[k])];
        var learning = rows.Where(r => r[0] <= 30).ToList();
        var frozen = rows.Where(r => r[0] >= 30).ToList();
        Assert.Equal(3 + 1 + 6 + 3, plastic.Length);
        Assert.NotEqual(Pick(learning[0], plastic), Pick(learning[^1], plastic));
        Assert.All(frozen, r => Assert.Equal(Pick(frozen[0], plastic), Pick(r, plastic)));
        Assert.NotEqual(Pick(frozen[0], rates), Pick(frozen[^1], rates));
    }

    private static List<double[]> RunAndRead(TempFolder temp, string model, string protocol, string monitor)
    {
        CliRunner.Succeeds("run", temp.File("model.yaml", model), temp.File("protocol.yaml", protocol), "--out", temp.Combine("run"), "--max-record-mb", "100");
        return [.. CsvFiles.ReadNumbers(temp.Combine("run", "monitors", $"{monitor}.csv")).Rows];
    }
}
