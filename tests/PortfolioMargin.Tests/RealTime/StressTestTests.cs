using PortfolioMargin.Correlation;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using PortfolioMargin.RealTime;
using PortfolioMargin.Scenarios;
using Xunit;
using static PortfolioMargin.Tests.Domain.TestMarket;
using static PortfolioMargin.Tests.RealTime.AccountTests;

namespace PortfolioMargin.Tests.RealTime;

/// <summary>Stress tests with hand-computed numbers (BTC 60,000, ETH 3,000; grid ±15 %).</summary>
public sealed class StressTestTests
{
    private static readonly ScenarioSet Stress = StressScenarios.Set("desk stress",
        StressScenarios.Create("CRASH", "BTC -30 %, ETH -40 %", new Dictionary<string, double> { ["BTC"] = -0.30, ["ETH"] = -0.40 }, volMove: 0.5),
        StressScenarios.Create("RALLY", "BTC +20 %, ETH +25 %", new Dictionary<string, double> { ["BTC"] = 0.20, ["ETH"] = 0.25 }));

    // Long 2 BTC linear perps, short 10 ETH linear perps.
    private static Portfolio Book() => new(new Position(new Perpetual(Btc), 2), new Position(new Perpetual(Eth), -10));

    [Fact]
    public void Book_pnl_per_position_and_group_margin_under_stress_and_worst_scenario_by_hand()
    {
        StressReport r = StressTest.Run(ResolvedPortfolio.Resolve(Book(), Snapshot()), Stress, Model);
        StressScenarioResult crash = r.Scenarios[0];
        // Crash: BTC 2·60,000·(−30 %) = −36,000; ETH −10·3,000·(−40 %) = +12,000; total −24,000.
        Assert.Equal([-36_000, 12_000], crash.PositionPnl.Select(x => Math.Round(x, 6)));
        Assert.Equal(-36_000, crash.Groups.Single(g => g.Item == "BTC").Pnl, 1e-6);
        Assert.Equal(-24_000, crash.Pnl, 1e-6);
        // Rally: 2·60,000·20 % = 24,000; −10·3,000·25 % = −7,500; total 16,500.
        Assert.Equal(16_500, r.Scenarios[1].Pnl, 1e-6);
        Assert.Equal("CRASH", r.Worst.Scenario.Id);
        // Worst per position: the BTC perp in the crash, the ETH short in the rally.
        Assert.Equal(["CRASH", "RALLY"], r.WorstByPosition.Select(w => w.ScenarioId));
        Assert.Equal(-7_500, r.WorstByGroup.Single(g => g.Item == "ETH").Pnl, 1e-6);
        // Margin under stress on the shocked snapshot: 15 %·2·42,000 = 12,600 + 15 %·10·1,800 = 2,700 → 15,300.
        Assert.Equal(15_300, crash.MarginUnderStress.MaintenanceMargin, 1e-6);
        Assert.Null(crash.AccountUnderStress);
        Assert.False(crash.CorrelationOverrideApplied);
    }

    [Fact]
    public void Account_stress_revalues_coin_collateral_and_reports_the_status_under_stress()
    {
        Account a = new("acc-2", Book(), [Bal(PortfolioMargin.Currency.Btc, 1)]);
        StressReport r = StressTest.Run(a, Snapshot(), Stress, Model);
        StressScenarioResult crash = r.Scenarios[0];
        Assert.Equal("+1 COLLATERAL-BTC", r.PositionLabels[2]);
        Assert.Equal(-18_000, crash.PositionPnl[2], 1e-6); // 1 BTC · 60,000 · (−30 %)
        Assert.Equal(-42_000, crash.Pnl, 1e-6);
        AccountMargin under = crash.AccountUnderStress!;
        // Equity: collateral 42,000 + futures variation −36,000 + 12,000 = 18,000.
        Assert.Equal(18_000, under.Equity, 1e-6);
        // MM: BTC group 3 BTC long (2 perps + collateral) · 42,000 · 15 % = 18,900; ETH 2,700 → 21,600 > equity.
        Assert.Equal(21_600, under.MaintenanceMargin, 1e-6);
        Assert.Equal(AccountStatus.Liquidation, under.Status);
    }

