namespace NeuroSim.Models.BalanceCredit;

/// <summary>The balance function: "slope" (f = sigma', exact BP) or "gaussian" (set-point and width in units of net input).</summary>
public sealed record BalanceSpec(string Kind, double SetPoint = 0.0, double Width = 1.0)
{
    public static IReadOnlyList<string> Kinds { get; } = ["slope", "gaussian"];

    public static BalanceSpec Slope { get; } = new("slope");

    public static BalanceSpec Gaussian(double setPoint, double width) => new("gaussian", setPoint, width);
}
