using System.Collections.Immutable;

namespace PortfolioMargin.Models.Grid;

/// <summary>One leg of an inter-group spread.</summary>
/// <param name="Group">Risk group (underlying symbol).</param>
/// <param name="DeltaPerSpread">Delta (units of underlying) of this leg per spread; &gt; 0.</param>
/// <param name="Side">Side of the spread.</param>
public sealed record InterSpreadLeg(string Group, double DeltaPerSpread, SpreadSide Side);
