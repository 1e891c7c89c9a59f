using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using PortfolioMargin.RealTime;
using PortfolioMargin.Tests.RealTime;
using PortfolioMargin.Tests.Models.Grid;
using Xunit;
using static PortfolioMargin.Tests.Domain.TestMarket;

namespace PortfolioMargin.Tests.Models.VaR;

/// <summary>
/// The incremental delta-gamma (Cornish–Fisher) what-if, which keeps the per-factor dollar deltas and gammas, equals
/// margining <c>book + order</c> in full with <see cref="DeltaGammaVaR"/> (spec §6.3, §7, §8), under every model option.
/// </summary>
public sealed class DeltaGammaWhatIfTests
{
    private static readonly Underlying Sol = new("SOL", new Currency("SOL"), Currency.Usd);

    /// <summary>
    /// Three models over BTC, ETH and SOL (SOL is held by no generated book, so orders on it open a factor): default
    /// options on daily vols; 97.5 %, 2 days, ×1.5 on annual vols (365-day year); 99.5 %, 10 days, ×3 on a non-PSD
    /// correlation repaired by Higham's nearest correlation (reported as CORRELATION_REPAIRED).
    /// </summary>
    private static readonly DeltaGammaVaR[] Models =
    [
        new(DeltaNormalWhatIfTests.Factors),
        new(VaRFactors.Create(["BTC", "ETH", "SOL"], [0.65, 0.85, 1.1], new double[,] { { 1, 0.8, 0.6 }, { 0.8, 1, 0.5 }, { 0.6, 0.5, 1 } }, VolatilityUnit.Annual, 365),
            new VaROptions { Confidence = 0.975, HorizonDays = 2, Multiplier = 1.5 }),
        new(VaRFactors.Create(["BTC", "ETH", "SOL"], [0.035, 0.045, 0.06], new double[,] { { 1, 0.9, -0.9 }, { 0.9, 1, 0.9 }, { -0.9, 0.9, 1 } },
            repair: CorrelationRepair.NearestCorrelation), new VaROptions { Confidence = 0.995, HorizonDays = 10, Multiplier = 3 }),
    ];

    private static MarketSnapshot Market() => Snapshot().WithSpot(Sol, 150).WithForward(Sol, Mar, 151).WithVolSurface(Sol, VolSurface.Flat(0.9));

    private static readonly Instrument[] SolPool = [new Perpetual(Sol), new SpotInstrument(Sol), new EuropeanOption(Sol, OptionRight.Call, 160, Mar)];

    /// <summary>Random positions from the grid what-if pool (BTC/ETH futures, perpetuals, spot, linear and inverse options).</summary>
    private static Gen<Position[]> Books(int min, int max) => GridWhatIfTests.Positions(min, max);

    /// <summary>
    /// An order for <paramref name="book"/>: up to four legs, each one of: add a random pool position; reduce a book
    /// position (its opposite scaled by 0.1…0.9); close a book position (its exact opposite); open the SOL factor.
    /// </summary>
    private static Gen<Position[]> Orders(Position[] book, int maxLegs) =>
        from legs in Gen.Choose(0, maxLegs)
        from kinds in Gen.ArrayOf(Gen.Choose(0, 3), legs)
        from picks in Gen.ArrayOf(Gen.Choose(0, 1_000), legs)
        from tenths in Gen.ArrayOf(Gen.Choose(1, 9), legs)
        from added in GridWhatIfTests.Positions(legs, legs)
        from qty in Gen.ArrayOf(Gen.Choose(-6, 6).Where(q => q != 0), legs)
        select kinds.Select((kind, i) => (kind, book.Length) switch
        {
            (1, > 0) => book[picks[i] % book.Length].Scale(-tenths[i] / 10.0),
            (2, > 0) => book[picks[i] % book.Length].Scale(-1),
            (3, _) => new Position(SolPool[picks[i] % SolPool.Length], qty[i] * 10),
            _ => added[i],
        }).ToArray();

    private static Gen<(int Model, Position[] Book, Position[] Order)> Cases(int maxBook, int maxLegs) =>
        from model in Gen.Choose(0, Models.Length - 1)
        from book in Books(0, maxBook)
        from order in Orders(book, maxLegs)
        select (model, book, order);

