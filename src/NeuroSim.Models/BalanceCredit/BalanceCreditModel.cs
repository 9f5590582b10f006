using System.Runtime.CompilerServices;
using MathNet.Numerics.Statistics;
using NeuroSim.Core.Connectivity;
using NeuroSim.Core.Integration;
using NeuroSim.Core.Neurons;
using NeuroSim.Core.Randomness;
using NeuroSim.Core.Scheduling;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>
/// The compiled balance-credit model (equations on <see cref="BalanceCreditSpec"/>): structure-of-arrays
/// state laid out as one flat vector [x | c | m | W | b], the stimulation inputs (drives, clamps, targets,
/// per-projection gains) and the shared evaluation kernels its processes are built from.
/// </summary>
public sealed partial class BalanceCreditModel : ISimulationModel
{
    private readonly double[] state;
    private readonly double[] fixedBiases;
    private readonly bool[] rateClamped;
    private readonly double[] clampedRate;
    private readonly bool[] teaching;
    private readonly double[] target;
    private readonly bool[] creditHeld;
    private readonly double[] excitatoryDrive;
    private readonly double[] inhibitoryDrive;
    private readonly double[] creditDrive;
    private readonly double[] rateDrive;

    // Scratch for the magnitudes PruneBelowQuantile orders.
    private double[] pruneMagnitudes = [];
    private readonly double[] retrogradeGains;
    private readonly bool balanceIsSlope;
    private readonly double[] plasticityGains;

    // Evaluation scratch, overwritten by every evaluation.
    private readonly double[] excitatory;
    private readonly double[] inhibitory;
    private readonly double[] netInput;
    private readonly double[] balance;
    private readonly double[] activation;
    private readonly double[] delta;
    private readonly double[] creditTarget;
    private readonly double[] signal;
    private readonly double[] synapticNetInput;

    public BalanceCreditModel(BalanceCreditSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Timescales.Validate();
        if (!(spec.LearningRate >= 0) || !double.IsFinite(spec.LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(spec), spec.LearningRate, $"learning_rate = {spec.LearningRate}: must be finite and >= 0");
        }

        if (!(spec.Spillover >= 0 && spec.Spillover <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(spec), spec.Spillover, $"spillover = {spec.Spillover}: must be in [0, 1]");
        }

        Spec = spec;
        Network = Network.Build(spec.Network, new SeededRandom(spec.Seed), out var initialWeights);
        Activation = Activations.Create(spec.Activation);
        Balance = spec.Balance.Kind switch
        {
            "slope" => new SlopeBalance(Activation),
            "gaussian" => new GaussianBalance(spec.Balance.SetPoint, spec.Balance.Width),
            _ => throw new ArgumentException($"unknown balance function '{spec.Balance.Kind}'; valid: {string.Join(", ", BalanceSpec.Kinds)}"),
        };
        balanceIsSlope = Balance is SlopeBalance slope && ReferenceEquals(slope.Activation, Activation);
        Timescales = spec.Timescales;
        LearningRate = spec.LearningRate;
        Spillover = spec.Spillover;
        OutputCreditMode = spec.OutputCreditMode;

        var n = Network.NeuronCount;
        var synapses = Network.SynapseCount;
        HasMessengers = spec.Timescales.MessengerMs is not null;
        RatesRange = 0..n;
        CreditRange = n..(2 * n);
        var messengerEnd = (2 * n) + (HasMessengers ? synapses : 0);
        MessengerRange = (2 * n)..messengerEnd;
        WeightsRange = messengerEnd..(messengerEnd + synapses);
        var biasEnd = WeightsRange.End.Value + (spec.LearnBiases ? n : 0);
        BiasesRange = WeightsRange.End.Value..biasEnd;
        PlasticRange = WeightsRange.Start..biasEnd;

        // Filtered pools [E | I] come last, so that every other segment keeps its place.
        HasSynapticFilters = spec.Timescales.HasSynapticFilters;
        PoolsRange = biasEnd..(biasEnd + (HasSynapticFilters ? 2 * n : 0));
        state = new double[PoolsRange.End.Value];
        initialWeights.CopyTo(state.AsSpan(WeightsRange));

        fixedBiases = new double[n];
        if (spec.Biases is { } biases)
        {
            if (biases.Count != n)
            {
                throw new ArgumentException($"biases: {biases.Count} values given; the network has {n} neurons");
            }

            for (var i = 0; i < n; i++)
            {
                fixedBiases[i] = biases[i];
            }
        }

        if (spec.LearnBiases)
        {
            fixedBiases.CopyTo(state.AsSpan(BiasesRange));
        }

        InputGroups = [.. spec.InputGroups.Select(Network.Group)];
        OutputGroups = [.. spec.OutputGroups.Select(Network.Group)];
        rateClamped = new bool[n];
        clampedRate = new double[n];
        teaching = new bool[n];
        target = new double[n];
        creditHeld = new bool[n];
        excitatoryDrive = new double[n];
        inhibitoryDrive = new double[n];
        creditDrive = new double[n];
        rateDrive = new double[n];
        retrogradeGains = new double[Network.Projections.Count];
        plasticityGains = new double[Network.Projections.Count];
        retrogradeGains.AsSpan().Fill(1.0);
        plasticityGains.AsSpan().Fill(1.0);

        excitatory = new double[n];
        inhibitory = new double[n];
        netInput = new double[n];
        balance = new double[n];
        activation = new double[n];
        delta = new double[n];
        creditTarget = new double[n];
        signal = new double[HasMessengers ? synapses : 0];
        synapticNetInput = new double[HasSynapticFilters ? n : 0];

        foreach (var group in spec.HeldCreditGroups)
        {
            creditHeld.AsSpan(Network.Group(group).Range).Fill(true);
        }

        IProcess firing = new FiringProcess(this);
        IProcess credit = new CreditProcess(this);
        IProcess plasticity = new PlasticityProcess(this);
        List<IProcess> processes = [firing];
        if (HasSynapticFilters)
        {
            processes.Add(new SynapseProcess(this));
        }

        processes.Add(credit);
        if (HasMessengers)
        {
            processes.Add(new MessengerProcess(this));
        }

        processes.Add(plasticity);
        Processes = processes;
        CoupledSystem = new CoupledBalanceCreditSystem(this);
    }

