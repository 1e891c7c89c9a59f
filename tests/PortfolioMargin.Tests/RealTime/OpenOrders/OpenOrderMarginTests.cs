using PortfolioMargin.Instruments;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;
using PortfolioMargin.Tests.Models;
using Xunit;
using static PortfolioMargin.Tests.Domain.TestMarket;

namespace PortfolioMargin.Tests.RealTime.OpenOrders;

/// <summary>Open-order margin for any model: the cases of each rule, equality with full recomputation, the IM component, what-if on a resting order, bad input.</summary>
public sealed class OpenOrderMarginTests
{
    private static readonly Instrument Call = new EuropeanOption(Btc, OptionRight.Call, 65_000, Mar);
    private static readonly Instrument Put = new EuropeanOption(Btc, OptionRight.Put, 55_000, Mar, OptionSettlement.Inverse);

    private static readonly Portfolio Book = new(new Position(new Perpetual(Btc), 2), new Position(Call, -3), new Position(new Perpetual(Eth), -10));

    private static readonly RestingOrder[] Orders =
    [
        new("b1", new Position(new Future(Btc, Mar), 1.5)), new("s1", new Position(Call, -2)), new("b2", new Position(Put, 4)), new("s2", new Position(new Perpetual(Eth), -5)),
    ];

    public static TheoryData<int> ModelIndex => [0, 1, 2, 3, 4];

    private static IMarginModel Model(int k) => k < VenueModelPropertyTests.Models.Length ? VenueModelPropertyTests.Models[k] : new ScenarioGridModel(GridModelTestsParams());

    private static GridParameters GridModelTestsParams() => PortfolioMargin.Tests.Models.Grid.GridModelTests.Params();

    private static double Im(IMarginModel model, IEnumerable<Position> positions) => model.Calculate(new Portfolio(positions), Snapshot()).InitialMargin;

    [Theory]
    [MemberData(nameof(ModelIndex))]
    public void Every_case_equals_a_full_recomputation_and_the_component_is_the_worst_increase(int k)
    {
        IMarginModel model = Model(k);
        var book = ResolvedPortfolio.Resolve(Book, Snapshot());
        OpenOrderMarginResult r = OpenOrderMargin.Calculate(model, book, Orders, OpenOrderFillRule.EachSide);
        double bookIm = Im(model, Book);
        double buys = Im(model, Book.Add(Orders[0].Position, Orders[2].Position)), sells = Im(model, Book.Add(Orders[1].Position, Orders[3].Position));
        Assert.Equal(["all buys", "all sells"], r.Cases.Select(c => c.Name));
        Assert.Equal(buys, r.Cases[0].InitialMargin, 1e-7 * Math.Max(1, buys));
        Assert.Equal(sells, r.Cases[1].InitialMargin, 1e-7 * Math.Max(1, sells));
        double expected = Math.Max(0, Math.Max(buys, sells) - bookIm);
        Assert.Equal(expected, r.OpenOrdersMargin, 1e-7 * Math.Max(1, expected));
        Assert.Equal(bookIm + r.OpenOrdersMargin, r.Result.InitialMargin, 1e-7 * Math.Max(1, bookIm));
        Assert.Equal(r.BookResult.MaintenanceMargin, r.Result.MaintenanceMargin);
        Assert.Equal(r.OpenOrdersMargin, r.Result.Breakdown.Children.Single(c => c.Name == "open orders").Initial);
    }

    [Theory]
    [MemberData(nameof(ModelIndex))]
    public void The_worst_subset_is_at_least_every_other_rule_and_none_is_zero(int k)
    {
        IMarginModel model = Model(k);
        var book = ResolvedPortfolio.Resolve(Book, Snapshot());
        double worst = OpenOrderMargin.Calculate(model, book, Orders, OpenOrderFillRule.WorstSubset).OpenOrdersMargin;
        Assert.Equal(15, OpenOrderMargin.Calculate(model, book, Orders, OpenOrderFillRule.WorstSubset).Cases.Length);
        foreach (OpenOrderFillRule rule in new[] { OpenOrderFillRule.All, OpenOrderFillRule.EachSide, OpenOrderFillRule.EachOrder })
        {
            Assert.True(OpenOrderMargin.Calculate(model, book, Orders, rule).OpenOrdersMargin <= worst + 1e-9 * Math.Max(1, worst), rule.ToString());
        }

        OpenOrderMarginResult none = OpenOrderMargin.Calculate(model, book, Orders, OpenOrderFillRule.None);
        Assert.Equal(0, none.OpenOrdersMargin);
        Assert.Empty(none.Cases);
        Assert.Equal(none.BookResult.InitialMargin, none.Result.InitialMargin);
    }

    [Fact]
    public void A_risk_reducing_order_takes_no_open_order_margin()
    {
        var book = ResolvedPortfolio.Resolve(new Portfolio(new Position(new Perpetual(Btc), 2)), Snapshot());
        OpenOrderMarginResult r = OpenOrderMargin.Calculate(VenueModelPropertyTests.Models[3], book, [new RestingOrder("close", new Position(new Perpetual(Btc), -2))], OpenOrderFillRule.All);
        Assert.Equal(0, r.OpenOrdersMargin);
        Assert.Null(r.Binding);
        Assert.True(r.Cases.Single().Increase < 0);
    }

    [Fact]
    public void What_if_on_a_resting_order_equals_calculating_with_it_resting()
    {
        IMarginModel model = VenueModelPropertyTests.Models[1];
        var book = ResolvedPortfolio.Resolve(Book, Snapshot());
        var extra = new RestingOrder("s3", new Position(Call, -4));
        RestingOrderWhatIf w = OpenOrderMargin.WhatIfResting(model, book, Orders, extra, OpenOrderFillRule.EachSide);
        Assert.Equal(OpenOrderMargin.Calculate(model, book, Orders, OpenOrderFillRule.EachSide).Result.InitialMargin, w.Before.Result.InitialMargin);
        Assert.Equal(OpenOrderMargin.Calculate(model, book, [.. Orders, extra], OpenOrderFillRule.EachSide).Result.InitialMargin, w.After.Result.InitialMargin);
        Assert.True(w.InitialChange >= 0);
        Assert.Contains(w.After.Result.Contributions, c => c.Label.StartsWith("order s", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_orders_are_refused_with_the_offending_id()
    {
        var book = ResolvedPortfolio.Resolve(Book, Snapshot());
        IMarginModel model = VenueModelPropertyTests.Models[0];
        ArgumentException dup = Assert.Throws<ArgumentException>(() => OpenOrderMargin.Calculate(model, book, [Orders[0], Orders[0]], OpenOrderFillRule.All));
        Assert.Contains("'b1'", dup.Message, StringComparison.Ordinal);
        RestingOrder[] many = [.. Enumerable.Range(0, 17).Select(i => new RestingOrder($"o{i}", new Position(new Perpetual(Btc), 1)))];
        Assert.Throws<ArgumentException>(() => OpenOrderMargin.Calculate(model, book, many, OpenOrderFillRule.WorstSubset));
        Assert.Throws<ArgumentOutOfRangeException>(() => OpenOrderMargin.Calculate(model, book, Orders, (OpenOrderFillRule)9));
    }
}
