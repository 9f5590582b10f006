using NeuroSim.Core.Connectivity;
using NeuroSim.Core.Integration;
using NeuroSim.Core.Scheduling;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>
/// The fused paths of the multirate processes and of coupled RK4: the same equations as the generic processes and the
/// coupled system, taken in fewer passes over the weights.
/// <list type="bullet">
/// <item>One evaluation of the state (pools, s, sigma(s), f(s)) is kept while nothing it depends on changes, and shared:
/// the credit step's pass leaves it for the plasticity step, and the plasticity step's pass, which updates the weights,
/// sums the pools of the new weights on the way for the next firing step. Every path computes it with the same bits,
/// so whether it was kept or recomputed never changes a result.</item>
/// <item>Credit: the pools and W^T delta from one read of each row block (the retrograde sum grouped by a fixed row
/// partition, as in the fused Euler step: equal to the generic step to rounding, 1e-13 of the state's scale).</item>
/// <item>Plasticity (forward Euler): w += h eta/tau_w (c ⊙ f) x^T in one read and one write, no stored slope:
/// bit-identical to the generic step. Firing (euler, exp-euler): bit-identical.</item>
/// <item>Credit and plasticity due in the same tick: one read and one write of the weights for both, top down over the
/// projections, with the bits of the two steps above one after the other.</item>
/// <item>Coupled RK4: the four stages of the weights are never stored (each is W + a rank-1 slope, computed as it is
/// read); each stage is one pass (pools, then W^T delta from the same rows), and the update one read and one write.</item>
/// </list>
/// </summary>
public sealed partial class BalanceCreditModel : IFusedCoupledStep
{
    // Whether the scratch (excitatory, inhibitory, netInput, activation, balance) holds the evaluation of the current
    // state: its rates, weights and biases, with the current drives. Dropped by every handing out of a span through
    // which x, W, b or the drives could be written, by every evaluation at anything else, and by every step that moves
    // x, W or b without re-evaluating.
    private bool evaluationCurrent;

    /// <summary>Whether credit and plasticity due in the same tick take their one-pass path (tests switch it off to compare: the two give the same bits).</summary>
    internal bool PairedSteps { get; set; } = true;

    // The vectors the stage rules evaluate at: the state's, or an RK4 stage's.
    private Slice evalX;
    private Slice evalC;
    private Slice evalB;
    private bool evalPoolsKnown;
    private double[]? evalFactors;

    private bool? stagePassesPossible;
    private bool? allEulerPools;
    private bool topDownKnown;
    private int[]? topDown;
    private int[]? groupIndex;
    private bool[]? creditDone;
    private double[]? newCredit;
    private double[]? nextPools;
    private double[]? evalNewCredit;
    private double[]? evalNextPools;
    private double evalUpdateStep;
    private StageRows[]? stageRules;
    private (int First, int Count)[]? unprojectedRuns;
    private double[]? rowFactors;
    private Rk4Buffers? rk4;

    public bool TryFusedCoupledStep(IIntegrator integrator, double t, double h)
    {
        if (integrator is not RungeKutta4 || !PrepareStagePasses())
        {
            return false;
        }

        Rk4Step(h);
        return true;
    }

    /// <summary>Firing with euler or exp-euler from the kept (or a fresh) evaluation of the state; bit-identical to the generic step.</summary>
    internal bool TryFiringStep(IIntegrator integrator, double h)
    {
        var exponential = integrator is ExponentialEuler;
        if (HasSynapticFilters || !(exponential || integrator is ForwardEuler))
        {
            return false;
        }

        EnsureStateEvaluation();
        var x = state.AsSpan(RatesRange);
        var rate = 1.0 / Timescales.FiringMs;
        var factors = default(ExponentialEuler.Factors);
        for (var i = 0; i < x.Length; i++)
        {
            var leak = FiringLeakOf(i, rate);
            var drive = FiringDriveOf(i, rate);
            x[i] = exponential
                ? factors.Advance(x[i], leak, drive, h)
                : ForwardEuler.Advance(x[i], SemilinearDerivative.Of(leak, drive, x[i]), h);
        }

        evaluationCurrent = false;
        return true;
    }

