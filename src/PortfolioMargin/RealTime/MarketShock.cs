using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Revaluation;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.RealTime;

/// <summary>
/// Builds shocked snapshots for full revaluation: per underlying, the spot and the forwards of the expiries the given
/// positions use are multiplied by <c>1 + move</c> (coins priced from that spot move with it), and vols are shocked
/// like the scenario engine does (term-scaled, floored at 0.01 vol point). The valuation time is unchanged.
/// </summary>
internal static class MarketShock
{
    /// <summary>The snapshot with every underlying in <paramref name="symbols"/> moved by <paramref name="move"/> (price only).</summary>
    public static MarketSnapshot Uniform(MarketSnapshot market, Portfolio positions, IReadOnlyCollection<string> symbols, double move) =>
        Apply(market, positions, symbol => symbols.Contains(symbol) ? new UnderlyingShock(move) : null);

    /// <summary>The snapshot under a scenario's shocks (price and vol; the scenario's time shift and weight do not apply to a snapshot).</summary>
    public static MarketSnapshot Scenario(MarketSnapshot market, Portfolio positions, Scenario scenario) =>
        Apply(market, positions, symbol => scenario.Shocks.TryGetValue(symbol, out UnderlyingShock? s) ? s : scenario.Default);

    private static MarketSnapshot Apply(MarketSnapshot market, Portfolio positions, Func<string, UnderlyingShock?> shockFor)
    {
        MarketSnapshot shocked = market;
        var done = new HashSet<(string, DateTimeOffset)>();
        foreach (Underlying u in UnderlyingsOf(market, positions))
        {
            UnderlyingShock? shock = shockFor(u.Symbol);
            if (shock is null)
            {
                continue;
            }

            if (market.HasSpot(u))
            {
                shocked = shocked.WithSpot(u, market.Spot(u) * (1 + shock.PriceMove));
            }

            foreach (Position p in positions)
            {
                if (p.Instrument.Underlying == u && p.Instrument.Expiry is { } e && done.Add((u.Symbol, e)))
                {
                    shocked = shocked.WithForward(u, e, market.Forward(u, e, p.Instrument.Name) * (1 + shock.PriceMove));
                }
            }

            if (shock.VolMove != 0 && positions.Any(p => p.Instrument is EuropeanOption o && o.Underlying == u))
            {
                shocked = shocked.WithVolSurface(u, new ShockedVolSurface(market, u, shock));
            }
        }

        return shocked;
    }

    /// <summary>Underlyings of the positions, then the other underlyings with a spot in the snapshot (coin collateral).</summary>
    public static IEnumerable<Underlying> UnderlyingsOf(MarketSnapshot market, Portfolio positions) =>
        positions.Select(p => p.Instrument.Underlying).Concat(market.Underlyings.Values.OrderBy(u => u.Symbol, StringComparer.Ordinal)).Distinct();

    /// <summary>The base snapshot's vol of the same expiry and strike, shocked.</summary>
    private sealed class ShockedVolSurface(MarketSnapshot market, Underlying underlying, UnderlyingShock shock) : VolSurface
    {
        internal override VolSurfaceShape Shape => VolSurfaceShape.Derived;

        public override double Volatility(DateTimeOffset expiry, double strike, DateTimeOffset valuationTime, DayCount dayCount = DayCount.Act365Fixed)
        {
            double vol = market.Volatility(new EuropeanOption(underlying, OptionRight.Call, strike, expiry));
            double dv = shock.VolMoveFor(dayCount.YearFraction(valuationTime, expiry) * dayCount.DaysPerYear());
            return Math.Max(shock.VolMoveKind == VolMoveKind.Absolute ? vol + dv : vol * (1 + dv), RiskGroup.VolFloor);
        }
    }
}
