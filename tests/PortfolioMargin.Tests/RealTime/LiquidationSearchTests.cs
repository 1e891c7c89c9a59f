using System.Collections.Immutable;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
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

    // ---- Dips between scan samples -------------------------------------------------------------------------------

    /// <summary>The default scan's moves <c>m_k = −0.99·(k/64)²</c>, k = 0…64.</summary>
    private static double[] DefaultScan() => [.. Enumerable.Range(0, 65).Select(k => -0.99 * k * k / (64.0 * 64.0))];

    private static double F(AccountMargin a) => a.Equity - a.MaintenanceMargin;

    [Fact]
    public void A_narrow_dip_of_a_short_butterfly_between_scan_samples_is_found()
    {
        // Short 1 butterfly 39,400/40,000/40,600 expiring in 30 minutes, 470 USD cash. Under the ±15 % grid the short
        // butterfly's loss spikes when a scenario price lands near 40,000: the −15 % scenario does so at
        // S·0.85 ≈ 40,000, m ≈ −21.6 %. f = equity − MM dips below 0 there in a band narrower than the scan step
        // (≈ 0.015), but stays ≥ 0 at every sample of the default scan.
        DateTimeOffset soon = Now.AddMinutes(30);
        MarketSnapshot market = Snapshot().WithForward(Btc, soon, 60_000);
        var book = new Portfolio(
            new Position(new EuropeanOption(Btc, OptionRight.Call, 39_400, soon), -1),
            new Position(new EuropeanOption(Btc, OptionRight.Call, 40_000, soon), 2),
            new Position(new EuropeanOption(Btc, OptionRight.Call, 40_600, soon), -1));
        Account a = Acc(book, Bal(PortfolioMargin.Currency.Usd, 470));
        double[] samples = [.. DefaultScan().Select(m => F(LiquidationSearch.AtMove(a, Model, market, "BTC", m)))];
        Assert.All(samples, f => Assert.True(f >= 0, $"a scan sample is already negative ({f:R}): the test would not prove the point"));

        LiquidationDistance d = LiquidationSearch.Find(a, Model, market, "BTC");
        Assert.True(d.Found, d.ToString());
        Assert.True(d.LocalMinimisations >= 1);
        Assert.InRange(d.Move, -0.23, -0.20);
        // At the move: equity = MM within the tolerance (slope of f ≈ 3e4 USD per unit move here × 1e-9).
        AccountMargin at = LiquidationSearch.AtMove(a, Model, market, "BTC", d.Move);
        Assert.True(Math.Abs(F(at)) < 1e-3, $"equity {at.Equity:R}, MM {at.MaintenanceMargin:R}");
        Assert.Equal(AccountStatus.Liquidation, at.Status);
        Assert.Equal(at.Equity, d.AtMove.Equity, 1e-9);
        // Just inside: not liquidated; and nowhere between 0 and the move on a grid 100× finer than the scan.
        AccountMargin inside = LiquidationSearch.AtMove(a, Model, market, "BTC", d.Move + 1e-7);
        Assert.NotEqual(AccountStatus.Liquidation, inside.Status);
        for (int i = 0; i < 6_400; i++)
        {
            double m = d.Move * i / 6_400.0;
            Assert.True(F(LiquidationSearch.AtMove(a, Model, market, "BTC", m)) >= 0, $"an earlier crossing before m = {m:R}");
        }
    }

    [Fact]
    public void A_gaussian_margin_spike_between_samples_liquidates_at_its_hand_derived_edge()
    {
        // MM(m) = 2·cash·exp(−((m + 0.30)/0.004)²) on a 1,000 USD account: f = cash − MM < 0 where
        // |m + 0.30| < 0.004·√ln 2; the first crossing going down is m* = −0.30 + 0.004·√ln 2 = −0.296670….
        // Nearest samples: m_35 = −0.2961 (MM = 0.77·cash) and m_36 = −0.3132 (MM ≈ 0): all samples ≥ 0, but m_35 is a
        // sampled local minimum.
        var model = new SpikeModel(m => 2_000 * Math.Exp(-Math.Pow((m + 0.30) / 0.004, 2)));
        Account a = Acc(Perp(0), Bal(PortfolioMargin.Currency.Usd, 1_000));
        Assert.All(DefaultScan(), m => Assert.True(F(LiquidationSearch.AtMove(a, model, Snapshot(), "BTC", m)) >= 0));

        LiquidationDistance d = LiquidationSearch.Find(a, model, Snapshot(), "BTC");
        double expected = -0.30 + (0.004 * Math.Sqrt(Math.Log(2)));
        Assert.True(d.Found, d.ToString());
        Assert.Equal(expected, d.Move, 1e-8);
        Assert.True(d.Move <= expected + 1e-12); // on the liquidating side
        Assert.Equal(1, d.LocalMinimisations);
        Assert.True(F(LiquidationSearch.AtMove(a, model, Snapshot(), "BTC", d.Move + 1e-7)) > 0);
        // Evaluations are counted: more than the 36 samples scanned, at most scan + one minimisation + bisection.
        Assert.InRange(d.Evaluations, 37 + 25, 37 + 60 + 40);
    }

    [Fact]
    public void A_dip_invisible_at_every_sample_is_missed_and_found_with_enough_grid_points()
    {
        // MM(m) = 2·cash inside |m + 0.305| < 0.001 (a top hat), 0 elsewhere: f is flat at every default sample
        // (nearest m_35 = −0.2961, m_36 = −0.3132), so there is no sampled minimum: the documented blind spot.
        var model = new SpikeModel(m => Math.Abs(m + 0.305) < 0.001 ? 2_000 : 0);
        Account a = Acc(Perp(0), Bal(PortfolioMargin.Currency.Usd, 1_000));
        LiquidationDistance coarse = LiquidationSearch.Find(a, model, Snapshot(), "BTC");
        Assert.False(coarse.Found);
        Assert.Equal(0, coarse.LocalMinimisations);
        Assert.Equal(65, coarse.Evaluations);
        // A scan step at −30 % below the band width 0.002 (≈ 2·√(0.3·0.99)/N < 0.002 for N ≥ 545) samples it.
        LiquidationDistance fine = LiquidationSearch.Find(a, model, Snapshot(), "BTC", options: new LiquidationSearchOptions(gridPoints: 600));
        Assert.True(fine.Found, fine.ToString());
        Assert.Equal(-0.304, fine.Move, 1e-8);
    }

    [Fact]
    public void A_monotone_account_needs_no_local_minimisation()
    {
        // Long perp on USD: f = 1,000 + 51,000 m is strictly decreasing, so no sample is a local minimum.
        LiquidationDistance d = LiquidationSearch.Find(Acc(Perp(1), Bal(PortfolioMargin.Currency.Usd, 10_000)), Model, Snapshot(), "BTC");
        Assert.Equal(0, d.LocalMinimisations);
    }

    /// <summary>A test model whose MM is a given function of the BTC move <c>S/60,000 − 1</c>, carried by position 0.</summary>
    private sealed class SpikeModel(Func<double, double> maintenanceOfMove) : IMarginModel
    {
        public string Name => "spike";

        public MarginResult Calculate(ResolvedPortfolio portfolio)
        {
            double mm = maintenanceOfMove((portfolio.Market.Spot(Btc) / 60_000) - 1);
            return new MarginResult(Name, portfolio.Market.ReportCurrency, mm, mm, MarginNode.Leaf("spike", mm, mm),
                [.. Enumerable.Range(0, portfolio.Count).Select(i => new PositionContribution(i, $"#{i}", "BTC", i == 0 ? mm : 0, i == 0 ? mm : 0))],
                ImmutableArray<BindingScenario>.Empty, ImmutableArray<MarginDiagnostic>.Empty);
        }
    }
}
