using MathNet.Numerics.Distributions;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Isolated;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;
using PortfolioMargin.Solvency;
using Xunit;

namespace PortfolioMargin.Tests.Solvency.Backtesting;

/// <summary>The back-test engine: realised losses against closed forms, a simulated series with a known breach rate, gaps, sets, members and errors.</summary>
public sealed class MarginBacktestTests
{
    private static readonly Underlying Btc = CryptoDaily.Btc;
    private static readonly HistoricalMarketOptions ConstantVol = new() { Volatility = VolatilitySource.Constant(new Dictionary<string, double> { ["BTC"] = 0.5 }) };

    private static HistoricalMarket Market(double[] btc, params int[] missing) =>
        new(SyntheticHistory.Build(new Dictionary<string, double[]> { ["BTC"] = btc }, missing), [Btc], ConstantVol);

    private static BacktestAccount Holding(string id, params Position[] positions) => new(id, PositionPath.Static(new Portfolio(positions)));

    private static DeltaNormalVaR Var99(double dailyVol) =>
        new(VaRFactors.Create(["BTC"], [dailyVol], new double[,] { { 1 } }), new VaROptions { Confidence = 0.99 });

    [Fact]
    public void An_accurate_normal_var_on_normal_returns_breaches_at_its_rate()
    {
        // Relative returns r ~ N(0, 2 %): a long BTC position loses S_t·r and the 99 % delta-normal VaR is 2.326·2 %·S_t,
        // so a breach has probability exactly 1 %. 4,999 windows: about 50 breaches.
        double[] s = SyntheticHistory.NormalPath(5_000, 0.02, seed: 7);
        BacktestReport r = MarginBacktest.Run([Holding("long", new Position(new SpotInstrument(Btc), 1))], Market(s), Var99(0.02));
        BacktestSeries a = r.Account("long");
        Assert.Equal(4_999, a.Coverage.Observations);
        for (int t = 0; t < a.Observations.Length; t++)
        {
            Assert.Equal(-(s[t + 1] - s[t]), a.Observations[t].Loss, 1e-9);
            Assert.Equal(Normal.InvCDF(0, 1, 0.99) * 0.02 * s[t], a.Observations[t].Margin, 1e-9);
        }

        Assert.InRange(a.Coverage.Breaches, 25, 78); // the 99.99 % binomial band of B(4999, 1 %)
        Assert.False(a.Coverage.Kupiec.Rejects(0.01));
        Assert.NotEqual(TrafficLightZone.Red, a.Coverage.TrafficLight.Zone);
    }

    [Fact]
    public void A_normal_var_with_half_the_true_vol_is_rejected_and_red()
    {
        double[] s = SyntheticHistory.NormalPath(2_000, 0.02, seed: 11);
        BacktestSeries a = MarginBacktest.Run([Holding("long", new Position(new SpotInstrument(Btc), 1))], Market(s), Var99(0.01)).Account("long");
        // P(r < -2.326 %) with sigma 2 % is Phi(-1.163) = 12.2 %.
        Assert.InRange(a.Coverage.BreachRate, 0.09, 0.16);
        Assert.True(a.Coverage.Kupiec.PValue < 1e-10);
        Assert.Equal(TrafficLightZone.Red, a.Coverage.TrafficLight.Zone);
        Assert.True(a.Coverage.WorstShortfall > a.Coverage.AverageShortfall && a.Coverage.AverageShortfall > 0);
    }