    public BalanceCreditSpec Spec { get; }

    public Network Network { get; }

    public Activation Activation { get; }

    public BalanceFunction Balance { get; }

    /// <summary>Current time constants; may be changed between steps (a protocol's parameter change).</summary>
    public Timescales Timescales { get; set; }

    public double LearningRate { get; set; }

    public double Spillover { get; set; }

    public OutputCreditMode OutputCreditMode { get; set; }

    public bool HasMessengers { get; }

    public bool LearnsBiases => Spec.LearnBiases;

    /// <summary>True when the E and I pools are filtered state (tau_E, tau_I set) rather than instantaneous sums.</summary>
    public bool HasSynapticFilters { get; }

    /// <summary>The filtered pools [E | I] in the state (empty when the pools are instantaneous).</summary>
    public Range PoolsRange { get; }

    /// <summary>The filtered pools [E | I] (empty when the pools are instantaneous).</summary>
    public Span<double> FilteredPools => state.AsSpan(PoolsRange);

    public IReadOnlyList<NeuronGroup> InputGroups { get; }

    public IReadOnlyList<NeuronGroup> OutputGroups { get; }

    /// <summary>"firing", "credit", ["messenger",] "plasticity": the update order within a tick.</summary>
    public IReadOnlyList<IProcess> Processes { get; }

    public ISemilinearSystem CoupledSystem { get; }

    /// <summary>
    /// The whole state; handing it out lets the caller change the weights, so the float32 copy must be made afresh, and
    /// the rates, so the kept evaluation is dropped. Write through a span handed out by this model (State, Rates,
    /// Weights, Biases, the drives) before the next step, not after it.
    /// </summary>
    public Span<double> State
    {
        get
        {
            singleWeightsCurrent = false;
            evaluationCurrent = false;
            return state;
        }
    }

    public Range RatesRange { get; }

    public Range CreditRange { get; }

