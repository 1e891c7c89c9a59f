using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;
using PortfolioMargin.Tests.Models.Grid;
using Xunit;
using static PortfolioMargin.Tests.Domain.TestMarket;

namespace PortfolioMargin.Tests.Models.Grid;

/// <summary>The incremental grid what-if equals margining <c>book + order</c> in full (spec §7, §8).</summary>
public sealed class GridWhatIfTests
{
    internal static readonly Instrument[] Pool =
    [
        new Future(Btc, Mar), new Future(Btc, Jun, inverse: true, multiplier: 100), new Perpetual(Btc), new Perpetual(Btc, inverse: true, multiplier: 10),
        new SpotInstrument(Btc), new Perpetual(Eth), new Future(Eth, Mar),
        new EuropeanOption(Btc, OptionRight.Call, 65_000, Mar), new EuropeanOption(Btc, OptionRight.Put, 55_000, Mar, OptionSettlement.Inverse),
        new EuropeanOption(Btc, OptionRight.Call, 70_000, Jun, OptionSettlement.Inverse), new EuropeanOption(Eth, OptionRight.Put, 2_800, Mar),
        new EuropeanOption(Eth, OptionRight.Call, 3_300, Mar, OptionSettlement.Inverse),
    ];

    /// <summary>Every grid feature switched on: tiers and an intra spread, SOM, both contingencies, NOV, a BTC/ETH inter-group credit.</summary>
    internal static GridParameters FullFeatured()
    {
        ExpiryTier[] tiers = [new(1, 0, 120), new(2, 120, 1000)];
        var btc = new GridGroupParameters(GridModelTests.Grid, 1.25, tiers, [new IntraSpreadRule(1, 1, 2, 1, 1, 40)], shortOptionMinimumPerUnit: 300,
            shortOptionContingencyRate: 0.01, offsettingFuturesContingencyRate: 0.01);
        var eth = new GridGroupParameters(GridModelTests.Grid, 1.5, shortOptionMinimumPerUnit: 20, shortOptionMinimumMethod: ShortOptionMinimumMethod.Gross,
            shortOptionContingencyRate: 0.01, netOptionValue: NetOptionValueHandling.SubtractWithFloor);
        return new GridParameters("whatif-test", new Dictionary<string, GridGroupParameters> { ["BTC"] = btc, ["ETH"] = eth },
            [new InterGroupSpread(1, 0.5, [new InterSpreadLeg("BTC", 1, SpreadSide.A), new InterSpreadLeg("ETH", 20, SpreadSide.B)])]);
    }

    internal static readonly ScenarioGridModel Model = new(FullFeatured());

    internal static Gen<Position[]> Positions(int min, int max) =>
        from n in Gen.Choose(min, max)
        from picks in Gen.ArrayOf(Gen.Choose(0, Pool.Length - 1), n)
        from qty in Gen.ArrayOf(Gen.Choose(-6, 6).Where(q => q != 0), n)
        select picks.Select((p, i) => new Position(Pool[p], qty[i] * (Pool[p].Multiplier >= 10 ? 50 : 1))).ToArray();

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-7 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    private static bool SameAsFull(WhatIfResult w, Portfolio book, Position[] order)
    {
        GridResult full = Model.CalculateDetailed(ResolvedPortfolio.Resolve(book.Add(order), Snapshot()));
        GridResult before = Model.CalculateDetailed(ResolvedPortfolio.Resolve(book, Snapshot()));
        bool totals = Close(w.InitialAfter, full.Result.InitialMargin) && Close(w.MaintenanceAfter, full.Result.MaintenanceMargin)
            && Close(w.InitialBefore, before.Result.InitialMargin) && Close(w.MaintenanceBefore, before.Result.MaintenanceMargin);
        bool groups = w.Groups.Length == full.Groups.Length && w.Groups.Zip(full.Groups).All(x =>
            x.First.Group == x.Second.Group && Close(x.First.MaintenanceAfter, x.Second.Maintenance) && Close(x.First.InitialAfter, x.Second.Initial)
            && Close(x.First.ScanRiskAfter, x.Second.ScanRisk));
        return totals && groups;
    }

    [Property(MaxTest = 150)]
    public Property What_if_equals_a_full_recomputation_of_book_plus_order() =>
        Prop.ForAll(Positions(0, 10).ToArbitrary(), Positions(0, 3).ToArbitrary(), (book, order) =>
        {
            var calc = GridWhatIf.Create(Model, new Portfolio(book), Snapshot());
            return SameAsFull(calc.WhatIf(order), new Portfolio(book), order);
        });

