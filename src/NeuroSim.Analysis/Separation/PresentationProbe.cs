using NeuroSim.Core.Integration;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Training;

namespace NeuroSim.Analysis.Separation;

/// <summary>
/// Measures one presentation in continuous time against the BP step of the same size. Time is in units of
/// tau_x (tau_x = 1). The multirate schedule keeps every process well resolved: firing RK4 at about
/// tau_x / <see cref="StepsPerTauX"/>, credit (and messengers) RK4 every 2% of their time constant,
/// plasticity every step, so that what is measured is the physics of finite separation, not the
/// integration error (which stays below 1e-4 of the step).
/// </summary>
public sealed class PresentationProbe(ProbeNetwork network)
{
    /// <summary>Firing steps per tau_x.</summary>
    public const int StepsPerTauX = 10;

    /// <summary>Relative distance from a fixed point counted as settled.</summary>
    public const double SettleTolerance = 0.01;

    public ProbeNetwork Network { get; } = network ?? throw new ArgumentNullException(nameof(network));

    /// <summary>Runs the point for every pair of the batch and averages.</summary>
    public PointResult Measure(SeparationPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var pairs = Network.Pairs();
        var results = pairs.Select(pair => MeasurePair(point, pair.Input, pair.Target)).ToArray();
        var projections = results[0].ProjectionDeviation.Length;
        return new PointResult(
            point,
            results.Average(r => r.Deviation),
            results.Max(r => r.Deviation),
            results.Average(r => r.Cosine),
            [.. Enumerable.Range(0, projections).Select(k => results.Average(r => r.ProjectionDeviation[k]))],
            [.. Enumerable.Range(0, projections).Select(k => results.Average(r => r.ProjectionCosine[k]))],
            MeanIgnoringNaN(results.Select(r => r.SettleFiring)),
            MeanIgnoringNaN(results.Select(r => r.SettleCredit)),
            results[0].Steps);
    }

    /// <summary>One pair: weight change over the window T = tau_w against lambda times minus the BP gradient.</summary>
    public PairResult MeasurePair(SeparationPoint point, double[] input, double[] target)
    {
        ArgumentNullException.ThrowIfNull(point);
        var (tauC, window, tauM) = point.TimeConstants();
        var model = Network.Build(new Timescales(1.0, tauC, window, tauM));
        var bpStep = BackpropStep(model, input, target, lambda: Network.LearningRate);

        // Fixed points for the settle times, then the chosen start.
        var firingSolver = new FixedPointSolver(model.Network.NeuronCount, 1e-14, 100_000);
        model.ClampRates(model.InputGroups[0], input);
        Solve(firingSolver, model.Processes[0], model.Rates);
        var xStar = model.Rates.ToArray();
        model.SetTarget(model.OutputGroups[0], target);
        model.Processes[1].Freeze();
        Solve(firingSolver, model.Processes[1], model.Credit);
        var cStar = model.Credit.ToArray();
        model.ResetActivity();
        if (point.Start == StartMode.Settled)
        {
            model.ReleaseTarget(model.OutputGroups[0]);
            model.ClampRates(model.InputGroups[0], input);
            Solve(firingSolver, model.Processes[0], model.Rates);
        }

        model.Present(input, target);
        var steps = (long)Math.Ceiling((window * StepsPerTauX) - 1e-9);
        var dt = window / steps;
        var scheduler = new Scheduler(model, Schedules.SeparationProbe(dt, tauC, tauM));
        var before = Nets.DenseWeights(model);
        double lastUnsettledX = double.NaN, lastUnsettledC = double.NaN;
        var xNorm = Norm(xStar);
        var cNorm = Norm(cStar);
        for (long step = 0; step < steps; step++)
        {
            if (Distance(model.Rates, xStar) > SettleTolerance * xNorm)
            {
                lastUnsettledX = step * dt;
            }

            if (Distance(model.Credit, cStar) > SettleTolerance * cNorm)
            {
                lastUnsettledC = step * dt;
            }

            scheduler.Advance(1);
        }

        var change = Nets.DenseWeights(model);
        for (var k = 0; k < change.Length; k++)
        {
            change[k] -= before[k];
        }

        var blocks = model.Network.Projections.Select(p => p.Post.Size * p.Pre.Size).ToArray();
        var deviations = new double[blocks.Length];
        var cosines = new double[blocks.Length];
        var offset = 0;
        for (var k = 0; k < blocks.Length; k++)
        {
            deviations[k] = RelativeDistance(change.AsSpan(offset, blocks[k]), bpStep.AsSpan(offset, blocks[k]));
            cosines[k] = Cosine(change.AsSpan(offset, blocks[k]), bpStep.AsSpan(offset, blocks[k]));
            offset += blocks[k];
        }

        return new PairResult(
            RelativeDistance(change, bpStep),
            Cosine(change, bpStep),
            deviations,
            cosines,
            double.IsNaN(lastUnsettledX) ? double.NaN : lastUnsettledX + dt,
            double.IsNaN(lastUnsettledC) ? double.NaN : lastUnsettledC + dt,
            steps);
    }

