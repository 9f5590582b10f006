using NeuroSim.Core.Integration;

namespace NeuroSim.Core.Scheduling;

/// <summary>
/// Advances a model in one of four modes (see <see cref="SchedulerMode"/>). The update order within a
/// tick is fixed: processes in the model's order (fast to slow), each one that is due stepping from the
/// same tick time with every other segment frozen, then the algebraic constraints re-imposed.
/// </summary>
public sealed class Scheduler
{
    private readonly ISimulationModel model;
    private readonly IIntegrator? coupledIntegrator;
    private readonly IFusedEulerStep? fusedEuler;
    private readonly IFusedCoupledStep? fusedCoupled;
    private readonly IFusedProcessStep?[] fusedProcesses;
    private readonly IFusedProcessPair?[] fusedPairs;
    private readonly IAdiabaticWindow? adiabaticWindow;
    private readonly IIntegrator[] processIntegrators;
    private readonly int[] periods;
    private readonly FixedPointSolver[] solvers;
    private readonly bool[] stateless;
    private readonly double[][] mapped;
    private readonly StepCounter stepCounter;

    public Scheduler(ISimulationModel model, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        this.model = model;
        Options = options;
        Clock = new SimulationClock(options.DtMs);
        stepCounter = new StepCounter(Clock);
        var processes = model.Processes;
        processIntegrators = new IIntegrator[processes.Count];
        periods = new int[processes.Count];
        solvers = new FixedPointSolver[processes.Count];
        stateless = new bool[processes.Count];
        mapped = new double[processes.Count][];
        fusedProcesses = new IFusedProcessStep?[processes.Count];
        fusedPairs = new IFusedProcessPair?[processes.Count];

        foreach (var name in options.Clocks.Keys)
        {
            if (!processes.Any(p => p.Name == name))
            {
                throw new ArgumentException($"clock for unknown process '{name}'; valid: {string.Join(", ", processes.Select(p => p.Name))}");
            }
        }

        for (var k = 0; k < processes.Count; k++)
        {
            var p = processes[k];
            var clock = options.Clocks.TryGetValue(p.Name, out var c) ? c : new ProcessClock(options.Integrator, 1);
            if (clock.PeriodSteps < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), $"process '{p.Name}': period {clock.PeriodSteps} steps must be >= 1");
            }

