namespace PortfolioMargin.Models.Grid;

/// <summary>One position's facts as the group rules need them (everything but its risk array).</summary>
/// <param name="Slot">Index into the result's contributions.</param>
/// <param name="Index">Position index reported in its contribution.</param>
/// <param name="Column">Column of its risk array in the group's scenario-major P&amp;L block.</param>
/// <param name="Label">Display label.</param>
/// <param name="Delta">Delta in units of underlying.</param>
/// <param name="DaysToExpiry">Days to expiry.</param>
/// <param name="Kind">Spot, future, call or put.</param>
/// <param name="Units">Signed units (<c>q·m</c> for options, delta otherwise).</param>
/// <param name="ContractKey">Contract identity for netting.</param>
/// <param name="UnderlyingPrice">Reference price in the report currency.</param>
/// <param name="Value">Marked option value in the report currency.</param>
internal readonly record struct GridPositionFacts(int Slot, int Index, int Column, string Label, double Delta, double DaysToExpiry, GridPositionKind Kind,
    double Units, string ContractKey, double UnderlyingPrice, double Value);

/// <summary>
/// One risk group laid out for the calculator: <paramref name="Count"/> positions' facts (in group order) and their
/// weighted P&amp;L scenario-major, <c>Pnl[s·Count + Facts[k].Column]</c>. The arrays may be pooled and longer than needed.
/// </summary>
/// <param name="Group">Risk group.</param>
/// <param name="Parameters">The group's parameters.</param>
/// <param name="Facts">Facts per position (first <paramref name="Count"/> used).</param>
/// <param name="Count">Number of positions.</param>
/// <param name="Pnl">Scenario-major weighted P&amp;L.</param>
internal readonly record struct GridGroupInput(string Group, GridGroupParameters Parameters, GridPositionFacts[] Facts, int Count, double[] Pnl);