    [Fact]
    public void Realised_losses_of_each_kind_of_position_and_of_coin_collateral_match_their_closed_forms()
    {
        double[] s = [100, 90, 120];
        HistoricalMarket market = Market(s);
        DateTimeOffset expiry = market.ValuationTime(0).AddDays(60);
        var accounts = new[]
        {
            Holding("future", new Position(new Future(Btc, expiry), 2)),
            Holding("inverse-perp", new Position(new Perpetual(Btc, inverse: true, multiplier: 10), -1_000)),
            new BacktestAccount("collateral", PositionPath.Static(Portfolio.Empty), [new CollateralBalance(Currency.Btc, 3, 0.1), new CollateralBalance(Currency.Usd, 500)]),
            Holding("call", new Position(new EuropeanOption(Btc, OptionRight.Call, 105, expiry), 4)),
        };
        BacktestReport r = MarginBacktest.Run(accounts, market, new IsolatedModel(IsolatedRates.CryptoDefault));
        for (int t = 0; t < 2; t++)
        {
            double s0 = s[t], s1 = s[t + 1];
            Assert.Equal(-2 * (s1 - s0), r.Account("future").Observations[t].Loss, 1e-9);
            Assert.Equal(-(-1_000 * 10 * ((1 / s0) - (1 / s1)) * s1), r.Account("inverse-perp").Observations[t].Loss, 1e-9);
            Assert.Equal(-3 * 0.9 * (s1 - s0), r.Account("collateral").Observations[t].Loss, 1e-9);
            double v0 = Black(s0, 105, (60.0 - t) / 365, 0.5), v1 = Black(s1, 105, (60.0 - t - 1) / 365, 0.5);
            Assert.Equal(-4 * (v1 - v0), r.Account("call").Observations[t].Loss, 1e-9);
        }

        Assert.Equal(r.Accounts.Sum(a => a.Observations[1].Loss), r.Set.Observations[1].Loss, 1e-9);
        Assert.Equal(r.Accounts.Sum(a => a.Observations[1].Margin), r.Set.Observations[1].Margin, 1e-9);
    }

    /// <summary>Black-76 call with zero rates, written out independently of the library.</summary>
    private static double Black(double f, double k, double t, double vol)
    {
        double d1 = (Math.Log(f / k) + (0.5 * vol * vol * t)) / (vol * Math.Sqrt(t)), d2 = d1 - (vol * Math.Sqrt(t));
        return (f * Normal.CDF(0, 1, d1)) - (k * Normal.CDF(0, 1, d2));
    }

    [Fact]
    public void A_window_ending_on_a_missing_day_is_skipped_with_its_reason_and_one_spanning_it_is_observed()
    {
        double[] s = [100, 101, 102, 103, 104, 105, 106, 107];
        HistoricalMarket market = Market(s, 5); // day 5 missing
        BacktestAccount a = Holding("a", new Position(new SpotInstrument(Btc), 1));
        BacktestSeries one = MarginBacktest.Run([a], market, Var99(0.02)).Account("a");
        Assert.Equal([0, 1, 2, 3, 6], one.Observations.Select(o => o.Date.DayNumber - SyntheticHistory.Start.DayNumber));
        SkippedDate skipped = Assert.Single(one.Skipped);
        Assert.Equal(SyntheticHistory.Start.AddDays(4), skipped.Date);
        Assert.Contains("2024-01-06, which the market lacks", skipped.Reason, StringComparison.Ordinal);

        BacktestSeries two = MarginBacktest.Run([a], market, Var99(0.02), new BacktestOptions { HorizonDays = 2 }).Account("a");
        Assert.Equal([0, 1, 2, 4], two.Observations.Select(o => o.Date.DayNumber - SyntheticHistory.Start.DayNumber));
        Assert.Equal(-(106.0 - 104), two.Observations[^1].Loss, 1e-12); // day 4 -> day 6 spans the gap
        Assert.Equal(SyntheticHistory.Start.AddDays(3), Assert.Single(two.Skipped).Date);
    }

