namespace NeuroSim.Tests.Files;

/// <summary>
/// Bad input never crashes and never leaves output: each malformed model or protocol gives one line on
/// stderr naming the problem (file, line, field, allowed values), exit code 2, and no run folder.
/// </summary>
public sealed class MalformedFilesTests
{
    internal const string BaseModel = """
        name: tiny
        citation: test
        network:
          groups:
            - {name: in, size: 2}
            - {name: hidden, size: 3}
            - {name: out, size: 1}
          projections:
            - {from: in, to: hidden}
            - {from: hidden, to: out}
        neurons: {activation: tanh}
        timescales: {firing: 10 ms, credit: 100 ms, plasticity: 1 s}
        learning_rate: 0.1
        clamps: {input: [in], output: [out]}
        scheduler:
          mode: multirate
          dt: 1 ms
          processes:
            credit: {integrator: exp-euler, every: 10 ms}
        """;

    internal const string BaseProtocol = """
        name: base
        timeline:
          - present: {input: [1, -1], target: [0.5], duration: 20 ms}
        monitors:
          - {name: h, variables: [x, c], neurons: [hidden], every: 1 ms}
        """;

    /// <summary>Case name, which file to break ("model" or "protocol"), text replaced, replacement, expected message part.</summary>
    public static TheoryData<string, string, string, string, string> Cases => new()
    {
        { "yaml syntax", "model", "neurons: {activation: tanh}", "neurons: {activation: tanh", "model.yaml:11:" },
        { "missing field", "model", "timescales: {firing: 10 ms, credit: 100 ms, plasticity: 1 s}\n", "", "missing field 'timescales'" },
        { "unknown field", "model", "learning_rate: 0.1", "learning_rat: 0.1", "unknown field 'learning_rat'; valid: kind, name, description, citation, network" },
        { "negative time constant", "model", "credit: 100 ms", "credit: -5 ms", "model.yaml:12:37: timescales.credit: '-5 ms' must be > 0 ms" },
        { "zero time constant", "model", "firing: 10 ms", "firing: 0 ms", "timescales.firing: '0 ms' must be > 0 ms" },
        { "duration without unit", "model", "credit: 100 ms", "credit: 100", "timescales.credit: '100' is not a duration with a unit (ms, s, us, min)" },
        { "wrong type", "model", "learning_rate: 0.1", "learning_rate: fast", "learning_rate: 'fast' is not a number" },
        { "unknown activation", "model", "activation: tanh", "activation: relu6", "neurons.activation: unknown value 'relu6'; valid: tanh, logistic, softplus, linear" },
        { "unknown group", "model", "{from: in, to: hidden}", "{from: inp, to: hidden}", "unknown group 'inp'; valid: in, hidden, out" },
        { "group size zero", "model", "{name: hidden, size: 3}", "{name: hidden, size: 0}", "network.groups[1].size: 0 is out of range; allowed: >= 1" },
        { "unstable dt", "model", "dt: 1 ms\n  processes:\n    credit: {integrator: exp-euler, every: 10 ms}", "dt: 25 ms\n  integrator: euler", "unstable for integrator 'euler' with time constant 10 ms (dt/tau must be <= 2" },
        { "unknown integrator", "model", "integrator: exp-euler", "integrator: rk5", "unknown value 'rk5'; valid: euler, exp-euler, heun, rk4, dopri5" },
        { "clock not whole steps", "model", "every: 10 ms", "every: 2.5 ms", "every = 2.5 ms is not a whole number (>= 1) of dt = 1 ms" },
        { "spillover out of range", "model", "learning_rate: 0.1", "learning_rate: 0.1\nspillover: 1.5", "spillover: 1.5 is out of range; allowed: >= 0 and <= 1" },
        { "weights of wrong shape", "model", "{from: hidden, to: out}", "{from: hidden, to: out, weights: {values: [[1, 2]]}}", "network.projections[1].weights.values[0]: 2 values given; expected 3" },
        { "one synaptic time constant", "model", "credit: 100 ms", "credit: 100 ms, synaptic_e: 5 ms", "give both synaptic_e and synaptic_i" },
        { "unknown scheduler mode", "model", "mode: multirate", "mode: fast", "scheduler.mode: unknown value 'fast'; valid: coupled, multirate, adiabatic" },
        { "float32 weights outside coupled euler", "model", "mode: multirate", "mode: multirate\n  weights: float32", "single-precision weights need coupled mode with the euler integrator" },
        { "unknown weight precision", "model", "mode: multirate", "mode: multirate\n  weights: half", "scheduler.weights: unknown value 'half'; valid: double, float32" },
        { "unknown action", "protocol", "- present:", "- stimulate:", "unknown action 'stimulate'; valid: run, present, clamp_input" },
        { "group name with a path", "model", "{name: hidden, size: 3}", "{name: ../../x, size: 3}", "network.groups[1].name: group name '../../x' must be 1 to 64 letters, digits, '_' or '.'" },
        { "group name with a dash", "model", "{name: hidden, size: 3}", "{name: a-b, size: 3}", "group name 'a-b' must be 1 to 64 letters, digits, '_' or '.', not starting with '.', and not 'all' (it names weight files PRE-POST.csv)" },
        { "unknown variable", "protocol", "variables: [x, c]", "variables: [x, voltage]", "unknown variable 'voltage'; valid: E, I, s, f, x, c, b, W, m, loss" },
        { "neuron index out of range", "protocol", "neurons: [hidden]", "neurons: [hidden:9]", "neuron index in 'hidden:9' is out of range; group 'hidden' has neurons 0..2" },
        { "unknown projection", "protocol", "timeline:\n", "timeline:\n  - block: {process: retrograde, projections: [out->hidden]}\n", "unknown projection 'out->hidden'; valid: in->hidden, hidden->out" },
        { "vector of wrong length", "protocol", "input: [1, -1]", "input: [1, -1, 0]", "3 values given; the group has 2 neurons" },
        { "duration not whole steps", "protocol", "duration: 20 ms", "duration: 20.5 ms", "duration 20.5 ms is not a whole number of steps of dt = 1 ms" },
        { "unknown data set", "protocol", "timeline:\n", "timeline:\n  - for_each: {data: digits, do: [{run: 1 ms}]}\n", "unknown data set 'digits'; defined: none" },
        { "data item outside for_each", "protocol", "input: [1, -1]", "input: $input", "'$input' is only valid inside for_each" },
        { "unknown waveform", "protocol", "timeline:\n", "timeline:\n  - drive: {pool: inhibitory, neurons: [hidden:0], waveform: square, amplitude: 1}\n", "unknown value 'square'; valid: step, ramp, pulses, sine, noise" },
        { "pulse wider than period", "protocol", "timeline:\n", "timeline:\n  - drive: {pool: excitatory, neurons: [hidden], waveform: pulses, amplitude: 1, period: 10 ms, width: 20 ms}\n", "'20 ms' must be > 0 ms and <= 10 ms" },
        { "prune by fraction and quantile", "protocol", "timeline:\n", "timeline:\n  - prune: {fraction: 0.1, quantile: 0.5}\n", "give either fraction (of the existing synapses) or quantile (of |w| over the synapses built), not both" },
        { "prune quantile out of range", "protocol", "timeline:\n", "timeline:\n  - prune: {quantile: 1.5}\n", "timeline[0].prune.quantile: 1.5 is out of range; allowed: >= 0 and <= 1" },
        { "independent noise flag not a boolean", "protocol", "timeline:\n", "timeline:\n  - drive: {pool: rate, neurons: [hidden], waveform: noise, std: 1, independent: maybe}\n", "timeline[0].drive.independent: 'maybe' is not true or false" },
        { "unknown noise convention", "protocol", "timeline:\n", "timeline:\n  - drive: {pool: rate, neurons: [hidden], waveform: noise, std: 1, convention: ito}\n", "timeline[0].drive.convention: unknown value 'ito'; valid: euler-maruyama, per-step" },
        { "noise convention with a correlation time", "protocol", "timeline:\n", "timeline:\n  - drive: {pool: rate, neurons: [hidden], waveform: noise, std: 1, correlation: 5 ms, convention: per-step}\n", "timeline[0].drive.convention: applies to white noise only: with a correlation time the noise is Ornstein-Uhlenbeck and std is its stationary standard deviation, whatever the step" },
        { "unknown parameter", "protocol", "timeline:\n", "timeline:\n  - set: {parameter: tau_x, value: 3}\n", "unknown value 'tau_x'; valid: learning_rate, spillover, output_mode" },
        { "monitor without neurons", "protocol", "neurons: [hidden], ", "", "variables x, c need 'neurons'" },
        { "empty timeline", "protocol", "  - present: {input: [1, -1], target: [0.5], duration: 20 ms}\n", "  []\n", "protocol.yaml:3:3: timeline: the timeline is empty" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_file_gives_one_line_exit_code_2_and_no_output(string name, string file, string find, string replace, string expected)
    {
        using var temp = new TempFolder();
        var model = BaseModel;
        var protocol = BaseProtocol;
        if (file == "model")
        {
            Assert.Contains(find, model, StringComparison.Ordinal);
            model = model.Replace(find, replace, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(find, protocol, StringComparison.Ordinal);
            protocol = protocol.Replace(find, replace, StringComparison.Ordinal);
        }

        var (code, _, stderr) = Run(temp, model, protocol);
        Assert.True(code == 2, $"{name}: exit code {code}, stderr: {stderr}");
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("neurosim: error: ", lines[0], StringComparison.Ordinal);
        Assert.True(lines[0].Contains(expected, StringComparison.Ordinal), $"{name}: expected \"{expected}\" in: {lines[0]}");
        Assert.Contains(file == "model" ? "model.yaml" : "protocol.yaml", lines[0], StringComparison.Ordinal);
        Assert.Equal(["model.yaml", "protocol.yaml"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void The_base_files_of_the_table_are_valid()
    {
        using var temp = new TempFolder();
        var (code, _, stderr) = Run(temp, BaseModel, BaseProtocol);
        Assert.True(code == 0, stderr);
    }

    [Fact]
    public void A_model_with_synaptic_filters_runs_and_clocks_its_synapses()
    {
        using var temp = new TempFolder();
        var model = BaseModel
            .Replace("plasticity: 1 s}", "plasticity: 1 s, synaptic_e: 5 ms, synaptic_i: 10 ms}", StringComparison.Ordinal)
            .Replace("credit: {integrator: exp-euler, every: 10 ms}", "credit: {integrator: exp-euler, every: 10 ms}\n    synapses: {integrator: exp-euler}", StringComparison.Ordinal);
        var protocol = BaseProtocol.Replace("variables: [x, c]", "variables: [E, I, x, c]", StringComparison.Ordinal);
        Assert.Contains("synaptic_i: 10 ms", model, StringComparison.Ordinal);
        Assert.Contains("synapses: {integrator: exp-euler}", model, StringComparison.Ordinal);
        Assert.Contains("[E, I, x, c]", protocol, StringComparison.Ordinal);
        var (code, _, stderr) = Run(temp, model, protocol);
        Assert.True(code == 0, stderr);
    }

    [Fact]
    public void A_coupled_euler_model_with_float32_weights_runs()
    {
        using var temp = new TempFolder();
        var model = BaseModel.Replace("mode: multirate\n  dt: 1 ms\n  processes:\n    credit: {integrator: exp-euler, every: 10 ms}", "mode: coupled\n  dt: 1 ms\n  integrator: euler\n  weights: float32", StringComparison.Ordinal);
        Assert.Contains("weights: float32", model, StringComparison.Ordinal);
        var (code, _, stderr) = Run(temp, model, BaseProtocol);
        Assert.True(code == 0, stderr);
    }

    [Fact]
    public void A_recording_over_the_limit_is_refused_before_the_run_with_the_estimate()
    {
        using var temp = new TempFolder();
        var model = temp.File("model.yaml", BaseModel);
        var protocol = temp.File("protocol.yaml", BaseProtocol);
        var (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", temp.Combine("out"), "--max-record-mb", "0.001");
        Assert.Equal(2, code);
        // 21 rows (t = 0..20 ms every 1 ms) of 7 columns (time, x and c of 3 neurons), 21 bytes a value as MonitorRecorder estimates.
        var estimateMb = (21 * 7 * 21 / 1e6).ToString("G3", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"the monitors would record about {estimateMb} MB, over the limit of 0.001 MB", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [Fact]
    public void A_missing_file_and_a_bad_override_are_reported_in_one_line()
    {
        using var temp = new TempFolder();
        var protocol = temp.File("protocol.yaml", BaseProtocol);
        var (code, _, stderr) = CliRunner.Run("run", temp.Combine("nope.yaml"), protocol, "--out", temp.Combine("out"));
        Assert.Equal(2, code);
        Assert.Contains("nope.yaml:0:0: file not found", stderr, StringComparison.Ordinal);

        var model = temp.File("model.yaml", BaseModel);
        (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", temp.Combine("out"), "--set", "timescales.credit=abc");
        Assert.Equal(2, code);
        Assert.Contains("timescales.credit: 'abc' is not a duration with a unit", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    private static (int Code, string Stdout, string Stderr) Run(TempFolder temp, string model, string protocol) =>
        CliRunner.Run("run", temp.File("model.yaml", model), temp.File("protocol.yaml", protocol), "--out", temp.Combine("out"));
}
