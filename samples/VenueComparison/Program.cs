using System.Globalization;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Bybit;
using PortfolioMargin.Models.Deribit;
using PortfolioMargin.Models.Derive;
using PortfolioMargin.Models.Okx;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;
using QuickStart;

// One book, four venues: the default BTC/ETH book margined under Deribit's PME, OKX's MR1-MR9, Bybit's stress test
// and Derive's PM2 with each venue's published parameters (docs/venues), side by side with the binding scenario and
// components per underlying; the resting orders' margin; then what splitting the book across the venues costs.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

MarketSnapshot market = DefaultBook.Market();
Portfolio book = DefaultBook.Portfolio();
ResolvedPortfolio resolved = ResolvedPortfolio.Resolve(book, market);
Venue[] venues =
[
    new("Deribit", DeribitModel.Default), new("OKX", OkxModel.Default), new("Bybit", BybitModel.Default), new("Derive", DeriveModel.Default),
];

Table.Section("The default book under each venue's portfolio margin (USD)");
VenueComparison comparison = VenueComparison.Compute(venues, resolved);
Table.Print(["venue", "IM", "MM", "BTC binding", "ETH binding"], comparison.Venues.Select(v => new[]
{
    v.Venue, Table.Num(v.Result.InitialMargin, 0), Table.Num(v.Result.MaintenanceMargin, 0),
    v.Binding.FirstOrDefault(b => b.Group == "BTC")?.ScenarioId ?? "-", v.Binding.FirstOrDefault(b => b.Group == "ETH")?.ScenarioId ?? "-",
}));

Table.Section("Components per venue and underlying (IM, USD)");
Table.Print(["venue", "group", "component", "IM"], comparison.Venues.SelectMany(v => v.Components.Where(c => c.Initial != 0)
    .Select(c => new[] { v.Venue, c.Group, c.Component, Table.Num(c.Initial, 0) })));

Table.Section("What the venues could not reproduce exactly (diagnostics)");
foreach (VenueColumn v in comparison.Venues)
{
    foreach (MarginDiagnostic d in v.Result.Diagnostics)
    {
        Console.WriteLine($"{v.Venue}: {d.Code}: {d.Message}");
    }
}

Table.Section("Resting orders: open-order margin (each side fills) per venue");
RestingOrder[] orders =
[
    new("buy-puts", new Position(book[5].Instrument, 3)), new("sell-perp", new Position(book[6].Instrument, -10)),
    new("sell-calls", new Position(book[7].Instrument, -10)),
];
Table.Print(["venue", "book IM", "open orders", "IM with orders", "worst case"], venues.Select(v =>
{
    OpenOrderMarginResult r = OpenOrderMargin.Calculate(v.Model, resolved, orders, OpenOrderFillRule.EachSide);
    return new[] { v.Name, Table.Num(r.BookResult.InitialMargin, 0), Table.Num(r.OpenOrdersMargin, 0), Table.Num(r.Result.InitialMargin, 0), r.Binding?.Name ?? "-" };
}));

Table.Section("Fragmentation: BTC options on Deribit, BTC delta-one on OKX, ETH on Derive and Bybit");
string[] where = ["OKX", "OKX", "OKX", "OKX", "Deribit", "Deribit", "Bybit", "Derive", "Derive"];
FragmentationReport fragmentation = FragmentationReport.Compute(venues, book, where, market);
Table.Print(["group", "split IM", "best single venue", "its IM", "cost of the split"], fragmentation.Groups.Append(fragmentation.Total).Select(g => new[]
{
    g.Group, Table.Num(g.Fragmented, 0), g.BestVenue, Table.Num(g.OnOneVenue.Min(x => x.Initial), 0), Table.Num(g.Cost, 0),
}));
Console.WriteLine();
Console.WriteLine($"Cheapest split by underlying: {string.Join(", ", fragmentation.CheapestSplit.Select(kv => $"{kv.Key} on {kv.Value}"))}, " +
    $"IM {Table.Num(fragmentation.CheapestSplitInitial, 0)} USD (vs {Table.Num(fragmentation.Total.Fragmented, 0)} as split above).");
