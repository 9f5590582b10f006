using NeuroSim.Core.Integration;

namespace NeuroSim.Tests.Integration;

public sealed class IntegratorRegistryTests
{
    public static TheoryData<string> Names => IntegrationHelpers.AllNames();

    [Fact]
    public void Names_are_the_five_integrators_in_order()
    {
        Assert.Equal(["euler", "exp-euler", "heun", "rk4", "dopri5"], IntegratorRegistry.Names);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Create_returns_an_integrator_with_that_name_and_dimension(string name)
    {
        var integrator = IntegratorRegistry.Create(name, 3);
        Assert.Equal(name, integrator.Name);
        Assert.Equal(3, integrator.Dimension);
    }

    [Fact]
    public void Unknown_name_lists_the_valid_names()
    {
        var ex = Assert.Throws<ArgumentException>(() => IntegratorRegistry.Create("rk5", 1));
        Assert.Contains("unknown integrator 'rk5'; valid: euler, exp-euler, heun, rk4, dopri5", ex.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Exponential_euler_rejects_a_system_without_leak_rates()
    {
        var integrator = IntegratorRegistry.Create("exp-euler", 1);
        double[] y = [1.0];
        var ex = Assert.Throws<ArgumentException>(() => integrator.Step(new PlainDecay(), 0.0, 0.1, y));
        Assert.Contains(nameof(ISemilinearSystem), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Step_rejects_a_state_of_the_wrong_dimension(string name)
    {
        var integrator = IntegratorRegistry.Create(name, 2);
        double[] y = [1.0];
        Assert.Throws<ArgumentException>(() => integrator.Step(new PlainDecay(), 0.0, 0.1, y));
    }
}