    [Fact]
    public void Vol_shocks_raise_the_margin_under_stress_of_a_short_option_book()
    {
        var book = new Portfolio(new Position(new EuropeanOption(Btc, OptionRight.Call, 65_000, Mar), -5));
        var vols = StressScenarios.Set("vols", StressScenarios.Create("VOLUP", "vols +50 %", new Dictionary<string, double> { ["BTC"] = 0 }, volMove: 0.5));
        StressReport r = StressTest.Run(ResolvedPortfolio.Resolve(book, Snapshot()), vols, Model);
        Assert.True(r.Scenarios[0].Pnl < 0);
        Assert.True(r.Scenarios[0].MarginUnderStress.MaintenanceMargin > Model.Calculate(book, Snapshot()).MaintenanceMargin);
    }

    [Fact]
    public void A_correlation_override_reaches_a_stress_aware_model()
    {
        var stressed = CorrelationMatrix.Constant(["BTC", "ETH"], 0.99);
        var model = new RecordingModel(Model);
        StressReport r = StressTest.Run(ResolvedPortfolio.Resolve(Book(), Snapshot()), Stress, model, new Dictionary<string, CorrelationMatrix> { ["CRASH"] = stressed });
        Assert.True(r.Scenarios[0].CorrelationOverrideApplied);
        Assert.False(r.Scenarios[1].CorrelationOverrideApplied);
        Assert.Equal([("CRASH", (CorrelationMatrix?)stressed), ("RALLY", null)], model.Seen);
    }

    [Fact]
    public void A_scenario_missing_an_underlying_of_the_book_is_rejected()
    {
        var btcOnly = StressScenarios.Set("btc", StressScenarios.Create("B", "btc only", new Dictionary<string, double> { ["BTC"] = -0.2 }));
        var ex = Assert.Throws<ArgumentException>(() => StressTest.Run(ResolvedPortfolio.Resolve(Book(), Snapshot()), btcOnly, Model));
        Assert.Contains("'ETH'", ex.Message, StringComparison.Ordinal);
    }

    // ---- Time shift: the margin under stress on the shifted market -----------------------------------------------

    private static readonly DateTimeOffset Soon = Now.AddDays(5);

    /// <summary>BTC −20 %, ETH −25 %, vols +5 points, and a look-ahead of <paramref name="days"/> days.</summary>
    private static Scenario Crash(double days) => new("CRASH", "crash with look-ahead",
        new Dictionary<string, UnderlyingShock> { ["BTC"] = new(-0.20, 0.05), ["ETH"] = new(-0.25, 0.05) }, null, timeShiftDays: days);

    /// <summary>The crash market built by hand: prices × (1 + move), flat vols + 5 points, valuation time <paramref name="at"/>.</summary>
    private static MarketSnapshot CrashByHand(DateTimeOffset at) =>
        new MarketSnapshot(at, PortfolioMargin.Currency.Usd)
            .WithSpot(Btc, 48_000).WithForward(Btc, Mar, 61_000 * 0.8).WithForward(Btc, Jun, 62_000 * 0.8).WithForward(Btc, Soon, 60_100 * 0.8)
            .WithSpot(Eth, 2_250).WithForward(Eth, Mar, 3_050 * 0.75)
            .WithVolSurface(Btc, VolSurface.Flat(0.65)).WithVolSurface(Eth, VolSurface.Flat(0.80))
            .WithRate(PortfolioMargin.Currency.Usd, 0.0);

    private static MarketSnapshot WithSoon() => Snapshot().WithForward(Btc, Soon, 60_100);

    // Short 5 BTC Mar 65,000 calls, long 3 BTC Jun 55,000 puts, long 2 BTC perps, short 20 ETH Mar 3,200 calls.
    private static Portfolio OptionBook() => new(
        new Position(new EuropeanOption(Btc, OptionRight.Call, 65_000, Mar), -5),
        new Position(new EuropeanOption(Btc, OptionRight.Put, 55_000, Jun), 3),
        new Position(new Perpetual(Btc), 2),
        new Position(new EuropeanOption(Eth, OptionRight.Call, 3_200, Mar), -20));