    [Fact]
    public void Members_and_the_set_sum_their_accounts_and_maintenance_basis_uses_the_maintenance_margin()
    {
        double[] s = [100, 95, 99, 90, 96];
        var accounts = new[]
        {
            new BacktestAccount("a1", PositionPath.Static(new Portfolio(new Position(new SpotInstrument(Btc), 1))), member: "M1"),
            new BacktestAccount("a2", PositionPath.Static(new Portfolio(new Position(new Perpetual(Btc), -3))), member: "M1"),
            new BacktestAccount("a3", PositionPath.Static(new Portfolio(new Position(new Perpetual(Btc), 2))), member: "M2"),
        };
        var model = new IsolatedModel(IsolatedRates.CryptoDefault);
        BacktestReport r = MarginBacktest.Run(accounts, Market(s), model, new BacktestOptions { Basis = MarginBasis.Maintenance, From = SyntheticHistory.Start.AddDays(1) });
        Assert.Equal(["M1", "M2"], r.Members.Select(m => m.Id));
        Assert.Equal(3, r.Set.Observations.Length);
        for (int t = 0; t < 3; t++)
        {
            Assert.Equal(r.Account("a1").Observations[t].Loss + r.Account("a2").Observations[t].Loss, r.Members[0].Observations[t].Loss, 1e-9);
            Assert.Equal(r.Accounts.Sum(a => a.Observations[t].Margin), r.Set.Observations[t].Margin, 1e-9);
        }

        AccountMargin direct = AccountCalculator.Calculate(new Account("a1", new Portfolio(new Position(new SpotInstrument(Btc), 1)), []), model, Market(s).Snapshot(1, Portfolio.Empty));
        Assert.Equal(direct.MaintenanceMargin, r.Account("a1").Observations[0].Margin, 1e-9);
        Assert.Contains("member M1: accounts a1, a2", r.Members[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Results_do_not_depend_on_the_degree_of_parallelism()
    {
        double[] s = SyntheticHistory.NormalPath(400, 0.03, seed: 3);
        BacktestAccount[] accounts = [Holding("a", new Position(new SpotInstrument(Btc), 1)), Holding("b", new Position(new Perpetual(Btc), -2))];
        BacktestReport serial = MarginBacktest.Run(accounts, Market(s), Var99(0.03), new BacktestOptions { MaxDegreeOfParallelism = 1 });
        BacktestReport parallel = MarginBacktest.Run(accounts, Market(s), Var99(0.03));
        Assert.Equal(serial.Set.Observations, parallel.Set.Observations);
        Assert.Equal(serial.Account("b").Observations, parallel.Account("b").Observations);
    }

    [Fact]
    public void A_static_dated_position_that_expires_inside_a_window_is_an_error_naming_it_the_account_and_the_date()
    {
        double[] s = [100, 101, 102, 103];
        HistoricalMarket market = Market(s);
        var future = new Future(Btc, market.ValuationTime(1).AddHours(12));
        var e = Assert.Throws<InvalidOperationException>(() => MarginBacktest.Run([Holding("desk", new Position(future, 1))], market, Var99(0.02)));
        Assert.Contains("account 'desk' on 2024-01-02", e.Message, StringComparison.Ordinal);
        Assert.Contains(future.Name, e.Message, StringComparison.Ordinal);
        Assert.Contains("PositionPath.Restruck", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_model_is_reported_with_the_account_and_date()
    {
        var schedule = MarginModelSchedule.Create("flaky", day => day.Index == 2 ? throw new InvalidOperationException("no model today") : Var99(0.02));
        var e = Assert.Throws<InvalidOperationException>(() => MarginBacktest.Run([Holding("a", new Position(new SpotInstrument(Btc), 1))], Market([1, 2, 3, 4, 5]), schedule));
        Assert.Contains("'flaky' failed for account 'a' on 2024-01-03: no model today", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        HistoricalMarket market = Market([1, 2, 3]);
        BacktestAccount a = Holding("a", new Position(new SpotInstrument(Btc), 1));
        Assert.Throws<ArgumentException>(() => MarginBacktest.Run([], market, Var99(0.02)));
        Assert.Throws<ArgumentException>(() => MarginBacktest.Run([a, a], market, Var99(0.02)));
        Assert.Throws<ArgumentOutOfRangeException>(() => MarginBacktest.Run([a], market, Var99(0.02), new BacktestOptions { HorizonDays = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MarginBacktest.Run([a], market, Var99(0.02), new BacktestOptions { Coverage = 1 }));
        Assert.Contains("no date to observe", Assert.Throws<ArgumentException>(() => MarginBacktest.Run([a], market, Var99(0.02), new BacktestOptions { HorizonDays = 5 })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new BacktestAccount("x", PositionPath.Static(Portfolio.Empty), [new CollateralBalance(Currency.Usd, 1), new CollateralBalance(Currency.Usd, 2)]));
    }

    [Fact]
    public void A_user_position_path_and_a_recorded_dated_path_feed_the_back_test()
    {
        double[] s = [100, 110, 121, 100];
        var recorded = PositionPath.Dated([new(SyntheticHistory.Start, new Portfolio(new Position(new SpotInstrument(Btc), 1))),
            new(SyntheticHistory.Start.AddDays(2), new Portfolio(new Position(new SpotInstrument(Btc), -2)))]);
        BacktestSeries a = MarginBacktest.Run([new BacktestAccount("a", recorded)], Market(s), Var99(0.02)).Account("a");
        Assert.Equal([-10.0, -11.0, -2 * 21.0], a.Observations.Select(o => Math.Round(o.Loss, 9)));
        Assert.Throws<ArgumentException>(() => recorded.At(SyntheticHistory.Start.AddDays(-1), Market(s).Snapshot(0, Portfolio.Empty)));
    }
}
