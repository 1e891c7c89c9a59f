using PortfolioMargin.Correlation;
using PortfolioMargin.Models;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using Xunit;

namespace PortfolioMargin.Tests.Models.VaR;

/// <summary>Delta-normal VaR/ES and its Euler decomposition against published figures (Jorion ch. 7) and closed forms.</summary>
public sealed class DeltaNormalVaRTests
{
    private static void Near(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R}");

    [Fact]
    public void VAR_JORION_all_published_figures()
    {
        (ResolvedPortfolio book, VaRFactors factors) = VaRTestBooks.Jorion();
        var model = new DeltaNormalVaR(factors, new VaROptions { Confidence = 0.95 });
        VaRDecomposition d = model.Decompose(book);

        Near(1.644854, model.Options.Z, 5e-7, "z 95%");
        Near(256_934.35, d.ValueAtRisk, 0.01, "portfolio VaR");
        Near(164_485.36, d.Factors[0].Standalone, 0.01, "individual CAD");
        Near(197_382.44, d.Factors[1].Standalone, 0.01, "individual EUR");
        Near(361_867.80, d.Undiversified, 0.01, "undiversified");
        Near(361_867.80 - 256_934.35, d.DiversificationBenefit, 0.02, "diversification benefit");
        Near(59_551.91, d.Factors[0].Incremental, 0.01, "incremental CAD");
        Near(92_448.99, d.Factors[1].Incremental, 0.01, "incremental EUR");
        Near(0.052650, d.Factors[0].Marginal, 5e-7, "marginal CAD");
        Near(0.151633, d.Factors[1].Marginal, 5e-7, "marginal EUR");
        Near(105_300.96, d.Factors[0].Component, 0.01, "component CAD");
        Near(151_633.39, d.Factors[1].Component, 0.01, "component EUR");
        Assert.Equal(d.Factors[0].Incremental, d.Positions[0].Incremental);

        MarginResult r = model.Calculate(book);
        Near(256_934.35, r.InitialMargin, 0.01, "margin");
        Assert.Equal(r.InitialMargin, r.MaintenanceMargin);
        Near(105_300.96, r.Contributions[0].Initial, 0.01, "CAD contribution");
        Assert.Equal("CAD", r.Contributions[0].Group);
        Assert.Equal(2, r.Breakdown.Children.Length);
    }

    [Theory]
    [InlineData(0.95, 2.062713)]
    [InlineData(0.975, 2.337803)]
    [InlineData(0.99, 2.665214)]
    public void VAR_ESFACTORS_normal_es_over_sigma(double confidence, double expected)
    {
        var options = new VaROptions { Confidence = confidence, Measure = VaRMeasure.ExpectedShortfall };
        Near(expected, options.EsFactor, 5e-7, "ES/sigma");
        (ResolvedPortfolio book, VaRFactors factors) = VaRTestBooks.Jorion();
        VaRDecomposition d = new DeltaNormalVaR(factors, options).Decompose(book);
        Near(expected * d.PortfolioSigma, d.ExpectedShortfall, 5e-7 * d.PortfolioSigma, "ES");
        Assert.Equal(d.ExpectedShortfall, d.Total);
        Near(d.Total, d.Factors.Sum(f => f.Component), 1e-6, "ES components");
    }

    [Theory]
    [InlineData(0.5 + 1e-12)]
    [InlineData(0.9)]
    [InlineData(0.975)]
    [InlineData(0.99)]
    [InlineData(0.999)]
    [InlineData(1e-10)]
    [InlineData(1 - 1e-12)]
    public void Normal_quantile_inverts_the_library_normal_cdf(double p)
    {
        double z = NormalQuantile.Inverse(p);
        Near(p, NormalDistribution.Cdf(z), 1e-15 + (1e-13 * Math.Min(p, 1 - p)), "Phi(Phi^-1(p))");
    }

