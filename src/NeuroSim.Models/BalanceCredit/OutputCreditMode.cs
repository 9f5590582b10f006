namespace NeuroSim.Models.BalanceCredit;

/// <summary>How the teaching signal y - x_out enters the output neurons' credit.</summary>
public enum OutputCreditMode
{
    /// <summary>c_out := y - x_out (the paper, section 2.5): exact BP in layered networks.</summary>
    Replace,

    /// <summary>c_out = (W^T (f ⊙ c))_out + y - x_out (Almeida-Pineda): exact in recurrent networks too.</summary>
    Inject,
}
