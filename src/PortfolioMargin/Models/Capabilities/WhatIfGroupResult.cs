using System.Collections.Immutable;

namespace PortfolioMargin.Models;

/// <summary>Margin before and after a what-if, for one risk group (report currency).</summary>
/// <param name="Group">Risk group (underlying symbol).</param>
/// <param name="MaintenanceBefore">Group maintenance margin of the book.</param>
/// <param name="MaintenanceAfter">Group maintenance margin with the order.</param>
/// <param name="InitialBefore">Group initial margin of the book.</param>
/// <param name="InitialAfter">Group initial margin with the order.</param>
/// <param name="ScanRiskAfter">Scan risk with the order (NaN when the model has no scan).</param>
/// <param name="BindingScenarioAfter">Id of the binding scenario with the order, or null (no scenario loses, or the model has none).</param>
public sealed record WhatIfGroupResult(string Group, double MaintenanceBefore, double MaintenanceAfter, double InitialBefore, double InitialAfter,
    double ScanRiskAfter, string? BindingScenarioAfter);
