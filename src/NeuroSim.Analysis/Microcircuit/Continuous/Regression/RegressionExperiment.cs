using NeuroSim.Core.Neurons;
using NeuroSim.Core.Randomness;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.Microcircuit;
using NeuroSim.Models.Training;
using static NeuroSim.Analysis.Microcircuit.Continuous.SelfPrediction.SelfPredictionExperiment;

namespace NeuroSim.Analysis.Microcircuit.Continuous.Regression;

/// <summary>Which weights a learner trains.</summary>
public enum RegressionLearner
{
    /// <summary>The full microcircuit: W_up of both layers, W_IP and W_PI plastic (top-down B fixed).</summary>
    Full,

    /// <summary>Only the top layer W_up[1] learns; W_up[0], W_IP and W_PI stay at their random start.</summary>
    Shallow,
}

/// <summary>One test-error measurement.</summary>
/// <param name="Pattern">Training patterns seen so far.</param>
/// <param name="TestError">Mean ||r_out - r_trgt||^2 over the held-out patterns (sigma 0, plasticity and nudging off, settled).</param>
/// <param name="Average">Exponential moving average of <paramref name="TestError"/>.</param>
/// <param name="Norms">Frobenius norms of W_up (hidden), W_up (output), W_IP and W_PI at that moment.</param>
public readonly record struct RegressionPoint(int Pattern, double TestError, double Average, WeightNorms Norms);

/// <summary>Frobenius norms of the plastic weight classes of a one-hidden-layer circuit.</summary>
public readonly record struct WeightNorms(double UpHidden, double UpOutput, double PyramidalToInterneuron, double InterneuronToPyramidal)
{
    public static WeightNorms Of(MicrocircuitWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return new(
            Math.Sqrt(DenseMath.SquaredNorm(weights.Up(0))),
            Math.Sqrt(DenseMath.SquaredNorm(weights.Up(1))),
            Math.Sqrt(DenseMath.SquaredNorm(weights.PyramidalToInterneuron(0))),
            Math.Sqrt(DenseMath.SquaredNorm(weights.InterneuronToPyramidal(0))));
    }
}

/// <summary>A learner's test-error curve; <paramref name="DivergedAt"/> is the training pattern after which its state stopped being finite (the curve ends there), or null.</summary>
public sealed record RegressionCurve(RegressionLearner Learner, IReadOnlyList<RegressionPoint> Points, double WallSeconds, int? DivergedAt = null)
{
    /// <summary>Mean raw test error over the last fifth of the evaluations (at least one); NaN when the learner diverged.</summary>
    public double FinalError => DivergedAt is not null ? double.NaN : Points.Skip(Points.Count - Math.Max(1, Points.Count / 5)).Average(p => p.TestError);

    public double InitialError => Points[0].TestError;
}

public sealed record RegressionResult(RegressionOptions Options, RegressionCurve Full, RegressionCurve Shallow, double TargetMeanSquare);

/// <summary>
/// Paper Fig. 2: a 30-50-10 student microcircuit (scaled soft-ReLU, random weights, fixed random top-down
/// weights, W_PI plastic) learns online from a 30-20-10 teacher, one fresh pattern per 100 ms with the output
/// nudged toward the teacher's target potential throughout (no phases). The test error is measured on held-out
/// patterns at the settled state with noise, plasticity and nudging off, against a shallow learner that trains
/// only the top layer. Both learners start from the same weights and see the same patterns and noise.
/// </summary>
public static class RegressionExperiment
{
    public static MicrocircuitRates Rates(RegressionOptions options, RegressionLearner learner)
    {
        ArgumentNullException.ThrowIfNull(options);
        return learner == RegressionLearner.Full
            ? new MicrocircuitRates([options.EtaUpHidden, options.EtaUpOutput], [options.EtaPyramidalToInterneuron], [options.EtaInterneuronToPyramidal], [0.0])
            : new MicrocircuitRates([0.0, options.EtaUpOutput], [0.0], [0.0], [0.0]);
    }