    public Range MessengerRange { get; }

    public Range WeightsRange { get; }

    /// <summary>Bias segment of the state; empty when biases do not learn.</summary>
    public Range BiasesRange { get; }

    /// <summary>Weights and learned biases: the plasticity process's segment.</summary>
    public Range PlasticRange { get; }

    public Span<double> Rates
    {
        get
        {
            evaluationCurrent = false;
            return state.AsSpan(RatesRange);
        }
    }

    public Span<double> Credit => state.AsSpan(CreditRange);

    public Span<double> Messengers => state.AsSpan(MessengerRange);

    public Span<double> Weights
    {
        get
        {
            singleWeightsCurrent = false;
            evaluationCurrent = false;
            return state.AsSpan(WeightsRange);
        }
    }

    public Span<double> Biases
    {
        get
        {
            evaluationCurrent = false;
            return BiasesView;
        }
    }

    /// <summary>The biases without dropping the kept evaluation: for the model's own reading and stepping.</summary>
    private Span<double> BiasesView => LearnsBiases ? state.AsSpan(BiasesRange) : fixedBiases;

    /// <summary>The rates, read-only (reading them keeps the evaluation of the state).</summary>
    internal ReadOnlySpan<double> RatesView => state.AsSpan(RatesRange);

    /// <summary>The weights, read-only (reading them keeps the evaluation of the state and the float32 copy).</summary>
    internal ReadOnlySpan<double> WeightsView => state.AsSpan(WeightsRange);

    /// <summary>The biases, read-only.</summary>
    internal ReadOnlySpan<double> BiasesReadOnly => BiasesView;

    /// <summary>External excitatory drive e_i (added to the E pool).</summary>
    public Span<double> ExcitatoryDrive
    {
        get
        {
            evaluationCurrent = false;
            return excitatoryDrive;
        }
    }

    /// <summary>External inhibitory drive h_i (added to the I pool).</summary>
    public Span<double> InhibitoryDrive
    {
        get
        {
            evaluationCurrent = false;
            return inhibitoryDrive;
        }
    }

    /// <summary>External credit input u_j (tau_c dc_j/dt = ... + u_j): noise or injected credit.</summary>
    public Span<double> CreditDrive => creditDrive;

    /// <summary>
    /// External rate input r_i added after the activation (tau_x dx_i/dt = -x_i + sigma(s_i) + r_i): firing noise that
    /// does not pass through the synaptic pools, the paper's x &lt;- sigma(W x) + eps (Algorithm 1, Fig. 4).
    /// </summary>
    public Span<double> RateDrive => rateDrive;

    /// <summary>Per-projection gain of the retrograde signal (0 blocks it).</summary>
    public Span<double> RetrogradeGains => retrogradeGains;

    /// <summary>Gain of bias plasticity (0 switches it off); biases belong to no projection.</summary>
    public double BiasPlasticityGain { get; set; } = 1.0;

    /// <summary>Per-projection gain of plasticity (0 switches it off).</summary>
    public Span<double> PlasticityGains => plasticityGains;

    /// <summary>E pool of the last evaluation (call <see cref="UpdateObservables"/> for the current state).</summary>
    public ReadOnlySpan<double> ExcitatoryPool => excitatory;

    public ReadOnlySpan<double> InhibitoryPool => inhibitory;

    public ReadOnlySpan<double> NetInput => netInput;

    /// <summary>f(s) of the last evaluation.</summary>
    public ReadOnlySpan<double> BalanceValues => balance;

    /// <summary>Effective credit c ⊙ f(s) (BP's delta) of the last evaluation, with clamps applied.</summary>
    public ReadOnlySpan<double> Delta => delta;

    /// <summary>Clamps the firing of <paramref name="group"/> to <paramref name="rates"/> (and sets x there now).</summary>
    public void ClampRates(NeuronGroup group, ReadOnlySpan<double> rates)
    {
        Pin(group, rates, rateClamped, clampedRate, "clamped rates");
    }

    public void ReleaseRates(NeuronGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        rateClamped.AsSpan(group.Range).Clear();
    }