            periods[k] = clock.PeriodSteps;
            // A process without state (plasticity of a network without synapses) keeps a one-slot
            // integrator so that the name is still validated; it is never stepped.
            var length = p.Segment.GetOffsetAndLength(model.State.Length).Length;
            stateless[k] = length == 0;
            processIntegrators[k] = IntegratorRegistry.Create(clock.Integrator, Math.Max(1, length));
            solvers[k] = new FixedPointSolver(Math.Max(1, length), options.FixedPointTolerance, options.FixedPointMaxIterations);
            mapped[k] = options.Mode == SchedulerMode.Iterated && p.Equilibrium is not null ? new double[length] : [];
            fusedProcesses[k] = options.Fused ? p as IFusedProcessStep : null;
            fusedPairs[k] = options.Fused ? p as IFusedProcessPair : null;
        }

        if (!Enum.IsDefined(options.Mode))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Mode, "unknown scheduler mode");
        }

        if (options.Mode == SchedulerMode.Coupled)
        {
            coupledIntegrator = IntegratorRegistry.Create(options.Integrator, model.State.Length);
            fusedEuler = options.Fused && coupledIntegrator is ForwardEuler ? model as IFusedEulerStep : null;
            fusedCoupled = options.Fused && coupledIntegrator is not ForwardEuler ? model as IFusedCoupledStep : null;
        }

        if (options.Mode == SchedulerMode.Adiabatic)
        {
            adiabaticWindow = model as IAdiabaticWindow;
        }

        if (options.SinglePrecisionWeights && fusedEuler is null)
        {
            throw new ArgumentException("single-precision weights need coupled mode with the euler integrator, the fused step on, and a model that has a fused step");
        }

        CheckStability();
    }

    public SchedulerOptions Options { get; }

    public SimulationClock Clock { get; }

    /// <summary>The model this scheduler advances.</summary>
    public ISimulationModel Model => model;

    /// <summary>Each process's integrator (multirate and iterated modes), in process order.</summary>
    public IReadOnlyList<IIntegrator> ProcessIntegrators => processIntegrators;

    /// <summary>Each process's period in base steps, in process order.</summary>
    public IReadOnlyList<int> ProcessPeriods => periods;

    /// <summary>
    /// When set, <see cref="Advance(long, IStepObserver)"/> goes through it: the model may then be stepped in a batch with
    /// other models of the same shape (bit for bit as <see cref="AdvanceAlone"/>). Adiabatic presentations never do.
    /// </summary>
    public ILockstep? Lockstep { get; set; }

    /// <summary>Iterations used by the last fixed-point solve of each process (adiabatic mode), in process order.</summary>
    public IReadOnlyList<int> LastEquilibriumIterations => lastIterations;

    private int[] lastIterations = [];

    /// <summary>Step-size hints of adaptive integrators (coupled first, then per process), for checkpoints.</summary>
    public double[] SaveIntegratorState() =>
        [.. AllIntegrators().Select(i => i is IStepSizeMemory memory ? memory.StepSizeHint : double.NaN)];

    public void RestoreIntegratorState(ReadOnlySpan<double> hints)
    {
        var integrators = AllIntegrators();
        if (hints.Length != integrators.Length)
        {
            throw new ArgumentException($"{hints.Length} integrator states for {integrators.Length} integrators");
        }

        for (var k = 0; k < integrators.Length; k++)
        {
            if (integrators[k] is IStepSizeMemory memory)
            {
                memory.StepSizeHint = hints[k];
            }
        }
    }

    /// <summary>Re-checks every explicit step against the current time constants (after a parameter change).</summary>
    public void CheckStability()
    {
        if (coupledIntegrator is not null)
        {
            CheckStability("coupled system", model.CoupledSystem, coupledIntegrator, Options.DtMs);
        }
        else if (Options.Mode is SchedulerMode.Multirate or SchedulerMode.Iterated)
        {
            for (var k = 0; k < model.Processes.Count; k++)
            {
                if (stateless[k] || (Options.Mode == SchedulerMode.Iterated && model.Processes[k].Equilibrium is not null))
                {
                    continue;
                }

                CheckStability($"process '{model.Processes[k].Name}'", model.Processes[k].System, processIntegrators[k], periods[k] * Options.DtMs);
            }
        }
    }

    private IIntegrator[] AllIntegrators() => coupledIntegrator is null ? processIntegrators : [coupledIntegrator, .. processIntegrators];

    /// <summary>
    /// Advances the model by <paramref name="durationMs"/> (a whole number of base steps). In adiabatic
    /// mode this is one presentation: each fast process relaxed to its fixed point, then the slowest
    /// integrated over the whole duration with the fast state frozen (or, for a model that implements
    /// <see cref="IAdiabaticWindow"/>, the model's own window).
    /// </summary>
    public void RunFor(double durationMs)
    {
        var steps = Clock.StepsIn(durationMs);
        if (Options.Mode == SchedulerMode.Adiabatic)
        {
            RunAdiabatic(steps);
        }
        else
        {
            Advance(steps);
        }
    }

    /// <summary>Advances by whole base steps (coupled and multirate modes).</summary>
    public void Advance(long steps) => Advance(steps, null);

    /// <summary>
    /// Advances by up to <paramref name="steps"/> whole base steps (coupled and multirate modes), calling
    /// <paramref name="observer"/> after every step that changed the state; stops early when it returns false.
    /// Returns the base steps advanced (idle steps of the multirate schedule included).
    /// </summary>
    public long Advance(long steps, IStepObserver? observer) =>
        Lockstep is { } lockstep && steps > 0 ? lockstep.Advance(this, steps, observer) : AdvanceAlone(steps, observer);

    /// <summary><see cref="Advance(long, IStepObserver)"/> of this scheduler's model alone, whatever <see cref="Lockstep"/>.</summary>
    public long AdvanceAlone(long steps, IStepObserver? observer)
    {
        if (Options.Mode == SchedulerMode.Adiabatic)
        {
            throw new InvalidOperationException("adiabatic mode advances by presentations: call RunFor(window)");
        }

        if (Options.SinglePrecisionWeights && steps > 0)
        {
            stepCounter.Next = observer;
            var taken = fusedEuler!.TryFusedEulerStepsSingle(steps, Options.DtMs, stepCounter);
            stepCounter.Next = null;
            return taken >= 0 ? taken : throw new ArgumentException("single-precision weights: this network has no fused step (a neuron receives from two projections, or per-synapse messengers are on)");
        }

        for (long n = 0; n < steps;)
        {
            // Base steps on which no process is due change nothing: jump over them.
            var idle = coupledIntegrator is null ? IdleStepsAhead() : 0;
            if (idle > 0)
            {
                var jump = Math.Min(idle, steps - n);
                Clock.Step += jump;
                n += jump;
                continue;
            }

            StepOnce();
            n++;
            if (observer is not null && !observer.AfterStep())
            {
                return n;
            }
        }

        return steps;
    }

    /// <summary>Base steps from now until the first step on which some process with state is due (0 when one is due now).</summary>
    private long IdleStepsAhead()
    {
        var step = Clock.Step;
        var idle = long.MaxValue;
        for (var k = 0; k < periods.Length; k++)
        {
            if (!stateless[k])
            {
                idle = Math.Min(idle, (periods[k] - (step % periods[k])) % periods[k]);
            }
        }

        return idle;
    }

    private void StepOnce()
    {
        var t = Clock.TimeMs;
        if (coupledIntegrator is not null)
        {
            if (!(fusedEuler is not null && fusedEuler.TryFusedEulerStep(t, Options.DtMs))
                && !(fusedCoupled is not null && fusedCoupled.TryFusedCoupledStep(coupledIntegrator, t, Options.DtMs)))
            {
                coupledIntegrator.Step(model.CoupledSystem, t, Options.DtMs, model.State);
            }

            model.ApplyConstraints();
        }
        else
        {
            var processes = model.Processes;
            var step = Clock.Step;
            for (var k = 0; k < processes.Count; k++)
            {
                if (stateless[k] || step % periods[k] != 0)
                {
                    continue;
                }

                var p = processes[k];
                var h = periods[k] * Options.DtMs;
                var next = k + 1;
                if (mapped[k].Length == 0 && fusedPairs[k] is { } pair && next < processes.Count && !stateless[next] && step % periods[next] == 0 && mapped[next].Length == 0
                    && pair.TryFusedStepWith(processes[next], processIntegrators[k], h, processIntegrators[next], periods[next] * Options.DtMs, t))
                {
                    // Both steps taken in one: skip the next process.
                    model.ApplyConstraints();
                    k = next;
                    continue;
                }

                if (mapped[k].Length > 0)
                {
                    // The map reads the whole segment before it writes: apply into scratch, then copy back.
                    p.Freeze();
                    p.Equilibrium!.Apply(model.State[p.Segment], mapped[k]);
                    mapped[k].CopyTo(model.State[p.Segment]);
                }
                else if (!(fusedProcesses[k] is { } fused && fused.TryFusedStep(processIntegrators[k], t, h)))
                {
                    // No fused step (or it declined): freeze the slower state and let the integrator step the segment.
                    p.Freeze();
                    processIntegrators[k].Step(p.System, t, h, model.State[p.Segment]);
                }

                model.ApplyConstraints();
            }
        }

        Clock.Step++;
    }

    private void RunAdiabatic(long steps)
    {
        var processes = model.Processes;
        if (lastIterations.Length != processes.Count)
        {
            lastIterations = new int[processes.Count];
        }

        var t = Clock.TimeMs;
        var windowMs = steps * Options.DtMs;
        if (adiabaticWindow is not null)
        {
            // The model takes the whole window over (no per-process fixed points: the iteration counts stay 0).
            adiabaticWindow.RunWindow(windowMs);
            Clock.Step += steps;
            return;
        }

        model.ApplyConstraints();
        for (var k = 0; k < processes.Count; k++)
        {
            var p = processes[k];
            if (stateless[k])
            {
                continue;
            }

            if (p.Equilibrium is null && windowMs > 0 && fusedProcesses[k] is { } fused && fused.TryFusedStep(processIntegrators[k], t, windowMs))
            {
                lastIterations[k] = 0;
                model.ApplyConstraints();
                continue;
            }

            p.Freeze();
            if (p.Equilibrium is { } map)
            {
                var result = solvers[k].Solve(map, model.State[p.Segment]);
                lastIterations[k] = result.Iterations;
                if (!result.Converged)
                {
                    throw new EquilibriumNotReachedException(p.Name, Clock.TimeMs, result.Iterations, result.Residual);
                }
            }
            else if (windowMs > 0)
            {
                processIntegrators[k].Step(p.System, t, windowMs, model.State[p.Segment]);
                lastIterations[k] = 0;
            }

            model.ApplyConstraints();
        }

        Clock.Step += steps;
    }

    private static void CheckStability(string what, ISemilinearSystem system, IIntegrator integrator, double dtMs)
    {
        var rates = new double[system.Dimension];
        system.LeakRates(rates);
        var fastest = rates.Length == 0 ? 0.0 : rates.Max();
        if (fastest * dtMs > integrator.StabilityLimit)
        {
            throw new ArgumentException(
                $"{what}: dt = {dtMs} ms is unstable for integrator '{integrator.Name}' with time constant {1.0 / fastest} ms " +
                $"(dt/tau must be <= {integrator.StabilityLimit:G4}; use dt <= {integrator.StabilityLimit / fastest:G4} ms or integrator 'exp-euler')");
        }
    }

    /// <summary>Moves the clock on after each step the model takes by itself (the float32 fused steps), then asks the caller's observer.</summary>
    private sealed class StepCounter(SimulationClock clock) : IStepObserver
    {
        public IStepObserver? Next { get; set; }

        public bool AfterStep()
        {
            clock.Step++;
            return Next?.AfterStep() ?? true;
        }
    }
}
