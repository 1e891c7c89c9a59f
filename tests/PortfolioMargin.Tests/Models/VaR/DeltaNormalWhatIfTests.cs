using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.Correlation;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;
using PortfolioMargin.Tests.RealTime;
using PortfolioMargin.Tests.Models.Grid;
using Xunit;
using static PortfolioMargin.Tests.Domain.TestMarket;

namespace PortfolioMargin.Tests.Models.VaR;

/// <summary>The incremental delta-normal what-if (keeps <c>e</c> and <c>Σe</c>) equals margining <c>book + order</c> in full (spec §7, §8).</summary>
public sealed class DeltaNormalWhatIfTests
{
    private static readonly Underlying Sol = new("SOL", new Currency("SOL"), Currency.Usd);

    /// <summary>BTC, ETH and SOL (SOL is held by no generated book: orders on it open a factor); daily vols, correlations 0.8 / 0.6 / 0.5.</summary>
    internal static readonly VaRFactors Factors = VaRFactors.Create(["BTC", "ETH", "SOL"], [0.035, 0.045, 0.06],
        new double[,] { { 1, 0.8, 0.6 }, { 0.8, 1, 0.5 }, { 0.6, 0.5, 1 } });

    private static readonly DeltaNormalVaR Model = new(Factors, new VaROptions { Confidence = 0.99, HorizonDays = 2, Multiplier = 1.5 });

    private static MarketSnapshot Market() => Snapshot().WithSpot(Sol, 150).WithForward(Sol, Mar, 151).WithVolSurface(Sol, VolSurface.Flat(0.9));

    private static readonly Instrument[] SolPool = [new Perpetual(Sol), new SpotInstrument(Sol), new EuropeanOption(Sol, OptionRight.Call, 160, Mar)];

    /// <summary>Order positions: the grid what-if pool (BTC/ETH futures, perpetuals, spot, linear and inverse options) plus SOL.</summary>
    private static Gen<Position[]> Orders(int min, int max) =>
        from n in Gen.Choose(min, max)
        from picks in Gen.ArrayOf(Gen.Choose(0, GridWhatIfTests.Pool.Length + SolPool.Length - 1), n)
        from qty in Gen.ArrayOf(Gen.Choose(-6, 6).Where(q => q != 0), n)
        select picks.Select((p, i) =>
        {
            Instrument ins = p < GridWhatIfTests.Pool.Length ? GridWhatIfTests.Pool[p] : SolPool[p - GridWhatIfTests.Pool.Length];
            return new Position(ins, qty[i] * (ins.Multiplier >= 10 ? 50 : 1));
        }).ToArray();

    /// <summary>
    /// Equal within 1e-9 relative, plus 1e-12 of the gross scale (the measure of the book with every exposure counted as a
    /// standalone loss) for books whose exposures cancel, where both sides are rounding residue.
    /// </summary>
    private static bool Close(double a, double b, double gross) =>
        Math.Abs(a - b) <= (1e-9 * Math.Max(Math.Abs(a), Math.Abs(b))) + (1e-12 * gross) + 1e-9;

    private static double Gross(Portfolio p) =>
        Model.Options.Multiplier * Model.Decompose(ResolvedPortfolio.Resolve(p, Market())).Positions.Sum(x => x.Standalone);

    private static bool SameAsFull(WhatIfResult w, Portfolio book, Position[] order)
    {
        Portfolio after = book.Add(order);
        MarginResult full = Model.Calculate(after, Market()), before = Model.Calculate(book, Market());
        double gross = Gross(after) + Gross(book);
        bool totals = Close(w.InitialAfter, full.InitialMargin, gross) && Close(w.MaintenanceAfter, full.MaintenanceMargin, gross)
            && Close(w.InitialBefore, before.InitialMargin, gross) && Close(w.MaintenanceBefore, before.MaintenanceMargin, gross);
        bool groups = w.Groups.Length == full.Breakdown.Children.Length && w.Groups.Zip(full.Breakdown.Children).All(x =>
            x.First.Group == x.Second.Name && Close(x.First.MaintenanceAfter, x.Second.Maintenance, gross) && Close(x.First.InitialAfter, x.Second.Initial, gross)
            && double.IsNaN(x.First.ScanRiskAfter) && x.First.BindingScenarioAfter is null);
        bool groupsBefore = w.Groups.Take(before.Breakdown.Children.Length).Zip(before.Breakdown.Children).All(x =>
            x.First.Group == x.Second.Name && Close(x.First.MaintenanceBefore, x.Second.Maintenance, gross));
        return totals && groups && groupsBefore;
    }

