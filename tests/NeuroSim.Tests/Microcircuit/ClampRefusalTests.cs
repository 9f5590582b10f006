using NeuroSim.Experiments;
using NeuroSim.Files.Yaml;
using NeuroSim.Tests.Support;

namespace NeuroSim.Tests.Microcircuit;

/// <summary>A clamp on a group that cannot take it is refused when the protocol is compiled, before any folder exists.</summary>
public sealed class ClampRefusalTests
{
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
