using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Pricing;

namespace PortfolioMargin.Portfolios;

/// <summary>
/// One position resolved against a snapshot: its market terms and, for an option, its Black-76 price and greeks per
/// unit of underlying (quote currency), computed once. <see cref="Resolve"/> is the library's one resolver: full
/// resolution (<see cref="ResolvedPortfolio"/>), every what-if, the VaR exposures of an order and stress settlement use it.
/// </summary>
/// <param name="Position">The position.</param>
/// <param name="Kind">Instrument kind.</param>
/// <param name="SettlementToReport">Report-currency value of one unit of the settlement currency.</param>
/// <param name="Price">Reference price: the forward for the expiry (dated products), the spot otherwise.</param>
/// <param name="Time">Years to expiry (0 for spot and perpetuals; ≤ 0 only for a position settled at expiry).</param>
/// <param name="Strike">Strike (0 for non-options).</param>
/// <param name="Vol">Implied vol (0 for non-options).</param>
/// <param name="Rate">Discount rate of the quote currency (0 for non-options).</param>
/// <param name="Omega">+1 call, −1 put, 0 not an option.</param>
/// <param name="Black76">For an option, the Black-76 price and greeks per unit in the quote currency (delta and gamma with
/// respect to the forward, vega per 1.00 of vol, theta per year); default for other kinds.</param>
internal readonly record struct ResolvedLeg(Position Position, InstrumentKind Kind, double SettlementToReport, double Price, double Time,
    double Strike, double Vol, double Rate, double Omega, OptionGreeks Black76)
{
    /// <summary>The instrument.</summary>
    public Instrument Instrument => Position.Instrument;

    /// <summary>The underlying.</summary>
    public Underlying Underlying => Position.Instrument.Underlying;

    /// <summary>Underlying symbol.</summary>
    public string Symbol => Position.Instrument.Underlying.Symbol;

    /// <summary>Signed quantity.</summary>
    public double Quantity => Position.Quantity;

    /// <summary>Contract multiplier.</summary>
    public double Multiplier => Position.Instrument.Multiplier;

    /// <summary>Per-unit price and greeks in the settlement currency (coin greeks for inverse products), as <see cref="PortfolioValuation"/> reports them.</summary>
    public OptionGreeks UnitGreeks => PortfolioValuation.UnitGreeks(Kind, Price, Black76);

    /// <summary>Resolves <paramref name="position"/> against <paramref name="market"/>.</summary>
    /// <param name="position">The position.</param>
    /// <param name="market">The snapshot.</param>
    /// <param name="paramName">Parameter name for errors (<c>portfolio</c>, <c>order</c>).</param>
    /// <param name="settleExpired">When true an instrument that expired before the valuation time resolves at its expiry
    /// (time 0, the snapshot's forward for the expiry: an option at its intrinsic value) instead of being refused.</param>
    /// <exception cref="MissingMarketDataException">A spot, forward, vol, rate or conversion rate is missing (names the instrument and the field).</exception>
    /// <exception cref="ArgumentException">The instrument expired before the valuation time (unless <paramref name="settleExpired"/>).</exception>
    public static ResolvedLeg Resolve(Position position, MarketSnapshot market, string paramName = "order", bool settleExpired = false)
    {
        Instrument ins = position.Instrument;
        double fx = MarketLookup.Fx(market, ins.SettlementCurrency, ins);
        double time = 0, price, strike = 0, vol = 0, rate = 0, omega = 0;
        bool expired = false;
        if (ins.Expiry is { } expiry)
        {
            expired = expiry < market.ValuationTime;
            if (!settleExpired)
            {
                MarketLookup.CheckNotExpired(market, ins, expiry, paramName);
            }

            time = expired ? 0.0 : market.YearFraction(expiry);
            price = MarketLookup.Forward(market, ins, expiry);
        }
        else
        {
            price = MarketLookup.Spot(market, ins);
        }

        OptionGreeks black76 = default;
        if (ins is EuropeanOption option)
        {
            strike = option.Strike;
            vol = expired ? 0.0 : market.Volatility(option);
            rate = expired ? 0.0 : MarketLookup.Rate(market, ins.Underlying.QuoteCurrency, ins);
            omega = option.Right == OptionRight.Call ? 1.0 : -1.0;
            black76 = Pricing.Black76.Greeks(option.Right, price, strike, time, rate, vol);
            if (ins.Kind == InstrumentKind.InverseOption)
            {
                InverseOption.FromBlack76(black76, price, strike); // a coin figure beyond the double range is refused here, naming the forward
            }
        }

        return new ResolvedLeg(position, ins.Kind, fx, price, time, strike, vol, rate, omega, black76);
    }
}
