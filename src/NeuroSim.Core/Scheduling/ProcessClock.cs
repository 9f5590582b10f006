namespace NeuroSim.Core.Scheduling;

/// <summary>The integrator and clock of one process in multirate mode: it steps every <paramref name="PeriodSteps"/> base steps.</summary>
public sealed record ProcessClock(string Integrator, int PeriodSteps);
