using NeuroSim.Experiments;
using NeuroSim.Files.Yaml;

namespace NeuroSim.Tests.Microcircuit;

/// <summary>Protocol steps the microcircuit cannot take are refused when the protocol is compiled, before any folder exists.</summary>
public sealed class CompileTimeRefusalTests
{
    [Theory]
    [InlineData("  - snapshot: restore\n", 3, "no snapshot to restore: save one first")]
    [InlineData("  - snapshot: save\n  - run: 1 ms\n  - snapshot: save\n", 5, "a snapshot is already held: restore it before saving another")]
    public void Snapshots_out_of_order_are_refused_at_their_step(string steps, int line, string detail)
    {
        using var temp = new TempFolder();
        var model = Path.Combine(CliRunner.RepositoryRoot(), "models", "microcircuit-association.yaml");
        var protocol = temp.File("p.yaml", $"name: snapshots\ntimeline:\n{steps}  - run: 1 ms\n");
        var e = Assert.Throws<SpecException>(() => ExperimentRunner.Prepare(new RunRequest(model, protocol, temp.Combine("out"))));
        Assert.Equal((protocol, line, detail), (e.File, e.Line, e.Detail));
    }

    [Theory]
    [InlineData("clamp_input: {group: L1, values: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}", "group 'L1' is not an input of the microcircuit; use L0")]
    [InlineData("clamp_output: {group: L1, target: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}", "group 'L1' is not an output of the microcircuit; use L2")]
    [InlineData("release_output: L0", "group 'L0' is not an output of the microcircuit; use L2")]
    public void A_clamp_on_the_wrong_microcircuit_group_is_refused_at_compile_time(string step, string detail)
    {
        using var temp = new TempFolder();
        var model = Path.Combine(CliRunner.RepositoryRoot(), "models", "microcircuit-association.yaml");
        var protocol = temp.File("p.yaml", $"name: wrong clamp\ntimeline:\n  - {step}\n  - run: 1 ms\n");
        var e = Assert.Throws<SpecException>(() => ExperimentRunner.Prepare(new RunRequest(model, protocol, temp.Combine("out"))));
        Assert.Equal((protocol, 3), (e.File, e.Line));
        Assert.Equal(detail, e.Detail);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }
}
