using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.Isolated;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;
using PortfolioMargin.Scenarios;
using PortfolioMargin.Solvency;
using Xunit;

namespace PortfolioMargin.Tests.Solvency;

/// <summary>Venue-wide stress: losses, bad debt, ranking, members and Cover-1/Cover-2 against hand-computed figures.</summary>
public sealed class VenueStressTests
{
    private static readonly Underlying Btc = CryptoDaily.Btc;
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly MarketSnapshot Market = new MarketSnapshot(Now, Currency.Usd).WithSpot(Btc, 50_000).WithRate(Currency.Usd, 0).WithVolSurface(Btc, VolSurface.Flat(0.6));
    private static readonly IsolatedModel Model = new(IsolatedRates.CryptoDefault);

    private static Account Long(string id, double btc, double usd) => new(id, new Portfolio(new Position(new Perpetual(Btc), btc)), [new CollateralBalance(Currency.Usd, usd)]);

    private static ScenarioSet Crash(double move) => StressScenarios.Set("crash", StressScenarios.Create("CRASH", "BTC crash", new Dictionary<string, double> { ["BTC"] = move }));

    [Fact]
    public void Losses_bad_debt_ranking_and_covers_by_account_and_member()
    {
        // BTC -30 % on 50,000: a long perp of q BTC loses 15,000·q; equity = USD collateral.
        Account[] accounts =
        [
            Long("a", 2, 10_000),   // loss 30,000, uncovered 20,000
            Long("b", 1, 20_000),   // loss 15,000, covered
            Long("c", 3, 5_000),    // loss 45,000, uncovered 40,000
            Long("d", -1, 1_000),   // short: gains 15,000
            Long("e", 1, 10_000),   // loss 15,000, uncovered 5,000
        ];
        var options = new VenueStressOptions { Members = new Dictionary<string, string> { ["a"] = "M1", ["b"] = "M1", ["c"] = "M2", ["e"] = "M3" }, DefaultFund = 50_000 };
        ScenarioSolvency s = VenueStress.Run(accounts, Market, Crash(-0.30), Model, options).Scenarios.Single();
        Assert.Equal(["c", "a", "e", "b", "d"], s.Accounts.Select(a => a.AccountId));
        Assert.Equal([40_000.0, 20_000, 5_000, 0, 0], s.Accounts.Select(a => Math.Round(a.UncoveredLoss, 6)));
        Assert.Equal([45_000.0, 30_000, 15_000, 15_000, -15_000], s.Accounts.Select(a => Math.Round(a.Loss, 6)));
        Assert.Equal(65_000, s.TotalUncoveredLoss, 1e-6);
        Assert.Equal((40_000.0, "c"), (s.Cover1ByAccount.Amount, s.Cover1ByAccount.Defaulters.Single()), new Tol());
        Assert.Equal(60_000, s.Cover2ByAccount.Amount, 1e-6);
        // Members (sum of accounts): M2 40,000, M1 20,000 (b's surplus does not help a), M3 5,000, d alone 0.
        Assert.Equal(["M2", "M1", "M3", "d"], s.Members.Select(m => m.Member));
        Assert.Equal(60_000, s.Cover2ByMember.Amount, 1e-6);
        Assert.Equal(s.Cover2ByMember, s.Required);
        Assert.Equal(-10_000, s.FundSurplus, 1e-6);
        Assert.False(s.FundSufficient);
        Assert.Equal(["a", "b"], s.Members.Single(m => m.Member == "M1").Accounts);
    }

    [Fact]
    public void Netted_members_use_every_account_equity()
    {
        Account[] accounts = [Long("a", 2, 10_000), Long("b", 1, 20_000)];
        var options = new VenueStressOptions { Members = new Dictionary<string, string> { ["a"] = "M1", ["b"] = "M1" }, MemberLoss = MemberLossRule.Netted };
        MemberStressOutcome m = VenueStress.Run(accounts, Market, Crash(-0.30), Model, options).Scenarios[0].Members.Single();
        Assert.Equal(45_000 - 30_000, m.UncoveredLoss, 1e-6); // losses 45,000 against equity 30,000
    }

