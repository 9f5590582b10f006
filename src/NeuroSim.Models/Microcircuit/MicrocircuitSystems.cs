using NeuroSim.Core.Integration;
using NeuroSim.Core.Scheduling;

namespace NeuroSim.Models.Microcircuit;

/// <summary>The whole microcircuit as one ODE: every part evaluated from the same state (the reimplementations' update order).</summary>
internal sealed class CoupledMicrocircuitSystem(MicrocircuitModel model) : ISemilinearSystem
{
    private readonly double[] leak = new double[model.State.Length];

    public int Dimension => model.State.Length;

    public void LeakRates(Span<double> rates) => model.LeakRates(rates, EvaluatedParts.All, Range.All);

    public void Drive(double t, ReadOnlySpan<double> y, Span<double> drive) => model.Evaluate(y, drive, EvaluatedParts.All);

    public void Derivative(double t, ReadOnlySpan<double> y, Span<double> dydt) => SemilinearDerivative.Evaluate(this, t, y, dydt, leak);
}

/// <summary>
/// One process of the microcircuit over its own state segment; while it steps, the rest of the state is the
/// copy taken by <see cref="Freeze"/>. None of them has an equilibrium map: the adiabatic limit of this model
/// is the steady-state scheme (the two-step steady-state scheme).
/// </summary>
internal sealed class MicrocircuitProcess : IProcess, ISemilinearSystem
{
    private readonly MicrocircuitModel model;
    private readonly EvaluatedParts parts;
    private readonly double[] frozen;
    private readonly double[] fullDrive;
    private readonly double[] leak;

    public MicrocircuitProcess(MicrocircuitModel model, string name, Range segment, double timeConstantMs, EvaluatedParts parts)
    {
        this.model = model;
        this.parts = parts;
        Name = name;
        Segment = segment;
        TimeConstantMs = timeConstantMs;
        frozen = new double[model.State.Length];
        fullDrive = new double[model.State.Length];
        Dimension = segment.GetOffsetAndLength(model.State.Length).Length;
        leak = new double[Dimension];
    }

    public string Name { get; }

    public double TimeConstantMs { get; }

    public Range Segment { get; }

    public ISemilinearSystem System => this;

    public IFixedPointMap? Equilibrium => null;

    public int Dimension { get; }

    public void Freeze() => model.State.CopyTo(frozen);

    public void LeakRates(Span<double> rates) => model.LeakRates(rates, parts, Segment);

    public void Drive(double t, ReadOnlySpan<double> y, Span<double> drive)
    {
        y.CopyTo(frozen.AsSpan(Segment));
        model.Evaluate(frozen, fullDrive, parts);
        fullDrive.AsSpan(Segment).CopyTo(drive);
    }

    public void Derivative(double t, ReadOnlySpan<double> y, Span<double> dydt) => SemilinearDerivative.Evaluate(this, t, y, dydt, leak);
}