    /// <summary>
    /// Credit with euler or exp-euler. Where every projection has stage passes and each neuron receives from at most one,
    /// the pools (unless kept) and W^T delta come from one read of the weights; otherwise the generic kernels, from the
    /// kept evaluation. Which of the two a network takes depends on its structure only.
    /// </summary>
    internal bool TryCreditStep(IIntegrator integrator, double h)
    {
        var exponential = integrator is ExponentialEuler;
        if (HasSynapticFilters || !(exponential || integrator is ForwardEuler))
        {
            return false;
        }

        var x = state.AsSpan(RatesRange);
        var c = state.AsSpan(CreditRange);
        var inject = OutputCreditMode == OutputCreditMode.Inject;
        if (!HasMessengers && PrepareStagePasses())
        {
            EvaluateAtState();
            StagePasses(state.AsSpan(WeightsRange), default, poolsKnown: evaluationCurrent);
            evaluationCurrent = true;
            for (var i = 0; i < creditTarget.Length; i++)
            {
                creditTarget[i] = CollectedCreditOf(i, creditTarget[i], x[i], inject);
            }
        }
        else
        {
            EnsureStateEvaluation();
            EvaluateDelta(c, x);
            EvaluateCreditTarget(state.AsSpan(WeightsRange), state.AsSpan(MessengerRange), x);
        }

        var rate = 1.0 / Timescales.CreditMs;
        var factors = default(ExponentialEuler.Factors);
        for (var i = 0; i < c.Length; i++)
        {
            var leak = CreditLeakOf(i, rate);
            var drive = CreditDriveOf(i, creditTarget[i], rate);
            c[i] = exponential
                ? factors.Advance(c[i], leak, drive, h)
                : ForwardEuler.Advance(c[i], SemilinearDerivative.Of(leak, drive, c[i]), h);
        }

        return true;
    }

    /// <summary>
    /// Plasticity with forward Euler in one read and one write of the weights (dense or sparse), bit-identical to the
    /// generic step; the same pass sums the pools of the new weights, which become the kept evaluation.
    /// </summary>
    internal bool TryPlasticityStep(IIntegrator integrator, double h)
    {
        allEulerPools ??= Network.Projections.All(p => p.HasEulerStepWithPools);
        if (HasSynapticFilters || integrator is not ForwardEuler || !allEulerPools.Value)
        {
            return false;
        }

        EnsureStateEvaluation();
        var x = state.AsSpan(RatesRange);
        EvaluateDelta(state.AsSpan(CreditRange), x);
        var w = state.AsSpan(WeightsRange);
        var n = Network.NeuronCount;
        rowFactors ??= new double[n];

        // Biases first: their step reads delta only, and the new evaluation below needs the new biases.
        var b = BiasesView;
        if (LearnsBiases)
        {
            for (var i = 0; i < n; i++)
            {
                b[i] = ForwardEuler.Advance(b[i], BiasDriveOf(i), h);
            }
        }

        // Where each neuron receives from at most one projection, the pass finishes each block of rows (s, sigma, f) as
        // soon as its new pools are complete, on the thread that summed them.
        var finishInPass = PrepareStagePasses();
        if (finishInPass)
        {
            EvaluateAtState();
            evalPoolsKnown = false;
        }

        excitatoryDrive.AsSpan(0, n).CopyTo(excitatory);
        inhibitoryDrive.AsSpan(0, n).CopyTo(inhibitory);
        var rate = PlasticityRate;
        for (var k = 0; k < Network.Projections.Count; k++)
        {
            // The row factor of the generic outer product: (eta / tau_w * gain) * delta_i.
            var p = Network.Projections[k];
            var scale = rate * plasticityGains[k];
            var post = p.Post.Range;
            for (var i = post.Start.Value; i < post.End.Value; i++)
            {
                rowFactors[i] = scale * delta[i];
            }

            p.EulerStepWithPools(w[p.SlotRange], rowFactors.AsSpan(post), x[p.Pre.Range], h, excitatory.AsSpan(post), inhibitory.AsSpan(post), finishInPass ? stageRules![k] : null);
        }

        // The evaluation of the new state: x unchanged, the new weights' pools summed by the pass, the new biases.
        if (finishInPass)
        {
            foreach (var (first, count) in UnprojectedRuns)
            {
                FinishEvaluation(first, count);
            }
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                netInput[i] = Network.NetInput(excitatory[i], inhibitory[i], b[i]);
            }

            EvaluateActivationAndBalance(netInput, activation, balance);
        }

