using PortfolioMargin.Instruments;
using PortfolioMargin.Models;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using Xunit;

namespace PortfolioMargin.Tests.Models.VaR;

/// <summary>Historical simulation on data sets with known empirical quantiles, and the Hull–White filter by hand.</summary>
public sealed class HistoricalVaRTests
{
    /// <summary>100 shuffled days with returns −1 ‰ … −100 ‰ on factor U0 and noise on U1; a long U0 spot worth 1,000 loses 1 … 100.</summary>
    private static (HistoricalVaR Model, ResolvedPortfolio Book) OneToHundred(VaROptions options)
    {
        var rnd = new Random(3);
        int[] days = [.. Enumerable.Range(1, 100).OrderBy(_ => rnd.Next())];
        var r = new double[100, 2];
        for (int d = 0; d < 100; d++)
        {
            r[d, 0] = -days[d] / 1000.0;
            r[d, 1] = (rnd.NextDouble() - 0.5) / 10;
        }

        (var market, var u) = VaRTestBooks.Market(1);
        var book = ResolvedPortfolio.Resolve(new Portfolio(new Position(new SpotInstrument(u[0]), 10)), market); // 10 × 100 = 1,000
        return (new HistoricalVaR(["U1", "U0"], Swap(r), options), book);
    }

    private static double[,] Swap(double[,] r)
    {
        var s = new double[r.GetLength(0), 2];
        for (int d = 0; d < r.GetLength(0); d++)
        {
            s[d, 0] = r[d, 1];
            s[d, 1] = r[d, 0];
        }

        return s;
    }

    [Theory]
    [InlineData(0.99, VaRMeasure.ValueAtRisk, 99.01)] // h = 99·0.99 = 98.01: 99 + 0.01·(100 − 99)
    [InlineData(0.95, VaRMeasure.ValueAtRisk, 95.05)] // h = 94.05: 95 + 0.05
    [InlineData(0.975, VaRMeasure.ExpectedShortfall, 99.2)] // w = 2.5: (100 + 99 + 0.5·98)/2.5
    [InlineData(0.99, VaRMeasure.ExpectedShortfall, 100.0)] // w = 1: the worst loss
    public void Known_empirical_quantile_and_shortfall(double alpha, VaRMeasure measure, double expected)
    {
        (HistoricalVaR model, ResolvedPortfolio book) = OneToHundred(new VaROptions { Confidence = alpha, Measure = measure });
        MarginResult r = model.Calculate(book);
        Assert.Equal(expected, r.InitialMargin, 9);
        Assert.Equal(expected, Assert.Single(r.Contributions).Initial, 9);
    }

    [Fact]
    public void Option_book_scenario_losses_are_full_revaluations_and_contributions_sum()
    {
        (var market, var u) = VaRTestBooks.Market(2);
        Portfolio p = VaRTestBooks.OptionBook(u, 8, 2).Add([.. VaRTestBooks.LinearBook(u, [2, -3, 1, 4, 2, 2, -1, 1])]);
        var book = ResolvedPortfolio.Resolve(p, market);
        var rnd = new Random(1);
        var r = new double[250, 2];
        for (int d = 0; d < 250; d++)
        {
            r[d, 0] = (rnd.NextDouble() - 0.5) * 0.2;
            r[d, 1] = (rnd.NextDouble() - 0.5) * 0.3;
        }

        MarginResult res = new HistoricalVaR(["U0", "U1"], r, new VaROptions { Confidence = 0.99 }).Calculate(book);
        // Independent: reprice every position on every day with the scalar pricer, take the type-7 quantile.
        var losses = new double[250];
        for (int d = 0; d < 250; d++)
        {
            var shocked = ResolvedPortfolio.Resolve(p, Shift(market, u, 1 + r[d, 0], 1 + r[d, 1]));
            losses[d] = -(PortfolioMargin.Pricing.PortfolioValuation.Of(shocked).TotalValueInReport - PortfolioMargin.Pricing.PortfolioValuation.Of(book).TotalValueInReport)
                - FuturesPnl(book, shocked);
        }

        Array.Sort(losses);
        double h = 249 * 0.99;
        int lo = (int)h;
        double expected = losses[lo] + ((h - lo) * (losses[lo + 1] - losses[lo]));
        Assert.True(Math.Abs(expected - res.InitialMargin) <= 1e-8 * (1 + expected), $"expected {expected:R}, got {res.InitialMargin:R}");
    }

