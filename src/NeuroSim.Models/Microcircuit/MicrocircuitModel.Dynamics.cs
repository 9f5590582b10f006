namespace NeuroSim.Models.Microcircuit;

/// <summary>The parts of the microcircuit ODE an evaluation writes (the rest is read only).</summary>
[Flags]
internal enum EvaluatedParts
{
    None = 0,
    Soma = 1,
    Input = 2,
    Induction = 4,
    Consolidation = 8,
    All = Soma | Input | Induction | Consolidation,
}

public sealed partial class MicrocircuitModel
{
    /// <summary>
    /// From one full state <paramref name="y"/>: every rate and dendritic potential, and the drive N (the
    /// derivative without the leak -a y) of the parts in <paramref name="parts"/>, written into
    /// <paramref name="drive"/> at state offsets (drive covers the whole state, or is empty for None).
    /// </summary>
    internal void Evaluate(ReadOnlySpan<double> y, Span<double> drive, EvaluatedParts parts)
    {
        var soma = y[SomaRange];
        var pyramidal = soma[..Activity.PyramidalCount];
        var interneurons = soma[Activity.PyramidalCount..];
        var input = y.Slice(InputRange.Start.Value, Sizes[0]);
        Activity.Compute(pyramidal, interneurons, input, Weights, y[WeightRange], InterneuronGate, InterneuronsSilenced, lesionedNeurons);
        if (drivesActive)
        {
            Activity.AddDendriticDrives(drives[BasalPool].AsSpan(Sizes[0]), drives[ApicalPool].AsSpan(Sizes[0]), drives[DendritePool].AsSpan(Sizes[0] + Activity.PyramidalCount));
        }

        if ((parts & EvaluatedParts.Soma) != 0)
        {
            SomaDrive(pyramidal, y.Slice(InputRange.Start.Value + Sizes[0], Sizes[^1]), drive[SomaRange]);
        }

        if ((parts & EvaluatedParts.Input) != 0)
        {
            InputDrive(drive[InputRange]);
        }

        if ((parts & EvaluatedParts.Induction) != 0)
        {
            // tau_w dDelta/dt = -Delta + induction: the drive is induction / tau_w.
            Activity.Induce(pyramidal, interneurons, input, Induction, Rates, 1.0 / Spec.PlasticityFilterMs, drive[InductionRange]);
            ClearRemoved(drive[InductionRange]);
        }

        if ((parts & EvaluatedParts.Consolidation) != 0)
        {
            ConsolidationDrive(y[InductionRange], drive[WeightRange]);
        }
    }

    private void SomaDrive(ReadOnlySpan<double> pyramidal, ReadOnlySpan<double> target, Span<double> drive)
    {
        var g = Conductances;
        for (var l = 0; l < Layers; l++)
        {
            var d = drive[Activity.PyramidalLayer(l)];
            var vB = Activity.Basal(l);
            if (l < Layers - 1)
            {
                var vA = Activity.Apical(l);
                for (var i = 0; i < d.Length; i++)
                {
                    d[i] = (g.Basal * vB[i]) + (g.Apical * vA[i]);
                }
            }
            else
            {
                var nudge = Nudging ? g.Somatic : 0.0;
                for (var i = 0; i < d.Length; i++)
                {
                    d[i] = (g.Basal * vB[i]) + (nudge * target[i]);
                }
            }
        }

        // Interneuron j of layer l is nudged one-to-one toward the somatic potential of pyramidal neuron j of layer l + 1.
        var interneurons = drive[Activity.PyramidalCount..];
        for (var l = 0; l < Layers - 1; l++)
        {
            var d = interneurons[Activity.InterneuronLayer(l)];
            var vI = Activity.InterneuronDendrite(l);
            var partner = pyramidal[Activity.PyramidalLayer(l + 1)];
            for (var i = 0; i < d.Length; i++)
            {
                d[i] = (g.Dendrite * vI[i]) + (g.Somatic * partner[i]);
            }

            if (lesionedNeurons is not null)
            {
                // A lesioned pyramidal neuron no longer nudges its interneuron (LeakRates drops g_som there too).
                var first = Activity.PyramidalStart(l + 1);
                for (var i = 0; i < d.Length; i++)
                {
                    if (lesionedNeurons[first + i])
                    {
                        d[i] = g.Dendrite * vI[i];
                    }
                }
            }
        }

        if (drivesActive)
        {
            // An external current into the somata (pyramidal neurons, then interneurons: the order of the soma segment).
            var current = drives[SomaPool].AsSpan(Sizes[0], drive.Length);
            for (var k = 0; k < drive.Length; k++)
            {
                drive[k] += current[k];
            }
        }
    }

    private void InputDrive(Span<double> drive)
    {
        var rate = 1.0 / Spec.InputFilterMs;
        for (var k = 0; k < inputPattern.Length; k++)
        {
            drive[k] = rate * inputPattern[k];
        }

        if (drivesActive)
        {
            // A soma drive into the input layer adds to the rates switched in through the input filter.
            var extra = drives[SomaPool];
            for (var k = 0; k < inputPattern.Length; k++)
            {
                drive[k] = rate * (inputPattern[k] + extra[k]);
            }
        }

        for (var k = 0; k < targetPotential.Length; k++)
        {
            drive[inputPattern.Length + k] = rate * targetPotential[k];
        }
    }

    private void ConsolidationDrive(ReadOnlySpan<double> induction, Span<double> drive)
    {
        var classes = MicrocircuitWeights.Classes;
        for (var c = 0; c < classes.Count; c++)
        {
            var kind = classes[c];
            for (var l = 0; l < Weights.CountOf(kind); l++)
            {
                var delta = Induction.Of(kind, l, induction);
                var d = Weights.Of(kind, l, drive);
                var eta = PlasticityGain * classGains[(int)PlasticClassOf(kind)] * CircuitActivity.RateOf(Rates, kind, l);
                for (var k = 0; k < delta.Length; k++)
                {
                    d[k] = eta * delta[k];
                }
            }
        }

        ClearRemoved(drive);
    }

    /// <summary>Removed synapses (and every synapse of a lesioned neuron) neither induce nor consolidate: their drive is 0.</summary>
    private void ClearRemoved(Span<double> drive)
    {
        if (removedWeights is null)
        {
            return;
        }

        for (var k = 0; k < removedWeights.Length; k++)
        {
            if (removedWeights[k])
            {
                drive[k] = 0.0;
            }
        }
    }

    /// <summary>The class family whose gain scales <paramref name="kind"/>.</summary>
    internal static PlasticClass PlasticClassOf(WeightClass kind) => kind switch
    {
        WeightClass.Up or WeightClass.UpBias => PlasticClass.Up,
        WeightClass.Down => PlasticClass.Down,
        WeightClass.PyramidalToInterneuron or WeightClass.InterneuronBias => PlasticClass.PyramidalToInterneuron,
        _ => PlasticClass.InterneuronToPyramidal,
    };
}