    private static void AssertSameMargin(MarginResult expected, MarginResult actual)
    {
        Assert.Equal(expected.MaintenanceMargin, actual.MaintenanceMargin, 1e-9 * expected.MaintenanceMargin);
        Assert.Equal(expected.InitialMargin, actual.InitialMargin, 1e-9 * expected.InitialMargin);
        Assert.Equal(expected.Contributions.Length, actual.Contributions.Length);
        for (int i = 0; i < expected.Contributions.Length; i++)
        {
            Assert.Equal(expected.Contributions[i].Maintenance, actual.Contributions[i].Maintenance, 1e-9 * expected.MaintenanceMargin);
        }
    }

    [Fact]
    public void A_time_shift_margins_on_the_market_moved_in_time_as_built_by_hand()
    {
        StressReport r = StressTest.Run(ResolvedPortfolio.Resolve(OptionBook(), Snapshot()), StressScenarios.Set("look-ahead", Crash(30)), Model);
        StressScenarioResult crash = r.Scenarios[0];
        MarginResult byHand = Model.Calculate(OptionBook(), CrashByHand(Now.AddDays(30)));
        AssertSameMargin(byHand, crash.MarginUnderStress);
        // The shift matters: the same shocks without moving the valuation time give another margin.
        MarginResult unshifted = Model.Calculate(OptionBook(), CrashByHand(Now));
        Assert.True(Math.Abs(unshifted.MaintenanceMargin - crash.MarginUnderStress.MaintenanceMargin) > 1e-3 * unshifted.MaintenanceMargin,
            $"shifted {crash.MarginUnderStress.MaintenanceMargin:R}, unshifted {unshifted.MaintenanceMargin:R}");
        // P&L and margin describe the same market: each position's stress P&L is its value there minus its value today.
        PortfolioValuation today = PortfolioValuation.Of(OptionBook(), Snapshot());
        PortfolioValuation there = PortfolioValuation.Of(OptionBook(), CrashByHand(Now.AddDays(30)));
        for (int i = 0; i < 4; i++)
        {
            if (OptionBook()[i].Instrument is EuropeanOption)
            {
                Assert.Equal(there.Positions[i].ValueInReport - today.Positions[i].ValueInReport, crash.PositionPnl[i], 1e-6);
            }
        }

        Assert.True(crash.ExpiredPositions.IsEmpty);
    }

    [Fact]
    public void A_zero_time_shift_margins_on_todays_valuation_time()
    {
        StressReport r = StressTest.Run(ResolvedPortfolio.Resolve(OptionBook(), Snapshot()), StressScenarios.Set("no look-ahead", Crash(0)), Model);
        AssertSameMargin(Model.Calculate(OptionBook(), CrashByHand(Now)), r.Scenarios[0].MarginUnderStress);
        Assert.DoesNotContain(r.Scenarios[0].MarginUnderStress.Diagnostics, d => d.Code == "EXPIRED_UNDER_STRESS");
    }

    [Fact]
    public void Options_keep_their_base_vol_under_a_time_shift_like_the_engine()
    {
        // A May option between the Mar and Jun pillars: re-reading the surface 30 days later would interpolate the total
        // variance with other weights; the engine revalues with today's vol (+ the shock), so the margin does too.
        var may = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
        VolSurface term = VolSurface.TermStructure([new(Mar, 0.5), new(Jun, 0.7)]);
        MarketSnapshot today = Snapshot().WithForward(Btc, may, 61_500).WithVolSurface(Btc, term);
        var option = new EuropeanOption(Btc, OptionRight.Call, 65_000, may);
        var book = new Portfolio(new Position(option, -4));
        var scenario = new Scenario("S", "BTC -20 %, vol +5 pts, 30 days", new Dictionary<string, UnderlyingShock> { ["BTC"] = new(-0.20, 0.05) }, null, timeShiftDays: 30);
        StressScenarioResult s = StressTest.Run(ResolvedPortfolio.Resolve(book, today), StressScenarios.Set("s", scenario), Model).Scenarios[0];

        double vol = today.Volatility(option);
        MarketSnapshot byHand = new MarketSnapshot(Now.AddDays(30), PortfolioMargin.Currency.Usd)
            .WithSpot(Btc, 48_000).WithForward(Btc, may, 61_500 * 0.8).WithVolSurface(Btc, VolSurface.Flat(vol + 0.05)).WithRate(PortfolioMargin.Currency.Usd, 0.0);
        AssertSameMargin(Model.Calculate(book, byHand), s.MarginUnderStress);
        Assert.NotEqual(vol, today.WithValuationTime(Now.AddDays(30)).Volatility(option), 1e-6); // the convention matters here
        double value = PortfolioValuation.Of(book, byHand).TotalValueInReport - PortfolioValuation.Of(book, today).TotalValueInReport;
        Assert.Equal(value, s.Pnl, 1e-6);
    }