    /// <summary>
    /// A loss scale of a book: <c>multiplier·Σ_i 4·(|e_i|·σ_k√h + |g_i|·σ_k²h)</c>, every exposure counted as a standalone
    /// loss (4 bounds the normal and Cornish–Fisher multiples at these confidence levels).
    /// </summary>
    private static double Gross(DeltaGammaVaR model, Portfolio p)
    {
        VaRExposures x = VaRExposures.Of(ResolvedPortfolio.Resolve(p, Market()), model.Factors);
        double h = model.Options.HorizonDays, sum = 0;
        for (int i = 0; i < x.PositionCount; i++)
        {
            double s = model.Factors.DailyVolatilities[x.PositionFactor[i]];
            sum += 4 * ((Math.Abs(x.PositionDelta[i]) * s * Math.Sqrt(h)) + (Math.Abs(x.PositionGamma[i]) * s * s * h));
        }

        return model.Options.Multiplier * sum;
    }

    /// <summary>
    /// Equal within 1e-9 relative, plus 1e-12 of the gross scale for books whose exposures cancel (both sides are then
    /// rounding residue, and a group's Euler component sums products per position in the full run, per factor here).
    /// </summary>
    private static bool Close(double a, double b, double gross) =>
        Math.Abs(a - b) <= (1e-9 * Math.Max(Math.Abs(a), Math.Abs(b))) + (1e-12 * gross) + 1e-9;

    private static bool SameAsFull(DeltaGammaVaR model, WhatIfResult w, Portfolio book, Position[] order)
    {
        Portfolio after = book.Add(order);
        MarginResult full = model.Calculate(after, Market()), before = model.Calculate(book, Market());
        double gross = Gross(model, after) + Gross(model, book);
        bool totals = Close(w.InitialAfter, full.InitialMargin, gross) && Close(w.MaintenanceAfter, full.MaintenanceMargin, gross)
            && Close(w.InitialBefore, before.InitialMargin, gross) && Close(w.MaintenanceBefore, before.MaintenanceMargin, gross);
        bool groups = w.Groups.Length == full.Breakdown.Children.Length && w.Groups.Zip(full.Breakdown.Children).All(x =>
            x.First.Group == x.Second.Name && Close(x.First.MaintenanceAfter, x.Second.Maintenance, gross) && Close(x.First.InitialAfter, x.Second.Initial, gross)
            && double.IsNaN(x.First.ScanRiskAfter) && x.First.BindingScenarioAfter is null);
        bool groupsBefore = w.Groups.Length >= before.Breakdown.Children.Length && w.Groups.Take(before.Breakdown.Children.Length).Zip(before.Breakdown.Children).All(x =>
            x.First.Group == x.Second.Name && Close(x.First.MaintenanceBefore, x.Second.Maintenance, gross) && Close(x.First.InitialBefore, x.Second.Initial, gross))
            && w.Groups.Skip(before.Breakdown.Children.Length).All(g => g.MaintenanceBefore == 0 && g.InitialBefore == 0);
        return totals && groups && groupsBefore;
    }

    private static bool SameMoments(DeltaGammaMoments a, DeltaGammaMoments b, double scale) =>
        Math.Abs(a.Mean - b.Mean) <= (1e-9 * Math.Abs(b.Mean)) + (1e-12 * scale)
        && Math.Abs(a.StandardDeviation - b.StandardDeviation) <= (1e-9 * b.StandardDeviation) + (1e-12 * scale)
        && Math.Abs(a.Skewness - b.Skewness) <= 1e-9 * (1 + Math.Abs(b.Skewness))
        && Math.Abs(a.ExcessKurtosis - b.ExcessKurtosis) <= 1e-9 * (1 + Math.Abs(b.ExcessKurtosis));

    [Property(MaxTest = 300)]
    public Property What_if_equals_a_full_recomputation_of_book_plus_order_under_every_option_set() =>
        Prop.ForAll(Cases(12, 4).ToArbitrary(), c =>
        {
            DeltaGammaVaR model = Models[c.Model];
            var calc = DeltaGammaWhatIf.Create(model, new Portfolio(c.Book), Market());
            return SameAsFull(model, calc.WhatIf(c.Order), new Portfolio(c.Book), c.Order);
        });

