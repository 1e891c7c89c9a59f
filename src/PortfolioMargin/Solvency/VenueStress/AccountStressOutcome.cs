using System.Collections.Immutable;
using PortfolioMargin.RealTime;

namespace PortfolioMargin.Solvency;

/// <summary>
/// One account under one stress scenario: equity before and after the move, the loss, the uncovered loss (bad debt)
/// <c>max(0, loss − equity) = max(0, −equity after)</c>, and where the loss comes from. Immutable.
/// </summary>
/// <remarks>
/// The loss splits exactly into <see cref="PositionsLoss"/> (marked value and futures variation of the positions) and
/// the loss per <see cref="Collateral">balance</see>. <see cref="PositionPnl"/> attributes the positions' part to each
/// position by full revaluation (the stress engine's P&amp;L, coin-settled P&amp;L converted at today's coin price); for
/// coin-settled positions the equity holds it at the shocked coin price, and <see cref="ConversionDifference"/> is that
/// difference, so <c>PositionsLoss = −Σ PositionPnl + ConversionDifference</c>.
/// </remarks>
/// <param name="AccountId">The account.</param>
/// <param name="Member">Its member (its own id when it has none).</param>
/// <param name="EquityBefore">Equity on the base market (collateral at haircut value plus marked positions).</param>
/// <param name="EquityAfter">Equity on the scenario's market: collateral revalued at the stressed haircut, positions revalued, futures variation.</param>
/// <param name="InitialMarginBefore">The model's initial margin on the base market.</param>
/// <param name="PositionsLoss">Positions' value before minus after (futures variation and settlement of expired positions included).</param>
/// <param name="Collateral">Each balance before and after.</param>
/// <param name="PositionPnl">P&amp;L per position by full revaluation (item = position label), in position order.</param>
/// <param name="Detail">The stress engine's result for the account: margin under stress, status, P&amp;L per group.</param>
public sealed record AccountStressOutcome(string AccountId, string Member, double EquityBefore, double EquityAfter, double InitialMarginBefore,
    double PositionsLoss, ImmutableArray<CollateralStress> Collateral, ImmutableArray<StressPnl> PositionPnl, StressScenarioResult Detail)
{
    /// <summary>Loss <c>EquityBefore − EquityAfter</c> (positive = loss).</summary>
    public double Loss => EquityBefore - EquityAfter;

    /// <summary>Uncovered loss (bad debt) <c>max(0, Loss − EquityBefore) = max(0, −EquityAfter)</c>.</summary>
    public double UncoveredLoss => Math.Max(0.0, -EquityAfter);

    /// <summary>Loss on collateral, <c>Σ Collateral.Loss</c>.</summary>
    public double CollateralLoss => Collateral.Sum(c => c.Loss);

    /// <summary><c>PositionsLoss + Σ PositionPnl</c>: the conversion of coin-settled P&amp;L at the shocked coin price (and a scenario weight ≠ 1).</summary>
    public double ConversionDifference => PositionsLoss + PositionPnl.Sum(p => p.Pnl);
}