    [Fact]
    public void A_book_with_positions_expiring_inside_the_shift_reports_them_and_margins_the_rest()
    {
        // #0 short 3 BTC calls 50,000 expiring in 5 days, #1 the Mar call, #2 long 2 BTC futures expiring in 5 days; 7-day shift.
        var book = new Portfolio(
            new Position(new EuropeanOption(Btc, OptionRight.Call, 50_000, Soon), -3),
            new Position(new EuropeanOption(Btc, OptionRight.Call, 65_000, Mar), -5),
            new Position(new Future(Btc, Soon), 2));
        StressScenarioResult s = StressTest.Run(ResolvedPortfolio.Resolve(book, WithSoon()), StressScenarios.Set("s", Crash(7)), Model).Scenarios[0];

        Assert.Equal([0, 2], s.ExpiredPositions);
        MarginResult m = s.MarginUnderStress;
        Assert.True(double.IsFinite(m.MaintenanceMargin) && double.IsFinite(m.InitialMargin));
        // The margin is the model's on the live position at the shifted market.
        MarginResult live = Model.Calculate(new Portfolio(book[1]), CrashByHand(Now.AddDays(7)));
        Assert.Equal(live.MaintenanceMargin, m.MaintenanceMargin, 1e-9 * live.MaintenanceMargin);
        Assert.Equal(live.InitialMargin, m.InitialMargin, 1e-9 * live.InitialMargin);
        // Contributions: one per position in the original order, 0 for the expired ones, summing to the totals.
        Assert.Equal([0, 1, 2], m.Contributions.Select(c => c.PositionIndex));
        Assert.Equal(0, m.Contributions[0].Maintenance);
        Assert.Equal(0, m.Contributions[2].Initial);
        Assert.Equal(m.MaintenanceMargin, m.Contributions.Sum(c => c.Maintenance), 1e-9 * m.MaintenanceMargin);
        Assert.Equal(m.InitialMargin, m.Contributions.Sum(c => c.Initial), 1e-9 * m.InitialMargin);
        // One diagnostic per expired position, naming it and its settlement value:
        // the call at intrinsic (48,080 − 50,000)⁺ = 0, the futures at 2·(48,080 − 60,100) = −24,040.
        MarginDiagnostic[] expired = [.. m.Diagnostics.Where(d => d.Code == "EXPIRED_UNDER_STRESS")];
        Assert.Equal(2, expired.Length);
        Assert.Contains($"'{book[0]}'", expired[0].Message, StringComparison.Ordinal);
        Assert.Contains("settles at 0.00 USD", expired[0].Message, StringComparison.Ordinal);
        Assert.Contains($"'{book[2]}'", expired[1].Message, StringComparison.Ordinal);
        Assert.Contains("settles at -24,040.00 USD", expired[1].Message, StringComparison.Ordinal);
        // The stress P&L holds the settlement: the expired call ends worthless, so its P&L is minus today's value.
        double callToday = -3 * Black76.Price(OptionRight.Call, 60_100, 50_000, 5 / 365.0, 0, 0.60);
        Assert.Equal(-callToday, s.PositionPnl[0], 1e-6);
        Assert.Equal(-24_040, s.PositionPnl[2], 1e-6);
    }

