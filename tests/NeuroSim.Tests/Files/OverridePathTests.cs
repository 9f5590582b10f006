using NeuroSim.Files.Yaml;

namespace NeuroSim.Tests.Files;

/// <summary>`--set path=value` reaches list items (`timeline[1].drive.amplitude`) as well as fields.</summary>
public sealed class OverridePathTests
{
    private const string Protocol = """
        name: p
        timeline:
          - run: 10 ms
          - drive: {pool: E, neurons: [h0], amplitude: 1.5, duration: 5 ms}
          - repeat: {times: 2, do: [run: 1 ms, run: 2 ms]}
        layers: [4, 3]
        """;

    private static SpecNode Apply(params (string Path, string Value)[] overrides) =>
        SpecDocument.Parse(Protocol, "p.yaml", overrides.Select(o => KeyValuePair.Create(o.Path, o.Value)));

    [Fact]
    public void A_field_inside_a_list_item_is_replaced_and_its_neighbours_are_kept()
    {
        var root = Apply(("timeline[1].drive.amplitude", "3"));
        var drive = root.Required("timeline").Items()[1].Required("drive");
        Assert.Equal(3.0, drive.Required("amplitude").AsDouble(0, 10));
        Assert.Equal("E", drive.Required("pool").AsString());
        Assert.Equal(10.0, root.Required("timeline").Items()[0].Required("run").AsDurationMs(0));
    }

    [Fact]
    public void Nested_lists_and_whole_items_can_be_replaced()
    {
        var root = Apply(("timeline[2].repeat.do[1]", "{run: 7 ms}"), ("layers[0]", "9"), ("timeline[2].repeat.times", "5"));
        var repeat = root.Required("timeline").Items()[2].Required("repeat");
        Assert.Equal(7.0, repeat.Required("do").Items()[1].Required("run").AsDurationMs(0));
        Assert.Equal(1.0, repeat.Required("do").Items()[0].Required("run").AsDurationMs(0));
        Assert.Equal(5, repeat.Required("times").AsInt(0, 10));
        Assert.Equal([9, 3], root.Required("layers").Items().Select(i => i.AsInt(0, 100)));
    }

    [Theory]
    [InlineData("timeline[3].run", "'timeline[3]' is out of range: 'timeline' has 3 items in p.yaml (index 0 to 2)")]
    [InlineData("name[0]", "'name' is not a list in p.yaml, so [0] cannot index it")]
    [InlineData("timeline.run", "'timeline' is not a mapping of fields in p.yaml")]
    [InlineData("timeline[1].stimulus.amplitude", "'timeline[1].stimulus' does not exist in p.yaml")]
    [InlineData("timeline[-1].run", "a list index is a whole number >= 0 in brackets")]
    [InlineData("timeline[x]", "a list index is a whole number >= 0 in brackets")]
    [InlineData("timeline[1]x", "a list index is a whole number >= 0 in brackets")]
    [InlineData("a..b", "every part between dots must start with a field name")]
    [InlineData("[0]", "every part between dots must start with a field name")]
    public void A_path_that_does_not_reach_a_value_is_refused_with_what_is_wrong(string path, string expected)
    {
        var e = Assert.Throws<SpecException>(() => Apply((path, "1")));
        Assert.Contains(expected, e.Detail, StringComparison.Ordinal);
        Assert.Equal(path, e.Field);
    }
}