    /// <summary>The market with every price of U0 / U1 scaled and conversion rates kept at today's spots.</summary>
    private static PortfolioMargin.MarketData.MarketSnapshot Shift(PortfolioMargin.MarketData.MarketSnapshot m, Underlying[] u, double m0, double m1)
    {
        PortfolioMargin.MarketData.MarketSnapshot s = m;
        double[] mult = [m0, m1];
        for (int i = 0; i < 2; i++)
        {
            double spot = m.Spot(u[i]);
            s = s.WithSpot(u[i], spot * mult[i]).WithForward(u[i], VaRTestBooks.Mar, m.Forward(u[i], VaRTestBooks.Mar) * mult[i])
                .WithFxRate(u[i].BaseCurrency, spot);
        }

        return s;
    }

    /// <summary>P&amp;L of the positions valued at 0 (futures and perpetuals) between two resolutions, in the report currency at today's rate.</summary>
    private static double FuturesPnl(ResolvedPortfolio a, ResolvedPortfolio b)
    {
        double s = 0;
        for (int i = 0; i < a.Count; i++)
        {
            double c = a.Quantity[i] * a.Multiplier[i] * a.SettlementToReport[i];
            s += a.Kind[i] switch
            {
                InstrumentKind.LinearFuture or InstrumentKind.LinearPerpetual => c * (b.Price[i] - a.Price[i]),
                InstrumentKind.InverseFuture or InstrumentKind.InversePerpetual => c * ((1 / a.Price[i]) - (1 / b.Price[i])),
                _ => 0,
            };
        }

        return s;
    }

    [Fact]
    public void Ewma_filter_rescales_each_return_to_todays_volatility()
    {
        // One factor, returns 1 %, 2 %, −3 %; λ = 0.9; σ0² = mean of squares = 14e-4/3.
        double[,] r = { { 0.01 }, { 0.02 }, { -0.03 } };
        var model = new HistoricalVaR(["U0"], r, null, 0.9);
        double v0 = 14e-4 / 3, v1 = (0.9 * v0) + (0.1 * 1e-4), v2 = (0.9 * v1) + (0.1 * 4e-4), v3 = (0.9 * v2) + (0.1 * 9e-4);
        Assert.Equal(0.01 * Math.Sqrt(v3 / v0), model.ScenarioReturn(0, "U0"), 15);
        Assert.Equal(0.02 * Math.Sqrt(v3 / v1), model.ScenarioReturn(1, "U0"), 15);
        Assert.Equal(-0.03 * Math.Sqrt(v3 / v2), model.ScenarioReturn(2, "U0"), 15);
    }

    [Fact]
    public void Bad_returns_and_missing_factors_are_named()
    {
        var e = Assert.Throws<ArgumentException>(() => new HistoricalVaR(["A", "B"], new double[,] { { 0.1, -1.5 } }));
        Assert.Contains("'B' on day 0", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new HistoricalVaR(["A", "A"], new double[,] { { 0.1, 0.1 } }));
        (var market, var u) = VaRTestBooks.Market(2);
        var book = ResolvedPortfolio.Resolve(VaRTestBooks.LinearBook(u, [1, 1]), market);
        var m = Assert.Throws<ArgumentException>(() => new HistoricalVaR(["U0"], new double[,] { { 0.1 } }).Calculate(book));
        Assert.Contains("'U1'", m.Message, StringComparison.Ordinal);
    }
}
