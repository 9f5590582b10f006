using NeuroSim.Core.Integration;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Models.Training;

/// <summary>
/// Learning with the balance-credit rule: each example is presented (input firing clamped, output credit
/// clamped to y - x) for a window of simulated time, in whatever scheduler mode the options give. The state
/// carries over from one presentation to the next, as it would in a brain; nothing is reset between them.
/// </summary>
public sealed class BalanceCreditLearner
{
    private readonly FixedPointSolver firingSolver;
    private readonly double[] savedState;
    private double[]? presentedInput;
    private double[]? presentedTarget;

    public BalanceCreditLearner(BalanceCreditModel model, SchedulerOptions options, double windowMs)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        Scheduler = new Scheduler(model, options);
        WindowMs = windowMs;
        Scheduler.Clock.StepsIn(windowMs);
        firingSolver = new FixedPointSolver(model.Network.NeuronCount);
        savedState = new double[model.State.Length];
    }

    public BalanceCreditModel Model { get; }

    public Scheduler Scheduler { get; }

    public double WindowMs { get; }

    /// <summary>Presents one example for the window; <paramref name="observe"/> (if any) is called every <paramref name="sampleSteps"/> steps.</summary>
    public void Present(double[] input, double[] target, Action<long>? observe = null, long sampleSteps = 0)
    {
        Model.Present(input, target);
        (presentedInput, presentedTarget) = (input, target);
        if (observe is null || Scheduler.Options.Mode == SchedulerMode.Adiabatic || sampleSteps <= 0)
        {
            Scheduler.RunFor(WindowMs);
            observe?.Invoke(Scheduler.Clock.Step);
            return;
        }

        var total = Scheduler.Clock.StepsIn(WindowMs);
        observe(Scheduler.Clock.Step);
        for (long done = 0; done < total; done += sampleSteps)
        {
            Scheduler.Advance(Math.Min(sampleSteps, total - done));
            observe(Scheduler.Clock.Step);
        }
    }

    /// <summary>One pass over the data set in its order.</summary>
    public void TrainEpoch(Dataset data, Action<int>? afterPresentation = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        for (var k = 0; k < data.Count; k++)
        {
            Present(data.Inputs[k], data.Targets[k]);
            afterPresentation?.Invoke(k);
        }
    }

    /// <summary>
    /// Mean over examples of 1/2 ||y - x_out||^2 at the firing fixed point (the network's settled answer),
    /// leaving the simulation state exactly as it was.
    /// </summary>
    public double MeanLoss(Dataset data) => Evaluate(data).MeanLoss;

    /// <summary>
    /// Mean loss and classification accuracy (<see cref="Mnist.Agrees"/>: argmax, or sign for one output) at the
    /// firing fixed point, leaving the simulation state exactly as it was.
    /// </summary>
    public Evaluation Evaluate(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Model.State.CopyTo(savedState);
        var total = 0.0;
        var correct = 0;
        var output = Model.OutputGroups[0];
        var firing = Model.Processes[0];
        for (var k = 0; k < data.Count; k++)
        {
            Model.Present(data.Inputs[k], data.Targets[k]);
            var result = firingSolver.Solve(firing.Equilibrium!, Model.Rates);
            if (!result.Converged)
            {
                throw new EquilibriumNotReachedException(firing.Name, Scheduler.Clock.TimeMs, result.Iterations, result.Residual);
            }

            total += Model.Loss();
            correct += Mnist.Agrees(Model.Rates[output.Range], data.Targets[k]) ? 1 : 0;
        }

        if (presentedInput is not null && presentedTarget is not null)
        {
            Model.Present(presentedInput, presentedTarget);
        }

        savedState.CopyTo(Model.State);
        return new Evaluation(total / data.Count, (double)correct / data.Count);
    }
}

/// <summary>Mean loss 1/2 ||y - x||^2 and the fraction of examples answered like the target (<see cref="Mnist.Agrees"/>).</summary>
public readonly record struct Evaluation(double MeanLoss, double Accuracy);
