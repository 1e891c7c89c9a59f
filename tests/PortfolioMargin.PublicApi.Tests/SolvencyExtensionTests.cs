using PortfolioMargin;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.AddOns;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;
using PortfolioMargin.Scenarios;
using PortfolioMargin.Solvency;
using Xunit;

namespace PortfolioMargin.PublicApi.Tests;

/// <summary>A user's position path: long one BTC on even days from a start, flat on odd ones.</summary>
public sealed class AlternatingPath(Underlying btc, DateOnly start) : PositionPath
{
    public override string Description => "long 1 BTC on even days";

    public override Portfolio At(DateOnly date, MarketSnapshot market) =>
        (date.DayNumber - start.DayNumber) % 2 == 0 ? new Portfolio(new Position(new SpotInstrument(btc), 1)) : Portfolio.Empty;
}

/// <summary>The solvency layer's extension points from outside the library: a user's model, path and add-ons.</summary>
public sealed class SolvencyExtensionTests
{
    private static readonly Underlying Btc = new("BTC", Currency.Btc, Currency.Usd);
    private static readonly DateOnly Start = new(2024, 1, 1);

    private static HistoricalMarket Market(params double[] closes) => new(
        PriceHistory.Join(new PriceSeries("BTC", closes.Select((c, i) => new DailyBar(Start.AddDays(i), c)))), [Btc],
        new HistoricalMarketOptions { Volatility = VolatilitySource.Constant(new Dictionary<string, double> { ["BTC"] = 0.6 }) });

    [Fact]
    public void A_user_model_and_a_user_position_path_are_back_tested()
    {
        // Gross notional at 5 %: margin 5 on a 100 BTC; losses 10, 0 (flat), 20, 0.
        var account = new BacktestAccount("user", new AlternatingPath(Btc, Start));
        BacktestReport r = MarginBacktest.Run([account], Market(100, 90, 110, 90, 95), new GrossNotionalModel(0.05));
        Assert.Equal([10.0, 0, 20, 0], r.Set.Observations.Select(o => Math.Round(o.Loss, 9)));
        Assert.Equal(2, r.Set.Coverage.Breaches);
        Assert.Equal("long 1 BTC on even days", r.Account("user").Description);
    }

    [Fact]
    public void A_user_model_gets_liquidity_add_ons_and_anti_procyclicality()
    {
        var market = new MarketSnapshot(new DateTimeOffset(2026, 1, 2, 8, 0, 0, TimeSpan.Zero), Currency.Usd).WithSpot(Btc, 60_000);
        ResolvedPortfolio book = ResolvedPortfolio.Resolve(new Portfolio(new Position(new Perpetual(Btc), 10)), market);
        var model = new LiquidityAddOnModel(new GrossNotionalModel(0.05), new LiquidityAddOns(defaultSpread: new CloseOutSpread(DeltaOne: 0.001)));
        MarginResult r = model.Calculate(book);
        Assert.Equal((0.05 * 600_000) + 600, r.InitialMargin, 1e-9);
        MarginResult buffered = new AntiProcyclicalModel(model, AntiProcyclicality.EmirBuffer).Calculate(book);
        Assert.Equal(1.25 * r.InitialMargin, buffered.InitialMargin, 1e-9);
    }

    [Fact]
    public void A_venue_of_accounts_is_stressed_with_a_user_model()
    {
        var market = new MarketSnapshot(new DateTimeOffset(2026, 1, 2, 8, 0, 0, TimeSpan.Zero), Currency.Usd).WithSpot(Btc, 60_000).WithRate(Currency.Usd, 0);
        Account[] accounts = [new("a", new Portfolio(new Position(new Perpetual(Btc), 1)), [new CollateralBalance(Currency.Usd, 10_000)])];
        ScenarioSet crash = StressScenarios.Set("crash", StressScenarios.Create("C", "BTC -25 %", new Dictionary<string, double> { ["BTC"] = -0.25 }));
        VenueStressReport r = VenueStress.Run(accounts, market, crash, new GrossNotionalModel(0.05), new VenueStressOptions { DefaultFund = 1_000, Standard = CoverStandard.Cover1 });
        Assert.Equal(5_000, r.WorstForFund.Required.Amount, 1e-9);
        Assert.Equal(-4_000, r.WorstForFund.FundSurplus, 1e-9);
    }
}
