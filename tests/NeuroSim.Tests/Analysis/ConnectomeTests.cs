
namespace NeuroSim.Tests.Analysis;

/// <summary>
/// The paper's Algorithm 1 (Fig. 4) as NeuroSim runs it from files (scheduler mode iterated, rate and credit drives, pruning
/// below a quantile), against a plain dense implementation written here from the paper's equations, and the connectome
/// structure metrics against a planted partition whose values are worked out by hand.
/// </summary>
public sealed class ConnectomeTests
{
    private const int Pinned = 4;
    private const int Rest = 16;
    private const int N = Pinned + Rest;

    [Fact]
    public void Iterated_mode_with_drives_and_quantile_pruning_equals_a_plain_Algorithm_1()
    {
        const double rate = 0.05;
        const double quantile = 0.5;
        const int iterations = 30;
        using var temp = new TempFolder();
        var random = new Random(7);
        var w0 = new double[N, N];
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < N; j++)
            {
                w0[i, j] = i == j ? 0.0 : 0.5 * ((2 * random.NextDouble()) - 1);
            }
        }

        WriteBlocks(temp, w0);
        var model = ModelFile(rate, "iterated", "euler");
        const string protocol = """
            name: algorithm-1
            timeline:
              - drive: {pool: rate, neurons: ["rest:0-5"], waveform: step, amplitude: 0.2}
              - drive: {pool: rate, neurons: ["pinned:1"], waveform: sine, amplitude: 0.3, frequency: 40}
              - drive: {pool: credit, neurons: ["pinned:0-1"], waveform: step, amplitude: 0.05}
              - drive: {pool: credit, neurons: ["rest:3"], waveform: step, amplitude: -0.1}
              - repeat:
                  times: 30
                  do:
                    - run: 1 ms
                    - prune: {quantile: 0.5}
            """;
        var (code, _, stderr) = CliRunner.Run("run", temp.File("model.yaml", model), temp.File("protocol.yaml", protocol), "--out", temp.Combine("run"));
        Assert.True(code == 0, stderr);

        var expected = PlainAlgorithm1(w0, rate, quantile, iterations);
        var actual = ReadNetwork(temp.Combine("run"));
        var largest = 0.0;
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < N; j++)
            {
                largest = Math.Max(largest, Math.Abs(actual[i, j] - expected[i, j]));
            }
        }

        Assert.True(largest < 1e-12, $"largest weight difference {largest:E3}");
        var kept = Enumerable.Range(0, N * N).Count(k => expected[k / N, k % N] != 0);
        Assert.Equal(N * (N - 1) / 2, kept);
    }

    [Fact]
    public void In_a_layered_network_iterated_firing_reaches_the_forward_pass_in_one_step_per_layer()
    {
        // The paper's theorem: with the input clamped, x <- sigma(W x) reaches the feed-forward fixed point in m - 1 steps.
        const string model = """
            name: layered
            citation: test
            network:
              groups:
                - {name: in, size: 3}
                - {name: hidden, size: 4}
                - {name: out, size: 2}
              projections:
                - {from: in, to: hidden, weights: {gain: 1.5}}
                - {from: hidden, to: out, weights: {gain: 1.5}}
            neurons: {activation: tanh}
            timescales: {firing: 1 ms, credit: 1 ms, plasticity: 1 ms}
            learning_rate: 0.1
            scheduler: {mode: iterated, dt: 1 ms, integrator: euler}
            seed: 3
            """;
        const string protocol = """
            name: forward
            timeline:
              - block: plasticity
              - clamp_input: {group: in, values: [0.5, -0.8, 0.3]}
              - run: 3 ms
            monitors:
              - {name: rates, variables: [x], neurons: [hidden, out], every: 1 ms}
            """;
        using var temp = new TempFolder();
        var (code, _, stderr) = CliRunner.Run("run", temp.File("model.yaml", model), temp.File("protocol.yaml", protocol), "--out", temp.Combine("run"));
        Assert.True(code == 0, stderr);
        var w1 = CsvFiles.ReadMatrix(temp.Combine("run", "weights", "in-hidden.csv"));
        var w2 = CsvFiles.ReadMatrix(temp.Combine("run", "weights", "hidden-out.csv"));
        double[] input = [0.5, -0.8, 0.3];
        var hidden = w1.Select(row => Math.Tanh(row.Zip(input, (w, x) => w * x).Sum())).ToArray();
        var output = w2.Select(row => Math.Tanh(row.Zip(hidden, (w, x) => w * x).Sum())).ToArray();
        var rows = CsvFiles.ReadNumbers(temp.Combine("run", "monitors", "rates.csv")).Rows;

        // Step 1: the hidden layer is right, the output still sees a silent hidden layer; step 2 on, all are right.
        for (var k = 0; k < 4; k++)
        {
            Assert.Equal(hidden[k], rows[1][1 + k], 14);
        }

        Assert.Equal(0.0, rows[1][5], 14);
        foreach (var step in new[] { 2, 3 })
        {
            for (var k = 0; k < 2; k++)
            {
                Assert.Equal(output[k], rows[step][5 + k], 14);
            }
        }
    }

    [Fact]
    public void Structure_metrics_of_a_planted_two_module_connectome_take_their_analytic_values()
    {
        // Two groups of 10; every off-diagonal weight within a group is a = 1, every weight between them b = 0.1.
        // Q = 90a / (90a + 100b) - 1/2 = 0.4; within/between = a / b = 10; across-module = 200b / (180a + 200b) = 0.1.
        using var temp = new TempFolder();
        var w = new double[N, N];
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < N; j++)
            {
                w[i, j] = i == j ? 0.0 : (i < 10) == (j < 10) ? 1.0 : 0.1;
            }
        }

        WriteBlocks(temp, w, first: 10);
        temp.File("model.yaml", ModelFile(0.01, "iterated", "euler", first: 10));
        temp.File("protocol.yaml", """
            name: still
            timeline:
              - block: plasticity
              - run: 1 ms
            """);
        temp.File("sweep.yaml", """
            name: planted
            model: model.yaml
            protocol: protocol.yaml
            parameters:
              learning_rate: [0.01]
            seeds: 1
            metrics:
              modularity: {stat: modularity}
              communities: {stat: communities}
              within_between: {stat: within_between}
              across_module: {stat: across_module}
            """);
        var (code, _, stderr) = CliRunner.Run("sweep", temp.Combine("sweep.yaml"), "--out", temp.Combine("sweep"), "--workers", "1");
        Assert.True(code == 0, stderr);
        var (header, rows) = CsvFiles.ReadCells(temp.Combine("sweep", "sweep.csv"));
        double Cell(string column) => double.Parse(rows[0][Array.IndexOf(header, column)], CultureInfo.InvariantCulture);
        Assert.Equal(0.4, Cell("modularity"), 12);
        Assert.Equal(2, Cell("communities"));
        Assert.Equal(10.0, Cell("within_between"), 12);
        Assert.Equal(0.1, Cell("across_module"), 12);
        Assert.True(File.Exists(temp.Combine("sweep", "figures", "connectome.svg")));
    }

    /// <summary>
    /// Algorithm 1 from the paper's equations, dense, with the test's drives: s = W x; x = tanh(s) + a(t); c_j = sum_i
    /// w_ij f(s'_i) c_i + u_j (s' = W x from the new x, f = tanh'), a held neuron c_j = c_j + u_j; W += r (c f(s')) x^T on
    /// existing synapses; then every synapse with |w| below the q-quantile of |w| over all off-diagonal pairs goes.
    /// </summary>
    private static double[,] PlainAlgorithm1(double[,] w0, double rate, double quantile, int iterations)
    {
        var w = (double[,])w0.Clone();
        var present = new bool[N, N];
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < N; j++)
            {
                present[i, j] = i != j;
            }
        }

        var x = new double[N];
        var c = new double[N];
        for (var t = 0; t < iterations; t++)
        {
            var a = new double[N];
            var u = new double[N];
            for (var k = 0; k < 6; k++)
            {
                a[Pinned + k] = 0.2;
            }

            a[1] = 0.3 * Math.Sin(2 * Math.PI * 40 * t / 1000.0);
            u[0] = u[1] = 0.05;
            u[Pinned + 3] = -0.1;
            var s = NetInput(w, x);
            x = [.. Enumerable.Range(0, N).Select(i => Math.Tanh(s[i]) + a[i])];
            var balance = NetInput(w, x).Select(v => 1 - (Math.Tanh(v) * Math.Tanh(v))).ToArray();
            var next = new double[N];
            for (var j = 0; j < N; j++)
            {
                var collected = 0.0;
                for (var i = 0; i < N; i++)
                {
                    collected += w[i, j] * balance[i] * c[i];
                }

                next[j] = j < Pinned ? c[j] + u[j] : collected + u[j];
            }

            c = next;
            for (var i = 0; i < N; i++)
            {
                for (var j = 0; j < N; j++)
                {
                    w[i, j] += present[i, j] ? rate * c[i] * balance[i] * x[j] : 0.0;
                }
            }

            var magnitudes = Enumerable.Range(0, N * N).Where(k => k / N != k % N).Select(k => present[k / N, k % N] ? Math.Abs(w[k / N, k % N]) : 0.0).Order().ToArray();
            var threshold = magnitudes[Math.Min(magnitudes.Length - 1, (int)Math.Floor(quantile * magnitudes.Length))];
            for (var i = 0; i < N; i++)
            {
                for (var j = 0; j < N; j++)
                {
                    if (present[i, j] && Math.Abs(w[i, j]) < threshold)
                    {
                        present[i, j] = false;
                        w[i, j] = 0.0;
                    }
                }
            }
        }

        return w;
    }

    private static double[] NetInput(double[,] w, double[] x) =>
        [.. Enumerable.Range(0, N).Select(i => Enumerable.Range(0, N).Sum(j => w[i, j] * x[j]))];

    private static string ModelFile(double rate, string mode, string integrator, int first = Pinned) => string.Create(CultureInfo.InvariantCulture, $$$"""
        name: all-to-all
        citation: test
        network:
          groups:
            - {name: pinned, size: {{{first}}}}
            - {name: rest, size: {{{N - first}}}}
          projections:
            - {from: pinned, to: pinned, weights: {file: w-pinned-pinned.csv}}
            - {from: rest, to: pinned, weights: {file: w-rest-pinned.csv}}
            - {from: pinned, to: rest, weights: {file: w-pinned-rest.csv}}
            - {from: rest, to: rest, weights: {file: w-rest-rest.csv}}
        neurons: {activation: tanh, balance: slope}
        timescales: {firing: 1 ms, credit: 1 ms, plasticity: 1 ms}
        learning_rate: {{{rate}}}
        clamps: {hold_credit: [pinned]}
        scheduler: {mode: {{{mode}}}, dt: 1 ms, integrator: {{{integrator}}}}
        seed: 1
        """);

    /// <summary>The four blocks of <paramref name="w"/> (rows post) as the weight files the model file names.</summary>
    private static void WriteBlocks(TempFolder temp, double[,] w, int first = Pinned)
    {
        (string Name, int Offset, int Size)[] groups = [("pinned", 0, first), ("rest", first, N - first)];
        foreach (var pre in groups)
        {
            foreach (var post in groups)
            {
                var lines = Enumerable.Range(0, post.Size).Select(i => string.Join(',', Enumerable.Range(0, pre.Size).Select(j => w[post.Offset + i, pre.Offset + j].ToString("R", CultureInfo.InvariantCulture))));
                temp.File($"w-{pre.Name}-{post.Name}.csv", string.Join('\n', lines) + "\n");
            }
        }
    }

    private static double[,] ReadNetwork(string run)
    {
        var w = new double[N, N];
        (string Name, int Offset, int Size)[] groups = [("pinned", 0, Pinned), ("rest", Pinned, Rest)];
        foreach (var pre in groups)
        {
            foreach (var post in groups)
            {
                var block = CsvFiles.ReadMatrix(Path.Combine(run, "weights", $"{pre.Name}-{post.Name}.csv"));
                for (var i = 0; i < post.Size; i++)
                {
                    for (var j = 0; j < pre.Size; j++)
                    {
                        w[post.Offset + i, pre.Offset + j] = block[i][j];
                    }
                }
            }
        }

        return w;
    }
}