    /// <summary>
    /// The what-if is the full computation on the same aggregates (same exposure function, same summation order, same
    /// factor order, same moment code), so with few factors (short dot products, no alignment-dependent grouping) the
    /// totals and moments are identical to the last bit, not just close.
    /// </summary>
    [Property(MaxTest = 150)]
    public Property What_if_and_apply_are_bit_for_bit_the_full_computation_on_three_factors() =>
        Prop.ForAll(Cases(10, 4).ToArbitrary(), c =>
        {
            DeltaGammaVaR model = Models[c.Model];
            var calc = DeltaGammaWhatIf.Create(model, new Portfolio(c.Book), Market());
            Portfolio after = new Portfolio(c.Book).Add(c.Order);
            DeltaGammaWhatIf applied = calc.Apply(c.Order);
            return calc.WhatIf(c.Order).InitialAfter == model.Calculate(after, Market()).InitialMargin
                && applied.InitialMargin == model.Calculate(after, Market()).InitialMargin
                && applied.Moments == model.Moments(ResolvedPortfolio.Resolve(after, Market()));
        });

    /// <summary>A case plus a second order drawn against <c>book + order</c> (it may reduce or close the first order's legs).</summary>
    private static Gen<(int Model, Position[] Book, Position[] Order, Position[] Second)> Chains(int maxBook, int maxLegs) =>
        from c in Cases(maxBook, maxLegs)
        from second in Orders([.. c.Book, .. c.Order], maxLegs)
        select (c.Model, c.Book, c.Order, second);

    [Property(MaxTest = 100)]
    public Property Applying_orders_one_after_another_equals_a_full_recomputation_and_leaves_the_original_unchanged() =>
        Prop.ForAll(Chains(8, 3).ToArbitrary(), c =>
        {
            DeltaGammaVaR model = Models[c.Model];
            Portfolio book = new(c.Book);
            Portfolio first = book.Add(c.Order);
            Position[] second = c.Second;
            Portfolio all = first.Add(second);
            var calc = DeltaGammaWhatIf.Create(model, book, Market());
            double before = calc.InitialMargin;
            DeltaGammaWhatIf applied = calc.Apply(c.Order).Apply(second);
            MarginResult full = model.Calculate(all, Market());
            double gross = Gross(model, all) + Gross(model, book);
            return Close(applied.InitialMargin, full.InitialMargin, gross) && Close(applied.MaintenanceMargin, full.MaintenanceMargin, gross)
                && SameMoments(applied.Moments, model.Moments(ResolvedPortfolio.Resolve(all, Market())), gross)
                && applied.Portfolio.Count == all.Count
                && Close(applied.Detailed.InitialMargin, full.InitialMargin, gross)
                && SameAsFull(model, calc.Apply(c.Order).WhatIf(second), first, second)
                && calc.InitialMargin == before && calc.Portfolio.Count == c.Book.Length;
        });

    [Property(MaxTest = 60)]
    public Property What_if_of_a_book_and_order_scaled_by_lambda_equals_lambda_times_the_what_if() =>
        Prop.ForAll(Cases(8, 3).ToArbitrary(), Gen.Choose(2, 5).ToArbitrary(), (c, lambda) =>
        {
            DeltaGammaVaR model = Models[c.Model];
            WhatIfResult one = DeltaGammaWhatIf.Create(model, new Portfolio(c.Book), Market()).WhatIf(c.Order);
            WhatIfResult scaled = DeltaGammaWhatIf.Create(model, new Portfolio(c.Book.Select(p => p.Scale(lambda))), Market())
                .WhatIf([.. c.Order.Select(p => p.Scale(lambda))]);
            double gross = lambda * (Gross(model, new Portfolio(c.Book).Add(c.Order)) + Gross(model, new Portfolio(c.Book)));
            return Close(scaled.InitialAfter, lambda * one.InitialAfter, gross) && Close(scaled.InitialBefore, lambda * one.InitialBefore, gross);
        });

    private static Portfolio Book() => new(
        new Position(new Perpetual(Btc), 3), new Position(new Future(Eth, Mar), -20),
        new Position(new EuropeanOption(Btc, OptionRight.Put, 55_000, Mar, OptionSettlement.Inverse), -4),
        new Position(new EuropeanOption(Eth, OptionRight.Call, 3_300, Mar), 15),
        new Position(new Perpetual(Btc, inverse: true, multiplier: 10), 2_000));

