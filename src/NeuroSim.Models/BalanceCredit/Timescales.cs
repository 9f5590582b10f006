namespace NeuroSim.Models.BalanceCredit;

/// <summary>
/// Time constants of the three processes, in ms. The messenger time constant is optional: null means
/// the retrograde signal reaches the presynaptic terminal instantly (no per-synapse messenger state).
/// The synaptic time constants are optional too: null (the default) means the E and I pools follow their
/// inputs instantly; set both to filter them, tau_E dE/dt = -E + sum_j max(w_ij, 0) x_j + e_i and likewise for I.
/// </summary>
public sealed record Timescales(double FiringMs, double CreditMs, double PlasticityMs, double? MessengerMs = null)
{
    /// <summary>tau_E of the excitatory pool's synaptic filter, or null for an instantaneous pool.</summary>
    public double? SynapticExcitatoryMs { get; init; }

    /// <summary>tau_I of the inhibitory pool's synaptic filter, or null for an instantaneous pool.</summary>
    public double? SynapticInhibitoryMs { get; init; }

    /// <summary>True when the E and I pools are filtered (both synaptic time constants set).</summary>
    public bool HasSynapticFilters => SynapticExcitatoryMs is not null;

    /// <summary>
    /// The separated family tau_x : tau_c : tau_w = 1 : 1/eps : 1/eps^2 (so eps = tau_x/tau_c = tau_c/tau_w),
    /// with tau_m = messengerFraction * tau_c when messengers are simulated.
    /// </summary>
    public static Timescales Separated(double firingMs, double epsilon, double? messengerFraction = null)
    {
        if (!(epsilon > 0) || !double.IsFinite(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "separation epsilon must be finite and > 0");
        }

        var credit = firingMs / epsilon;
        return new Timescales(firingMs, credit, credit / epsilon, messengerFraction * credit);
    }

    /// <summary>eps_1 = tau_x / tau_c.</summary>
    public double FiringToCredit => FiringMs / CreditMs;

    /// <summary>eps_2 = tau_c / tau_w.</summary>
    public double CreditToPlasticity => CreditMs / PlasticityMs;

    /// <summary>
    /// Scales every ratio between successive time constants by <paramref name="factor"/>, keeping tau_x:
    /// factor &gt; 1 separates the timescales further, factor &lt; 1 brings them together.
    /// </summary>
    public Timescales WithSeparationScaled(double factor)
    {
        if (!(factor > 0) || !double.IsFinite(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "separation factor must be finite and > 0");
        }

        var credit = CreditMs * factor;
        return this with { CreditMs = credit, PlasticityMs = PlasticityMs * factor * factor, MessengerMs = MessengerMs * factor };
    }

    /// <summary>Throws with the field name and allowed range when a time constant is not finite and positive.</summary>
    public void Validate()
    {
        Check(FiringMs, "tau_firing_ms");
        Check(CreditMs, "tau_credit_ms");
        Check(PlasticityMs, "tau_plasticity_ms");
        if (MessengerMs is { } m)
        {
            Check(m, "tau_messenger_ms");
        }

        if ((SynapticExcitatoryMs is null) != (SynapticInhibitoryMs is null))
        {
            throw new ArgumentException("synaptic filters: give both tau_E and tau_I (synaptic_e and synaptic_i), or neither for instantaneous pools");
        }

        if (SynapticExcitatoryMs is { } e)
        {
            Check(e, "tau_synaptic_e_ms");
            Check(SynapticInhibitoryMs!.Value, "tau_synaptic_i_ms");
        }
    }

    private static void Check(double value, string field)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(field, value, $"{field} = {value}: must be finite and > 0 ms");
        }
    }
}
