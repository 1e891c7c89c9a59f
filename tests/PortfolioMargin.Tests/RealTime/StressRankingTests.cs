using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using PortfolioMargin.RealTime;
using PortfolioMargin.Scenarios;
using QuickStart;
using Xunit;
using static PortfolioMargin.Tests.Domain.TestMarket;

namespace PortfolioMargin.Tests.RealTime;

/// <summary>
/// Issue 18 §8: the worst stress scenario is the one with the largest fall in value in the report currency at the
/// scenario's prices (an account's equity; a book's P&amp;L with coin-settled P&amp;L converted at the shocked coin
/// price), not the lowest P&amp;L converted at today's coin price; the report shows both.
/// </summary>
public sealed class StressRankingTests
{
    private static readonly ScenarioGridModel Grid = new(GridPresets.DeribitStyle(["BTC", "ETH"], initialToMaintenance: 1.25));

    private static Dictionary<string, double> Moves(double btc, double eth) => new() { ["BTC"] = btc, ["ETH"] = eth };

    /// <summary>The scenarios of samples/StressTest.</summary>
    private static readonly ScenarioSet DeskStress = StressScenarios.Set("desk stress",
        StressScenarios.Create("COVID", "2020-03-12 COVID crash", Moves(-0.40, -0.45), volMove: 0.60),
        StressScenarios.Create("LUNA", "2022-06 Luna/3AC", Moves(-0.30, -0.40)),
        StressScenarios.Create("FTX", "2022-11 FTX", Moves(-0.25, -0.28), volMove: 0.35),
        StressScenarios.Create("SQUEEZE", "Short squeeze", Moves(0.30, 0.45), volMove: 0.40),
        StressScenarios.Create("VOLCRUSH", "Vol crush", Moves(0, 0), volMove: -0.30),
        StressScenarios.Create("CORR1", "Correlation -> 1", Moves(0, 0)));

    /// <summary>The coin-margined default account of samples/StressTest.</summary>
    private static Account DefaultAccount() => new("desk-1", DefaultBook.Portfolio(),
        [new CollateralBalance(Currency.Usd, 60_000), new CollateralBalance(Currency.Btc, 3, haircut: 0.05), new CollateralBalance(Currency.Eth, 20, haircut: 0.10)]);

    [Fact]
    public void The_issues_example_the_default_account_names_covid_not_ftx()
    {
        MarketSnapshot market = DefaultBook.Market();
        StressReport r = StressTest.Run(DefaultAccount(), market, DeskStress, Grid);
        StressScenarioResult covid = r.Scenarios[0], ftx = r.Scenarios[2];

        Assert.Equal("COVID", r.Worst.Scenario.Id);
        Assert.Equal("FTX", r.WorstByPnl.Scenario.Id);
        // The issue's figures: FTX has the lowest P&L at today's coin price (−49 k), COVID leaves the lower equity (425.9 k vs 470.8 k).
        Assert.Equal(-49_147, ftx.Pnl, 0.5);
        Assert.Equal(425_891, covid.AccountUnderStress!.Equity, 0.5);
        Assert.Equal(470_761, ftx.AccountUnderStress!.Equity, 0.5);
        Assert.True(covid.EquityChange < ftx.EquityChange);

        // Both figures per scenario; the change is equity under stress minus today's equity.
        double today = AccountCalculator.Calculate(DefaultAccount(), Grid, market).Equity;
        Assert.Equal(today, r.BaseEquity!.Value, 1e-6);
        Assert.All(r.Scenarios, s =>
        {
            Assert.Equal(s.AccountUnderStress!.Equity - today, s.EquityChange!.Value, 1e-6);
            Assert.Equal(s.EquityChange.Value, s.ValueChange);
        });
        Assert.Equal(0, r.Scenarios[5].EquityChange!.Value, 1e-6);
    }

    [Fact]
    public void An_accounts_equity_change_is_its_pnl_at_scenario_prices_plus_the_coin_premiums_revalued_at_the_new_coin_price()
    {
        // Independent decomposition: positions and collateral rows change by their P&L at the scenario's rates; a
        // coin-settled option also holds its premium V (coins), worth V·(fx' − fx) more at the scenario's coin price.
        MarketSnapshot market = DefaultBook.Market();
        Account account = DefaultAccount();
        StressReport r = StressTest.Run(account, market, DeskStress, Grid);
        PortfolioValuation today = PortfolioValuation.Of(account.Positions, market);
        foreach (StressScenarioResult s in r.Scenarios)
        {
            double revalued = 0;
            foreach (PositionValuation p in today.Positions)
            {
                if (p.SettlementCurrency == Currency.Btc)
                {
                    revalued += p.Value * 95_000 * s.Scenario.ShockFor("BTC").PriceMove;
                }
            }

            Assert.Equal(s.EquityChange!.Value, s.PnlAtScenarioPrices!.Value + revalued, 1e-6 * Math.Max(1, Math.Abs(s.EquityChange.Value)));
            Assert.Equal(s.PnlAtScenarioPrices.Value, s.PositionPnlAtScenarioPrices.Sum(), 1e-6);
        }
    }