    [Fact]
    public void Closing_a_position_gives_the_margin_of_the_book_without_it()
    {
        foreach (DeltaGammaVaR model in Models)
        {
            Portfolio book = Book();
            var calc = DeltaGammaWhatIf.Create(model, book, Market());
            for (int i = 0; i < book.Count; i++)
            {
                WhatIfResult w = calc.WhatIf(book[i].Scale(-1));
                double without = model.Calculate(book.RemoveAt(i), Market()).InitialMargin;
                Assert.True(without > 0);
                Assert.Equal(without, w.InitialAfter, 1e-9 * without);
                Assert.Equal(without, w.MaintenanceAfter, 1e-9 * without);
                Assert.NotEqual(w.InitialBefore, w.InitialAfter);
            }

            WhatIfResult all = calc.WhatIf([.. book.Select(p => p.Scale(-1))]);
            Assert.Equal(0, all.InitialAfter, 1e-9);
            Assert.Equal(-calc.InitialMargin, all.InitialChange, 1e-9);
            Assert.All(all.Groups, g => Assert.Equal(0, g.MaintenanceAfter, 1e-9));
        }
    }

    [Fact]
    public void An_empty_order_changes_nothing_and_the_calculator_equals_the_model()
    {
        DeltaGammaVaR model = Models[1];
        var calc = DeltaGammaWhatIf.Create(model, Book(), Market());
        WhatIfResult w = calc.WhatIf();
        Assert.Equal(calc.InitialMargin, w.InitialAfter);
        Assert.Equal(calc.MaintenanceMargin, w.MaintenanceAfter);
        Assert.Equal(0, w.InitialChange);
        Assert.All(w.Groups, g => Assert.Equal(g.InitialBefore, g.InitialAfter));
        MarginResult full = model.Calculate(Book(), Market());
        Assert.True(full.InitialMargin > 1_000);
        Assert.Equal(full.InitialMargin, calc.InitialMargin, 1e-9 * full.InitialMargin);
        DeltaGammaMoments expected = model.Moments(ResolvedPortfolio.Resolve(Book(), Market()));
        Assert.True(SameMoments(calc.Moments, expected, full.InitialMargin), $"{calc.Moments} vs {expected}");
        Assert.Same(calc.Detailed, calc.Detailed);
        Assert.Equal(full.InitialMargin, calc.Detailed.InitialMargin);
        Assert.Equal(calc.InitialMargin, calc.Apply().InitialMargin);
    }

