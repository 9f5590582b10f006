using NeuroSim.Core.Integration;
using NeuroSim.Core.Neurons;
using NeuroSim.Core.Randomness;
using NeuroSim.Core.Scheduling;

namespace NeuroSim.Models.Microcircuit;

/// <summary>
/// The dendritic cortical microcircuit of Sacramento et al. (2018) in continuous time, as a model of the
/// NeuroSim engine. One flat state holds, in order: the somatic potentials of all pyramidal neurons (hidden
/// layers, then the output), of all interneurons, the low-pass filtered input rates and target potentials, the
/// low-pass filtered plasticity induction Delta of every weight, and the weights themselves. Dendritic
/// potentials are instantaneous weighted sums; the scheduler integrates four processes: somata, input filter,
/// induction filter (tau_w) and consolidation dW/dt = eta Delta.
/// </summary>
public sealed partial class MicrocircuitModel : ISimulationModel
{
    private readonly double[] state;
    private readonly Activation phi;
    private readonly double[] inputPattern;
    private readonly double[] targetPotential;
    private readonly SeededRandom noise;
    private readonly IProcess[] processes;
    private readonly CoupledMicrocircuitSystem coupled;
    private readonly double[][] drives;
    private readonly double[] classGains;

    public MicrocircuitModel(MicrocircuitSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        Spec = spec;
        phi = spec.Transfer;
        Sizes = [.. spec.Sizes];
        Layers = Sizes.Length - 1;
        Conductances = spec.Conductances;
        Rates = spec.EffectiveRates;

        Activity = new CircuitActivity(Sizes, phi, Conductances);
        var pyramidal = Activity.PyramidalCount;
        var interneurons = Activity.InterneuronCount;
        var weightLength = MicrocircuitWeights.LengthOf(Sizes, spec.Biases);
        SomaRange = new Range(0, pyramidal + interneurons);
        InputRange = new Range(SomaRange.End, SomaRange.End.Value + Sizes[0] + Sizes[^1]);
        InductionRange = new Range(InputRange.End, InputRange.End.Value + weightLength);
        WeightRange = new Range(InductionRange.End, InductionRange.End.Value + weightLength);
        state = new double[WeightRange.End.Value];
        Induction = new MicrocircuitWeights(Sizes, spec.Biases, state, InductionRange.Start.Value);
        Weights = new MicrocircuitWeights(Sizes, spec.Biases, state, WeightRange.Start.Value);

        inputPattern = new double[Sizes[0]];
        targetPotential = new double[Sizes[^1]];
        noise = new SeededRandom(spec.Seed);
        InterneuronGate = 1.0;
        PlasticityGain = 1.0;
        classGains = [1.0, 1.0, 1.0, 1.0];
        NeuronCount = Sizes[0] + pyramidal + interneurons;
        drives = [.. Enumerable.Range(0, DrivePoolNames.Count).Select(_ => new double[NeuronCount])];

        coupled = new CoupledMicrocircuitSystem(this);
        processes =
        [
            new MicrocircuitProcess(this, "soma", SomaRange, 1.0 / Conductances.InterneuronTotal, EvaluatedParts.Soma),
            new MicrocircuitProcess(this, "input", InputRange, spec.InputFilterMs, EvaluatedParts.Input),
            new MicrocircuitProcess(this, "induction", InductionRange, spec.PlasticityFilterMs, EvaluatedParts.Induction),
            new MicrocircuitProcess(this, "consolidation", WeightRange, double.PositiveInfinity, EvaluatedParts.Consolidation),
        ];
    }

    public MicrocircuitSpec Spec { get; }

    /// <summary>Layer sizes n_0 .. n_N.</summary>
    public int[] Sizes { get; }

    /// <summary>Pyramidal layers N (hidden layers and the output).</summary>
    public int Layers { get; }

    public Conductances Conductances { get; }

    public MicrocircuitRates Rates { get; }

    /// <summary>The weights, living inside the ODE state (plastic classes change as the model runs).</summary>
    public MicrocircuitWeights Weights { get; }

    /// <summary>The low-pass filtered plasticity induction Delta of every weight (same layout as <see cref="Weights"/>).</summary>
    public MicrocircuitWeights Induction { get; }

    public Range SomaRange { get; }

    public Range InputRange { get; }

    public Range InductionRange { get; }

