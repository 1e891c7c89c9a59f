using PortfolioMargin.Correlation;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Solvency;
using Xunit;

namespace PortfolioMargin.Tests.Solvency.Backtesting;

/// <summary>Rolling VaR schedules: no look-ahead, equal to the model built by hand from the trailing returns; and the real BTC/ETH back-test.</summary>
public sealed class RollingModelsTests
{
    private static readonly HistoricalMarket Market = new(CryptoDaily.History, [CryptoDaily.Btc, CryptoDaily.Eth]);
    private static readonly Portfolio Book = new(new Position(new SpotInstrument(CryptoDaily.Btc), 1), new Position(new Perpetual(CryptoDaily.Eth), -20));

    /// <summary>The trailing relative returns ending at <paramref name="end"/>, from the closes directly.</summary>
    private static double[,] Trailing(int end, int window)
    {
        var r = new double[window, 2];
        string[] symbols = ["BTC", "ETH"];
        for (int k = 0; k < 2; k++)
        {
            ReadOnlySpan<double> c = CryptoDaily.History.Closes(symbols[k]);
            for (int t = 0; t < window; t++)
            {
                r[t, k] = (c[end - window + 1 + t] / c[end - window + t]) - 1;
            }
        }

        return r;
    }

    [Fact]
    public void Each_schedule_starts_after_its_window_and_equals_the_model_built_from_the_trailing_returns()
    {
        int i = CryptoDaily.History.IndexOf(new DateOnly(2020, 3, 12));
        var day = new BacktestDay(i, CryptoDaily.History.Dates[i], Market);
        ResolvedPortfolio book = ResolvedPortfolio.Resolve(Book, Market.Snapshot(i, Book));
        var options = new VaROptions { Confidence = 0.99 };

        MarginModelSchedule dn = RollingModels.DeltaNormal(Market, options, window: 100);
        Assert.Equal(100, dn.FirstUsableIndex(Market));
        var byHand = new DeltaNormalVaR(VaRFactors.FromCovariance(CovarianceEstimator.Ewma(["BTC", "ETH"], Trailing(i, 100))), options);
        Assert.Equal(byHand.Calculate(book).InitialMargin, dn.ModelOn(day).Calculate(book).InitialMargin, 1e-9);

        MarginModelSchedule hs = RollingModels.Historical(Market, options, window: 250);
        Assert.Equal(new HistoricalVaR(["BTC", "ETH"], Trailing(i, 250), options).Calculate(book).InitialMargin, hs.ModelOn(day).Calculate(book).InitialMargin, 1e-9);
        // The 2020-03-12 return itself is in the window: no look-ahead means up to and including the margin date.
        Assert.Equal(CryptoDaily.History.RelativeReturns(["BTC"], i, 1)[0, 0], Trailing(i, 1)[0, 0]);
    }

    [Fact]
    public void A_schedule_refuses_another_market_and_a_window_longer_than_the_history()
    {
        MarginModelSchedule dn = RollingModels.DeltaNormal(Market, window: 30);
        var other = new HistoricalMarket(CryptoDaily.History, [CryptoDaily.Btc, CryptoDaily.Eth]);
        Assert.Throws<InvalidOperationException>(() => dn.ModelOn(new BacktestDay(40, CryptoDaily.History.Dates[40], other)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RollingModels.DeltaNormal(Market, window: 5_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => RollingModels.Historical(Market, window: 1));
    }

    [Fact]
    public void On_real_BTC_ETH_history_a_normal_var_breaches_too_often_and_a_fat_tailed_one_less()
    {
        // Long 1 BTC (constant notional: re-struck daily) margined by 99 % 1-day VaR, 2017-2020.
        var reference = new Portfolio(new Position(new SpotInstrument(CryptoDaily.Btc), 1));
        var refMarket = new MarketSnapshot(new DateTimeOffset(2020, 12, 31, 0, 0, 0, TimeSpan.Zero), Currency.Usd).WithSpot(CryptoDaily.Btc, 29_000);
        BacktestAccount[] accounts = [new("btc", PositionPath.Restruck(reference, refMarket))];
        var options = new BacktestOptions { From = new DateOnly(2017, 1, 1) };
        var var99 = new VaROptions { Confidence = 0.99 };
        BacktestSeries normal = MarginBacktest.Run(accounts, Market, RollingModels.DeltaNormal(Market, var99), options).Set;
        BacktestSeries historical = MarginBacktest.Run(accounts, Market, RollingModels.Historical(Market, var99), options).Set;
        Assert.True(normal.Coverage.BreachRate > 0.015, normal.Coverage.ToString());
        Assert.True(normal.Coverage.Kupiec.Rejects(0.05), normal.Coverage.ToString());
        Assert.True(historical.Coverage.Breaches < normal.Coverage.Breaches, $"{historical.Coverage} vs {normal.Coverage}");
        // Windows ending on the 8 missing days after 2017-01-01, except 2020-10-12 whose start (2020-10-11) is missing too.
        Assert.Equal(7, normal.Skipped.Length);
    }
}