    /// <summary>
    /// One factor, daily vol σ, horizon h, so <c>s² = hσ²</c>: a spot book (e, no gamma) plus a linear call order (Black-76
    /// delta Δ and gamma Γ at the forward F) gives <c>E = e + q·Δ·F</c>, <c>G = q·Γ·F²</c> and the closed-form moments
    /// <c>μ = ½Gs²</c>, <c>Var = E²s² + ½G²s⁴</c>, <c>κ₃ = 3E²Gs⁴ + G³s⁶</c>, <c>κ₄ = 12E²G²s⁶ + 3G⁴s⁸</c>
    /// (Britten-Jones &amp; Schaefer 1999; Jorion, <i>Value at Risk</i>, 3rd ed., §10.3 for the one-factor case).
    /// </summary>
    [Fact]
    public void An_option_order_adds_the_gamma_terms_of_the_closed_form_one_factor_moments()
    {
        (MarketSnapshot market, Underlying[] u) = VaRTestBooks.Market(1);
        const double sigma = 0.03, h = 4, mult = 2;
        var model = new DeltaGammaVaR(VaRFactors.Create(["U0"], [sigma], new double[,] { { 1 } }), new VaROptions { Confidence = 0.99, HorizonDays = h, Multiplier = mult });
        var spot = new Position(new SpotInstrument(u[0]), 10);
        var call = new EuropeanOption(u[0], OptionRight.Call, 105, VaRTestBooks.Mar);
        var order = new Position(call, 40);
        var calc = DeltaGammaWhatIf.Create(model, new Portfolio(spot), market);

        double s2 = h * sigma * sigma;
        double e = 10 * market.Spot(u[0]);
        Assert.Equal(0, calc.Moments.Mean);
        Assert.Equal(Math.Abs(e) * Math.Sqrt(s2), calc.Moments.StandardDeviation, 1e-9 * Math.Abs(e));
        Assert.Equal(0, calc.Moments.Skewness);

        double f = market.Forward(u[0], VaRTestBooks.Mar);
        OptionGreeks greeks = Black76.Greeks(OptionRight.Call, f, 105, market.YearFraction(VaRTestBooks.Mar), market.Rate(Currency.Usd), market.Volatility(call));
        double bigE = e + (40 * greeks.Delta * f), bigG = 40 * greeks.Gamma * f * f;
        Assert.True(bigG > 1);
        double mean = 0.5 * bigG * s2;
        double variance = (bigE * bigE * s2) + (0.5 * bigG * bigG * s2 * s2);
        double sd = Math.Sqrt(variance);
        double skew = ((3 * bigE * bigE * bigG * s2 * s2) + (bigG * bigG * bigG * s2 * s2 * s2)) / (sd * sd * sd);
        double kurt = ((12 * bigE * bigE * bigG * bigG * s2 * s2 * s2) + (3 * Math.Pow(bigG, 4) * Math.Pow(s2, 4))) / (variance * variance);

        DeltaGammaMoments after = calc.Apply(order).Moments;
        Assert.Equal(mean, after.Mean, 1e-9 * mean);
        Assert.Equal(sd, after.StandardDeviation, 1e-9 * sd);
        Assert.Equal(skew, after.Skewness, 1e-9);
        Assert.Equal(kurt, after.ExcessKurtosis, 1e-9);

        double z = -model.Options.Z;
        double expected = mult * -(mean + (sd * CornishFisher.Quantile(z, skew, kurt)));
        WhatIfResult w = calc.WhatIf(order);
        Assert.Equal(expected, w.InitialAfter, 1e-9 * expected);
        Assert.Equal(mult * -z * Math.Abs(e) * Math.Sqrt(s2), w.InitialBefore, 1e-9 * w.InitialBefore); // no gamma before: delta-normal
        double deltaOnly = mult * -z * Math.Abs(bigE) * Math.Sqrt(s2);
        Assert.True(Math.Abs(w.InitialAfter - deltaOnly) > 1e-3 * deltaOnly, "the gamma terms change the margin");
        Assert.Equal(w.InitialAfter, Assert.Single(w.Groups).InitialAfter, 1e-9 * w.InitialAfter);
    }

    [Fact]
    public void A_delta_hedged_long_gamma_order_is_floored_at_zero_like_the_model()
    {
        DeltaGammaVaR model = Models[0];
        var calls = new Position(new EuropeanOption(Btc, OptionRight.Call, 60_000, Mar), 5);
        var calc = DeltaGammaWhatIf.Create(model, new Portfolio(calls), Market());
        double btcDelta = calc.FactorDelta[model.Factors.IndexOf("BTC")];
        Assert.True(btcDelta > 0 && calc.FactorGamma[model.Factors.IndexOf("BTC")] > 0);
        Assert.True(calc.InitialMargin > 0);

        var hedge = new Position(new SpotInstrument(Btc), -btcDelta / Market().Spot(Btc));
        WhatIfResult w = calc.WhatIf(hedge);
        MarginResult full = model.Calculate(new Portfolio(calls, hedge), Market());
        Assert.Equal(0, full.InitialMargin);
        Assert.Contains(full.Diagnostics, d => d.Code == "VAR_FLOOR");
        Assert.Equal(0, w.InitialAfter);
        Assert.Equal(0, w.MaintenanceAfter);
        Assert.All(w.Groups, g => Assert.Equal(0, g.InitialAfter));
        Assert.Equal(-calc.InitialMargin, w.InitialChange);
    }

    [Fact]
    public void A_repaired_correlation_is_used_and_reported_on_the_detailed_result()
    {
        DeltaGammaVaR model = Models[2];
        Assert.NotNull(model.Factors.Repair);
        var calc = DeltaGammaWhatIf.Create(model, Book(), Market());
        Assert.Contains(calc.Detailed.Diagnostics, d => d.Code == "CORRELATION_REPAIRED");
        var order = new Position(new Perpetual(Sol), 200);
        MarginResult full = model.Calculate(Book().Add(order), Market());
        Assert.Contains(full.Diagnostics, d => d.Code == "CORRELATION_REPAIRED");
        Assert.Equal(full.InitialMargin, calc.WhatIf(order).InitialAfter, 1e-9 * full.InitialMargin);
    }

