using NeuroSim.Core.Integration;
using NeuroSim.Core.Scheduling;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>
/// A process of the form tau dy/dt = -y + target over its own segment (firing, credit, messengers, synaptic
/// pools): it is its own semilinear system and, because it relaxes, its own fixed-point map, whose fixed point
/// is the target with slower state frozen. Subclasses give the leak, the drive and that map.
/// </summary>
internal abstract class RelaxingProcess(string name, int dimension) : IProcess, ISemilinearSystem, IFixedPointMap
{
    // Scratch for the leak rates of one derivative evaluation; the step loop must not allocate.
    private readonly double[] leak = new double[dimension];

    public string Name => name;

    public abstract double TimeConstantMs { get; }

    public abstract Range Segment { get; }

    public ISemilinearSystem System => this;

    public IFixedPointMap? Equilibrium => this;

    public int Dimension => dimension;

    public abstract void Freeze();

    public abstract void LeakRates(Span<double> rates);

    public abstract void Drive(double t, ReadOnlySpan<double> y, Span<double> drive);

    public void Derivative(double t, ReadOnlySpan<double> y, Span<double> dydt) => SemilinearDerivative.Evaluate(this, t, y, dydt, leak);

    public abstract void Apply(ReadOnlySpan<double> y, Span<double> next);
}
