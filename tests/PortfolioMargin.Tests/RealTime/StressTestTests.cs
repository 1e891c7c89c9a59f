using PortfolioMargin.Correlation;
using PortfolioMargin.Instruments;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;
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