    [Fact]
    public void An_order_opening_a_factor_adds_a_group_after_the_book_factors()
    {
        DeltaGammaVaR model = Models[0];
        var calc = DeltaGammaWhatIf.Create(model, Book(), Market());
        var order = new Position(new EuropeanOption(Sol, OptionRight.Call, 160, Mar), -300);
        WhatIfResult w = calc.WhatIf(order);
        Assert.Equal(["BTC", "ETH", "SOL"], w.Groups.Select(g => g.Group));
        Assert.Equal(0, w.Groups[2].MaintenanceBefore);
        Assert.NotEqual(0, w.Groups[2].MaintenanceAfter); // negative here: short SOL hedges the long BTC
        Assert.Equal(w.InitialAfter, w.Groups.Sum(g => g.InitialAfter), 1e-9 * w.InitialAfter); // Euler components add up
        Assert.Equal(w.InitialBefore, w.Groups.Sum(g => g.InitialBefore), 1e-9 * w.InitialBefore);
        double full = model.Calculate(Book().Add(order), Market()).InitialMargin;
        Assert.Equal(full, w.InitialAfter, 1e-9 * full);
        Assert.Equal(full, calc.Apply(order).InitialMargin, 1e-9 * full);
    }

    [Fact]
    public void An_order_on_an_underlying_without_a_factor_names_the_factor_and_the_position()
    {
        var ada = new Underlying("ADA", new Currency("ADA"), Currency.Usd);
        var calc = DeltaGammaWhatIf.Create(Models[0], Book(), Market().WithSpot(ada, 0.5));
        var ex = Assert.Throws<ArgumentException>(() => calc.WhatIf(new Position(new Perpetual(ada), 1)));
        Assert.Contains("risk factor 'ADA'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ADA-PERP", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => calc.Apply(new Position(new Perpetual(ada), 1)));
    }

    [Fact]
    public void An_order_for_an_instrument_without_market_data_names_the_instrument()
    {
        var calc = DeltaGammaWhatIf.Create(Models[0], Book(), Market());
        var sep = new DateTimeOffset(2026, 9, 25, 8, 0, 0, TimeSpan.Zero); // no BTC forward for September in the snapshot
        var ex = Assert.Throws<MissingMarketDataException>(() => calc.WhatIf(new Position(new Future(Btc, sep), 1)));
        Assert.Equal("BTC-25SEP26", ex.Item);
        var optionEx = Assert.Throws<MissingMarketDataException>(() => calc.WhatIf(new Position(new EuropeanOption(Btc, OptionRight.Call, 70_000, sep), 1)));
        Assert.Contains("BTC-25SEP26", optionEx.Item, StringComparison.Ordinal);
        Assert.Throws<MissingMarketDataException>(() => calc.Apply(new Position(new Future(Btc, sep), 1)));
    }

