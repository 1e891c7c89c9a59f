using System.Collections.Immutable;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models;

/// <summary>Creates what-if calculators for any model.</summary>
public static class WhatIfCalculator
{
    /// <summary>
    /// The fastest what-if calculator for <paramref name="model"/>: the model's own when it implements
    /// <see cref="IWhatIfMarginModel"/> (every built-in model with an incremental form does), otherwise one that
    /// recomputes the whole book per question (correct, not fast).
    /// </summary>
    /// <param name="model">The margin model.</param>
    /// <param name="book">The resolved book.</param>
    /// <returns>The calculator.</returns>
    public static IWhatIfCalculator Create(IMarginModel model, ResolvedPortfolio book)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(book);
        return model is IWhatIfMarginModel own ? own.CreateWhatIf(book) : new RecomputingWhatIf(model, book);
    }
}