    /// <summary>Sets the target y of <paramref name="group"/>: its credit is clamped (or injected) with y - x.</summary>
    public void SetTarget(NeuronGroup group, ReadOnlySpan<double> y)
    {
        Pin(group, y, teaching, target, "target");
    }

    public void ReleaseTarget(NeuronGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        teaching.AsSpan(group.Range).Clear();
    }

    /// <summary>
    /// Holds the credit of <paramref name="group"/> at its current value (the paper's Fig. 4: rows of J
    /// replaced by identity, which guarantees J an eigenvalue of 1 and a non-trivial credit equilibrium). A credit
    /// drive into a held neuron still adds: with an identity row, the neuron integrates it (c &lt;- c + u).
    /// </summary>
    public void HoldCredit(NeuronGroup group, bool hold = true)
    {
        ArgumentNullException.ThrowIfNull(group);
        creditHeld.AsSpan(group.Range).Fill(hold);
    }

    /// <summary>Removes the synapse in local <paramref name="slot"/> of projection <paramref name="projection"/>: weight and messenger to 0, never to return.</summary>
    public void RemoveSynapse(int projection, int slot)
    {
        var p = Network.Projections[projection];
        p.Remove(slot);
        Weights[p.SynapseOffset + slot] = 0.0;
        if (HasMessengers)
        {
            Messengers[p.SynapseOffset + slot] = 0.0;
        }
    }

    /// <summary>Lesions neuron <paramref name="neuron"/>: every synapse onto or from it removed, its rate clamped to 0.</summary>
    public void LesionNeuron(int neuron)
    {
        for (var k = 0; k < Network.Projections.Count; k++)
        {
            var p = Network.Projections[k];
            var slots = new List<int>();
            p.ForEachSynapse((slot, i, j) =>
            {
                if (p.Post.Offset + i == neuron || p.Pre.Offset + j == neuron)
                {
                    slots.Add(slot);
                }
            });
            foreach (var slot in slots)
            {
                RemoveSynapse(k, slot);
            }
        }

        rateClamped[neuron] = true;
        clampedRate[neuron] = 0.0;
        ApplyConstraints();
    }

    /// <summary>
    /// Removes the smallest fraction of existing synapses by |w| across <paramref name="projections"/> (all when
    /// empty); ties go to the lower slot, so pruning is deterministic. Returns the number removed.
    /// </summary>
    public int Prune(double fraction, IReadOnlyList<int> projections)
    {
        ArgumentNullException.ThrowIfNull(projections);
        if (!(fraction >= 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "prune fraction must be in [0, 1]");
        }

        var chosen = projections.Count == 0 ? Enumerable.Range(0, Network.Projections.Count).ToArray() : projections;
        var candidates = new List<(double Magnitude, int Projection, int Slot)>();
        var weights = Weights.ToArray();
        foreach (var k in chosen)
        {
            var p = Network.Projections[k];
            p.ForEachSynapse((slot, _, _) => candidates.Add((Math.Abs(weights[p.SynapseOffset + slot]), k, slot)));
        }

        var count = (int)Math.Floor(fraction * candidates.Count);
        foreach (var (_, projection, slot) in candidates.OrderBy(c => c.Magnitude).ThenBy(c => c.Projection).ThenBy(c => c.Slot).Take(count))
        {
            RemoveSynapse(projection, slot);
        }

        return count;
    }

