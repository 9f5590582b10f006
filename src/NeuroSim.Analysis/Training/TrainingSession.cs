using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Analysis.Training;

/// <summary>
/// Trains the same layered network with several learners from the same initial weights, on the same split
/// and in the same example order: plain BP (step lambda = eta, the model's learning rate, since T = tau_w),
/// the balance-credit rule in adiabatic mode, and the rule in multirate continuous time with the model
/// file's clocks. Test loss and accuracy are measured after every epoch.
/// </summary>
public sealed record TrainingSession
{
    public static IReadOnlyList<string> LearnerNames { get; } = ["bp", "adiabatic", "multirate"];

    public required BalanceCreditSpec Spec { get; init; }

    /// <summary>The model file's scheduler, used by the multirate learner.</summary>
    public required SchedulerOptions Multirate { get; init; }

    public required Dataset Train { get; init; }

    public required Dataset Test { get; init; }

    public int Epochs { get; init; } = 5;

    public IReadOnlyList<string> Learners { get; init; } = ["bp", "adiabatic"];

    /// <summary>Runs every learner; <paramref name="onEpoch"/> gets (learner, epoch, test evaluation), epoch 0 before training.</summary>
    public TrainingResult Run(Action<string, int, Evaluation>? onEpoch = null)
    {
        foreach (var name in Learners)
        {
            if (!LearnerNames.Contains(name))
            {
                throw new ArgumentException($"unknown learner '{name}'; valid: {string.Join(", ", LearnerNames)}");
            }
        }

        var curves = new Dictionary<string, Evaluation[]>();
        BalanceCreditModel? trained = null;
        foreach (var name in Learners)
        {
            var curve = new Evaluation[Epochs + 1];
            Func<Dataset, Evaluation> evaluate;
            Action trainEpoch;
            if (name == "bp")
            {
                var bp = new BackpropTrainer(BackpropMirror.Of(new BalanceCreditModel(Spec)), Spec.LearningRate, Spec.LearnBiases);
                evaluate = bp.Evaluate;
                trainEpoch = () => bp.TrainEpoch(Train);
            }
            else
            {
                var model = new BalanceCreditModel(Spec);
                var window = Spec.Timescales.PlasticityMs;
                var options = name == "adiabatic"
                    ? new SchedulerOptions { Mode = SchedulerMode.Adiabatic, DtMs = window }
                    : Multirate with { Mode = SchedulerMode.Multirate };
                var learner = new BalanceCreditLearner(model, options, window);
                evaluate = learner.Evaluate;
                trainEpoch = () => learner.TrainEpoch(Train);
                trained ??= model;
            }

            curve[0] = evaluate(Test);
            onEpoch?.Invoke(name, 0, curve[0]);
            for (var epoch = 1; epoch <= Epochs; epoch++)
            {
                trainEpoch();
                curve[epoch] = evaluate(Test);
                onEpoch?.Invoke(name, epoch, curve[epoch]);
            }

            curves[name] = curve;
        }

        return new TrainingResult(curves, trained);
    }
}

/// <summary>Test loss and accuracy per learner and epoch, and the first balance-credit model trained.</summary>
public sealed record TrainingResult(IReadOnlyDictionary<string, Evaluation[]> Curves, BalanceCreditModel? Model);