    /// <summary>Short one inverse BTC perp of 60,000 USD face, long 1 BTC and 10 ETH spot; BTC 60,000, ETH 3,000.</summary>
    private static Portfolio HedgedInverseBook() => new(
        new Position(new Perpetual(Btc, inverse: true, multiplier: 60_000), -1),
        new Position(new SpotInstrument(Btc), 1),
        new Position(new SpotInstrument(Eth), 10));

    private static readonly ScenarioSet Flip = StressScenarios.Set("flip",
        StressScenarios.Create("CRASH", "BTC -30 %, ETH -10 %", Moves(-0.30, -0.10)),
        StressScenarios.Create("ETHDIP", "ETH -5 %", Moves(0, -0.05)));

    [Fact]
    public void A_book_is_ranked_by_its_pnl_at_the_scenarios_prices_by_hand()
    {
        StressReport r = StressTest.Run(ResolvedPortfolio.Resolve(HedgedInverseBook(), Snapshot()), Flip, Grid);
        StressScenarioResult crash = r.Scenarios[0], dip = r.Scenarios[1];
        // Inverse perp: −1·60,000·(1/60,000 − 1/42,000) = +3/7 BTC: 25,714.29 USD at 60,000, 18,000 at 42,000.
        Assert.Equal(60_000.0 * 3 / 7, crash.PositionPnl[0], 1e-6);
        Assert.Equal(18_000, crash.PositionPnlAtScenarioPrices[0], 1e-6);
        // Spot BTC −18,000 and ETH −3,000 are in USD: the same at either rate.
        Assert.Equal(-18_000, crash.PositionPnlAtScenarioPrices[1], 1e-6);
        Assert.Equal(-3_000, crash.PositionPnlAtScenarioPrices[2], 1e-6);
        Assert.Equal((60_000.0 * 3 / 7) - 21_000, crash.Pnl, 1e-6);       // +4,714.29 at today's coin price
        Assert.Equal(-3_000, crash.PnlAtScenarioPrices!.Value, 1e-6);      // the inverse perp hedges the BTC exactly in USD
        Assert.Equal(-1_500, dip.Pnl, 1e-6);
        Assert.Equal(-1_500, dip.PnlAtScenarioPrices!.Value, 1e-6);

        Assert.Equal("CRASH", r.Worst.Scenario.Id);      // −3,000 at the scenario's prices
        Assert.Equal("ETHDIP", r.WorstByPnl.Scenario.Id); // the old ranking: +4,714 vs −1,500
        Assert.Null(crash.EquityChange);
        Assert.Null(r.BaseEquity);
        Assert.Equal(crash.PnlAtScenarioPrices.Value, crash.ValueChange);
    }

    [Fact]
    public void The_same_book_in_an_account_changes_equity_by_the_same_amount()
    {
        var account = new Account("hedged", HedgedInverseBook(), [new CollateralBalance(Currency.Usd, 100_000)]);
        StressReport r = StressTest.Run(account, Snapshot(), Flip, Grid);
        Assert.Equal(-3_000, r.Scenarios[0].EquityChange!.Value, 1e-6);
        Assert.Equal(-1_500, r.Scenarios[1].EquityChange!.Value, 1e-6);
        Assert.Equal("CRASH", r.Worst.Scenario.Id);
    }

    [Fact]
    public void A_result_built_by_its_constructor_alone_still_ranks_by_its_pnl()
    {
        MarginResult zero = new PortfolioMargin.Models.Isolated.IsolatedModel().Calculate(Portfolio.Empty, Snapshot());
        var a = new StressScenarioResult(Flip.Scenarios[0], -5, [], [], zero, null, false);
        var b = new StressScenarioResult(Flip.Scenarios[1], -7, [], [], zero, null, false);
        Assert.Equal(-5, a.ValueChange);
        Assert.Equal("ETHDIP", new StressReport([], [a, b]).Worst.Scenario.Id);
    }
}