    [Property(MaxTest = 200)]
    public Property What_if_equals_a_full_recomputation_of_book_plus_order() =>
        Prop.ForAll(GridWhatIfTests.Positions(0, 12).ToArbitrary(), Orders(0, 4).ToArbitrary(), (book, order) =>
        {
            var calc = DeltaNormalWhatIf.Create(Model, new Portfolio(book), Market());
            return SameAsFull(calc.WhatIf(order), new Portfolio(book), order);
        });

    [Property(MaxTest = 80)]
    public Property Applying_orders_one_after_another_equals_a_full_recomputation_and_leaves_the_original_unchanged() =>
        Prop.ForAll(GridWhatIfTests.Positions(0, 8).ToArbitrary(), Orders(1, 3).ToArbitrary(), Orders(1, 3).ToArbitrary(), (book, first, second) =>
        {
            var calc = DeltaNormalWhatIf.Create(Model, new Portfolio(book), Market());
            double before = calc.InitialMargin;
            DeltaNormalWhatIf applied = calc.Apply(first).Apply(second);
            Portfolio all = new Portfolio(book).Add(first).Add(second);
            MarginResult full = Model.Calculate(all, Market());
            double gross = Gross(all) + Gross(new Portfolio(book));
            return Close(applied.InitialMargin, full.InitialMargin, gross) && Close(applied.MaintenanceMargin, full.MaintenanceMargin, gross)
                && applied.Portfolio.Count == all.Count
                && Close(applied.Detailed.InitialMargin, full.InitialMargin, gross)
                && SameAsFull(calc.Apply(first).WhatIf(second), new Portfolio(book).Add(first), second)
                && calc.InitialMargin == before && calc.Portfolio.Count == book.Length;
        });

    [Property(MaxTest = 100)]
    public Property What_if_of_a_book_scaled_by_lambda_equals_lambda_times_the_what_if() =>
        Prop.ForAll(GridWhatIfTests.Positions(1, 8).ToArbitrary(), Orders(1, 3).ToArbitrary(), Gen.Choose(2, 5).ToArbitrary(), (book, order, lambda) =>
        {
            WhatIfResult one = DeltaNormalWhatIf.Create(Model, new Portfolio(book), Market()).WhatIf(order);
            WhatIfResult scaled = DeltaNormalWhatIf.Create(Model, new Portfolio(book.Select(p => p.Scale(lambda))), Market())
                .WhatIf([.. order.Select(p => p.Scale(lambda))]);
            double gross = lambda * (Gross(new Portfolio(book).Add(order)) + Gross(new Portfolio(book)));
            return Close(scaled.InitialAfter, lambda * one.InitialAfter, gross) && Close(scaled.InitialBefore, lambda * one.InitialBefore, gross);
        });

    private static Portfolio Book() => new(
        new Position(new Perpetual(Btc), 3), new Position(new Future(Eth, Mar), -20),
        new Position(new EuropeanOption(Btc, OptionRight.Put, 55_000, Mar, OptionSettlement.Inverse), -4),
        new Position(new Perpetual(Btc, inverse: true, multiplier: 10), 2_000));

    [Fact]
    public void Closing_the_whole_book_margins_to_zero_and_the_change_is_minus_the_margin()
    {
        var calc = DeltaNormalWhatIf.Create(Model, Book(), Market());
        WhatIfResult w = calc.WhatIf([.. Book().Select(p => p.Scale(-1))]);
        Assert.True(calc.InitialMargin > 1_000);
        Assert.Equal(0, w.InitialAfter, 1e-9);
        Assert.Equal(-calc.InitialMargin, w.InitialChange, 1e-9);
        Assert.All(w.Groups, g => Assert.Equal(0, g.MaintenanceAfter, 1e-9));
    }