    /// <summary>
    /// Removes every synapse of <paramref name="projections"/> (all when empty) whose |w| is below the
    /// <paramref name="quantile"/>-quantile of |w| over all the synapses they were built with, removed ones counting as 0:
    /// the threshold is the k-th smallest of those magnitudes, k = floor(q n) (0-based), and ties with it stay. Applied
    /// repeatedly it holds the density at about 1 - q while the surviving weights change (the paper's Algorithm 1).
    /// Returns the number removed.
    /// </summary>
    public int PruneBelowQuantile(double quantile, IReadOnlyList<int> projections)
    {
        ArgumentNullException.ThrowIfNull(projections);
        if (!(quantile >= 0 && quantile <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "prune quantile must be in [0, 1]");
        }

        var chosen = projections.Count == 0 ? [.. Enumerable.Range(0, Network.Projections.Count)] : projections;
        var built = chosen.Sum(k => Network.Projections[k].BuiltConnectionCount);
        var existing = chosen.Sum(k => Network.Projections[k].ConnectionCount);
        var removedBefore = built - existing;
        var rank = Math.Min(built - 1, (int)Math.Floor(quantile * built));
        if (rank < removedBefore)
        {
            // The threshold is one of the removed synapses' zeros: nothing lies below it.
            return 0;
        }

        // One buffer with room for every slot, its unused tail +infinity: the order statistic of the existing synapses is
        // unchanged, and the buffer is not reallocated as synapses go (a large-object allocation every prune otherwise).
        var slots = chosen.Sum(k => Network.Projections[k].SlotCount);
        if (pruneMagnitudes.Length != slots)
        {
            pruneMagnitudes = new double[slots];
        }

        var count = 0;
        var weights = Weights;
        foreach (var k in chosen)
        {
            var p = Network.Projections[k];
            count += p.PresentMagnitudes(weights[p.SlotRange], pruneMagnitudes.AsSpan(count));
        }

        pruneMagnitudes.AsSpan(count).Fill(double.PositiveInfinity);
        var threshold = ArrayStatistics.OrderStatisticInplace(pruneMagnitudes, rank - removedBefore + 1);
        var removed = 0;
        var below = new List<int>();
        foreach (var k in chosen)
        {
            var p = Network.Projections[k];
            below.Clear();
            p.PresentBelow(weights[p.SlotRange], threshold, below);
            foreach (var slot in below)
            {
                RemoveSynapse(k, slot);
            }

            removed += below.Count;
        }

        return removed;
    }

    /// <summary>Clamps the first input group to <paramref name="input"/> and targets the first output group with <paramref name="targetValues"/>.</summary>
    public void Present(ReadOnlySpan<double> input, ReadOnlySpan<double> targetValues)
    {
        ClampRates(InputGroups[0], input);
        SetTarget(OutputGroups[0], targetValues);
    }

    /// <summary>Cold start: firing, credit and messengers to zero (weights and biases kept), clamps re-imposed.</summary>
    public void ResetActivity()
    {
        state.AsSpan(0, WeightsRange.Start.Value).Clear();
        state.AsSpan(PoolsRange).Clear();
        evaluationCurrent = false;
        ApplyConstraints();
    }

    /// <summary>L = 1/2 sum over targeted neurons of (y_i - x_i)^2 at the current rates.</summary>
    public double Loss()
    {
        var x = Rates;
        var loss = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            if (teaching[i])
            {
                var e = target[i] - x[i];
                loss += 0.5 * e * e;
            }
        }

