using System.Collections.Immutable;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Pricing;

/// <summary>
/// Value and greeks of one position, in its settlement currency (quote currency for linear products, base coin for
/// inverse ones). Greeks are for the whole position (quantity × multiplier included).
/// </summary>
/// <param name="Position">The position.</param>
/// <param name="SettlementCurrency">Currency of <see cref="Value"/> and the greeks.</param>
/// <param name="UnitPrice">Per-unit mark: premium per unit of underlying for options (coin premium for inverse), reference price otherwise.</param>
/// <param name="Value">Position value: <c>q·m·S</c> for spot, option premium value for options, 0 for futures and perpetuals (marked to market).</param>
/// <param name="ValueInReport">Value converted to the report currency.</param>
/// <param name="Delta">Exposure in units of the underlying: <c>∂Value/∂F</c> for linear products, the coin delta <c>F·∂Value/∂F</c> for inverse ones.</param>
/// <param name="Gamma">∂Delta/∂F.</param>
/// <param name="Vega">∂Value/∂σ per 1.00 of vol.</param>
/// <param name="Theta">∂Value/∂t per year of time passing.</param>
public sealed record PositionValuation(Position Position, Currency SettlementCurrency, double UnitPrice, double Value, double ValueInReport,
    double Delta, double Gamma, double Vega, double Theta);

/// <summary>Values and greeks of every position of a resolved portfolio, with the total value in the report currency.</summary>
/// <param name="Positions">One row per position, in portfolio order.</param>
/// <param name="TotalValueInReport">Sum of <see cref="PositionValuation.ValueInReport"/>.</param>
/// <param name="ReportCurrency">The report currency.</param>
public sealed record PortfolioValuation(ImmutableArray<PositionValuation> Positions, double TotalValueInReport, Currency ReportCurrency)
{
    /// <summary>Values every position of a resolved portfolio with the scalar reference pricer (computed once per resolved portfolio).</summary>
    public static PortfolioValuation Of(ResolvedPortfolio resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        return Volatile.Read(ref resolved.CachedValuation) ?? Interlocked.CompareExchange(ref resolved.CachedValuation, Compute(resolved), null) ?? resolved.CachedValuation!;
    }

    private static PortfolioValuation Compute(ResolvedPortfolio resolved)
    {
        var rows = ImmutableArray.CreateBuilder<PositionValuation>(resolved.Count);
        double total = 0;
        for (int i = 0; i < resolved.Count; i++)
        {
            PositionValuation row = ValueOne(resolved, i);
            total += row.ValueInReport;
            rows.Add(row);
        }

        return new PortfolioValuation(rows.MoveToImmutable(), total, resolved.Market.ReportCurrency);
    }

    /// <summary>Resolves <paramref name="portfolio"/> against <paramref name="market"/> and values it.</summary>
    /// <exception cref="MissingMarketDataException">Market data a position needs is missing.</exception>
    public static PortfolioValuation Of(Portfolio portfolio, MarketSnapshot market) => Of(ResolvedPortfolio.Resolve(portfolio, market));

    private static PositionValuation ValueOne(ResolvedPortfolio r, int i)
    {
        Position position = r.Portfolio[i];
        double qm = r.Quantity[i] * r.Multiplier[i];
        double f = r.Price[i];
        OptionGreeks g = UnitGreeks(r.Kind[i], f, r.Strike[i], r.Time[i], r.Rate[i], r.Vol[i], r.Omega[i]);
        bool marked = IsMarked(r.Kind[i]);
        double value = marked ? qm * g.Price : 0.0;
        // "+ 0.0" turns the −0 of a short position's zero greek into +0.
        return new PositionValuation(position, position.Instrument.SettlementCurrency, g.Price, value + 0.0, (value * r.SettlementToReport[i]) + 0.0,
            (qm * g.Delta) + 0.0, (qm * g.Gamma) + 0.0, (qm * g.Vega) + 0.0, (qm * g.Theta) + 0.0);
    }

    /// <summary>
    /// Delta and report-currency value of row <paramref name="i"/>, exactly as <see cref="Of(ResolvedPortfolio)"/> reports
    /// them, without building the valuation rows (from the cached valuation when there is one). Allocates nothing.
    /// </summary>
    internal static (double Delta, double ValueInReport) DeltaAndValue(ResolvedPortfolio r, int i)
    {
        if (Volatile.Read(ref r.CachedValuation) is { } cached)
        {
            PositionValuation row = cached.Positions[i];
            return (row.Delta, row.ValueInReport);
        }

        double qm = r.Quantity[i] * r.Multiplier[i];
        OptionGreeks g = UnitGreeks(r.Kind[i], r.Price[i], r.Strike[i], r.Time[i], r.Rate[i], r.Vol[i], r.Omega[i]);
        double value = IsMarked(r.Kind[i]) ? qm * g.Price : 0.0;
        return ((qm * g.Delta) + 0.0, (value * r.SettlementToReport[i]) + 0.0);
    }

    /// <summary>True for kinds carried at a marked value (spot, options); futures and perpetuals are marked to market (value 0).</summary>
    internal static bool IsMarked(InstrumentKind kind) => kind is InstrumentKind.Spot or InstrumentKind.LinearOption or InstrumentKind.InverseOption;

    /// <summary>Per-unit price and greeks of a resolved position (settlement currency; coin greeks for inverse products).</summary>
    internal static OptionGreeks UnitGreeks(InstrumentKind kind, double f, double strike, double t, double r, double vol, double omega)
    {
        OptionRight right = omega > 0 ? OptionRight.Call : OptionRight.Put;
        return kind switch
        {
            InstrumentKind.Spot => new OptionGreeks(f, 1, 0, 0, 0),
            InstrumentKind.LinearFuture or InstrumentKind.LinearPerpetual => new OptionGreeks(f, 1, 0, 0, 0),
            InstrumentKind.InverseFuture or InstrumentKind.InversePerpetual => new OptionGreeks(f, 1.0 / f, -1.0 / (f * f), 0, 0),
            InstrumentKind.LinearOption => Black76.Greeks(right, f, strike, t, r, vol),
            InstrumentKind.InverseOption => InverseOption.CoinGreeks(right, f, strike, t, r, vol),
            _ => throw new InvalidOperationException($"Unknown instrument kind {kind}."),
        };
    }
}
