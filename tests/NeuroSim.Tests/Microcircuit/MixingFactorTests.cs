using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Tests.Microcircuit;

public sealed class MixingFactorTests
{
    [Fact]
    public void Default_conductances_give_the_papers_mixing_and_attenuation_factors()
    {
        var g = new Conductances();

        // g_lk 0.1, g_B 1, g_A 0.8, g_D 1, g_som 0.8: 0.8/1.9, 1/1.9, 1/1.1 as exact fractions.
        Assert.Equal(8.0 / 19.0, g.ApicalMixing, 15);
        Assert.Equal(8.0 / 19.0, g.OutputMixing, 15);
        Assert.Equal(8.0 / 19.0, g.InterneuronMixing, 15);
        Assert.Equal(10.0 / 19.0, g.HiddenBasalAttenuation, 15);
        Assert.Equal(10.0 / 11.0, g.OutputBasalAttenuation, 15);
        Assert.Equal(10.0 / 11.0, g.InterneuronAttenuation, 15);
        Assert.Equal(0.4211, g.ApicalMixing, 4);
        Assert.Equal(0.5263, g.HiddenBasalAttenuation, 4);
        Assert.Equal(0.9091, g.OutputBasalAttenuation, 4);
    }

    [Fact]
    public void A_negative_conductance_is_refused_with_its_name()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Conductances(Apical: -0.1).Validate());
        Assert.Contains("g_A", e.Message, StringComparison.Ordinal);
    }
}