        return loss;
    }

    public void ApplyConstraints()
    {
        var x = state.AsSpan(RatesRange);
        var c = state.AsSpan(CreditRange);
        for (var i = 0; i < x.Length; i++)
        {
            // A rate that already holds its clamped value (bit for bit) keeps the evaluation of the state current.
            if (rateClamped[i] && BitConverter.DoubleToInt64Bits(x[i]) != BitConverter.DoubleToInt64Bits(clampedRate[i]))
            {
                x[i] = clampedRate[i];
                evaluationCurrent = false;
            }

            if (teaching[i] && OutputCreditMode == OutputCreditMode.Replace)
            {
                c[i] = target[i] - x[i];
            }
        }
    }

    /// <summary>Recomputes E, I, s, f(s) and c ⊙ f(s) for the current state, for monitors.</summary>
    public void UpdateObservables()
    {
        var x = state.AsSpan(RatesRange);
        if (HasSynapticFilters)
        {
            EvaluateNetInput(x, state.AsSpan(WeightsRange), BiasesView, FilteredPools);
        }
        else
        {
            EnsureStateEvaluation();
        }

        EvaluateDelta(state.AsSpan(CreditRange), x);
    }

    /// <summary>True when every state value is finite.</summary>
    public bool IsFinite()
    {
        foreach (var v in state)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Projection <paramref name="index"/>'s weights as a dense row-major Post x Pre matrix (absent synapses 0).</summary>
    public double[] DenseWeights(int index)
    {
        var p = Network.Projections[index];
        var w = Weights[p.SlotRange];
        var dense = new double[p.Post.Size * p.Pre.Size];
        var preSize = p.Pre.Size;
        var values = w.ToArray();
        p.ForEachSynapse((slot, i, j) => dense[(i * preSize) + j] = values[slot]);
        return dense;
    }

    /// <summary>The per-synapse retrograde signal of the last <see cref="EvaluateSignal"/>.</summary>
    internal ReadOnlySpan<double> Signal => signal;

    internal bool IsRateClamped(int neuron) => rateClamped[neuron];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool IsCreditReplaced(int neuron) => teaching[neuron] && OutputCreditMode == OutputCreditMode.Replace;

    /// <summary>
    /// Pools, s, sigma(s) and f(s) into the scratch vectors: from rates x, weights w and biases b when the pools
    /// are instantaneous (or <paramref name="filteredPools"/> is empty: the equilibrium of the filters), else from
    /// the filtered pools [E | I].
    /// </summary>
    internal void EvaluateNetInput(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, ReadOnlySpan<double> filteredPools = default)
    {
        // The scratch now holds whatever x, w and b are (an integrator's stage, a map's argument): not the kept evaluation.
        evaluationCurrent = false;
        if (filteredPools.IsEmpty)
        {
            Network.ComputePools(w, x, excitatoryDrive, inhibitoryDrive, b, excitatory, inhibitory, netInput);
        }
        else
        {
            var n = Network.NeuronCount;
            filteredPools[..n].CopyTo(excitatory);
            filteredPools[n..].CopyTo(inhibitory);
            for (var i = 0; i < n; i++)
            {
                netInput[i] = Network.NetInput(excitatory[i], inhibitory[i], b[i]);
            }
        }

        EvaluateActivationAndBalance(netInput, activation, balance);
    }

    /// <summary>sigma(s) and f(s); with the default f = sigma', both from one evaluation of the nonlinearity.</summary>
    internal void EvaluateActivationAndBalance(ReadOnlySpan<double> s, Span<double> sigma, Span<double> f)
    {
        if (balanceIsSlope)
        {
            Activation.ApplyWithSlope(s, sigma, f);
        }
        else
        {
            Activation.Apply(s, sigma);
            Balance.Evaluate(s, f);
        }
    }

    /// <summary>The pools' instantaneous inputs [sum w+ x + e | sum w- x + h] from rates x and weights w: the targets of the synaptic filters.</summary>
    internal void EvaluateSynapticTarget(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> target)
    {
        var n = Network.NeuronCount;
        Network.ComputePools(w, x, excitatoryDrive, inhibitoryDrive, fixedBiases, target[..n], target[n..], synapticNetInput);
    }

    /// <summary>The drive of the synaptic filters, [E_in / tau_E | I_in / tau_I], from rates x and weights w.</summary>
    internal void SynapticDrive(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> drive)
    {
        EvaluateSynapticTarget(x, w, drive);
        var n = Network.NeuronCount;
        var rateE = 1.0 / Timescales.SynapticExcitatoryMs!.Value;
        var rateI = 1.0 / Timescales.SynapticInhibitoryMs!.Value;
        for (var k = 0; k < n; k++)
        {
            drive[k] *= rateE;
            drive[n + k] *= rateI;
        }
    }

    /// <summary>Leak rates 1/tau_E, 1/tau_I of the filtered pools.</summary>
    internal void SynapticLeak(Span<double> rates)
    {
        var n = Network.NeuronCount;
        rates[..n].Fill(1.0 / Timescales.SynapticExcitatoryMs!.Value);
        rates[n..].Fill(1.0 / Timescales.SynapticInhibitoryMs!.Value);
    }

    /// <summary>
    /// delta = c ⊙ f(s) from the last <see cref="EvaluateNetInput"/>, with replaced output credit y - x and
    /// zero for rate-clamped neurons (a clamped neuron does not respond to its inputs, so no credit flows
    /// through it: this is what makes inject mode exact in recurrent networks with clamped inputs).
    /// </summary>
    internal void EvaluateDelta(ReadOnlySpan<double> c, ReadOnlySpan<double> x)
    {
        var replace = OutputCreditMode == OutputCreditMode.Replace;
        for (var i = 0; i < delta.Length; i++)
        {
            delta[i] = DeltaOf(i, c[i], x[i], replace);
        }
    }

    /// <summary>delta_i = c_i f(s_i) from the last evaluated f(s), y_i - x_i as c_i on replaced outputs, 0 on rate-clamped neurons.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double DeltaOf(int i, double c, double x, bool replace)
    {
        var credit = teaching[i] && replace ? target[i] - x : c;
        return rateClamped[i] ? 0.0 : credit * balance[i];
    }

    /// <summary>N_x = (sigma(s) + r) / tau_x (0 on clamped neurons) from the last evaluation.</summary>
    internal void FiringDrive(Span<double> drive)
    {
        var rate = 1.0 / Timescales.FiringMs;
        for (var i = 0; i < drive.Length; i++)
        {
            drive[i] = FiringDriveOf(i, rate);
        }
    }

    internal void FiringLeak(Span<double> rates)
    {
        var rate = 1.0 / Timescales.FiringMs;
        for (var i = 0; i < rates.Length; i++)
        {
            rates[i] = FiringLeakOf(i, rate);
        }
    }

    /// <summary>(sigma(s_i) + r_i) / tau_x from the last evaluation (<paramref name="rate"/> = 1 / tau_x); 0 on clamped neurons.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double FiringDriveOf(int i, double rate) => rateClamped[i] ? 0.0 : FiringTargetOf(i) * rate;

    /// <summary>sigma(s_i) + r_i: where the rate of an unclamped neuron relaxes to.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double FiringTargetOf(int i) => activation[i] + rateDrive[i];

    /// <summary>1 / tau_x (<paramref name="rate"/>), 0 on clamped neurons: their rate does not move.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double FiringLeakOf(int i, double rate) => rateClamped[i] ? 0.0 : rate;

    /// <summary>x_i = sigma(s_i) + r_i (clamped value on clamped neurons): the firing fixed-point map.</summary>
    internal void FiringFixedPoint(Span<double> next)
    {
        for (var i = 0; i < next.Length; i++)
        {
            next[i] = rateClamped[i] ? clampedRate[i] : FiringTargetOf(i);
        }
    }

    /// <summary>
    /// The credit each neuron collects: sum_i m_ij with messengers (from <paramref name="messengers"/>), else
    /// the instantaneous retrograde sum W^T (gain ⊙ delta), plus y - x on injected outputs.
    /// </summary>
    internal ReadOnlySpan<double> EvaluateCreditTarget(ReadOnlySpan<double> w, ReadOnlySpan<double> messengers, ReadOnlySpan<double> x)
    {
        if (HasMessengers)
        {
            Network.CollectMessengers(messengers, creditTarget);
        }
        else
        {
            Network.TransposedProduct(retrogradeGains, w, delta, creditTarget);
        }

        var inject = OutputCreditMode == OutputCreditMode.Inject;
        for (var i = 0; i < creditTarget.Length; i++)
        {
            creditTarget[i] = CollectedCreditOf(i, creditTarget[i], x[i], inject);
        }

        return creditTarget;
    }

    /// <summary>What neuron i collects: the retrograde sum (or messengers), plus its credit drive, plus y_i - x_i where the output credit is injected.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double CollectedCreditOf(int i, double retrograde, double x, bool inject) =>
        retrograde + (creditDrive[i] + (inject && teaching[i] ? target[i] - x : 0.0));

    internal void CreditLeak(Span<double> rates)
    {
        var rate = 1.0 / Timescales.CreditMs;
        for (var i = 0; i < rates.Length; i++)
        {
            rates[i] = CreditLeakOf(i, rate);
        }
    }

    /// <summary>1 / tau_c (<paramref name="rate"/>), 0 where credit does not move: replaced outputs (algebraic) and held credit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double CreditLeakOf(int i, double rate) => IsCreditStill(i) ? 0.0 : rate;

    /// <summary>
    /// collected / tau_c (<paramref name="rate"/> = 1 / tau_c); 0 on replaced outputs; on held credit only the external
    /// credit drive u_i / tau_c: a held neuron's row of J is the identity, so tau_c dc_i/dt = -c_i + c_i + u_i.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double CreditDriveOf(int i, double collected, double rate) =>
        IsCreditReplaced(i) ? 0.0 : creditHeld[i] ? creditDrive[i] * rate : collected * rate;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsCreditStill(int i) => IsCreditReplaced(i) || creditHeld[i];

    /// <summary>N_c = target / tau_c, 0 on replaced outputs (their credit is algebraic).</summary>
    internal void CreditProcessDrive(ReadOnlySpan<double> creditTargetValues, Span<double> drive)
    {
        var rate = 1.0 / Timescales.CreditMs;
        for (var i = 0; i < drive.Length; i++)
        {
            drive[i] = CreditDriveOf(i, creditTargetValues[i], rate);
        }
    }

    /// <summary>The credit fixed-point map: target, y - x on replaced outputs, the current value plus its credit drive where credit is held.</summary>
    internal void CreditFixedPoint(ReadOnlySpan<double> creditTargetValues, ReadOnlySpan<double> c, ReadOnlySpan<double> x, Span<double> next)
    {
        for (var i = 0; i < next.Length; i++)
        {
            next[i] = IsCreditReplaced(i) ? target[i] - x[i] : creditHeld[i] ? c[i] + creditDrive[i] : creditTargetValues[i];
        }
    }

    /// <summary>The per-synapse retrograde signal g (gain and spillover applied) from the last delta, into the signal scratch.</summary>
    internal ReadOnlySpan<double> EvaluateSignal(ReadOnlySpan<double> w)
    {
        Network.RetrogradeSignal(retrogradeGains, Spillover, w, delta, signal);
        return signal;
    }

    /// <summary>N_W = eta / tau_w * gain ⊙ delta x^T (and N_b = eta / tau_w * delta) from the last evaluation.</summary>
    internal void PlasticityDrive(ReadOnlySpan<double> x, Span<double> drive)
    {
        var synapses = Network.SynapseCount;
        Network.OuterProduct(PlasticityRate, plasticityGains, delta, x, drive[..synapses]);
        if (LearnsBiases)
        {
            var db = drive[synapses..];
            for (var i = 0; i < db.Length; i++)
            {
                db[i] = BiasDriveOf(i);
            }
        }
    }

    /// <summary>Marks the neurons of <paramref name="group"/> in <paramref name="pinned"/>, stores their <paramref name="values"/> and applies the constraints now.</summary>
    private void Pin(NeuronGroup group, ReadOnlySpan<double> values, bool[] pinned, double[] store, string what)
    {
        ArgumentNullException.ThrowIfNull(group);
        CheckLength(group, values.Length, what);
        pinned.AsSpan(group.Range).Fill(true);
        values.CopyTo(store.AsSpan(group.Range));
        ApplyConstraints();
    }

    /// <summary>eta / tau_w: the plasticity drive per unit of delta x (1/ms).</summary>
    private double PlasticityRate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => LearningRate / Timescales.PlasticityMs;
    }

    /// <summary>N_b,i = eta / tau_w * bias gain * delta_i from the last evaluation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double BiasDriveOf(int i) => BiasDriveOf(i, BiasDriveRate);

    /// <summary>The bias drive of neuron i with the rate <see cref="BiasDriveRate"/> already taken (loops take it once).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double BiasDriveOf(int i, double rate) => rate * delta[i];

    /// <summary>eta / tau_w times the bias gain: the bias drive per unit of delta.</summary>
    private double BiasDriveRate => PlasticityRate * BiasPlasticityGain;

    private static void CheckLength(NeuronGroup group, int length, string what)
    {
        if (length != group.Size)
        {
            throw new ArgumentException($"{what} for group '{group.Name}': {length} values given; the group has {group.Size} neurons");
        }
    }
}