    [Fact]
    public void A_hedging_order_lowers_the_margin_and_a_same_direction_order_raises_it()
    {
        var calc = DeltaNormalWhatIf.Create(Model, Book(), Market());
        double btcDelta = calc.FactorDelta[Factors.IndexOf("BTC")];
        Assert.True(btcDelta > 0); // the book is long BTC
        Assert.True(calc.WhatIf(new Position(new Perpetual(Btc), -2)).InitialChange < 0);
        Assert.True(calc.WhatIf(new Position(new Perpetual(Btc), 2)).InitialChange > 0);
    }

    [Fact]
    public void An_empty_order_changes_nothing_and_the_calculator_equals_the_model()
    {
        var calc = DeltaNormalWhatIf.Create(Model, Book(), Market());
        WhatIfResult w = calc.WhatIf();
        Assert.Equal(calc.InitialMargin, w.InitialAfter);
        Assert.Equal(0, w.InitialChange);
        MarginResult full = Model.Calculate(Book(), Market());
        Assert.Equal(full.InitialMargin, calc.InitialMargin, 1e-9 * full.InitialMargin);
        Assert.Equal(Model.Decompose(ResolvedPortfolio.Resolve(Book(), Market())).PortfolioSigma, calc.PortfolioSigma, 1e-9 * calc.PortfolioSigma);
        Assert.Same(calc.Detailed, calc.Detailed);
        Assert.Equal(full.InitialMargin, calc.Detailed.InitialMargin);
    }

    [Fact]
    public void An_order_opening_a_factor_adds_a_group_after_the_book_factors()
    {
        var calc = DeltaNormalWhatIf.Create(Model, Book(), Market());
        WhatIfResult w = calc.WhatIf(new Position(new Perpetual(Sol), 100));
        Assert.Equal(["BTC", "ETH", "SOL"], w.Groups.Select(g => g.Group));
        Assert.Equal(0, w.Groups[2].MaintenanceBefore);
        Assert.True(w.Groups[2].MaintenanceAfter > 0);
        Assert.Equal(Model.Calculate(Book().Add(new Position(new Perpetual(Sol), 100)), Market()).InitialMargin, w.InitialAfter, 1e-9 * w.InitialAfter);
    }

    [Fact]
    public void An_order_on_an_underlying_without_a_factor_names_the_factor_and_the_position()
    {
        var ada = new Underlying("ADA", new Currency("ADA"), Currency.Usd);
        var calc = DeltaNormalWhatIf.Create(Model, Book(), Market().WithSpot(ada, 0.5));
        var ex = Assert.Throws<ArgumentException>(() => calc.WhatIf(new Position(new Perpetual(ada), 1)));
        Assert.Contains("risk factor 'ADA'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ADA-PERP", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_order_for_an_instrument_without_market_data_names_the_instrument()
    {
        var calc = DeltaNormalWhatIf.Create(Model, Book(), Market());
        var sep = new DateTimeOffset(2026, 9, 25, 8, 0, 0, TimeSpan.Zero); // no BTC forward for September in the snapshot
        var ex = Assert.Throws<MissingMarketDataException>(() => calc.WhatIf(new Position(new Future(Btc, sep), 1)));
        Assert.Equal("BTC-25SEP26", ex.Item);
    }

    [Fact]
    public void An_order_whose_underlying_differs_from_the_books_with_the_same_symbol_is_refused()
    {
        var otherBtc = new Underlying("BTC", Currency.Btc, Currency.Usdt);
        var calc = DeltaNormalWhatIf.Create(Model, Book(), Market());
        var ex = Assert.Throws<ArgumentException>(() => calc.WhatIf(new Position(new Perpetual(otherBtc), 1)));
        Assert.Contains("symbol 'BTC'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generic_factory_picks_the_delta_normal_calculator()
    {
        var resolved = ResolvedPortfolio.Resolve(Book(), Market());
        IWhatIfCalculator c = WhatIfCalculator.Create(Model, resolved);
        Assert.IsType<DeltaNormalWhatIf>(c);
        var order = new Position(new Perpetual(Eth), 5);
        Assert.Equal(c.WhatIf(order).InitialAfter, c.Apply(order).InitialMargin, 1e-9 * c.InitialMargin);
    }
}