    [Fact]
    public void Normal_quantile_matches_published_z_values()
    {
        Near(2.326347874, NormalQuantile.Inverse(0.99), 1e-9, "z 99%");
        Near(-2.326347874, NormalQuantile.Inverse(0.01), 1e-9, "z 1%");
        Near(1.959963985, NormalQuantile.Inverse(0.975), 1e-9, "z 97.5%");
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalQuantile.Inverse(1.0));
    }

    [Fact]
    public void Horizon_and_annual_vols_scale_by_square_root_of_time()
    {
        (ResolvedPortfolio book, _) = VaRTestBooks.Jorion();
        // Annual vols with 365 days: daily = annual / sqrt(365).
        VaRFactors annual = VaRFactors.Create(["CAD", "EUR"], [0.05 * Math.Sqrt(365), 0.12 * Math.Sqrt(365)], new double[,] { { 1, 0 }, { 0, 1 } }, VolatilityUnit.Annual, 365);
        double oneDay = new DeltaNormalVaR(annual, new VaROptions { Confidence = 0.95 }).Calculate(book).InitialMargin;
        double tenDays = new DeltaNormalVaR(annual, new VaROptions { Confidence = 0.95, HorizonDays = 10, Multiplier = 3 }).Calculate(book).InitialMargin;
        Near(256_934.35, oneDay, 0.01, "1-day VaR from annual vols");
        Near(3 * Math.Sqrt(10) * oneDay, tenDays, 1e-6, "10-day x3");
    }

    [Fact]
    public void Inverse_future_exposure_is_face_value_times_spot_over_forward()
    {
        (var market, var u) = VaRTestBooks.Market(1);
        var book = ResolvedPortfolio.Resolve(new Portfolio(new Position(new PortfolioMargin.Instruments.Future(u[0], VaRTestBooks.Mar, inverse: true, multiplier: 10), 7)), market);
        VaRExposures x = VaRExposures.Of(book, VaRTestBooks.Factors(1, 1));
        // Coin P&L 70·(1/F − 1/F'), converted at the spot 100: e = 70·100/101, g = −2e.
        Near(70 * 100 / 101.0, x.PositionDelta[0], 1e-12, "dollar delta");
        Near(-2 * 70 * 100 / 101.0, x.PositionGamma[0], 1e-12, "dollar gamma");
    }

    [Fact]
    public void Option_exposures_match_finite_differences_of_the_repriced_position()
    {
        (var market, var u) = VaRTestBooks.Market(2);
        Portfolio p = VaRTestBooks.OptionBook(u, 12, 5);
        var book = ResolvedPortfolio.Resolve(p, market);
        VaRExposures x = VaRExposures.Of(book, VaRTestBooks.Factors(2, 1));
        const double h = 1e-4;
        for (int i = 0; i < book.Count; i++)
        {
            double v0 = Revalued(book, i, 0), up = Revalued(book, i, h), dn = Revalued(book, i, -h);
            double scale = 1 + Math.Abs(x.PositionDelta[i]);
            Near((up - dn) / (2 * h), x.PositionDelta[i], 1e-6 * scale, $"delta {p[i]}");
            Near((up - (2 * v0) + dn) / (h * h), x.PositionGamma[i], 1e-3 * scale, $"gamma {p[i]}");
        }
    }

    /// <summary>Report-currency value of position i with every price of its underlying moved by x (fx fixed), by the scalar pricer.</summary>
    private static double Revalued(ResolvedPortfolio r, int i, double x)
    {
        double f = r.Price[i] * (1 + x);
        var right = r.Omega[i] > 0 ? PortfolioMargin.Instruments.OptionRight.Call : PortfolioMargin.Instruments.OptionRight.Put;
        double v = Black76.Price(right, f, r.Strike[i], r.Time[i], r.Rate[i], r.Vol[i]);
        bool inverse = r.Kind[i] == PortfolioMargin.Instruments.InstrumentKind.InverseOption;
        return r.Quantity[i] * r.Multiplier[i] * r.SettlementToReport[i] * (inverse ? v / f : v);
    }

    [Fact]
    public void Standalone_fast_path_equals_margining_each_position_alone()
    {
        (var market, var u) = VaRTestBooks.Market(3);
        Portfolio p = VaRTestBooks.LinearBook(u, [3, -2, 5, 1, -4, 2, 7, -1, 2, 3, -3, 1]).Add([.. VaRTestBooks.OptionBook(u, 6, 2)]);
        var book = ResolvedPortfolio.Resolve(p, market);
        var model = new DeltaNormalVaR(VaRTestBooks.Factors(3, 4), new VaROptions { Multiplier = 2 });
        var (result, fast) = model.CalculateWithStandalone(book);
        for (int i = 0; i < p.Count; i++)
        {
            double alone = model.Calculate(new Portfolio(p[i]), market).InitialMargin;
            Near(alone, fast[i], 1e-9 * (1 + alone), $"standalone {p[i]}");
        }

        EfficiencyReport report = EfficiencyReport.Compute(model, book);
        Assert.Equal(result.InitialMargin, report.Total.PortfolioMargin);
        Assert.InRange(report.Total.Efficiency, 0.0, 1.0);
    }

    [Fact]
    public void Missing_factor_is_named()
    {
        (var market, var u) = VaRTestBooks.Market(3);
        var book = ResolvedPortfolio.Resolve(VaRTestBooks.LinearBook(u, [1, 1, 1]), market);
        var e = Assert.Throws<ArgumentException>(() => new DeltaNormalVaR(VaRTestBooks.Factors(2, 1)).Calculate(book));
        Assert.Contains("'U2'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_psd_correlation_is_refused_unless_repair_is_requested_and_then_reported()
    {
        double[,] bad = { { 1, 0.9, -0.9 }, { 0.9, 1, 0.9 }, { -0.9, 0.9, 1 } };
        string[] labels = ["U0", "U1", "U2"];
        var e = Assert.Throws<MatrixValidationException>(() => VaRFactors.Create(labels, [0.02, 0.03, 0.04], bad));
        Assert.Equal(MatrixRule.PositiveSemiDefinite, e.Rule);
        Assert.Contains("CorrelationRepair", e.Message, StringComparison.Ordinal);

        (var market, var u) = VaRTestBooks.Market(3);
        var book = ResolvedPortfolio.Resolve(VaRTestBooks.LinearBook(u, [1, 2, 3]), market);
        foreach (CorrelationRepair repair in new[] { CorrelationRepair.NearestCorrelation, CorrelationRepair.EigenvalueClipping })
        {
            VaRFactors f = VaRFactors.Create(labels, [0.02, 0.03, 0.04], bad, repair: repair);
            Assert.NotNull(f.Repair);
            Assert.True(f.Correlation.SmallestEigenvalue() > -1e-10);
            MarginResult r = new DeltaNormalVaR(f).Calculate(book);
            MarginDiagnostic d = Assert.Single(r.Diagnostics);
            Assert.Equal("CORRELATION_REPAIRED", d.Code);
            Assert.Contains(f.Repair!.Summary(), d.Message, StringComparison.Ordinal);
        }

        // A valid matrix with repair requested is left alone and reported as nothing.
        VaRFactors ok = VaRFactors.Create(labels, [0.02, 0.03, 0.04], VaRTestBooks.RandomCorrelation(3, 1), repair: CorrelationRepair.NearestCorrelation);
        Assert.Null(ok.Repair);
        Assert.Empty(new DeltaNormalVaR(ok).Calculate(book).Diagnostics);
    }

    [Fact]
    public void Bad_parameters_are_refused_with_the_parameter_named()
    {
        VaRFactors f = VaRTestBooks.Factors(2, 1);
        Assert.Equal("Confidence", Assert.Throws<ArgumentOutOfRangeException>(() => new DeltaNormalVaR(f, new VaROptions { Confidence = 1.0 })).ParamName);
        Assert.Equal("HorizonDays", Assert.Throws<ArgumentOutOfRangeException>(() => new DeltaNormalVaR(f, new VaROptions { HorizonDays = double.NaN })).ParamName);
        Assert.Equal("Multiplier", Assert.Throws<ArgumentOutOfRangeException>(() => new DeltaNormalVaR(f, new VaROptions { Multiplier = -1 })).ParamName);
        var e = Assert.Throws<MatrixValidationException>(() => VaRFactors.Create(["A", "B"], [0.02, 0.0], new double[,] { { 1, 0 }, { 0, 1 } }));
        Assert.Contains("'B'", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => VaRFactors.Create(["A"], [0.5], new double[,] { { 1 } }, VolatilityUnit.Annual, 0));
    }

    [Fact]
    public void Empty_portfolio_margins_to_zero()
    {
        (var market, _) = VaRTestBooks.Market(2);
        MarginResult r = new DeltaNormalVaR(VaRTestBooks.Factors(2, 1)).Calculate(Portfolio.Empty, market);
        Assert.Equal(0.0, r.InitialMargin);
        Assert.Empty(r.Contributions);
        Assert.Equal(MarginDiagnostic.EmptyPortfolioCode, Assert.Single(r.Diagnostics).Code);
    }
}