    public Range WeightRange { get; }

    public Span<double> State => state;

    public IReadOnlyList<IProcess> Processes => processes;

    public ISemilinearSystem CoupledSystem => coupled;

    /// <summary>True while the output is nudged toward the target (false also when no target is set).</summary>
    public bool Nudging { get; set; }

    /// <summary>
    /// The VIP gate on interneuron-to-apical inhibition, in [0, 1]: 1 is the normal circuit, 0 fully disinhibits
    /// the apical dendrites (VIP cells silencing the SST cells' output onto them).
    /// </summary>
    public double InterneuronGate { get; set; }

    /// <summary>Silences every interneuron (their rates read as 0): the SST-silencing manipulation.</summary>
    public bool InterneuronsSilenced { get; set; }

    /// <summary>Multiplies every consolidation dW/dt (0 = plasticity off; induction keeps filtering).</summary>
    public double PlasticityGain { get; set; }

    /// <summary>
    /// The coupled step (ms) whose somatic noise <see cref="ApplyConstraints"/> adds after every step the scheduler
    /// takes: the one place noise enters the circuit. Null (the default): a noiseless circuit whatever the sigma
    /// (the two-step scheme, which settles rather than steps).
    /// </summary>
    public double? StepNoiseDtMs { get; set; }

    /// <summary>Neurons of the flat neuron vectors: input L0, pyramidal layers L1..LN, interneuron populations I1..I(N-1).</summary>
    public int NeuronCount { get; }

    /// <summary>The plasticity gain of one class family (up: W_up and its biases; down: B; ip: W_IP and its biases; pi: W_PI).</summary>
    public double ClassGain(PlasticClass kind) => classGains[(int)kind];

    public void SetClassGain(PlasticClass kind, double gain) => classGains[(int)kind] = gain;

    /// <summary>The current input rates r_0 being switched in through the input filter.</summary>
    public ReadOnlySpan<double> InputPattern => inputPattern;

    /// <summary>The target potential the output is nudged toward (before the input filter).</summary>
    public ReadOnlySpan<double> TargetPotential => targetPotential;

    /// <summary>Presents an input rate pattern and, optionally, a target potential for the output (nudging on when given).</summary>
    public void Present(ReadOnlySpan<double> inputRates, ReadOnlySpan<double> target = default)
    {
        if (inputRates.Length != Sizes[0])
        {
            throw new ArgumentException($"input pattern has {inputRates.Length} rates, the input layer has {Sizes[0]}");
        }

        inputRates.CopyTo(inputPattern);
        if (target.IsEmpty)
        {
            Nudging = false;
            return;
        }

        if (target.Length != Sizes[^1])
        {
            throw new ArgumentException($"target has {target.Length} potentials, the output layer has {Sizes[^1]}");
        }

        target.CopyTo(targetPotential);
        Nudging = true;
    }

    /// <summary>Sets the filtered input and target to the current pattern at once (no 3 ms switch-in), for a settled start.</summary>
    public void SkipInputFilter()
    {
        inputPattern.CopyTo(FilteredInput);
        targetPotential.CopyTo(FilteredTarget);
    }

    /// <summary>Rates and dendritic potentials at the last evaluation (call <see cref="Observe"/> to refresh them from the state).</summary>
    public CircuitActivity Activity { get; }

    /// <summary>Somatic potentials of pyramidal layer <paramref name="layer"/> (0 = first hidden, N - 1 = output).</summary>
    public Span<double> PyramidalPotential(int layer) => state.AsSpan(Activity.PyramidalLayer(layer));

    /// <summary>Somatic potentials of the interneurons of layer <paramref name="layer"/> (one per neuron of layer + 1).</summary>
    public Span<double> InterneuronPotential(int layer) => state.AsSpan(Activity.PyramidalCount..)[Activity.InterneuronLayer(layer)];

    /// <summary>All pyramidal potentials (hidden layers, then the output).</summary>
    public Span<double> AllPyramidal => state.AsSpan(0, Activity.PyramidalCount);

    /// <summary>All interneuron potentials.</summary>
    public Span<double> AllInterneurons => state.AsSpan(Activity.PyramidalCount, Activity.InterneuronCount);

    /// <summary>The input rates as the network sees them (after the tau_0 filter).</summary>
    public Span<double> FilteredInput => state.AsSpan(InputRange.Start.Value, Sizes[0]);