        evaluationCurrent = true;
        return true;
    }

    /// <summary>
    /// Credit (euler or exp-euler) and then plasticity (forward Euler) in one read and one write of the weights, with the
    /// bits of <see cref="TryCreditStep"/> followed by <see cref="TryPlasticityStep"/>: the projections are visited top down
    /// (each after every projection its post group sends to), so that when a projection's rows are read, the new credit of
    /// its post neurons is complete. Each block of rows then gives its pools (unless kept), its delta and share of W^T delta
    /// with the old credit, and takes its plasticity step with the new credit, summing the pools of the new weights for the
    /// next evaluation. Needs a network whose groups form no cycle of projections.
    /// </summary>
    internal bool TryCreditAndPlasticityStep(IIntegrator creditIntegrator, double creditH, IIntegrator plasticityIntegrator, double plasticityH)
    {
        var exponential = creditIntegrator is ExponentialEuler;
        if (!PairedSteps || !(exponential || creditIntegrator is ForwardEuler) || plasticityIntegrator is not ForwardEuler || !PrepareStagePasses() || PrepareTopDown() is not { } order)
        {
            return false;
        }

        var n = Network.NeuronCount;
        var x = state.AsSpan(RatesRange);
        var c = state.AsSpan(CreditRange);
        var w = state.AsSpan(WeightsRange);
        var known = evaluationCurrent;
        var next = nextPools ??= new double[2 * n];
        newCredit ??= new double[n];
        creditDone ??= new bool[Network.Groups.Count];
        Array.Clear(creditDone);
        excitatoryDrive.AsSpan(0, n).CopyTo(next);
        inhibitoryDrive.AsSpan(0, n).CopyTo(next.AsSpan(n));
        EvaluateAtState();
        BeginStagePass(known);
        evalNewCredit = newCredit;
        evalNextPools = next;
        evalUpdateStep = plasticityH;
        foreach (var k in order)
        {
            var p = Network.Projections[k];
            var post = p.Post.Range;
            var pre = p.Pre.Range;
            NewCreditOf(groupIndex![k], creditIntegrator, creditH);
            p.StagePass(w[p.SlotRange], new StagePassOperands
            {
                Rates = x[pre],
                Excitatory = excitatory.AsSpan(post),
                Inhibitory = inhibitory.AsSpan(post),
                PoolsKnown = known,
                Rule = stageRules![k],
                Retrograde = creditTarget.AsSpan(pre),
                Update = StageUpdate.Euler,
                UpdateStep = plasticityH,
                NextExcitatory = next.AsSpan(post),
                NextInhibitory = next.AsSpan(n + post.Start.Value, post.End.Value - post.Start.Value),
            });
        }

        for (var g = 0; g < Network.Groups.Count; g++)
        {
            NewCreditOf(g, creditIntegrator, creditH);
        }

        // The passes finished their rows for the new state; the neurons no projection reaches are finished here.
        foreach (var (first, count) in UnprojectedRuns)
        {
            FinishNextEvaluation(first, count);
        }

        (evalNewCredit, evalNextPools) = (null, null);
        newCredit.CopyTo(c);
        evaluationCurrent = true;
        return true;
    }

    /// <summary>
    /// Neurons [first, first + count) after their rows' plasticity step in the credit-and-plasticity pass: plasticity's
    /// delta (new credit), the bias step, then the evaluation of the new state from the next pools (the bits of the
    /// plasticity step's own evaluation).
    /// </summary>
    private void FinishNextEvaluation(int first, int count)
    {
        var n = Network.NeuronCount;
        var next = evalNextPools!;
        var newC = evalNewCredit!;
        var replace = OutputCreditMode == OutputCreditMode.Replace;
        var b = BiasesView;
        for (var i = first; i < first + count; i++)
        {
            delta[i] = DeltaOf(i, newC[i], evalX[i], replace);
            if (LearnsBiases)
            {
                b[i] = ForwardEuler.Advance(b[i], BiasDriveOf(i), evalUpdateStep);
            }

            excitatory[i] = next[i];
            inhibitory[i] = next[n + i];
            netInput[i] = Network.NetInput(excitatory[i], inhibitory[i], b[i]);
        }

        EvaluateActivationAndBalance(netInput.AsSpan(first, count), activation.AsSpan(first, count), balance.AsSpan(first, count));
    }

    /// <summary>The new credit of group <paramref name="g"/> (once: its retrograde sums are complete), into <see cref="newCredit"/>.</summary>
    private void NewCreditOf(int g, IIntegrator integrator, double h)
    {
        if (creditDone![g])
        {
            return;
        }

        creditDone[g] = true;
        var exponential = integrator is ExponentialEuler;
        var range = Network.Groups[g].Range;
        var x = state.AsSpan(RatesRange);
        var c = state.AsSpan(CreditRange);
        var inject = OutputCreditMode == OutputCreditMode.Inject;
        var rate = 1.0 / Timescales.CreditMs;
        var factors = default(ExponentialEuler.Factors);
        for (var i = range.Start.Value; i < range.End.Value; i++)
        {
            var collected = CollectedCreditOf(i, creditTarget[i], x[i], inject);
            var leak = CreditLeakOf(i, rate);
            var drive = CreditDriveOf(i, collected, rate);
            newCredit![i] = exponential
                ? factors.Advance(c[i], leak, drive, h)
                : ForwardEuler.Advance(c[i], SemilinearDerivative.Of(leak, drive, c[i]), h);
        }
    }

    /// <summary>
    /// The projections top down: each after every projection that its post group sends to, ties in index order; null when
    /// the groups form a cycle, or when a group sends to two projections in another order than their indices (their
    /// retrograde sums would then add up in another order than the credit step's).
    /// </summary>
    private int[]? PrepareTopDown()
    {
        if (!topDownKnown)
        {
            // Computed in a method of its own: its lambdas' captures would otherwise be allocated on every call.
            topDown = TopDownOrder();
            topDownKnown = true;
        }

        return topDown;
    }

    private int[]? TopDownOrder()
    {
        var projections = Network.Projections;
        var placed = new bool[projections.Count];
        var order = new List<int>();
        while (order.Count < projections.Count)
        {
            var pick = -1;
            for (var k = 0; k < projections.Count && pick < 0; k++)
            {
                if (!placed[k] && Enumerable.Range(0, projections.Count).All(q => placed[q] || projections[q].Pre.Name != projections[k].Post.Name))
                {
                    pick = k;
                }
            }

            if (pick < 0)
            {
                return null;
            }

            placed[pick] = true;
            order.Add(pick);
        }

        foreach (var sends in order.GroupBy(k => projections[k].Pre.Name))
        {
            var indices = sends.ToArray();
            if (!indices.SequenceEqual(indices.Order()))
            {
                return null;
            }
        }

        groupIndex = [.. projections.Select(p => Network.Groups.ToList().FindIndex(g => g.Name == p.Post.Name))];
        return [.. order];
    }

    /// <summary>Makes the scratch the evaluation of the current state (pools, s, sigma, f), unless it is already.</summary>
    private void EnsureStateEvaluation()
    {
        if (evaluationCurrent)
        {
            return;
        }

        EvaluateNetInput(state.AsSpan(RatesRange), state.AsSpan(WeightsRange), BiasesView);
        evaluationCurrent = !HasSynapticFilters;
    }

    /// <summary>
    /// Stage passes need dense projections and every neuron receiving from at most one projection (its pools are complete
    /// when its rows are), no messengers (the credit is the instantaneous W^T delta) and instantaneous pools.
    /// </summary>
    private bool PrepareStagePasses()
    {
        stagePassesPossible ??= !HasMessengers && !HasSynapticFilters && Network.Projections.All(p => p.HasStagePasses)
            && Network.Projections.GroupBy(p => p.Post.Name).All(g => g.Count() == 1);
        if (!stagePassesPossible.Value)
        {
            return false;
        }

        stageRules ??= [.. Network.Projections.Select((_, k) => new StageRows(this, k))];

        return true;
    }

    /// <summary>The runs of neurons no projection reaches (inputs): the row passes never finish them, so the steps do.</summary>
    private (int First, int Count)[] UnprojectedRuns
    {
        get
        {
            if (unprojectedRuns is null)
            {
                var projected = new bool[Network.NeuronCount];
                foreach (var p in Network.Projections)
                {
                    projected.AsSpan(p.Post.Range).Fill(true);
                }

                unprojectedRuns = RunsWhereFalse(projected);
            }

            return unprojectedRuns;
        }
    }

    /// <summary>The maximal runs (first index, count) of consecutive false entries of <paramref name="mask"/>.</summary>
    internal static (int, int)[] RunsWhereFalse(bool[] mask)
    {
        var runs = new List<(int, int)>();
        for (var i = 0; i < mask.Length;)
        {
            var start = i;
            while (i < mask.Length && mask[i] == mask[start])
            {
                i++;
            }

            if (!mask[start])
            {
                runs.Add((start, i - start));
            }
        }

        return [.. runs];
    }

    /// <summary>The stage rules evaluate at the state's rates, credit and biases.</summary>
    private void EvaluateAtState()
    {
        evalX = new Slice(state, RatesRange.Start.Value);
        evalC = new Slice(state, CreditRange.Start.Value);
        evalB = LearnsBiases ? new Slice(state, BiasesRange.Start.Value) : new Slice(fixedBiases, 0);
    }

    /// <summary>
    /// The start of every stage pass: the pools start from the external drives (unless <paramref name="poolsKnown"/>: a
    /// fused step left them summed), neurons no projection reaches are finished at once, the retrograde sums start at 0.
    /// </summary>
    private void BeginStagePass(bool poolsKnown)
    {
        var n = Network.NeuronCount;
        evalPoolsKnown = poolsKnown;
        if (!poolsKnown)
        {
            excitatoryDrive.AsSpan(0, n).CopyTo(excitatory);
            inhibitoryDrive.AsSpan(0, n).CopyTo(inhibitory);
        }

        foreach (var (first, count) in UnprojectedRuns)
        {
            FinishEvaluation(first, count);
        }

        creditTarget.AsSpan().Clear();
    }

    /// <summary>
    /// One stage pass over every projection at the evaluation vectors (<see cref="evalX"/>, ...): pools (unless
    /// <paramref name="poolsKnown"/>), s, sigma, f and delta of every neuron, and the raw retrograde sums W^T (gain ⊙ delta)
    /// in <see cref="creditTarget"/>. The weights are <paramref name="w"/>, or its stage w + ((a x') p) h when
    /// <paramref name="stage"/> is given; with <paramref name="rk4Step"/> set, each row then takes the RK4 update with the
    /// four stages' slopes (the last stage's factors written by this pass).
    /// </summary>
    private void StagePasses(Span<double> w, StageWeights stage, bool poolsKnown, double rk4Step = 0.0)
    {
        var n = Network.NeuronCount;
        var x = evalX.Span(n);
        BeginStagePass(poolsKnown);
        for (var k = 0; k < stageRules!.Length; k++)
        {
            var p = Network.Projections[k];
            var post = p.Post.Range;
            var pre = p.Pre.Range;
            p.StagePass(w[p.SlotRange], new StagePassOperands
            {
                StageFactors = stage.Factors is null ? default : stage.Factors.AsSpan(post),
                PreviousRates = stage.Rates is null ? default : stage.Rates.AsSpan(pre),
                StageStep = stage.Step,
                Rates = x[pre],
                Excitatory = excitatory.AsSpan(post),
                Inhibitory = inhibitory.AsSpan(post),
                PoolsKnown = poolsKnown,
                Rule = stageRules[k],
                Retrograde = creditTarget.AsSpan(pre),
                Update = rk4Step != 0.0 ? StageUpdate.Rk4 : StageUpdate.None,
                UpdateStep = rk4Step,
                Slopes = rk4Step != 0.0 ? Rk4SlopesOf(p) : default,
            });
        }
    }

    /// <summary>s, sigma(s), f(s) (unless the pools were known: then they are current already) and delta of neurons [first, first + count) at the evaluation vectors.</summary>
    private void FinishEvaluation(int first, int count)
    {
        if (!evalPoolsKnown)
        {
            for (var i = first; i < first + count; i++)
            {
                netInput[i] = Network.NetInput(excitatory[i], inhibitory[i], evalB[i]);
            }

            EvaluateActivationAndBalance(netInput.AsSpan(first, count), activation.AsSpan(first, count), balance.AsSpan(first, count));
        }

        var replace = OutputCreditMode == OutputCreditMode.Replace;
        for (var i = first; i < first + count; i++)
        {
            delta[i] = DeltaOf(i, evalC[i], evalX[i], replace);
        }
    }

    /// <summary>
    /// One classical RK4 step of the coupled system, with the operations of <see cref="RungeKutta4"/> on every component:
    /// the rates, credit and biases in stage vectors of N; the weights' stages never stored (each w + ((a_s x_s) p) h
    /// from the previous stage's row factors a_s and rates x_s) and updated in one pass at the end.
    /// </summary>
    private void Rk4Step(double dt)
    {
        var n = Network.NeuronCount;
        rk4 ??= new Rk4Buffers(n);
        evaluationCurrent = false;
        var half = 0.5 * dt;
        var w = state.AsSpan(WeightsRange);
        double[] x0 = rk4.X[0], c0 = rk4.C[0], b0 = rk4.B[0];
        state.AsSpan(RatesRange).CopyTo(x0);
        state.AsSpan(CreditRange).CopyTo(c0);
        BiasesView.CopyTo(b0);
        var sixth = dt / 6.0;
        for (var s = 0; s < 4; s++)
        {
            // Stage s sits at y + k_(s-1) h_s: h = dt/2, dt/2, dt for the second to fourth.
            var stageStep = s == 3 ? dt : half;
            if (s > 0)
            {
                Stage(rk4.X[s], x0, rk4.KX[s - 1], stageStep);
                Stage(rk4.C[s], c0, rk4.KC[s - 1], stageStep);
                if (LearnsBiases)
                {
                    Stage(rk4.B[s], b0, rk4.KB[s - 1], stageStep);
                }
                else
                {
                    b0.CopyTo(rk4.B[s], 0);
                }
            }

            evalX = new Slice(rk4.X[s], 0);
            evalC = new Slice(rk4.C[s], 0);
            evalB = new Slice(rk4.B[s], 0);
            // The last stage's pass also takes the weights' RK4 update: each row, once its share of the stage is done.
            evalFactors = rk4.A[s];
            StagePasses(w, s == 0 ? default : new StageWeights(rk4.A[s - 1], rk4.X[s - 1], stageStep), poolsKnown: false, rk4Step: s == 3 ? sixth : 0.0);
            evalFactors = null;
            Slopes(rk4.X[s], rk4.C[s], rk4.B[s], rk4.KX[s], rk4.KC[s], rk4.KB[s]);
        }

        Combine(state.AsSpan(RatesRange), rk4.KX, sixth);
        Combine(state.AsSpan(CreditRange), rk4.KC, sixth);
        if (LearnsBiases)
        {
            Combine(BiasesView, rk4.KB, sixth);
        }
    }

    /// <summary>The weights' four RK4 slopes of projection <paramref name="p"/>: its rows' factors and its presynaptic stage rates.</summary>
    private Rk4Slopes Rk4SlopesOf(Projection p)
    {
        var post = p.Post.Range;
        var pre = p.Pre.Range;
        return new Rk4Slopes(
            rk4!.A[0].AsSpan(post), rk4.A[1].AsSpan(post), rk4.A[2].AsSpan(post), rk4.A[3].AsSpan(post),
            rk4.X[0].AsSpan(pre), rk4.X[1].AsSpan(pre), rk4.X[2].AsSpan(pre), rk4.X[3].AsSpan(pre));
    }

    /// <summary>The coupled slopes of x, c and b from the stage's evaluation (the generic leak and drive of every neuron, F = N - a y).</summary>
    private void Slopes(double[] x, double[] c, double[] b, double[] kx, double[] kc, double[] kb)
    {
        var inject = OutputCreditMode == OutputCreditMode.Inject;
        var firingRate = 1.0 / Timescales.FiringMs;
        var creditRate = 1.0 / Timescales.CreditMs;
        for (var i = 0; i < x.Length; i++)
        {
            var collected = CollectedCreditOf(i, creditTarget[i], x[i], inject);
            kc[i] = SemilinearDerivative.Of(CreditLeakOf(i, creditRate), CreditDriveOf(i, collected, creditRate), c[i]);
            kx[i] = SemilinearDerivative.Of(FiringLeakOf(i, firingRate), FiringDriveOf(i, firingRate), x[i]);
        }

        if (LearnsBiases)
        {
            // Biases have no leak: their slope is the drive minus 0 * b, as the generic coupled system computes it.
            for (var i = 0; i < b.Length; i++)
            {
                kb[i] = SemilinearDerivative.Of(0.0, BiasDriveOf(i), b[i]);
            }
        }
    }

    /// <summary>stage = y + k h, elementwise as the generic integrators' stages.</summary>
    private static void Stage(double[] stage, double[] y, double[] k, double h)
    {
        for (var i = 0; i < stage.Length; i++)
        {
            stage[i] = ForwardEuler.Advance(y[i], k[i], h);
        }
    }

    /// <summary>y += h (k1 + 2 (k2 + k3) + k4), elementwise as <see cref="RungeKutta4"/> (<paramref name="h"/> = dt / 6).</summary>
    private static void Combine(Span<double> y, double[][] k, double h)
    {
        double[] k1 = k[0], k2 = k[1], k3 = k[2], k4 = k[3];
        for (var i = 0; i < y.Length; i++)
        {
            y[i] += h * (k1[i] + (2.0 * (k2[i] + k3[i])) + k4[i]);
        }
    }

    /// <summary>A vector the stage rules read: an array from an offset.</summary>
    private readonly record struct Slice(double[] Array, int Offset)
    {
        public double this[int i] => Array[Offset + i];

        public ReadOnlySpan<double> Span(int length) => Array.AsSpan(Offset, length);
    }

    /// <summary>The stage of the weights: w + ((a x') p) h with post factors a, presynaptic rates x' (both indexed by neuron) and step h; none when the arrays are null.</summary>
    private readonly record struct StageWeights(double[]? Factors, double[]? Rates, double Step);

    /// <summary>The N-sized vectors of one RK4 step: stage rates, credit, biases and their slopes, and the weights' row factors of each stage.</summary>
    private sealed class Rk4Buffers(int n)
    {
        public double[][] X { get; } = New(n);

        public double[][] C { get; } = New(n);

        public double[][] B { get; } = New(n);

        public double[][] KX { get; } = New(n);

        public double[][] KC { get; } = New(n);

        public double[][] KB { get; } = New(n);

        public double[][] A { get; } = New(n);

        private static double[][] New(int n) => [new double[n], new double[n], new double[n], new double[n]];
    }

    /// <summary>
    /// The rule of one projection's stage pass: finishes its post neurons at the evaluation vectors, and gives each row its
    /// retrograde factor gain * delta_i and plasticity factor (eta / tau_w * gain) * delta_i (kept per neuron for the
    /// RK4 update when a stage asks for them).
    /// </summary>
    private sealed class StageRows(BalanceCreditModel model, int projection) : IFusedRowRule
    {
        public void FinishRows(int firstPost, Span<double> retrograde, Span<double> plasticity)
        {
            var start = model.Network.Projections[projection].Post.Range.Start.Value + firstPost;
            model.FinishEvaluation(start, retrograde.Length);
            var gain = model.retrogradeGains[projection];
            var scale = model.PlasticityRate * model.plasticityGains[projection];
            var kept = model.evalFactors;
            var newCredit = model.evalNewCredit;
            var replace = model.OutputCreditMode == OutputCreditMode.Replace;
            for (var k = 0; k < retrograde.Length; k++)
            {
                var d = model.delta[start + k];
                retrograde[k] = gain * d;

                // With the new credit given (credit and plasticity in one pass), plasticity's delta is that of the new credit.
                plasticity[k] = scale * (newCredit is null ? d : model.DeltaOf(start + k, newCredit[start + k], model.evalX[start + k], replace));
                if (kept is not null)
                {
                    kept[start + k] = plasticity[k];
                }
            }
        }

        public void FinishUpdatedRows(int firstPost, int count)
        {
            if (model.evalNextPools is not null)
            {
                model.FinishNextEvaluation(model.Network.Projections[projection].Post.Range.Start.Value + firstPost, count);
            }
        }
    }
}