    [Fact]
    public void Bad_orders_fail_like_the_full_model_on_book_plus_order()
    {
        var ada = new Underlying("ADA", new Currency("ADA"), Currency.Usd);
        var sep = new DateTimeOffset(2026, 9, 25, 8, 0, 0, TimeSpan.Zero);
        var expired = new DateTimeOffset(2025, 12, 26, 8, 0, 0, TimeSpan.Zero);
        MarketSnapshot market = Market().WithSpot(ada, 0.5);
        Position[][] orders =
        [
            [new Position(new Perpetual(ada), 1), new Position(new Future(Btc, sep), 1)], // missing data is found before the unknown factor
            [new Position(new Perpetual(Eth), 1), new Position(new Perpetual(ada), 1)],
            [new Position(new Future(Eth, expired), 1)],
            [new Position(new Perpetual(new Underlying("BTC", Currency.Btc, Currency.Usdt)), 1)],
        ];
        DeltaGammaVaR model = Models[0];
        var calc = DeltaGammaWhatIf.Create(model, Book(), market);
        foreach (Position[] order in orders)
        {
            Exception full = Assert.ThrowsAny<Exception>(() => model.Calculate(Book().Add(order), market));
            Exception whatIf = Assert.ThrowsAny<Exception>(() => calc.WhatIf(order));
            Assert.Equal(full.GetType(), whatIf.GetType());
            string item = full is MissingMarketDataException mm ? mm.Item! : order.First(p => full.Message.Contains(p.Instrument.Name, StringComparison.Ordinal)).Instrument.Name;
            Assert.Contains(item, whatIf.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_order_whose_underlying_differs_from_the_books_with_the_same_symbol_is_refused()
    {
        var otherBtc = new Underlying("BTC", Currency.Btc, Currency.Usdt);
        var calc = DeltaGammaWhatIf.Create(Models[0], Book(), Market());
        var ex = Assert.Throws<ArgumentException>(() => calc.WhatIf(new Position(new Perpetual(otherBtc), 1)));
        Assert.Contains("symbol 'BTC'", ex.Message, StringComparison.Ordinal);
        var otherSol = new Underlying("SOL", new Currency("SOL"), Currency.Usdt);
        var twice = Assert.Throws<ArgumentException>(() => calc.WhatIf(new Position(new Perpetual(Sol), 1), new Position(new Perpetual(otherSol), 1)));
        Assert.Contains("symbol 'SOL'", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_order_position_is_named_by_its_index()
    {
        var calc = DeltaGammaWhatIf.Create(Models[0], Book(), Market());
        var ex = Assert.Throws<ArgumentException>(() => calc.WhatIf(new Position(new Perpetual(Eth), 1), null!));
        Assert.Contains("#1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_order_on_every_factor_uses_pooled_buffers_and_still_equals_the_full_model()
    {
        DeltaGammaVaR model = Models[1];
        var rng = new Random(5);
        Instrument[] pool = [.. GridWhatIfTests.Pool, .. SolPool];
        Position[] order = [.. Enumerable.Range(0, 300).Select(i => new Position(pool[rng.Next(pool.Length)], rng.Next(-5, 6) + 0.5))];
        var calc = DeltaGammaWhatIf.Create(model, Book(), Market());
        Assert.True(SameAsFull(model, calc.WhatIf(order), Book(), order));
    }

    [Fact]
    public void Generic_factory_picks_the_delta_gamma_calculator()
    {
        DeltaGammaVaR model = Models[1];
        var resolved = ResolvedPortfolio.Resolve(Book(), Market());
        IWhatIfCalculator c = WhatIfCalculator.Create(model, resolved);
        Assert.IsType<DeltaGammaWhatIf>(c);
        var order = new Position(new EuropeanOption(Eth, OptionRight.Put, 2_800, Mar), -30);
        double full = model.Calculate(Book().Add(order), Market()).InitialMargin;
        Assert.Equal(full, c.WhatIf(order).InitialAfter, 1e-9 * full);
        Assert.Equal(full, c.Apply(order).InitialMargin, 1e-9 * full);
        Assert.IsType<DeltaGammaWhatIf>(c.Apply(order));
    }

    [Fact]
    public void Many_threads_asking_one_shared_calculator_get_the_sequential_answers()
    {
        DeltaGammaVaR model = Models[2];
        var calc = DeltaGammaWhatIf.Create(model, Book(), Market());
        var rng = new Random(11);
        Instrument[] pool = [.. GridWhatIfTests.Pool, .. SolPool];
        Position[][] orders = [.. Enumerable.Range(0, 64).Select(_ => new[] { new Position(pool[rng.Next(pool.Length)], rng.Next(-5, 6) + 0.5) })];
        double[] sequential = [.. orders.Select(o => calc.WhatIf(o).InitialAfter)];
        var parallel = new double[512];
        Parallel.For(0, parallel.Length, i =>
            parallel[i] = i % 3 == 0 ? calc.Apply(orders[i % orders.Length]).InitialMargin : calc.WhatIf(orders[i % orders.Length]).InitialAfter);
        for (int i = 0; i < parallel.Length; i++)
        {
            Assert.Equal(sequential[i % orders.Length], parallel[i], 1e-9 * (1 + sequential[i % orders.Length]));
        }

        Assert.Equal(model.Calculate(Book(), Market()).InitialMargin, calc.InitialMargin, 1e-9 * calc.InitialMargin);
    }
}
