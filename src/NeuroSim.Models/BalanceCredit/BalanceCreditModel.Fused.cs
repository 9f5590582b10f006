using NeuroSim.Core.Connectivity;
using NeuroSim.Core.Integration;
using NeuroSim.Core.Scheduling;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>
/// The coupled forward-Euler step in one pass over the weights. Every derivative of the generic step is taken
/// at the state of time t; here the pools of a block of rows are summed, the block's net input, rates, balance
/// and delta are finished, and the same rows, still in cache, add their share of W^T delta and take their own
/// plasticity step. Rates, credit and biases move after all passes. Only the summation order of W^T delta
/// differs from the generic step (it is grouped by row blocks), so results agree to rounding.
/// </summary>
public sealed partial class BalanceCreditModel : IFusedEulerStep
{
    private FusedRows[]? fusedRules;
    private bool? fusedPossible;
    private float[]? singleWeights;

    // Whether singleWeights still hold the double weights: true after a float32 call wrote them back, false once anyone
    // has been handed the weights through State or Weights (they may have written through the span) or a checkpoint
    // was read. A float32 value survives double and back exactly, so skipping the conversion changes no bit.
    private bool singleWeightsCurrent;

    public bool TryFusedEulerStep(double t, double h)
    {
        if (!PrepareFused())
        {
            return false;
        }

        FusedStep(h, single: false);
        return true;
    }

    public long TryFusedEulerStepsSingle(long steps, double h, IStepObserver? afterEachStep)
    {
        if (!PrepareFused())
        {
            return -1;
        }

        if (steps == 0)
        {
            return 0;
        }

        var w = state.AsSpan(WeightsRange);
        if (singleWeights is null || !singleWeightsCurrent)
        {
            singleWeights ??= new float[Network.SynapseCount];
            for (var k = 0; k < w.Length; k++)
            {
                singleWeights[k] = (float)w[k];
            }
        }

        long taken = 0;
        try
        {
            while (taken < steps)
            {
                FusedStep(h, single: true);
                ApplyConstraints();
                taken++;
                if (afterEachStep is not null && !afterEachStep.AfterStep())
                {
                    break;
                }
            }
        }
        finally
        {
            // The double state holds the weights whenever control leaves the model, also when a check threw.
            for (var k = 0; k < w.Length; k++)
            {
                w[k] = singleWeights[k];
            }

            singleWeightsCurrent = true;
        }

        return taken;
    }

    private bool PrepareFused()
    {
        // No per-synapse messengers (their dynamics need the whole signal), every projection in a layout with a
        // fused pass, and no neuron receiving from two projections (its pools must be complete when its block is finished).
        fusedPossible ??= !HasMessengers && !HasSynapticFilters && Network.Projections.All(p => p.HasFusedEulerPass) && Network.Projections.GroupBy(p => p.Post.Name).All(g => g.Count() == 1);
        if (!fusedPossible.Value)
        {
            return false;
        }

        fusedRules ??= [.. Network.Projections.Select((_, k) => new FusedRows(this, k))];

        return true;
    }

    private void FusedStep(double h, bool single)
    {
        evaluationCurrent = false;
        var x = Rates;
        var c = Credit;
        var w = state.AsSpan(WeightsRange);
        var n = Network.NeuronCount;
        excitatoryDrive.AsSpan(0, n).CopyTo(excitatory);
        inhibitoryDrive.AsSpan(0, n).CopyTo(inhibitory);
        foreach (var (first, count) in UnprojectedRuns)
        {
            FinishNeurons(first, count);
        }

        creditTarget.AsSpan().Clear();
        for (var k = 0; k < fusedRules!.Length; k++)
        {
            var p = Network.Projections[k];
            if (single)
            {
                p.FusedEulerPassSingle(singleWeights.AsSpan(p.SlotRange), x[p.Pre.Range], excitatory.AsSpan(p.Post.Range), inhibitory.AsSpan(p.Post.Range), fusedRules[k], h, creditTarget.AsSpan(p.Pre.Range));
            }
            else
            {
                p.FusedEulerPass(w[p.SlotRange], x[p.Pre.Range], excitatory.AsSpan(p.Post.Range), inhibitory.AsSpan(p.Post.Range), fusedRules[k], h, creditTarget.AsSpan(p.Pre.Range));
            }
        }

        // Rates, credit and biases from their derivatives at time t, through the generic processes' leak and drive
        // of each neuron and the generic Euler update, so both paths share every equation.
        var inject = OutputCreditMode == OutputCreditMode.Inject;
        var firingRate = 1.0 / Timescales.FiringMs;
        var creditRate = 1.0 / Timescales.CreditMs;
        for (var i = 0; i < n; i++)
        {
            var collected = CollectedCreditOf(i, creditTarget[i], x[i], inject);
            var creditSlope = SemilinearDerivative.Of(CreditLeakOf(i, creditRate), CreditDriveOf(i, collected, creditRate), c[i]);
            var firingSlope = SemilinearDerivative.Of(FiringLeakOf(i, firingRate), FiringDriveOf(i, firingRate), x[i]);
            c[i] = ForwardEuler.Advance(c[i], creditSlope, h);
            x[i] = ForwardEuler.Advance(x[i], firingSlope, h);
        }

        if (LearnsBiases)
        {
            // Biases have no leak (the plasticity process's leak rate is 0).
            var b = Biases;
            var biasRate = BiasDriveRate;
            for (var i = 0; i < n; i++)
            {
                b[i] = ForwardEuler.Advance(b[i], SemilinearDerivative.Of(0.0, BiasDriveOf(i, biasRate), b[i]), h);
            }
        }
    }

    /// <summary>s, sigma(s), f(s) and delta of neurons [first, first + count) from their completed pools.</summary>
    private void FinishNeurons(int first, int count)
    {
        var b = Biases;
        var x = Rates;
        var c = Credit;
        for (var i = first; i < first + count; i++)
        {
            netInput[i] = Network.NetInput(excitatory[i], inhibitory[i], b[i]);
        }

        EvaluateActivationAndBalance(netInput.AsSpan(first, count), activation.AsSpan(first, count), balance.AsSpan(first, count));
        var replace = OutputCreditMode == OutputCreditMode.Replace;
        for (var i = first; i < first + count; i++)
        {
            delta[i] = DeltaOf(i, c[i], x[i], replace);
        }
    }

    /// <summary>The rule of one projection's fused pass: finishing its post neurons and scaling their delta by the projection's gains.</summary>
    private sealed class FusedRows(BalanceCreditModel model, int projection) : IFusedRowRule
    {
        public void FinishRows(int firstPost, Span<double> retrograde, Span<double> plasticity)
        {
            var start = model.Network.Projections[projection].Post.Range.Start.Value + firstPost;
            model.FinishNeurons(start, retrograde.Length);
            // The row factors of the generic kernels: gain * delta_i for W^T delta, (eta / tau_w * gain) * delta_i for dW.
            var gain = model.retrogradeGains[projection];
            var scale = model.PlasticityRate * model.plasticityGains[projection];
            var delta = model.delta;
            for (var k = 0; k < retrograde.Length; k++)
            {
                var d = delta[start + k];
                retrograde[k] = gain * d;
                plasticity[k] = scale * d;
            }
        }
    }
}
