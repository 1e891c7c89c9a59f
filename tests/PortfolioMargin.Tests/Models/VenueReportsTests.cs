using PortfolioMargin.Instruments;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Bybit;
using PortfolioMargin.Models.Deribit;
using PortfolioMargin.Models.Derive;
using PortfolioMargin.Models.Okx;
using PortfolioMargin.Portfolios;
using Xunit;
using static PortfolioMargin.Tests.Domain.TestMarket;

namespace PortfolioMargin.Tests.Models;

/// <summary>The venue comparison and the fragmentation report against independent recomputation.</summary>
public sealed class VenueReportsTests
{
    private static readonly Venue[] Venues =
        [new("Deribit", DeribitModel.Default), new("OKX", OkxModel.Default), new("Bybit", BybitModel.Default), new("Derive", DeriveModel.Default)];

    private static readonly Portfolio Book = new(
        new Position(new Perpetual(Btc), 2), new Position(new EuropeanOption(Btc, OptionRight.Call, 65_000, Mar), -3), new Position(new Future(Btc, Jun), -1),
        new Position(new Perpetual(Eth), -20), new Position(new EuropeanOption(Eth, OptionRight.Put, 2_800, Mar), 15));

    private static double Im(IMarginModel m, IEnumerable<Position> p) => p.Any() ? m.Calculate(new Portfolio(p), Snapshot()).InitialMargin : 0;

    [Fact]
    public void Comparison_columns_are_each_venue_s_own_margin_with_components_summing_to_it()
    {
        VenueComparison c = VenueComparison.Compute(Venues, ResolvedPortfolio.Resolve(Book, Snapshot()));
        Assert.Equal(Venues.Select(v => v.Name), c.Venues.Select(v => v.Venue));
        foreach ((VenueColumn col, Venue v) in c.Venues.Zip(Venues))
        {
            Assert.Equal(Im(v.Model, Book), col.Result.InitialMargin, 1e-9 * col.Result.InitialMargin);
            Assert.Equal(col.Result.InitialMargin, col.Components.Sum(x => x.Initial), 1e-7 * col.Result.InitialMargin);
            Assert.Equal(["BTC", "ETH"], col.Binding.Select(b => b.Group));
        }

        Assert.Contains("Derive", c.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fragmented_margin_is_the_sum_of_each_venue_margining_what_it_holds()
    {
        string[] where = ["Deribit", "Deribit", "OKX", "Bybit", "Derive"];
        FragmentationReport r = FragmentationReport.Compute(Venues, Book, where, Snapshot());
        double expected = Venues.Sum(v => Im(v.Model, Book.Where((_, i) => where[i] == v.Name)));
        Assert.Equal(expected, r.Total.Fragmented, 1e-9 * expected);
        Assert.Equal(r.Total.Fragmented, r.Groups.Sum(g => g.Fragmented), 1e-7 * expected);
        foreach (Venue v in Venues)
        {
            Assert.Equal(Im(v.Model, Book), r.Total.OnOneVenue.Single(x => x.Venue == v.Name).Initial, 1e-9 * expected);
        }

        Assert.Equal(r.Total.Fragmented - r.Total.OnOneVenue.Min(x => x.Initial), r.Total.Cost, 1e-9 * expected);
        Assert.Contains("cheapest split", r.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cheapest_split_is_the_minimum_over_every_assignment_of_underlyings_to_venues()
    {
        FragmentationReport r = FragmentationReport.Compute(Venues, Book, [.. Enumerable.Repeat("OKX", Book.Count)], Snapshot());
        double best = double.PositiveInfinity;
        foreach (Venue btc in Venues)
        {
            foreach (Venue eth in Venues)
            {
                double im = btc == eth ? Im(btc.Model, Book)
                    : Im(btc.Model, Book.Where(p => p.Instrument.Underlying == Btc)) + Im(eth.Model, Book.Where(p => p.Instrument.Underlying == Eth));
                best = Math.Min(best, im);
            }
        }

        Assert.Equal(best, r.CheapestSplitInitial, 1e-9 * best);
        Assert.True(r.CheapestSplitInitial <= r.Total.OnOneVenue.Min(x => x.Initial) + 1e-9);
        Assert.Equal(r.Total.OnOneVenue.Single(x => x.Venue == "OKX").Initial - r.Total.OnOneVenue.Min(x => x.Initial), r.Total.Cost, 1e-9 * best);
    }

    [Fact]
    public void Splitting_a_hedge_across_venues_costs_margin()
    {
        var hedge = new Portfolio(new Position(new Perpetual(Btc), 5), new Position(new Future(Btc, Mar), -5));
        FragmentationReport split = FragmentationReport.Compute(Venues, hedge, ["Deribit", "Bybit"], Snapshot());
        FragmentationReport together = FragmentationReport.Compute(Venues, hedge, ["Deribit", "Deribit"], Snapshot());
        Assert.True(split.Total.Fragmented > 5 * together.Total.Fragmented, $"split {split.Total.Fragmented}, together {together.Total.Fragmented}");
        Assert.True(split.Total.Cost > 0);
    }

    [Fact]
    public void Bad_assignments_name_the_position_and_the_venues()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => FragmentationReport.Compute(Venues, Book, ["Deribit", "Kraken", "OKX", "OKX", "OKX"], Snapshot()));
        Assert.Contains("Kraken", e.Message, StringComparison.Ordinal);
        Assert.Contains("position #1", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => FragmentationReport.Compute(Venues, Book, ["OKX"], Snapshot()));
        Assert.Throws<ArgumentException>(() => VenueComparison.Compute([Venues[0], Venues[0]], ResolvedPortfolio.Resolve(Book, Snapshot())));
    }
}
