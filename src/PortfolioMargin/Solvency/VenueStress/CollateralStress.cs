namespace PortfolioMargin.Solvency;

/// <summary>One collateral balance valued before and under a stress scenario (report currency, at the haircut in force each time). Immutable.</summary>
/// <param name="Asset">The asset.</param>
/// <param name="Amount">Units held.</param>
/// <param name="ValueBefore">Counted value on the base market at the balance's haircut.</param>
/// <param name="ValueAfter">Counted value on the scenario's market at the stressed haircut (or the balance's own when none is given).</param>
public sealed record CollateralStress(Currency Asset, double Amount, double ValueBefore, double ValueAfter)
{
    /// <summary>Loss on the balance, <c>ValueBefore − ValueAfter</c> (price move and haircut increase).</summary>
    public double Loss => ValueBefore - ValueAfter;
}
