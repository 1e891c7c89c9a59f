using System.Globalization;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Revaluation;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.RealTime;

/// <summary>
/// Builds shocked snapshots for full revaluation, with the conventions of the risk-array engine
/// (<see cref="RiskGroup.Revalue"/>): per underlying, the spot and the forwards of the expiries the given positions
/// use are multiplied by <c>1 + move</c> (coins priced from that spot move with it); every option keeps the vol the
/// base snapshot gives it, shocked (term-scaled with its days to expiry at the base valuation time, floored at 0.01
/// vol point); a scenario's time shift moves the valuation time, so times to expiry shrink by the shift and rates,
/// strikes and forwards per expiry stay as they are.
/// </summary>
internal static class MarketShock
{
    /// <summary>The snapshot with every underlying in <paramref name="symbols"/> moved by <paramref name="move"/> (price only, valuation time unchanged).</summary>
    public static MarketSnapshot Uniform(MarketSnapshot market, Portfolio positions, IReadOnlyCollection<string> symbols, double move) =>
        Apply(market, positions, symbol => symbols.Contains(symbol) ? new UnderlyingShock(move) : null, freezeVols: false);

    /// <summary>
    /// The snapshot under a scenario: prices and vols shocked, and the valuation time moved by the scenario's time
    /// shift (<see cref="ShiftedTime"/>). With a shift every option's vol is frozen at its base-snapshot value (the
    /// engine revalues with the base vol and the shorter time, it does not re-read the surface at the new instant).
    /// The weight does not apply to a snapshot.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The shifted valuation time is beyond <see cref="DateTimeOffset.MaxValue"/>.</exception>
    public static MarketSnapshot Scenario(MarketSnapshot market, Portfolio positions, Scenario scenario)
    {
        bool shifted = scenario.TimeShiftDays > 0;
        DateTimeOffset time = ShiftedTime(market, scenario);
        MarketSnapshot shocked = Apply(market, positions, symbol => scenario.Shocks.TryGetValue(symbol, out UnderlyingShock? s) ? s : scenario.Default, freezeVols: shifted);
        return shifted ? shocked.WithValuationTime(time) : shocked;
    }

    /// <summary>
    /// The valuation time after a scenario's look-ahead: <c>valuation time + TimeShiftDays</c>, rounded to the tick
    /// (100 ns); the engine's <c>T − shift/daysPerYear</c> and the year fraction from this instant agree to ~1e-15 years.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The result is beyond <see cref="DateTimeOffset.MaxValue"/> (names the scenario).</exception>
    public static DateTimeOffset ShiftedTime(MarketSnapshot market, Scenario scenario)
    {
        double ticks = Math.Round(scenario.TimeShiftDays * TimeSpan.TicksPerDay);
        // Both the UTC instant and the clock time must stay representable.
        double room = DateTime.MaxValue.Ticks - Math.Max(market.ValuationTime.UtcTicks, market.ValuationTime.Ticks);
        if (!(ticks <= room))
        {
            throw new ArgumentOutOfRangeException(nameof(scenario), scenario.TimeShiftDays, string.Create(CultureInfo.InvariantCulture,
                $"Scenario '{scenario.Id}': a time shift of {scenario.TimeShiftDays:G} days from {market.ValuationTime:yyyy-MM-dd HH:mm} goes beyond the last representable date."));
        }

        return market.ValuationTime.AddTicks((long)ticks);
    }

    private static MarketSnapshot Apply(MarketSnapshot market, Portfolio positions, Func<string, UnderlyingShock?> shockFor, bool freezeVols)
    {
        MarketSnapshot shocked = market;
        var done = new HashSet<(string, DateTimeOffset)>();
        foreach (Underlying u in UnderlyingsOf(market, positions))
        {
            UnderlyingShock? shock = shockFor(u.Symbol);
            bool hasOptions = positions.Any(p => p.Instrument is EuropeanOption o && o.Underlying == u);
            if (shock is null)
            {
                if (freezeVols && hasOptions)
                {
                    shocked = shocked.WithVolSurface(u, new ShockedVolSurface(market, u, UnderlyingShock.None));
                }

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

            if ((shock.VolMove != 0 || freezeVols) && hasOptions)
            {
                shocked = shocked.WithVolSurface(u, new ShockedVolSurface(market, u, shock));
            }
        }

        return shocked;
    }

    /// <summary>Underlyings of the positions, then the other underlyings with a spot in the snapshot (coin collateral).</summary>
    public static IEnumerable<Underlying> UnderlyingsOf(MarketSnapshot market, Portfolio positions) =>
        positions.Select(p => p.Instrument.Underlying).Concat(market.Underlyings.Values.OrderBy(u => u.Symbol, StringComparer.Ordinal)).Distinct();

    /// <summary>
    /// The base snapshot's vol of the same expiry and strike (read at the base valuation time), shocked with the days to
    /// expiry at the base valuation time, as the engine does; the valuation time it is asked at is ignored.
    /// </summary>
    private sealed class ShockedVolSurface(MarketSnapshot market, Underlying underlying, UnderlyingShock shock) : VolSurface
    {
        internal override VolSurfaceShape Shape => VolSurfaceShape.Derived;

        public override double Volatility(DateTimeOffset expiry, double strike, DateTimeOffset valuationTime, DayCount dayCount = DayCount.Act365Fixed)
        {
            double vol = market.Volatility(new EuropeanOption(underlying, OptionRight.Call, strike, expiry));
            double dv = shock.VolMoveFor(market.YearFraction(expiry) * market.DayCount.DaysPerYear());
            return Math.Max(shock.VolMoveKind == VolMoveKind.Absolute ? vol + dv : vol * (1 + dv), RiskGroup.VolFloor);
        }
    }
}