    [Fact]
    public void Coin_collateral_is_revalued_and_haircut_under_stress_and_the_loss_splits_exactly()
    {
        // Short 1 BTC inverse perp (face 50,000 USD) against 1.2 BTC collateral, haircut 10 % -> 40 % under stress.
        var account = new Account("coin", new Portfolio(new Position(new Perpetual(Btc, inverse: true, multiplier: 100), -500)), [new CollateralBalance(Currency.Btc, 1.2, 0.10)]);
        var options = new VenueStressOptions { StressedHaircuts = new Dictionary<Currency, double> { [Currency.Btc] = 0.40 } };
        AccountStressOutcome o = VenueStress.Run([account], Market, Crash(-0.50), Model, options).Scenarios[0].Accounts.Single();
        double s0 = 50_000, s1 = 25_000;
        double before = 1.2 * 0.9 * s0, collateralAfter = 1.2 * 0.6 * s1;
        double perpCoinPnl = -500 * 100 * ((1 / s0) - (1 / s1)); // short inverse perp gains coins when BTC falls
        Assert.Equal(before, o.EquityBefore, 1e-6);
        Assert.Equal(collateralAfter + (perpCoinPnl * s1), o.EquityAfter, 1e-6);
        Assert.Equal(before - collateralAfter, o.CollateralLoss, 1e-6);
        Assert.Equal(o.Loss, o.PositionsLoss + o.CollateralLoss, 1e-6);
        // The stress engine states the perp's P&L at today's coin price; the equity holds it at the shocked price.
        Assert.Equal(perpCoinPnl * s0, o.PositionPnl.Single().Pnl, 1e-6);
        Assert.Equal(o.PositionsLoss, -o.PositionPnl.Sum(p => p.Pnl) + o.ConversionDifference, 1e-9);
        Assert.Equal(Math.Max(0, -o.EquityAfter), o.UncoveredLoss);
    }

    [Fact]
    public void The_worst_scenario_for_the_fund_is_found_and_results_do_not_depend_on_parallelism()
    {
        Account[] accounts = [Long("a", 2, 10_000), Long("b", -2, 10_000), Long("c", 1, 1_000)];
        ScenarioSet set = StressScenarios.Set("both ways",
            StressScenarios.Create("DOWN", "down 20 %", new Dictionary<string, double> { ["BTC"] = -0.2 }),
            StressScenarios.Create("UP", "up 40 %", new Dictionary<string, double> { ["BTC"] = 0.4 }));
        VenueStressReport parallel = VenueStress.Run(accounts, Market, set, Model);
        VenueStressReport serial = VenueStress.Run(accounts, Market, set, Model, new VenueStressOptions { MaxDegreeOfParallelism = 1 });
        // DOWN: a loses 20,000 (10,000 uncovered), c loses 10,000 (9,000): Cover-2 19,000. UP: b loses 40,000 (30,000).
        Assert.Equal("UP", parallel.WorstForFund.Scenario.Id);
        Assert.Equal(19_000, parallel.Scenario("DOWN").Required.Amount, 1e-6);
        Assert.Equal(30_000, parallel.Scenario("UP").Required.Amount, 1e-6);
        Assert.Equal(parallel.Scenarios.Select(s => s.Accounts.Select(a => (a.AccountId, a.Loss, a.UncoveredLoss))).SelectMany(x => x),
            serial.Scenarios.Select(s => s.Accounts.Select(a => (a.AccountId, a.Loss, a.UncoveredLoss))).SelectMany(x => x));
    }

    [Fact]
    public void Bad_input_is_refused_naming_the_item()
    {
        Account a = Long("a", 1, 1);
        Assert.Throws<ArgumentException>(() => VenueStress.Run([], Market, Crash(-0.1), Model));
        Assert.Throws<ArgumentException>(() => VenueStress.Run([a, a], Market, Crash(-0.1), Model));
        Assert.Throws<ArgumentOutOfRangeException>(() => VenueStress.Run([a], Market, Crash(-0.1), Model, new VenueStressOptions { DefaultFund = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => VenueStress.Run([a], Market, Crash(-0.1), Model,
            new VenueStressOptions { StressedHaircuts = new Dictionary<Currency, double> { [Currency.Btc] = 1.0 } }));
        var eth = new Underlying("ETH", Currency.Eth, Currency.Usd);
        var e = Assert.Throws<InvalidOperationException>(() => VenueStress.Run([new Account("x", new Portfolio(new Position(new Perpetual(eth), 1)), [])], Market, Crash(-0.1), Model));
        Assert.Contains("account 'x'", e.Message, StringComparison.Ordinal);
    }

    private sealed class Tol : IEqualityComparer<(double, string)>
    {
        public bool Equals((double, string) x, (double, string) y) => Math.Abs(x.Item1 - y.Item1) < 1e-6 && x.Item2 == y.Item2;

        public int GetHashCode((double, string) obj) => 0;
    }
}
