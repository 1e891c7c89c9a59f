using System.Collections.Immutable;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Pricing;

/// <summary>Values and greeks of every position of a resolved portfolio, with the total value in the report currency.</summary>
/// <param name="Positions">One row per position, in portfolio order.</param>
/// <param name="TotalValueInReport">Sum of <see cref="PositionValuation.ValueInReport"/>.</param>
/// <param name="ReportCurrency">The report currency.</param>
public sealed record PortfolioValuation(ImmutableArray<PositionValuation> Positions, double TotalValueInReport, Currency ReportCurrency)
{
    /// <summary>Values every position of a resolved portfolio from the prices and greeks resolved once at construction
    /// (no pricing here; each call builds the rows anew).</summary>
    public static PortfolioValuation Of(ResolvedPortfolio resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
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
        OptionGreeks g = UnitGreeks(r.Kind[i], r.Price[i], r.OptionBlack76[i]);
        bool marked = IsMarked(r.Kind[i]);
        double value = marked ? qm * g.Price : 0.0;
        // "+ 0.0" turns the −0 of a short position's zero greek into +0.
        return new PositionValuation(position, position.Instrument.SettlementCurrency, g.Price, value + 0.0, (value * r.SettlementToReport[i]) + 0.0,
            (qm * g.Delta) + 0.0, (qm * g.Gamma) + 0.0, (qm * g.Vega) + 0.0, (qm * g.Theta) + 0.0);
    }

    /// <summary>
    /// Delta and report-currency value of row <paramref name="i"/>, exactly as <see cref="Of(ResolvedPortfolio)"/> reports
    /// them, without building the valuation rows. Allocates nothing.
    /// </summary>
    internal static (double Delta, double ValueInReport) DeltaAndValue(ResolvedPortfolio r, int i) =>
        DeltaAndValue(r.Kind[i], r.Quantity[i] * r.Multiplier[i], r.SettlementToReport[i], r.Price[i], r.OptionBlack76[i]);

    /// <summary>Delta and report-currency value of a resolved leg (the what-if calculators use it).</summary>
    internal static (double Delta, double ValueInReport) DeltaAndValue(in ResolvedLeg leg) =>
        DeltaAndValue(leg.Kind, leg.Quantity * leg.Multiplier, leg.SettlementToReport, leg.Price, leg.Black76);

    private static (double Delta, double ValueInReport) DeltaAndValue(InstrumentKind kind, double qm, double fx, double price, in OptionGreeks black76)
    {
        OptionGreeks g = UnitGreeks(kind, price, black76);
        double value = IsMarked(kind) ? qm * g.Price : 0.0;
        return ((qm * g.Delta) + 0.0, (value * fx) + 0.0);
    }

    /// <summary>True for kinds carried at a marked value (spot, options); futures and perpetuals are marked to market (value 0).</summary>
    internal static bool IsMarked(InstrumentKind kind) => kind is InstrumentKind.Spot or InstrumentKind.LinearOption or InstrumentKind.InverseOption;

    /// <summary>
    /// Per-unit price and greeks in the settlement currency (coin greeks for inverse products) from the reference price
    /// <paramref name="f"/> and, for options, the resolved Black-76 greeks.
    /// </summary>
    internal static OptionGreeks UnitGreeks(InstrumentKind kind, double f, in OptionGreeks black76) => kind switch
    {
        InstrumentKind.Spot => new OptionGreeks(f, 1, 0, 0, 0),
        InstrumentKind.LinearFuture or InstrumentKind.LinearPerpetual => new OptionGreeks(f, 1, 0, 0, 0),
        InstrumentKind.InverseFuture or InstrumentKind.InversePerpetual => new OptionGreeks(f, 1.0 / f, -1.0 / (f * f), 0, 0),
        InstrumentKind.LinearOption => black76,
        InstrumentKind.InverseOption => InverseOption.FromBlack76(black76, f, double.NaN),
        _ => throw new InvalidOperationException($"Unknown instrument kind {kind}."),
    };
}
