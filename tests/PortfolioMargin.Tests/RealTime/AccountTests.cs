using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;
using PortfolioMargin.Tests.Models.Grid;
using Xunit;
using static PortfolioMargin.Tests.Domain.TestMarket;

namespace PortfolioMargin.Tests.RealTime;

/// <summary>
/// Accounts with hand-computed numbers. Market: BTC 60,000 USD, ETH 3,000 USD. Model: classic-16 grid, price range
/// ±15 % (extremes ±30 % at weight 0.35 = 10.5 %, so the ±15 % move binds for delta-one books), IM = 1.2 × MM.
/// </summary>
public sealed class AccountTests
{
    internal static readonly ScenarioGridModel Model = new(GridModelTests.Params());

    internal static Account Acc(Portfolio positions, params CollateralBalance[] collateral) => new("acc-1", positions, collateral);

    internal static CollateralBalance Bal(Currency asset, double amount, double haircut = 0) => new(asset, amount, haircut);

    internal static Portfolio Perp(double quantity) => new(new Position(new Perpetual(Btc), quantity));

    [Fact]
    public void Haircut_collateral_values_and_coin_collateral_margin_by_hand()
    {
        Account a = Acc(Portfolio.Empty, Bal(Currency.Usd, 10_000), Bal(Currency.Btc, 0.5, 0.1), Bal(Currency.Eth, 2, 0.2));
        AccountMargin r = AccountCalculator.Calculate(a, Model, Snapshot());
        // Collateral: 10,000 + 0.5·0.9·60,000 = 27,000 + 2·0.8·3,000 = 4,800 → 41,800.
        Assert.Equal(41_800, r.CollateralValue, 1e-6);
        Assert.Equal(41_800, r.Equity, 1e-6);
        Assert.Equal(["BTC", "ETH"], r.Collateral.Where(c => c.RiskGroup is not null).Select(c => c.RiskGroup!));
        // Coin rows revalued in every scenario: BTC 0.45 · 60,000 · 15 % = 4,050; ETH 1.6 · 3,000 · 15 % = 720 → MM 4,770, IM 5,724.
        Assert.Equal(4_770, r.MaintenanceMargin, 1e-6);
        Assert.Equal(5_724, r.InitialMargin, 1e-6);
        Assert.Equal(4_770 / 41_800.0, r.MarginRatio, 1e-12);
        Assert.Equal(41_800 - 5_724, r.AvailableBalance, 1e-6);
        Assert.Equal(AccountStatus.Healthy, r.Status);
        Assert.Contains(r.Margin.Contributions, c => c.Label.Contains("COLLATERAL-BTC", StringComparison.Ordinal));
    }

    [Fact]
    public void Coin_collateral_offsets_a_short_and_doubles_a_long()
    {
        // 1 BTC balance + short 1 BTC perp: P&L S·m cancels in every scenario → MM 0; equity 60,000 (perp marked at 0).
        AccountMargin hedged = AccountCalculator.Calculate(Acc(Perp(-1), Bal(Currency.Btc, 1)), Model, Snapshot());
        Assert.Equal(0, hedged.MaintenanceMargin, 1e-6);
        Assert.Equal(60_000, hedged.Equity, 1e-6);
        // Same short against 60,000 USD: 15 % · 60,000 = 9,000.
        AccountMargin usd = AccountCalculator.Calculate(Acc(Perp(-1), Bal(Currency.Usd, 60_000)), Model, Snapshot());
        Assert.Equal(9_000, usd.MaintenanceMargin, 1e-6);
        // 1 BTC balance + long 1 BTC perp: 2 BTC long → 18,000.
        AccountMargin doubled = AccountCalculator.Calculate(Acc(Perp(1), Bal(Currency.Btc, 1)), Model, Snapshot());
        Assert.Equal(18_000, doubled.MaintenanceMargin, 1e-6);
    }

    [Fact]
    public void Options_count_at_premium_value_in_equity()
    {
        var call = new EuropeanOption(Btc, OptionRight.Call, 65_000, Mar);
        Account a = Acc(new Portfolio(new Position(call, -2)), Bal(Currency.Usd, 50_000));
        AccountMargin r = AccountCalculator.Calculate(a, Model, Snapshot());
        double premium = PortfolioMargin.Pricing.Black76.Price(OptionRight.Call, 61_000, 65_000, Snapshot().YearFraction(Mar), 0, 0.60);
        Assert.Equal(50_000 - (2 * premium), r.Equity, 1e-6); // a short option is a liability at its premium value
    }

    [Theory]
    [InlineData(20_000, AccountStatus.Healthy)]     // ≥ IM 10,800
    [InlineData(10_000, AccountStatus.MarginCall)]  // MM 9,000 ≤ equity < IM 10,800
    [InlineData(8_000, AccountStatus.Liquidation)]  // < MM
    public void Status_follows_the_default_thresholds(double usd, AccountStatus expected)
    {
        AccountMargin r = AccountCalculator.Calculate(Acc(Perp(1), Bal(Currency.Usd, usd)), Model, Snapshot());
        Assert.Equal(9_000, r.MaintenanceMargin, 1e-6);
        Assert.Equal(expected, r.Status);
    }

