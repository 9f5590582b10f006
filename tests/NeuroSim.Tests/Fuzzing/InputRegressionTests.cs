using NeuroSim.Core.Connectivity;
using NeuroSim.Core.RunFolders;
using NeuroSim.Experiments;
using NeuroSim.Files;
using NeuroSim.Files.Yaml;
using NeuroSim.Models;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Tests.Files;

namespace NeuroSim.Tests.Fuzzing;

/// <summary>
/// One regression test per class of failure the fuzzer found: each bad input fails in Prepare with a
/// SpecException at the file, line, column and field of the offending text (positions computed from the input).
/// </summary>
public sealed class InputRegressionTests
{
    private const string Model = MalformedFilesTests.BaseModel;
    private const string Protocol = MalformedFilesTests.BaseProtocol;

    [Fact]
    public void A_list_or_mapping_as_a_key_is_refused_at_the_key()
    {
        var model = Model.Replace("plasticity: 1 s}", "plasticity: 1 s, [size]: 8}", StringComparison.Ordinal);
        var e = RefusedAt(model, Protocol, "model.yaml", "[size]");
        Assert.Contains("a mapping key must be a plain name, not a list", e.Detail, StringComparison.Ordinal);

        var protocol = Protocol.Replace("- present:", "- {to: 1}: out\n  - present:", StringComparison.Ordinal);
        e = RefusedAt(Model, protocol, "protocol.yaml", "{to: 1}");
        Assert.Contains("not a mapping", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_alias_bombs_and_duplicate_keys_are_refused_while_parsing()
    {
        var deep = new string('[', 100) + new string(']', 100);
        var model = Model.Replace("learning_rate: 0.1", $"learning_rate: {deep}", StringComparison.Ordinal);
        var e = Refused(model, Protocol, out var folder);
        var (line, column) = Position(model, deep);
        Assert.Equal((Path.Combine(folder, "model.yaml"), line), (e.File, e.Line));
        Assert.InRange(e.Column, column + SpecDocument.MaxDepth - 1, column + SpecDocument.MaxDepth);
        Assert.Equal($"nested more than {SpecDocument.MaxDepth} levels deep", e.Detail);

        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + string.Concat(Enumerable.Range(1, 6).Select(l => $"a{l}: &a{l} [{string.Join(", ", Enumerable.Repeat($"*a{l - 1}", 10))}]\n"));
        e = Refused(bomb + Model, Protocol, out folder);
        Assert.Equal((Path.Combine(folder, "model.yaml"), 6), (e.File, e.Line));
        Assert.Contains($"more than {SpecDocument.MaxNodes} values", e.Detail, StringComparison.Ordinal);

        // An override is YAML too, with the same limits.
        e = Refused(Model, Protocol, out _, new KeyValuePair<string, string>("learning_rate", "[" + bomb.Replace("\n", ", ", StringComparison.Ordinal).Replace(": &", ": {k: &", StringComparison.Ordinal) + "]"));
        Assert.Equal(("(--set)", 0, "learning_rate"), (e.File, e.Line, e.Field));

        var duplicate = Model.Replace("learning_rate: 0.1", "learning_rate: 0.1\nlearning_rate: 0.2", StringComparison.Ordinal);
        e = RefusedAt(duplicate, Protocol, "model.yaml", "learning_rate: 0.2");
        Assert.Contains("Duplicate key", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_network_too_large_for_memory_or_for_an_int_is_refused_before_allocation()
    {
        var model = Model.Replace("{name: in, size: 2}", "{name: in, size: 65536}", StringComparison.Ordinal)
            .Replace("{name: hidden, size: 3}", "{name: hidden, size: 65537}", StringComparison.Ordinal);
        var e = RefusedAt(model, Protocol, "model.yaml", "{from: in, to: hidden}");
        Assert.Equal("network.projections[0]", e.Field);
        Assert.Contains($"65537 x 65536 = {65536L * 65537} possible synapses; at most {Array.MaxLength}", e.Detail, StringComparison.Ordinal);

        model = Model.Replace("{name: hidden, size: 3}", "{name: hidden, size: 40000}", StringComparison.Ordinal)
            .Replace("{name: in, size: 2}", "{name: in, size: 40000}", StringComparison.Ordinal);
        var estimate = ModelMemory.Of([40000, 40000, 1], [new("in->hidden", 40000, 40000, 1, false, false), new("hidden->out", 40000, 1, 1, false, false)], false, true, false);
        e = RefusedAt(model, Protocol, "model.yaml", "groups:");
        Assert.Equal("network", e.Field);
        Assert.Contains($"80001 neurons and {(40000L * 40000) + 40000} synapses need about {estimate.Bytes / 1e6:F0} MB", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Inputs_must_be_regular_files()
    {
        using var temp = new TempFolder();
        var model = temp.File("model.yaml", Model);
        Directory.CreateDirectory(temp.Combine("protocol.yaml"));
        var e = Assert.Throws<SpecException>(() => ExperimentRunner.Prepare(new RunRequest(model, temp.Combine("protocol.yaml"), temp.Combine("out"))));
        Assert.Equal((temp.Combine("protocol.yaml"), 0, "is a directory; expected a file"), (e.File, e.Line, e.Detail));

        File.CreateSymbolicLink(temp.Combine("weights.csv"), "/dev/zero");
        var withFile = temp.File("model2.yaml", Model.Replace("{from: hidden, to: out}", "{from: hidden, to: out, weights: {file: weights.csv}}", StringComparison.Ordinal));
        e = Assert.Throws<SpecException>(() => ExperimentRunner.Prepare(new RunRequest(withFile, temp.File("p.yaml", Protocol), temp.Combine("out"))));
        Assert.Equal(("network.projections[1].weights.file", temp.Combine("weights.csv")), (e.Field, e.File));
        Assert.Equal("0 rows; expected 1 (one per postsynaptic neuron)", e.Detail);
    }

    [Fact]
    public void Step_counts_that_do_not_fit_and_sub_step_periods_are_refused()
    {
        var model = Model.Replace("dt: 1 ms\n  processes:\n    credit: {integrator: exp-euler, every: 10 ms}", "dt: 1e-300 ms\n  integrator: exp-euler", StringComparison.Ordinal);
        var e = RefusedAt(model, Protocol, "protocol.yaml", "{name: h");
        Assert.Equal("monitors[0]", e.Field);
        Assert.Contains("at most 1E+12 steps are allowed", e.Detail, StringComparison.Ordinal);

        var protocol = Protocol.Replace("every: 1 ms", "every: 1e-300 ms", StringComparison.Ordinal);
        e = RefusedAt(Model, protocol, "protocol.yaml", "{name: h");
        Assert.Equal("monitors[0]", e.Field);
        Assert.Equal("every = 1E-300 ms is less than one step of dt = 1 ms", e.Detail);
    }

    [Fact]
    public void Unrolling_and_generated_data_are_bounded()
    {
        var protocol = Protocol.Replace("timeline:\n", "timeline:\n  - repeat: {times: 100000000, do: [{repeat: {times: 1000, do: []}}]}\n", StringComparison.Ordinal);
        var e = RefusedAt(Model, protocol, "protocol.yaml", "{times: 100000000");
        Assert.Equal("timeline[0].repeat", e.Field);
        Assert.Contains("unrolls to about 1E+11 instructions", e.Detail, StringComparison.Ordinal);

        protocol = "data:\n  d: {generate: teacher, sizes: [2, 4, 1], count: 10000000}\n" + Protocol;
        e = RefusedAt(Model, protocol, "protocol.yaml", "10000000");
        Assert.Equal("data.d.count", e.Field);
        Assert.Contains("out of range; allowed: >= 1 and <= 1000000", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_must_be_finite_and_the_learning_rate_bounded()
    {
        var model = Model.Replace("{from: hidden, to: out}", "{from: hidden, to: out}\n  biases: {constant: Infinity}", StringComparison.Ordinal);
        var e = RefusedAt(model, Protocol, "model.yaml", "Infinity");
        Assert.Equal(("network.biases.constant", "'Infinity' is not a finite number"), (e.Field, e.Detail));

        var protocol = Protocol.Replace("timeline:\n", "timeline:\n  - set: {parameter: learning_rate, value: 1e308}\n", StringComparison.Ordinal);
        e = RefusedAt(Model, protocol, "protocol.yaml", "1e308");
        Assert.Equal($"1e308 is out of range; allowed: >= 0 and <= {BalanceCreditSpec.MaxLearningRate}", e.Detail);

        protocol = Protocol.Replace("every: 1 ms", "every: Infinity ms", StringComparison.Ordinal);
        e = RefusedAt(Model, protocol, "protocol.yaml", "Infinity ms");
        Assert.Equal("'Infinity ms' is not a finite duration", e.Detail);
    }

    [Fact]
    public void Bias_files_with_or_without_header_load_and_wrong_ones_are_refused_at_their_line()
    {
        using var temp = new TempFolder();
        var model = temp.File("model.yaml", Model.Replace("{from: hidden, to: out}", "{from: hidden, to: out}\n  biases: {file: biases.csv}", StringComparison.Ordinal));
        var protocol = temp.File("protocol.yaml", Protocol);
        var rows = new[] { "in,0,0.5", "in,1,-0.5", "hidden,0,1", "hidden,1,2", "hidden,2,3", "out,0,4" };
        foreach (var header in new[] { "group,index,bias\n", string.Empty })
        {
            temp.File("biases.csv", header + string.Join("\n", rows) + "\n");
            var run = ExperimentRunner.Prepare(new RunRequest(model, protocol, temp.Combine("out")));
            Assert.Equal([0.5, -0.5, 1, 2, 3, 4], ((BalanceCreditModel)run.Model).Biases.ToArray());
        }

        temp.File("biases.csv", string.Empty);
        var e = Assert.Throws<SpecException>(() => ExperimentRunner.Prepare(new RunRequest(model, protocol, temp.Combine("out"))));
        Assert.Equal((temp.Combine("biases.csv"), 1, "network.biases.file"), (e.File, e.Line, e.Field));
        Assert.StartsWith("0 biases given; expected 6", e.Detail, StringComparison.Ordinal);

        temp.File("biases.csv", "group,index,bias\n" + string.Join("\n", rows[..5]) + "\n");
        e = Assert.Throws<SpecException>(() => ExperimentRunner.Prepare(new RunRequest(model, protocol, temp.Combine("out"))));
        Assert.StartsWith("5 biases given; expected 6", e.Detail, StringComparison.Ordinal);

        var weights = temp.File("model2.yaml", Model.Replace("{from: hidden, to: out}", "{from: hidden, to: out, weights: {file: w.csv}}", StringComparison.Ordinal));
        temp.File("w.csv", "0.1,0.2,NaN\n");
        e = Assert.Throws<SpecException>(() => ExperimentRunner.Prepare(new RunRequest(weights, protocol, temp.Combine("out"))));
        Assert.Equal((temp.Combine("w.csv"), 1, "0.1,0.2,".Length + 1), (e.File, e.Line, e.Column));
        Assert.Equal("'NaN' is not a finite number", e.Detail);

        temp.File("w.csv", "0.1,0.2\n");
        e = Assert.Throws<SpecException>(() => ExperimentRunner.Prepare(new RunRequest(weights, protocol, temp.Combine("out"))));
        Assert.Equal((1, "2 values; expected 3 (one per presynaptic neuron)"), (e.Line, e.Detail));
    }

    [Fact]
    public void Monitor_names_must_be_safe_file_names()
    {
        foreach (var name in new[] { "../x", ".hidden", new string('m', 65), "a b" })
        {
            var protocol = Protocol.Replace("{name: h,", $"{{name: \"{name}\",", StringComparison.Ordinal);
            var e = RefusedAt(Model, protocol, "protocol.yaml", $"\"{name}\"");
            Assert.Equal("monitors[0].name", e.Field);
            Assert.Contains("letters, digits, '-', '_' or '.', not starting with '.'", e.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Messages_escape_control_characters_and_carry_no_dotnet_argument_text()
    {
        var model = Model.Replace("{from: in, to: hidden}", "{from: \"in\\e[31m\\x07\", to: hidden}", StringComparison.Ordinal);
        var e = Refused(model, Protocol, out _);
        Assert.Contains("unknown group 'in\\x1b[31m\\x07'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', e.Message);

        Assert.Equal("spillover = 2: must be in [0, 1]", ErrorText.Detail(new ArgumentOutOfRangeException("spec", 2.0, "spillover = 2: must be in [0, 1]")));
    }

    [Fact]
    public void An_unstable_time_constant_set_by_the_protocol_is_refused_in_prepare()
    {
        var protocol = Protocol.Replace("timeline:\n", "timeline:\n  - run: 5 ms\n  - set: {parameter: timescales.firing, value: 0.1 ms}\n", StringComparison.Ordinal);
        var e = Refused(Model, protocol, out var folder);
        AssertAt(e, folder, "protocol.yaml", protocol, "{parameter: timescales.firing");
        Assert.Equal("timeline[1].set", e.Field);
        Assert.Contains("unstable", e.Detail, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }

    [Fact]
    public void Weight_files_are_streamed_and_read_back_exactly()
    {
        using var temp = new TempFolder();
        var spec = new NetworkSpec([new("a", 300), new("b", 200)], [new ProjectionSpec("a", "b") { Mask = [.. Enumerable.Range(0, 60000).Select(k => k % 3 != 0)] }]);
        var network = Network.Build(spec, new NeuroSim.Core.Randomness.SeededRandom(3), out var weights);
        WeightFiles.Write(temp.Path, network, weights, new double[500]);
        var referrer = SpecDocument.Parse("file: x", "m.yaml").Required("file");
        var read = MatrixFiles.Read(temp.Combine("weights", "a-b.csv"), 200, 300, referrer);
        var mask = MatrixFiles.Read(temp.Combine("mask", "a-b.csv"), 200, 300, referrer);
        var p = network.Projections[0];
        for (var i = 0; i < 200; i++)
        {
            for (var j = 0; j < 300; j++)
            {
                var slot = p.SlotOf(i, j);
                Assert.Equal(slot >= 0 ? weights[slot] : 0.0, read[(i * 300) + j]);
                Assert.Equal(slot >= 0 ? 1.0 : 0.0, mask[(i * 300) + j]);
            }
        }
    }

    private static SpecException Refused(string model, string protocol, out string folder, params KeyValuePair<string, string>[] overrides)
    {
        using var temp = new TempFolder();
        folder = temp.Path;
        var request = new RunRequest(temp.File("model.yaml", model), temp.File("protocol.yaml", protocol), temp.Combine("out")) { Overrides = overrides };
        return Assert.Throws<SpecException>(() => ExperimentRunner.Prepare(request));
    }

    /// <summary>Refused as <see cref="Refused"/>, with the error at the first occurrence of <paramref name="fragment"/> in the file <paramref name="file"/> (model.yaml or protocol.yaml).</summary>
    private static SpecException RefusedAt(string model, string protocol, string file, string fragment)
    {
        var e = Refused(model, protocol, out var folder);
        AssertAt(e, folder, file, file == "model.yaml" ? model : protocol, fragment);
        return e;
    }

    /// <summary>Asserts the error is in <paramref name="file"/> at the first occurrence of <paramref name="fragment"/> in <paramref name="text"/>.</summary>
    private static void AssertAt(SpecException e, string folder, string file, string text, string fragment)
    {
        var (line, column) = Position(text, fragment);
        Assert.Equal((Path.Combine(folder, file), line, column), (e.File, e.Line, e.Column));
        Assert.DoesNotContain('\n', e.Message);
    }

    private static (int Line, int Column) Position(string text, string fragment)
    {
        var index = text.IndexOf(fragment, StringComparison.Ordinal);
        Assert.True(index >= 0, fragment);
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return (text[..index].Count(c => c == '\n') + 1, index - lineStart + 1);
    }
}