    /// <summary>The target potential as the output sees it (after the tau_0 filter).</summary>
    public Span<double> FilteredTarget => state.AsSpan(InputRange.Start.Value + Sizes[0], Sizes[^1]);

    /// <summary>Recomputes every dendritic potential and rate from the current state (for monitors).</summary>
    public void Observe() => Evaluate(state, Span<double>.Empty, EvaluatedParts.None);

    /// <summary>Sets every potential to zero and clears the induction filters (weights kept).</summary>
    public void ResetActivity()
    {
        state.AsSpan(SomaRange).Clear();
        state.AsSpan(InputRange).Clear();
        state.AsSpan(InductionRange).Clear();
    }

    /// <summary>
    /// Adds one step of somatic noise to every pyramidal neuron and interneuron: sigma sqrt(dt) xi (Euler-Maruyama, the
    /// default: sigma per sqrt(ms)) or sigma dt xi (per-step: the published reimplementations' current held over the
    /// step), per <see cref="MicrocircuitSpec.Noise"/>; xi standard normal. The stream is the model's own, seeded by the spec.
    /// </summary>
    private void AddNoise(double dtMs)
    {
        if (Spec.NoiseSigma == 0 || !NoiseOn)
        {
            return;
        }

        var scale = Spec.NoiseSigma * (Spec.Noise == NoiseConvention.PerStep ? dtMs : Math.Sqrt(dtMs));
        var soma = state.AsSpan(SomaRange);
        for (var k = 0; k < soma.Length; k++)
        {
            soma[k] += scale * noise.NextGaussian();
        }
    }

    public void ApplyConstraints()
    {
        // No algebraic constraints: every clamp of this model is a conductance. The step's noise, when the model adds its own.
        if (StepNoiseDtMs is { } dt)
        {
            AddNoise(dt);
        }
    }

    /// <summary>The state of the noise stream, for checkpoints.</summary>
    public RandomState SaveNoiseState() => noise.SaveState();

    public void RestoreNoiseState(RandomState saved) => noise.RestoreState(saved);

    /// <summary>Leak rates (1/ms) of every state component, in state order.</summary>
    internal void LeakRates(Span<double> rates, EvaluatedParts parts, Range segment)
    {
        var g = Conductances;
        var all = new LeakWriter(rates, segment);
        if ((parts & EvaluatedParts.Soma) != 0)
        {
            for (var l = 0; l < Layers; l++)
            {
                var total = l == Layers - 1 ? g.OutputTotal(Nudging) : g.HiddenTotal;
                all.Fill(Activity.PyramidalStart(l), Sizes[l + 1], total);
            }

            all.Fill(Activity.PyramidalCount, Activity.InterneuronCount, g.InterneuronTotal);
            if (lesionedNeurons is not null)
            {
                // An interneuron whose pyramidal partner is lesioned is no longer nudged.
                for (var l = 0; l < Layers - 1; l++)
                {
                    for (var i = 0; i < Sizes[l + 2]; i++)
                    {
                        if (lesionedNeurons[Activity.PyramidalStart(l + 1) + i])
                        {
                            all.Fill(Activity.PyramidalCount + Activity.InterneuronStart(l) + i, 1, g.Leak + g.Dendrite);
                        }
                    }
                }
            }
        }

        if ((parts & EvaluatedParts.Input) != 0)
        {
            all.Fill(InputRange.Start.Value, Sizes[0] + Sizes[^1], 1.0 / Spec.InputFilterMs);
        }

        if ((parts & EvaluatedParts.Induction) != 0)
        {
            all.Fill(InductionRange.Start.Value, Induction.Length, 1.0 / Spec.PlasticityFilterMs);
        }

        if ((parts & EvaluatedParts.Consolidation) != 0)
        {
            all.Fill(WeightRange.Start.Value, Weights.Length, 0.0);
        }
    }

    /// <summary>Writes into leak-rate arrays that cover either the whole state or one segment of it.</summary>
    private readonly ref struct LeakWriter(Span<double> rates, Range segment)
    {
        private readonly Span<double> rates = rates;
        private readonly int origin = segment.Start.Value;

        public void Fill(int start, int length, double value) => rates.Slice(start - origin, length).Fill(value);
    }
}