    public static MicrocircuitSpec Spec(RegressionOptions options, RegressionLearner learner)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new MicrocircuitSpec
        {
            Sizes = options.StudentSizes,
            Transfer = new ScaledSoftPlusActivation(),
            Rates = Rates(options, learner),
            NoiseSigma = options.Sigma,
            Noise = options.Noise,
            Seed = Seeds.Derive(options.Seed, SeedStreams.MicrocircuitNoise),
        };
    }

    /// <summary>Steps (10 s of simulated time) a test pattern may take to settle before the weights count as unstable.</summary>
    public const long SettleStepLimit = 100_000;

    /// <summary>Both learners (in parallel: they share nothing but their inputs).</summary>
    public static RegressionResult Run(RegressionOptions options, Action<RegressionLearner, RegressionPoint>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var curves = new RegressionCurve[2];
        try
        {
            Parallel.For(0, 2, k => curves[k] = RunLearner(options, (RegressionLearner)k, progress));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        var (test, _) = TestSet(options);
        return new RegressionResult(options, curves[0], curves[1], test.Average(t => DenseMath.SquaredNorm(t.Target)));
    }

    /// <summary>The teacher and the held-out test patterns (inputs and target rates), fixed by the seed.</summary>
    public static ((double[] Input, double[] Target)[] Test, Teacher Teacher) TestSet(RegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var teacher = Teacher.OfSeed(options.TeacherSizes, options.TeacherHiddenGain, options.TeacherOutputGain, new ScaledSoftPlusActivation(), options.Seed);
        var examples = teacher.Examples("test", Seeds.Random(options.Seed, SeedStreams.TestInputs), options.TestPatterns);
        var test = examples.Inputs.Zip(examples.Targets).ToArray();
        return (test, teacher);
    }

    public static RegressionCurve RunLearner(RegressionOptions options, RegressionLearner learner, Action<RegressionLearner, RegressionPoint>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (test, teacher) = TestSet(options);
        var model = new MicrocircuitModel(Spec(options, learner));
        model.Weights.Randomize(Seeds.Random(options.Seed, SeedStreams.MicrocircuitWeights), (_, _) => options.WeightScale);

        // The test copy: same weights, no noise, no plasticity, no nudging.
        var probe = new MicrocircuitModel(Spec(options, learner) with { NoiseSigma = 0, Rates = null });
        var phi = (ScaledSoftPlusActivation)model.Spec.Transfer;
        var training = Seeds.Random(options.Seed, SeedStreams.TrainingInputs);
        var driver = new ContinuousDriver(model);
        var steps = driver.StepsOf(options.PatternMs);
        var input = new double[options.StudentSizes[0]];
        var target = new double[options.StudentSizes[^1]];
        var points = new List<RegressionPoint>();
        var average = double.NaN;
        for (var p = 0; p <= options.Patterns; p++)
        {
            if (p % options.EvaluateEvery == 0 || p == options.Patterns)
            {
                var error = TestError(probe, model.Weights, test);
                if (double.IsNaN(error))
                {
                    // The learned weights no longer have a stable settled state to test.
                    return new RegressionCurve(learner, points, watch.Elapsed.TotalSeconds, p);
                }

                average = double.IsNaN(average) ? error : average + (options.AverageFactor * (error - average));
                var point = new RegressionPoint(p, error, average, WeightNorms.Of(model.Weights));
                points.Add(point);
                progress?.Invoke(learner, point);
            }

            if (p == options.Patterns)
            {
                break;
            }

            for (var k = 0; k < input.Length; k++)
            {
                input[k] = training.NextUniform(-1, 1);
            }

            var rates = teacher.Rates(input);
            for (var k = 0; k < target.Length; k++)
            {
                target[k] = Teacher.InversePotential(phi, rates[k]);
            }

            model.Present(input, target);
            for (var s = 0; s < steps; s++)
            {
                driver.Step();
            }

            if (!AllFinite(model.State))
            {
                return new RegressionCurve(learner, points, watch.Elapsed.TotalSeconds, p + 1);
            }
        }

        return new RegressionCurve(learner, points, watch.Elapsed.TotalSeconds);
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Mean ||r_out - r_trgt||^2 over the test patterns, each at the settled state of <paramref name="probe"/> carrying <paramref name="weights"/>; NaN when a pattern does not settle.</summary>
    public static double TestError(MicrocircuitModel probe, MicrocircuitWeights weights, (double[] Input, double[] Target)[] test)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(test);
        probe.Weights.CopyFrom(weights);
        var sum = 0.0;
        foreach (var (input, target) in test)
        {
            probe.Present(input);
            try
            {
                SteadyState.Relax(probe, tolerance: 1e-10, maxSteps: SettleStepLimit);
            }
            catch (EquilibriumNotReachedException)
            {
                probe.ResetActivity();
                return double.NaN;
            }

            sum += DenseMath.SquaredDistance(probe.Activity.PyramidalRate(probe.Layers - 1), target);
        }

        return sum / test.Length;
    }
}
