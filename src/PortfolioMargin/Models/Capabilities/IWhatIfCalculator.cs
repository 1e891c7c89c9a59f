using System.Collections.Immutable;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models;

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
