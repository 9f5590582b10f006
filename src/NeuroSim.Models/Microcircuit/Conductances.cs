namespace NeuroSim.Models.Microcircuit;

/// <summary>
/// The compartment coupling conductances of the microcircuit (1/ms; membrane capacitance 1, rest 0). Defaults
/// are those of the paper's reimplementations (g_lk 0.1, g_B 1, g_A 0.8, g_D 1, g_som 0.8).
/// </summary>
/// <param name="Leak">g_lk, the somatic leak.</param>
/// <param name="Basal">g_B, basal dendrite to soma (bottom-up).</param>
/// <param name="Apical">g_A, apical dendrite to soma (top-down and interneuron feedback); 0 at the output layer.</param>
/// <param name="Dendrite">g_D, interneuron dendrite to soma.</param>
/// <param name="Somatic">g_som, the somatic nudging toward the target (output) or the upper pyramidal neuron (interneuron).</param>
public sealed record Conductances(double Leak = 0.1, double Basal = 1.0, double Apical = 0.8, double Dendrite = 1.0, double Somatic = 0.8)
{
    /// <summary>Total conductance of a hidden pyramidal soma: its inverse is the effective time constant.</summary>
    public double HiddenTotal => Leak + Basal + Apical;

    /// <summary>Total conductance of an output soma, nudged or not.</summary>
    public double OutputTotal(bool nudged) => Leak + Basal + (nudged ? Somatic : 0.0);

    /// <summary>Total conductance of an interneuron soma (always nudged by its pyramidal partner).</summary>
    public double InterneuronTotal => Leak + Dendrite + Somatic;

    /// <summary>lambda_A = g_A / (g_lk + g_B + g_A): how much of a hidden soma's steady state the apical potential sets.</summary>
    public double ApicalMixing => Apical / HiddenTotal;

    /// <summary>lambda_out = g_som / (g_lk + g_B + g_som): how far the output is nudged toward the target.</summary>
    public double OutputMixing => Somatic / OutputTotal(nudged: true);

    /// <summary>lambda_I = g_som / (g_lk + g_D + g_som): how far an interneuron is nudged toward its pyramidal partner.</summary>
    public double InterneuronMixing => Somatic / InterneuronTotal;

    /// <summary>g_B / (g_lk + g_B + g_A): the hidden soma's steady state per unit basal potential (its dendritic prediction).</summary>
    public double HiddenBasalAttenuation => Basal / HiddenTotal;

    /// <summary>g_B / (g_lk + g_B): the output soma's dendritic prediction per unit basal potential (no apical compartment).</summary>
    public double OutputBasalAttenuation => Basal / (Leak + Basal);

    /// <summary>g_D / (g_lk + g_D): the interneuron's dendritic prediction per unit dendritic potential.</summary>
    public double InterneuronAttenuation => Dendrite / (Leak + Dendrite);

    /// <summary>Throws when a conductance is negative, not finite, or the leak is not positive.</summary>
    public void Validate()
    {
        Check(Leak, "g_lk", positive: true);
        Check(Basal, "g_B", positive: false);
        Check(Apical, "g_A", positive: false);
        Check(Dendrite, "g_D", positive: false);
        Check(Somatic, "g_som", positive: false);
    }

    private static void Check(double value, string name, bool positive)
    {
        if (!double.IsFinite(value) || value < 0 || (positive && value == 0))
        {
            throw new ArgumentOutOfRangeException(name, value, $"conductance {name} = {value} must be {(positive ? "> 0" : ">= 0")} and finite (1/ms)");
        }
    }
}
