using System.Collections.Immutable;

namespace PortfolioMargin.Models;

/// <summary>
/// The answer of a what-if: total initial and maintenance margin before and after the order, the change, and the
/// per-group figures after. Per-position contributions are not part of it (they need every position): apply the
/// order and read the full model result when you need them. Immutable.
/// </summary>
/// <param name="Currency">Report currency.</param>
/// <param name="InitialBefore">Initial margin of the book.</param>
/// <param name="InitialAfter">Initial margin of the book plus the order.</param>
/// <param name="MaintenanceBefore">Maintenance margin of the book.</param>
/// <param name="MaintenanceAfter">Maintenance margin of the book plus the order.</param>
/// <param name="Groups">Per risk group in order of first appearance (book groups, then groups the order opens); empty when the model has no groups.</param>
public sealed record WhatIfResult(Currency Currency, double InitialBefore, double InitialAfter, double MaintenanceBefore, double MaintenanceAfter,
    ImmutableArray<WhatIfGroupResult> Groups)
{
    /// <summary>Initial margin change: <c>InitialAfter − InitialBefore</c> (positive = the order needs margin).</summary>
    public double InitialChange => InitialAfter - InitialBefore;

    /// <summary>Maintenance margin change: <c>MaintenanceAfter − MaintenanceBefore</c>.</summary>
    public double MaintenanceChange => MaintenanceAfter - MaintenanceBefore;
}
