using NeuroSim.Core.Integration;

namespace NeuroSim.Tests.Integration;

public sealed class AllocationTests
{
    public static TheoryData<string> Names => IntegrationHelpers.AllNames();

    [Theory]
    [MemberData(nameof(Names))]
    public void Step_allocates_nothing(string name)
    {
        var system = new TriangularLeak(a0: 2.0, a1: 0.5);
        var integrator = IntegratorRegistry.Create(name, 2);
        double[] y = [1.0, -0.5];
        const double dt = 0.01;
        integrator.Step(system, 0.0, dt, y);

        var t = 0.0;
        Assert.Equal(0, Allocations.SteadyStateBytes(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                t += dt;
                integrator.Step(system, t, dt, y);
            }
        }));
    }

    [Fact]
    public void Fixed_point_solve_allocates_nothing()
    {
        var solver = new FixedPointSolver(1);
        var map = new HalvingMap();
        double[] y = [1.0];
        solver.Solve(map, y);

        Assert.Equal(0, Allocations.SteadyStateBytes(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                y[0] = 1.0;
                solver.Solve(map, y);
            }
        }));
    }

    private sealed class HalvingMap : IFixedPointMap
    {
        public int Dimension => 1;

        public void Apply(ReadOnlySpan<double> y, Span<double> next) => next[0] = 0.5 * y[0];
    }
}
