using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;
using Xunit;
using static PortfolioMargin.Tests.Domain.TestMarket;
using static PortfolioMargin.Tests.RealTime.AccountTests;

namespace PortfolioMargin.Tests.RealTime;

/// <summary>
/// Liquidation distance, checked by hand and by re-running the margin at the found move and just inside it.
/// Grid ±15 %: a linear BTC perp position of q BTC at spot S(1+m) has MM(m) = 0.15·|q|·60,000·(1+m).
/// </summary>
public sealed class LiquidationSearchTests
{
    private static void AssertOnTheBoundary(Account a, LiquidationDistance d, string? underlying)
    {
        Assert.True(d.Found, d.ToString());
        // At the move: equity = MM within the bisection tolerance (slope ~1e5 USD per unit move × 1e-9).
        AccountMargin at = LiquidationSearch.AtMove(a, Model, Snapshot(), underlying, d.Move);
        Assert.True(Math.Abs(at.Equity - at.MaintenanceMargin) < 1e-3, $"equity {at.Equity:R}, MM {at.MaintenanceMargin:R}");
        Assert.Equal(AccountStatus.Liquidation, at.Status);
        // Just inside: still above maintenance.
        AccountMargin inside = LiquidationSearch.AtMove(a, Model, Snapshot(), underlying, d.Move * (1 - 1e-4));
        Assert.True(inside.Equity > inside.MaintenanceMargin, $"inside: equity {inside.Equity:R}, MM {inside.MaintenanceMargin:R}");
    }

    [Fact]
    public void Long_perp_on_usd_collateral_liquidates_at_minus_one_fifty_first()
    {
        // equity 10,000 + 60,000 m = MM 9,000 (1 + m)  →  m = −1,000 / 51,000 = −1/51.
        Account a = Acc(Perp(1), Bal(PortfolioMargin.Currency.Usd, 10_000));
        LiquidationDistance d = LiquidationSearch.Find(a, Model, Snapshot(), "BTC");
        Assert.Equal(-1.0 / 51, d.Move, 1e-8);
        AssertOnTheBoundary(a, d, "BTC");
    }

    [Fact]
    public void Coin_collateral_falls_with_its_coin_and_brings_liquidation_closer()
    {
        // 1 BTC balance + long 1 perp: equity 60,000 (1 + m) + 60,000 m = MM 18,000 (1 + m)  →  m = −42/102.
        Account coin = Acc(Perp(1), Bal(PortfolioMargin.Currency.Btc, 1));
        LiquidationDistance d = LiquidationSearch.Find(coin, Model, Snapshot());
        Assert.Equal(-42.0 / 102, d.Move, 1e-8);
        Assert.Equal(LiquidationSearch.AllUnderlyings, d.Scope);
        AssertOnTheBoundary(coin, d, null);

        // The same value in USD: equity 60,000 + 60,000 m = 9,000 (1 + m) only at m = −1: not within [−99 %, 0].
        Account usd = Acc(Perp(1), Bal(PortfolioMargin.Currency.Usd, 60_000));
        LiquidationDistance none = LiquidationSearch.Find(usd, Model, Snapshot(), "BTC");
        Assert.False(none.Found);
        Assert.Equal(-0.99, none.Move);
        Assert.True(none.AtMove.Equity > none.AtMove.MaintenanceMargin);
        Assert.Contains("no liquidation", none.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Short_perp_liquidates_on_an_up_move()
    {
        // equity 10,000 − 60,000 m = 9,000 (1 + m)  →  m = 1,000 / 69,000.
        Account a = Acc(Perp(-1), Bal(PortfolioMargin.Currency.Usd, 10_000));
        LiquidationDistance d = LiquidationSearch.Find(a, Model, Snapshot(), "BTC", MoveDirection.Up);
        Assert.Equal(1.0 / 69, d.Move, 1e-8);
        AssertOnTheBoundary(a, d, "BTC");
        Assert.False(LiquidationSearch.Find(a, Model, Snapshot(), "BTC", MoveDirection.Down).Found);
    }

    [Fact]
    public void Moving_another_underlying_does_not_liquidate_and_all_together_does()
    {
        // Long BTC perp hedged by nothing, ETH collateral: moving ETH alone only shrinks the collateral.
        Account a = Acc(Perp(1), Bal(PortfolioMargin.Currency.Usd, 9_500), Bal(PortfolioMargin.Currency.Eth, 1));
        LiquidationDistance eth = LiquidationSearch.Find(a, Model, Snapshot(), "ETH");
        // ETH at 3,000 (1+m): equity 12,500 + 3,000 m; MM 9,000 + 450 (1 + m) → 3,050 = −2,550 m → m = −1.196: none.
        Assert.False(eth.Found);
        LiquidationDistance all = LiquidationSearch.Find(a, Model, Snapshot());
        // All: 12,500 + 63,000 m = 9,450 (1 + m) → m = −3,050 / 53,550.
        Assert.Equal(-3_050.0 / 53_550, all.Move, 1e-8);
        AssertOnTheBoundary(a, all, null);
    }

    [Fact]
    public void An_account_already_below_maintenance_is_at_distance_zero()
    {
        Account a = Acc(Perp(1), Bal(PortfolioMargin.Currency.Usd, 5_000));
        LiquidationDistance d = LiquidationSearch.Find(a, Model, Snapshot(), "BTC");
        Assert.True(d.Found);
        Assert.Equal(0, d.Move);
        Assert.Equal(1, d.Evaluations);
    }

    [Fact]
    public void Unknown_underlying_is_rejected_naming_it()
    {
        var ex = Assert.Throws<ArgumentException>(() => LiquidationSearch.Find(Acc(Perp(1), Bal(PortfolioMargin.Currency.Usd, 1)), Model, Snapshot(), "SOL"));
        Assert.Contains("'SOL'", ex.Message, StringComparison.Ordinal);
    }
}