    [Fact]
    public void Status_thresholds_are_configurable()
    {
        // Margin call below 2 × IM = 21,600; liquidation below 1.5 × MM = 13,500.
        var t = new AccountThresholds(marginCallLevel: 2, liquidationLevel: 1.5);
        Assert.Equal(AccountStatus.MarginCall, AccountCalculator.Calculate(Acc(Perp(1), Bal(Currency.Usd, 20_000)), Model, Snapshot(), t).Status);
        Assert.Equal(AccountStatus.Liquidation, AccountCalculator.Calculate(Acc(Perp(1), Bal(Currency.Usd, 13_000)), Model, Snapshot(), t).Status);
        Assert.Equal(AccountStatus.Healthy, AccountCalculator.Calculate(Acc(Perp(1), Bal(Currency.Usd, 22_000)), Model, Snapshot(), t).Status);
    }

    [Fact]
    public void Empty_account_has_zero_everything_and_is_healthy()
    {
        AccountMargin r = AccountCalculator.Calculate(Acc(Portfolio.Empty), Model, Snapshot());
        Assert.Equal(0, r.Equity);
        Assert.Equal(0, r.InitialMargin);
        Assert.Equal(0, r.MarginRatio);
        Assert.Equal(AccountStatus.Healthy, r.Status);
    }

    [Fact]
    public void Negative_haircuts_and_bad_balances_are_rejected_naming_the_asset()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CollateralBalance(Currency.Btc, 1, -0.1));
        Assert.Contains("BTC", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CollateralBalance(Currency.Btc, 1, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CollateralBalance(Currency.Eth, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AccountThresholds(marginCallLevel: 0));
        var dup = Assert.Throws<ArgumentException>(() => Acc(Portfolio.Empty, Bal(Currency.Btc, 1), Bal(Currency.Btc, 2)));
        Assert.Contains("two collateral balances in BTC", dup.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Collateral_in_an_asset_with_no_price_names_the_asset()
    {
        Account a = Acc(Perp(1), Bal(new Currency("DOGE"), 1_000));
        var ex = Assert.Throws<MissingMarketDataException>(() => AccountCalculator.Calculate(a, Model, Snapshot()));
        Assert.Contains("DOGE", ex.Message, StringComparison.Ordinal);
        Assert.Contains("acc-1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_coin_priced_only_by_a_conversion_rate_counts_but_is_not_revalued()
    {
        var sol = new Currency("SOL");
        MarketSnapshot m = Snapshot().WithFxRate(sol, 150);
        AccountMargin r = AccountCalculator.Calculate(Acc(Portfolio.Empty, Bal(sol, 10, 0.5)), Model, m);
        Assert.Equal(10 * 0.5 * 150, r.Equity, 1e-9); // 750
        Assert.Null(r.Collateral[0].RiskGroup);
        Assert.Equal(0, r.MaintenanceMargin);
    }

    [Fact]
    public void Margining_one_account_on_snapshots_that_revalue_its_coin_differently_rebuilds_the_collateral_rows()
    {
        // The account memoises its positions-plus-collateral rows; a snapshot where no underlying quotes BTC must not reuse them.
        Account a = Acc(Perp(-1), Bal(Currency.Btc, 1));
        MarketSnapshot quoted = Snapshot();
        MarketSnapshot rateOnly = new MarketSnapshot(Now, Currency.Usd).WithSpot(Btc, 60_000).WithFxRate(Currency.Btc, 60_000);
        MarketSnapshot noBtcUnderlying = new MarketSnapshot(Now, Currency.Usd).WithFxRate(Currency.Btc, 60_000);
        AccountMargin first = AccountCalculator.Calculate(a, Model, quoted);
        Assert.Equal(0, first.MaintenanceMargin, 1e-6); // the BTC row hedges the short perp
        Assert.Equal(2, first.Margin.Contributions.Length);
        AccountMargin again = AccountCalculator.Calculate(a, Model, quoted);
        Assert.Same(AccountCalculator.RiskPortfolio(a, quoted).Portfolio, AccountCalculator.RiskPortfolio(a, quoted).Portfolio);
        Assert.Equal(first.MaintenanceMargin, again.MaintenanceMargin);
        Assert.Equal(first.Margin.Contributions.Select(c => c.Label), again.Margin.Contributions.Select(c => c.Label));

        // Only a conversion rate for BTC: the balance counts but is not revalued (no margin); where BTC is quoted, 1 BTC long needs 15 % · 60,000.
        Account coinOnly = Acc(Portfolio.Empty, Bal(Currency.Btc, 1));
        AccountMargin unhedgedCoin = AccountCalculator.Calculate(coinOnly, Model, noBtcUnderlying);
        Assert.Single(unhedgedCoin.Collateral);
        Assert.Null(unhedgedCoin.Collateral[0].RiskGroup);
        Assert.Empty(unhedgedCoin.Margin.Contributions);
        AccountMargin quotedAgain = AccountCalculator.Calculate(coinOnly, Model, quoted);
        Assert.Single(quotedAgain.Margin.Contributions); // the row is back on a snapshot that quotes BTC
        Assert.Equal(9_000, quotedAgain.MaintenanceMargin, 1e-6);
        AccountMargin rateAgain = AccountCalculator.Calculate(coinOnly, Model, noBtcUnderlying);
        Assert.Empty(rateAgain.Margin.Contributions);
        // A second snapshot with the same BTC underlying (and a conversion rate) revalues the coin again: hedged, 0.
        Assert.Equal(0, AccountCalculator.Calculate(a, Model, rateOnly).MaintenanceMargin, 1e-6);
    }
}
