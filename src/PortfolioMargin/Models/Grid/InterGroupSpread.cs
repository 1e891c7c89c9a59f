using System.Collections.Immutable;

namespace PortfolioMargin.Models.Grid;

/// <summary>
/// An inter-group spread credit (spec §6.2.7): legs with delta ratios and sides; <c>n = min over legs(|remaining Δ| /
/// ratio)</c>; credit per leg <c>= n · ratio · WPR · CreditRate</c> with <c>WPR = price risk / |net Δ|</c> of the leg's
/// group; deltas consumed. Spreads apply in ascending priority.
/// </summary>
/// <param name="Priority">Order of application (lower first).</param>
/// <param name="CreditRate">Credit rate in [0, 1].</param>
/// <param name="Legs">Two or more legs, at least one per side.</param>
public sealed record InterGroupSpread(int Priority, double CreditRate, ImmutableArray<InterSpreadLeg> Legs);
