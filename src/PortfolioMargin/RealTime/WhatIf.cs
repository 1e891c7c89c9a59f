using System.Collections.Immutable;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.RealTime;

/// <summary>
/// A pre-trade calculator for one book: answers "margin if I add these positions" (an order; remove or reduce a
/// position by adding its opposite) without recomputing the rest of the book, and applies orders. Implementations are
/// immutable and thread-safe: <see cref="Apply"/> returns a new calculator and leaves this one unchanged.
/// </summary>
/// <remarks>
/// Semantics: the what-if result equals margining <c>Portfolio.Add(order)</c> (the order's positions appended to the
/// book) on <see cref="Market"/> with the calculator's model.
/// </remarks>
public interface IWhatIfCalculator
{
    /// <summary>The book the calculator holds (after every applied order).</summary>
    Portfolio Portfolio { get; }

    /// <summary>The snapshot the book and every order are valued against.</summary>
    MarketSnapshot Market { get; }

    /// <summary>Initial margin of the book, in the report currency.</summary>
    double InitialMargin { get; }

    /// <summary>Maintenance margin of the book, in the report currency.</summary>
    double MaintenanceMargin { get; }

    /// <summary>The margin of the book with <paramref name="order"/> added, and the change.</summary>
    /// <param name="order">Signed positions to add (may be empty).</param>
    /// <returns>Margin before and after, per risk group.</returns>
    /// <exception cref="MissingMarketDataException">Market data an order position needs is missing (names the instrument).</exception>
    WhatIfResult WhatIf(params ReadOnlySpan<Position> order);

    /// <summary>A new calculator holding the book with <paramref name="order"/> added; this one is unchanged.</summary>
    /// <param name="order">Signed positions to add.</param>
    /// <returns>The calculator for <c>Portfolio.Add(order)</c>.</returns>
    IWhatIfCalculator Apply(params ReadOnlySpan<Position> order);
}

/// <summary>
/// A margin model that provides its own incremental what-if calculator (the extension point for models other than
/// the scenario grid, e.g. a covariance VaR that keeps <c>Σe</c> and updates it in O(n) per order).
/// </summary>
public interface IWhatIfMarginModel : IMarginModel
{
    /// <summary>Creates the model's what-if calculator for a resolved book.</summary>
    /// <param name="book">The book.</param>
    /// <returns>The calculator.</returns>
    IWhatIfCalculator CreateWhatIf(ResolvedPortfolio book);
}

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

/// <summary>Creates what-if calculators for any model.</summary>
public static class WhatIfCalculator
{
    /// <summary>
    /// The fastest what-if calculator for <paramref name="model"/>: the model's own when it implements
    /// <see cref="IWhatIfMarginModel"/>, the incremental <see cref="GridWhatIf"/> for the scenario grid, otherwise one
    /// that recomputes the whole book per question (correct, not fast).
    /// </summary>
    /// <param name="model">The margin model.</param>
    /// <param name="book">The resolved book.</param>
    /// <returns>The calculator.</returns>
    public static IWhatIfCalculator Create(IMarginModel model, ResolvedPortfolio book)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(book);
        return model switch
        {
            IWhatIfMarginModel own => own.CreateWhatIf(book),
            ScenarioGridModel grid => new GridWhatIf(grid, book),
            _ => new RecomputingWhatIf(model, book),
        };
    }
}

/// <summary>The fallback calculator: margins <c>book + order</c> in full for every question.</summary>
internal sealed class RecomputingWhatIf : IWhatIfCalculator
{
    private readonly IMarginModel _model;
    private readonly MarginResult _base;

    public RecomputingWhatIf(IMarginModel model, ResolvedPortfolio book)
    {
        _model = model;
        Portfolio = book.Portfolio;
        Market = book.Market;
        _base = model.Calculate(book);
    }

    public Portfolio Portfolio { get; }

    public MarketSnapshot Market { get; }

    public double InitialMargin => _base.InitialMargin;

    public double MaintenanceMargin => _base.MaintenanceMargin;

    public WhatIfResult WhatIf(params ReadOnlySpan<Position> order)
    {
        MarginResult after = _model.Calculate(Portfolio.Add(order.ToArray()), Market);
        return new WhatIfResult(Market.ReportCurrency, _base.InitialMargin, after.InitialMargin, _base.MaintenanceMargin, after.MaintenanceMargin,
            ImmutableArray<WhatIfGroupResult>.Empty);
    }

    public IWhatIfCalculator Apply(params ReadOnlySpan<Position> order) =>
        new RecomputingWhatIf(_model, ResolvedPortfolio.Resolve(Portfolio.Add(order.ToArray()), Market));
}
