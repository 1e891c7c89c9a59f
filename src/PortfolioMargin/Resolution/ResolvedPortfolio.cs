using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Pricing;

namespace PortfolioMargin.Portfolios;

/// <summary>
/// A portfolio validated and resolved once against a market snapshot into flat structure-of-arrays form: one entry
/// per position in portfolio order, with everything a kernel needs (kind, underlying index, quantity, multiplier,
/// reference price, strike, vol, time, rate, call/put sign, conversion to the report currency) and, for options, the
/// Black-76 price and greeks per unit, computed once here by the library's one resolver (<c>ResolvedLeg.Resolve</c>).
/// Immutable after construction and thread-safe; the spans it exposes are read-only views.
/// </summary>
/// <remarks>
/// Reference price: the underlying's spot for spot holdings and perpetuals, the forward for the expiry for futures
/// and options. Times are year fractions from the valuation time under the snapshot's day count. For
/// non-options <c>Strike</c>, <c>Vol</c>, <c>Rate</c> and <c>Omega</c> are 0; for futures <c>Time</c> is the time to expiry.
/// </remarks>
public sealed class ResolvedPortfolio
{
    private readonly InstrumentKind[] _kind;
    private readonly int[] _underlyingIndex;
    private readonly double[] _quantity, _multiplier, _price, _strike, _vol, _time, _rate, _omega, _fx;
    private readonly OptionGreeks[] _black76;
    private readonly double[] _underlyingSpot;

    private ResolvedPortfolio(Portfolio portfolio, MarketSnapshot market, ImmutableArray<Underlying> underlyings, double[] underlyingSpot, int n)
    {
        Portfolio = portfolio;
        Market = market;
        Underlyings = underlyings;
        _underlyingSpot = underlyingSpot;
        _kind = new InstrumentKind[n];
        _underlyingIndex = new int[n];
        _quantity = new double[n];
        _multiplier = new double[n];
        _price = new double[n];
        _strike = new double[n];
        _vol = new double[n];
        _time = new double[n];
        _rate = new double[n];
        _omega = new double[n];
        _fx = new double[n];
        _black76 = new OptionGreeks[n];
    }

    /// <summary>Validates <paramref name="portfolio"/> against <paramref name="market"/> and resolves it.</summary>
    /// <exception cref="MissingMarketDataException">A spot, forward, vol, rate or conversion rate a position needs is missing (names the instrument and field).</exception>
    /// <exception cref="ArgumentException">An instrument has expired before the valuation time, or two underlyings share a symbol.</exception>
    public static ResolvedPortfolio Resolve(Portfolio portfolio, MarketSnapshot market)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(market);
        var underlyings = ImmutableArray.CreateBuilder<Underlying>();
        var indexBySymbol = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Position p in portfolio.Positions)
        {
            Underlying u = p.Instrument.Underlying;
            if (indexBySymbol.TryGetValue(u.Symbol, out int existing))
            {
                if (underlyings[existing] != u)
                {
                    Guard.ThrowArgument($"Two different underlyings share the symbol '{u.Symbol}' (instrument '{p.Instrument.Name}').", nameof(portfolio));
                }
            }
            else
            {
                indexBySymbol.Add(u.Symbol, underlyings.Count);
                underlyings.Add(u);
            }
        }

        var spots = new double[underlyings.Count];
        for (int j = 0; j < spots.Length; j++)
        {
            spots[j] = market.HasSpot(underlyings[j]) ? market.Spot(underlyings[j]) : double.NaN;
        }

        int n = portfolio.Count;
        var r = new ResolvedPortfolio(portfolio, market, underlyings.ToImmutable(), spots, n);
        for (int i = 0; i < n; i++)
        {
            r.ResolveOne(i, portfolio[i], indexBySymbol[portfolio[i].Instrument.Underlying.Symbol]);
        }

        return r;
    }

    private void ResolveOne(int i, Position position, int underlyingIndex)
    {
        ResolvedLeg leg = ResolvedLeg.Resolve(position, Market, "portfolio");
        _kind[i] = leg.Kind;
        _underlyingIndex[i] = underlyingIndex;
        _quantity[i] = leg.Quantity;
        _multiplier[i] = leg.Multiplier;
        _fx[i] = leg.SettlementToReport;
        _price[i] = leg.Price;
        _time[i] = leg.Time;
        _strike[i] = leg.Strike;
        _vol[i] = leg.Vol;
        _rate[i] = leg.Rate;
        _omega[i] = leg.Omega;
        _black76[i] = leg.Black76;
    }

    /// <summary>Row <paramref name="i"/> as a resolved leg (no lookup or pricing: the fields resolved at construction).</summary>
    internal ResolvedLeg Leg(int i) =>
        new(Portfolio[i], _kind[i], _fx[i], _price[i], _time[i], _strike[i], _vol[i], _rate[i], _omega[i], _black76[i]);

    /// <summary>The source portfolio.</summary>
    public Portfolio Portfolio { get; }

    /// <summary>The market snapshot it was resolved against.</summary>
    public MarketSnapshot Market { get; }

    /// <summary>Number of positions.</summary>
    public int Count => _quantity.Length;

    /// <summary>Distinct underlyings in order of first appearance; <see cref="UnderlyingIndex"/> points into it.</summary>
    public ImmutableArray<Underlying> Underlyings { get; }

    /// <summary>Spot per underlying (NaN where the snapshot has none and no position needs it).</summary>
    public ReadOnlySpan<double> UnderlyingSpot => _underlyingSpot;

    /// <summary>Instrument kind per position.</summary>
    public ReadOnlySpan<InstrumentKind> Kind => _kind;

    /// <summary>Index into <see cref="Underlyings"/> per position.</summary>
    public ReadOnlySpan<int> UnderlyingIndex => _underlyingIndex;

    /// <summary>Signed quantity per position.</summary>
    public ReadOnlySpan<double> Quantity => _quantity;

    /// <summary>Contract multiplier per position.</summary>
    public ReadOnlySpan<double> Multiplier => _multiplier;

    /// <summary>Reference price per position: spot (spot, perpetuals) or forward (futures, options), in quote currency.</summary>
    public ReadOnlySpan<double> Price => _price;

    /// <summary>Strike per position (0 for non-options).</summary>
    public ReadOnlySpan<double> Strike => _strike;

    /// <summary>Implied vol per position (0 for non-options).</summary>
    public ReadOnlySpan<double> Vol => _vol;

    /// <summary>Years to expiry per position (0 for spot and perpetuals).</summary>
    public ReadOnlySpan<double> Time => _time;

    /// <summary>Discount rate per position (0 for non-options).</summary>
    public ReadOnlySpan<double> Rate => _rate;

    /// <summary>+1 call, −1 put, 0 not an option.</summary>
    public ReadOnlySpan<double> Omega => _omega;

    /// <summary>Report-currency value of one unit of each position's settlement currency.</summary>
    public ReadOnlySpan<double> SettlementToReport => _fx;

    /// <summary>Per position, the option's Black-76 price and greeks per unit in the quote currency (computed once at
    /// resolution; default for non-options). Inverse options' coin greeks derive from them (<see cref="Pricing.PortfolioValuation"/>).</summary>
    public ReadOnlySpan<OptionGreeks> OptionBlack76 => _black76;
}