    [Fact]
    public void An_account_counts_the_settlement_of_expired_positions_once_in_equity()
    {
        // USD collateral and linear products only, weight 1: equity under stress − equity today = stress P&L exactly
        // when every position is valued once (live ones on the shifted market, expired ones at settlement).
        var book = new Portfolio(
            new Position(new EuropeanOption(Btc, OptionRight.Put, 52_000, Soon), 4),   // expires ITM: (52,000 − 48,080)·4 = 15,680
            new Position(new EuropeanOption(Btc, OptionRight.Call, 65_000, Mar), -5),
            new Position(new Future(Btc, Soon), 2),                                     // variation 2·(48,080 − 60,100) = −24,040
            new Position(new Perpetual(Eth), -10));
        Account a = new("acc-exp", book, [Bal(PortfolioMargin.Currency.Usd, 100_000)]);
        AccountMargin today = AccountCalculator.Calculate(a, Model, WithSoon());
        StressScenarioResult s = StressTest.Run(a, WithSoon(), StressScenarios.Set("s", Crash(7)), Model).Scenarios[0];
        AccountMargin under = s.AccountUnderStress!;

        Assert.Equal([0, 2], s.ExpiredPositions);
        Assert.Equal(s.Pnl, under.Equity - today.Equity, 1e-6);
        // By hand: 100,000 + 15,680 − 24,040 + the Mar calls on the shifted market + ETH variation −10·(2,250 − 3,000).
        double marCalls = PortfolioValuation.Of(new Portfolio(book[1]), CrashByHand(Now.AddDays(7))).TotalValueInReport;
        Assert.Equal(100_000 + 15_680 - 24_040 + marCalls + 7_500, under.Equity, 1e-6);
        // Margin: the live positions on the shifted market; the account's result is the report's margin under stress.
        MarginResult live = Model.Calculate(new Portfolio(book[1], book[3]), CrashByHand(Now.AddDays(7)));
        Assert.Equal(live.MaintenanceMargin, under.MaintenanceMargin, 1e-9 * live.MaintenanceMargin);
        Assert.Same(s.MarginUnderStress, under.Margin);
        Assert.Same(a, under.Account);
        Assert.Equal([0, 1, 2, 3], under.Margin.Contributions.Select(c => c.PositionIndex));
        Assert.Equal(under.Equity < under.MaintenanceMargin ? AccountStatus.Liquidation : under.Equity < under.InitialMargin ? AccountStatus.MarginCall : AccountStatus.Healthy,
            under.Status);
    }

    [Fact]
    public void An_account_with_coin_collateral_keeps_its_collateral_rows_after_the_expired_positions()
    {
        var book = new Portfolio(new Position(new Future(Btc, Soon), 1), new Position(new Perpetual(Btc), -1));
        Account a = new("acc-coin", book, [Bal(PortfolioMargin.Currency.Btc, 2)]);
        StressScenarioResult s = StressTest.Run(a, WithSoon(), StressScenarios.Set("s", Crash(7)), Model).Scenarios[0];
        AccountMargin under = s.AccountUnderStress!;
        Assert.Equal([0], s.ExpiredPositions);
        // Rows: #0 expired (0), #1 the perp, #2 the BTC collateral row. BTC group: short 1 perp + 2 BTC = net 1 BTC long at 48,000, ±15 %.
        Assert.Equal([0, 1, 2], under.Margin.Contributions.Select(c => c.PositionIndex));
        Assert.Equal(0.15 * 48_000, under.MaintenanceMargin, 1e-6);
        // Equity: 2 BTC at 48,000 + future variation 48,080 − 60,100 + perp variation −(48,000 − 60,000).
        Assert.Equal(96_000 - 12_020 + 12_000, under.Equity, 1e-6);
    }

    [Fact]
    public void Time_shift_input_is_checked()
    {
        // A negative look-ahead is refused by the scenario itself.
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new Scenario("BACK", "back", null, UnderlyingShock.None, timeShiftDays: -1));
        Assert.Contains("BACK", negative.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Scenario("NAN", "nan", null, UnderlyingShock.None, timeShiftDays: double.NaN));
        // A look-ahead beyond the last representable date is refused when the margin under stress needs it, naming the scenario.
        var far = new Scenario("FAR", "far", null, UnderlyingShock.None, timeShiftDays: 1e7);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => StressTest.Run(ResolvedPortfolio.Resolve(Book(), Snapshot()), StressScenarios.Set("far", far), Model));
        Assert.Contains("'FAR'", ex.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingModel(IMarginModel inner) : IStressMarginModel
    {
        public List<(string, CorrelationMatrix?)> Seen { get; } = [];

        public string Name => "recording";

        public MarginResult Calculate(ResolvedPortfolio portfolio) => inner.Calculate(portfolio);

        public MarginResult CalculateUnderStress(ResolvedPortfolio shocked, Scenario scenario, CorrelationMatrix? correlationOverride)
        {
            Seen.Add((scenario.Id, correlationOverride));
            return inner.Calculate(shocked);
        }
    }
}
