namespace NeuroSim.Models.BalanceCredit;

/// <summary>What the batched stepper (<see cref="BalanceCreditBatch"/>) reads from and writes back to each model of a batch.</summary>
public sealed partial class BalanceCreditModel
{
    /// <summary>The state vector itself (the batch writes it back through <see cref="State"/>, which drops the kept evaluation).</summary>
    internal double[] StateArray => state;

    internal bool[] RateClampedMask => rateClamped;

    internal double[] ClampedRateValues => clampedRate;

    internal bool[] TeachingMask => teaching;

    internal double[] TargetValues => target;

    internal bool[] CreditHeldMask => creditHeld;

    internal double[] ExcitatoryDriveValues => excitatoryDrive;

    internal double[] InhibitoryDriveValues => inhibitoryDrive;

    internal double[] CreditDriveValues => creditDrive;

    internal double[] RateDriveValues => rateDrive;

    internal double[] FixedBiasValues => fixedBiases;

    internal double[] RetrogradeGainValues => retrogradeGains;

    internal double[] PlasticityGainValues => plasticityGains;

    /// <summary>Whether f = sigma' comes from the same evaluation of the nonlinearity (the default balance function).</summary>
    internal bool BalanceIsSlope => balanceIsSlope;

    /// <summary>eta / tau_w, as the plasticity steps compute it.</summary>
    internal double PlasticityRateValue => PlasticityRate;
}
