using System.Collections.Immutable;
using PortfolioMargin.Instruments;

namespace PortfolioMargin.MarketData;

/// <summary>Read access to everything a snapshot holds and symbol-keyed setters, for the file formats (<c>PortfolioMargin.Serialization</c>).</summary>
public sealed partial class MarketSnapshot
{
    /// <summary>Spot prices by underlying symbol.</summary>
    internal ImmutableDictionary<string, double> SpotPrices => _spots;

    /// <summary>Forward prices by underlying symbol and expiry.</summary>
    internal ImmutableDictionary<(string Symbol, DateTimeOffset Expiry), double> ForwardPrices => _forwards;

    /// <summary>Vol surfaces by underlying symbol.</summary>
    internal ImmutableDictionary<string, VolSurface> VolSurfaces => _vols;

    /// <summary>Discount rates by currency.</summary>
    internal ImmutableDictionary<Currency, double> Rates => _rates;

    /// <summary>Explicit conversion rates to the report currency by currency.</summary>
    internal ImmutableDictionary<Currency, double> FxRates => _fx;

    /// <summary>
    /// <see cref="WithForward(Underlying, DateTimeOffset, double)"/> by symbol: forwards and vols are keyed by symbol
    /// only, and a file may hold them for an underlying that has no spot (so no base and quote currency).
    /// </summary>
    internal MarketSnapshot WithForward(string symbol, DateTimeOffset expiry, double forward)
    {
        Guard.Positive(forward, $"Forward price of '{symbol}' for expiry {expiry:yyyy-MM-dd}");
        return With(forwards: _forwards.SetItem((symbol, expiry), forward));
    }

    /// <summary><see cref="WithVolSurface(Underlying, VolSurface)"/> by symbol (see <see cref="WithForward(string, DateTimeOffset, double)"/>).</summary>
    internal MarketSnapshot WithVolSurface(string symbol, VolSurface surface) => With(vols: _vols.SetItem(symbol, Guard.NotNull(surface)));
}