    /// <summary>
    /// The eps -> 0 end of every line: the adiabatic schedule (firing and credit at their fixed points, then
    /// plasticity over the window) against the BP step; mean relative deviation over the batch.
    /// </summary>
    public double AdiabaticDeviation()
    {
        var deviations = Network.Pairs().Select(pair =>
        {
            var model = Network.Build(new Timescales(1.0, 10.0, 100.0));
            var bpStep = BackpropStep(model, pair.Input, pair.Target, lambda: Network.LearningRate);
            var scheduler = new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Adiabatic, DtMs = 1.0 });
            model.Present(pair.Input, pair.Target);
            var before = Nets.DenseWeights(model);
            scheduler.RunFor(100.0);
            var change = Nets.DenseWeights(model);
            for (var k = 0; k < change.Length; k++)
            {
                change[k] -= before[k];
            }

            return RelativeDistance(change, bpStep);
        });
        return deviations.Average();
    }

    /// <summary>-lambda dL/dW for one example, from the plain BP reference at the model's current weights.</summary>
    public static double[] BackpropStep(BalanceCreditModel model, double[] input, double[] target, double lambda)
    {
        var mlp = BackpropMirror.Of(model);
        var (gw, gb) = mlp.NewGradientBuffers();
        mlp.Gradient(input, target, gw, gb);
        return [.. gw.SelectMany(g => g).Select(g => -lambda * g)];
    }

    private static void Solve(FixedPointSolver solver, IProcess process, Span<double> state)
    {
        var result = solver.Solve(process.Equilibrium!, state);
        if (!result.Converged)
        {
            throw new EquilibriumNotReachedException(process.Name, 0, result.Iterations, result.Residual);
        }
    }

    private static double MeanIgnoringNaN(IEnumerable<double> values)
    {
        var finite = values.Where(v => !double.IsNaN(v)).ToArray();
        return finite.Length == 0 ? double.NaN : finite.Average();
    }

    private static double Norm(ReadOnlySpan<double> v)
    {
        var sum = 0.0;
        foreach (var x in v)
        {
            sum += x * x;
        }

        return Math.Sqrt(sum);
    }

    private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var k = 0; k < a.Length; k++)
        {
            var d = a[k] - b[k];
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }

    private static double RelativeDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Distance(a, b) / Norm(b);

    private static double Cosine(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var dot = 0.0;
        for (var k = 0; k < a.Length; k++)
        {
            dot += a[k] * b[k];
        }

        return dot / (Norm(a) * Norm(b));
    }
}

/// <summary>One pair's measurement (see <see cref="PointResult"/>).</summary>
public sealed record PairResult(double Deviation, double Cosine, double[] ProjectionDeviation, double[] ProjectionCosine, double SettleFiring, double SettleCredit, long Steps);

/// <summary>Weight helpers shared by the separation code.</summary>
internal static class Nets
{
    /// <summary>All projections' weights as dense row-major matrices, concatenated in projection order.</summary>
    public static double[] DenseWeights(BalanceCreditModel model) =>
        [.. Enumerable.Range(0, model.Network.Projections.Count).SelectMany(model.DenseWeights)];
}
