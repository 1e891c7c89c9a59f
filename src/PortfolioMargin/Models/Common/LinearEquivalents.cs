using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Instruments;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models;

/// <summary>
/// Replaces products a venue does not list by their linear (quote-settled) equivalents, position for position, so a
/// venue model can margin any book and its contributions keep the book's indices. Used by the venue models; a
/// diagnostic lists what was replaced.
/// </summary>
/// <remarks>
/// Equivalents at the snapshot's prices: an inverse option of <c>q</c> contracts of multiplier <c>m</c> becomes the
/// linear option on the same strike and expiry with <c>q·m</c> units (its coin payoff times the spot is the linear
/// payoff); an inverse future or perpetual of face value <c>q·m</c> (quote currency) becomes the linear one of
/// <c>q·m / P</c> units, <c>P</c> its reference price, which has the same delta in units of the underlying.
/// </remarks>
internal static class LinearEquivalents
{
    /// <summary>Diagnostic code of the replacement.</summary>
    public const string Code = "PRODUCT_MAPPED";

    /// <summary>
    /// The book with the selected inverse products replaced (the same instance when nothing is replaced), and the
    /// diagnostic naming the replaced positions (null when none).
    /// </summary>
    /// <param name="book">The resolved book.</param>
    /// <param name="venue">Venue name for the diagnostic.</param>
    /// <param name="options">Replace inverse options.</param>
    /// <param name="deltaOne">Replace inverse futures and perpetuals.</param>
    public static (ResolvedPortfolio Book, MarginDiagnostic? Diagnostic) Map(ResolvedPortfolio book, string venue, bool options, bool deltaOne)
    {
        List<string>? mapped = null;
        Position[]? positions = null;
        for (int i = 0; i < book.Count; i++)
        {
            InstrumentKind kind = book.Kind[i];
            bool replace = (options && kind == InstrumentKind.InverseOption)
                || (deltaOne && kind is InstrumentKind.InverseFuture or InstrumentKind.InversePerpetual);
            if (!replace)
            {
                continue;
            }

            positions ??= [.. book.Portfolio.Positions];
            positions[i] = Linear(book, i);
            (mapped ??= []).Add(book.Portfolio[i].ToString());
        }

        if (positions is null)
        {
            return (book, null);
        }

        var diagnostic = new MarginDiagnostic(Code, string.Create(CultureInfo.InvariantCulture,
            $"{venue} lists no such product; margined as the linear equivalent (same delta in units of the underlying): {string.Join(", ", mapped!)}."));
        return (ResolvedPortfolio.Resolve(new Portfolio(positions), book.Market), diagnostic);
    }

    private static Position Linear(ResolvedPortfolio book, int i)
    {
        Position p = book.Portfolio[i];
        Instrument ins = p.Instrument;
        string name = ins.Name + "~LIN";
        return ins switch
        {
            EuropeanOption o => new Position(new EuropeanOption(o.Underlying, o.Right, o.Strike, o.ExpiryTime, OptionSettlement.Linear, 1.0, name), p.Quantity * o.Multiplier),
            Future f => new Position(new Future(f.Underlying, f.ExpiryTime, inverse: false, 1.0, name), p.Quantity * f.Multiplier / book.Price[i]),
            Perpetual s => new Position(new Perpetual(s.Underlying, inverse: false, 1.0, name), p.Quantity * s.Multiplier / book.Price[i]),
            _ => p,
        };
    }
}
