namespace NeuroSim.Models.BalanceCredit;

/// <summary>What the batched stepper (<see cref="BalanceCreditBatch"/>) reads from and writes back to each model of a batch.</summary>
public sealed partial class BalanceCreditModel
{
    /// <summary>
    /// The model's own arrays (not copies) and values the batch needs: the state vector (written back through
    /// <see cref="State"/>, which drops the kept evaluation), clamps, teaching, held credit, drives, fixed biases, the
    /// per-projection gains, whether f = sigma' comes from the same evaluation of the nonlinearity (the default balance
    /// function), and eta / tau_w as the plasticity steps compute it.
    /// </summary>
    internal readonly record struct BatchView(
        double[] State, bool[] RateClamped, double[] ClampedRate, bool[] Teaching, double[] Target, bool[] CreditHeld,
        double[] ExcitatoryDrive, double[] InhibitoryDrive, double[] CreditDrive, double[] RateDrive, double[] FixedBiases,
        double[] RetrogradeGains, double[] PlasticityGains, bool BalanceIsSlope, double PlasticityRate);

    internal BatchView ForBatch => new(
        state, rateClamped, clampedRate, teaching, target, creditHeld, excitatoryDrive, inhibitoryDrive, creditDrive, rateDrive, fixedBiases,
        retrogradeGains, plasticityGains, balanceIsSlope, PlasticityRate);
}