    [Property(MaxTest = 60)]
    public Property Applying_orders_one_after_another_equals_a_full_recomputation() =>
        Prop.ForAll(Positions(0, 8).ToArbitrary(), Positions(1, 3).ToArbitrary(), Positions(1, 3).ToArbitrary(), (book, first, second) =>
        {
            var calc = GridWhatIf.Create(Model, new Portfolio(book), Snapshot());
            GridWhatIf applied = calc.Apply(first);
            MarginResult full = Model.Calculate(new Portfolio(book).Add(first), Snapshot());
            return Close(applied.InitialMargin, full.InitialMargin) && Close(applied.MaintenanceMargin, full.MaintenanceMargin)
                && Close(applied.Detailed.Result.InitialMargin, full.InitialMargin)
                && SameAsFull(applied.WhatIf(second), new Portfolio(book).Add(first), second)
                && Close(calc.InitialMargin, Model.Calculate(new Portfolio(book), Snapshot()).InitialMargin); // the original is unchanged
        });

    [Fact]
    public void Closing_the_whole_book_margins_to_zero_and_the_change_is_minus_the_margin()
    {
        Portfolio book = GridModelTests.MixedBook();
        var calc = GridWhatIf.Create(new ScenarioGridModel(GridModelTests.Params()), book, Snapshot());
        WhatIfResult w = calc.WhatIf([.. book.Select(p => p.Scale(-1))]);
        Assert.True(calc.InitialMargin > 0);
        Assert.Equal(0, w.InitialAfter, 1e-6);
        Assert.Equal(-calc.InitialMargin, w.InitialChange, 1e-6);
        Assert.All(w.Groups, g => Assert.Equal(0, g.ScanRiskAfter, 1e-6)); // rounding residue only
    }

    [Fact]
    public void An_empty_order_changes_nothing()
    {
        var calc = GridWhatIf.Create(Model, GridModelTests.MixedBook(), Snapshot());
        WhatIfResult w = calc.WhatIf();
        Assert.Equal(calc.InitialMargin, w.InitialAfter);
        Assert.Equal(0, w.InitialChange);
        Assert.Equal(Model.Calculate(GridModelTests.MixedBook(), Snapshot()).InitialMargin, calc.InitialMargin, 1e-7);
    }

    [Fact]
    public void An_order_opening_a_group_without_parameters_names_the_group()
    {
        var sol = new Underlying("SOL", new Currency("SOL"), Currency.Usd);
        MarketSnapshot m = Snapshot().WithSpot(sol, 150);
        var calc = GridWhatIf.Create(Model, GridModelTests.MixedBook(), m);
        var ex = Assert.Throws<KeyNotFoundException>(() => calc.WhatIf(new Position(new Perpetual(sol), 1)));
        Assert.Contains("'SOL'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_order_for_an_instrument_without_market_data_names_the_instrument()
    {
        var calc = GridWhatIf.Create(Model, GridModelTests.MixedBook(), Snapshot());
        var sep = new DateTimeOffset(2026, 9, 25, 8, 0, 0, TimeSpan.Zero); // no BTC forward for September in the snapshot
        var ex = Assert.Throws<MissingMarketDataException>(() => calc.WhatIf(new Position(new Future(Btc, sep), 1)));
        Assert.Equal("BTC-25SEP26", ex.Item);
        Assert.Contains("forward price of 'BTC' for expiry 2026-09-25", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generic_factory_picks_the_grid_calculator_and_falls_back_to_recomputation()
    {
        var resolved = ResolvedPortfolio.Resolve(GridModelTests.MixedBook(), Snapshot());
        Assert.IsType<GridWhatIf>(WhatIfCalculator.Create(Model, resolved));
        var isolated = new PortfolioMargin.Models.Isolated.IsolatedModel(PortfolioMargin.Models.Isolated.IsolatedRates.CryptoDefault);
        IWhatIfCalculator slow = WhatIfCalculator.Create(isolated, resolved);
        var order = new Position(new Perpetual(Eth), 5);
        Assert.Equal(isolated.Calculate(GridModelTests.MixedBook().Add(order), Snapshot()).InitialMargin, slow.WhatIf(order).InitialAfter, 1e-9);
        Assert.Equal(slow.WhatIf(order).InitialAfter, slow.Apply(order).InitialMargin, 1e-9);
    }
}
