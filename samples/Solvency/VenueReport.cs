using System.Globalization;
using PortfolioMargin;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Scenarios;
using PortfolioMargin.Solvency;
using QuickStart;

namespace Solvency;

/// <summary>The venue-wide stress of the synthetic venue: every account under every scenario, members, Cover-1/Cover-2 against a fund.</summary>
internal static class VenueReport
{
    public static void Print(PriceHistory history)
    {
        // Historical scenarios replayed from the bundled history (with a vol move), then hypothetical and user scenarios.
        Scenario crashDay = HistoricalScenarios.Worst(history, days: 1, count: 1, volMove: 0.6).Single();
        Scenario crashWeek = HistoricalScenarios.Worst(history, days: 7, count: 1, volMove: 0.4).Single();
        Scenario rally = HistoricalScenarios.Worst(history, days: 1, count: 1, MoveDirection.Rises, volMove: 0.3).Single();
        Dictionary<string, double> Moves(double btc, double eth) => new() { ["BTC"] = btc, ["ETH"] = eth };
        ScenarioSet scenarios = StressScenarios.Set("venue stress", crashDay, crashWeek, rally,
            StressScenarios.Create("CRASH-50", "Hypothetical: BTC -50 %, ETH -60 %, vols +100 %", Moves(-0.50, -0.60), volMove: 1.0),
            StressScenarios.Create("SQUEEZE", "Hypothetical short squeeze: BTC +35 %, ETH +50 %, vols +40 %", Moves(0.35, 0.50), volMove: 0.4),
            StressScenarios.Create("ETH-DECOUPLE", "User: ETH -45 %, BTC -10 %, vols +50 %", Moves(-0.10, -0.45), volMove: 0.5));
        var options = new VenueStressOptions
        {
            Members = SyntheticVenue.Members(),
            StressedHaircuts = new Dictionary<Currency, double> { [Currency.Btc] = 0.25, [Currency.Eth] = 0.35 },
            DefaultFund = 1_500_000,
            Standard = CoverStandard.Cover2,
            Level = DefaulterLevel.Member,
        };
        var grid = new ScenarioGridModel(GridPresets.DeribitStyle(["BTC", "ETH"], initialToMaintenance: 1.25));
        var accounts = SyntheticVenue.Accounts();
        VenueStressReport report = VenueStress.Run(accounts, DefaultBook.Market(), scenarios, grid, options);

        Table.Section($"4. Venue-wide stress: {accounts.Count} accounts in {options.Members.Values.Distinct().Count()} members, haircuts under stress BTC 25 % / ETH 35 %, default fund {options.DefaultFund:N0} USD (Cover-2 by member)");
        Table.Print(["scenario", "total loss", "in deficit", "uncovered", "Cover-1", "Cover-2", "fund surplus", "Cover-2 members"],
            report.Scenarios.Select(s => new[]
            {
                s.Scenario.Id, Table.Num(s.TotalLoss, 0), s.Accounts.Count(a => a.UncoveredLoss > 0).ToString(CultureInfo.InvariantCulture), Table.Num(s.TotalUncoveredLoss, 0),
                Table.Num(s.Cover1ByMember.Amount, 0), Table.Num(s.Cover2ByMember.Amount, 0), Table.Num(s.FundSurplus, 0), string.Join(" + ", s.Cover2ByMember.Defaulters),
            }));
        foreach (Scenario s in scenarios.Scenarios)
        {
            Console.WriteLine($"  {s.Id,-20} {s.Name}");
        }

        ScenarioSolvency worst = report.WorstForFund;
        Table.Section($"Worst for the fund: {worst.Scenario.Id} — Cover-2 {worst.Required.Amount:N0} USD vs fund {worst.DefaultFund:N0}: {(worst.FundSufficient ? "covered" : "SHORT")} by {Math.Abs(worst.FundSurplus):N0}");
        Table.Print(["account", "member", "equity before", "positions loss", "collateral loss", "equity after", "uncovered", "IM before"],
            worst.Accounts.Take(8).Select(a => new[]
            {
                a.AccountId, a.Member, Table.Num(a.EquityBefore, 0), Table.Num(a.PositionsLoss, 0), Table.Num(a.CollateralLoss, 0), Table.Num(a.EquityAfter, 0),
                Table.Num(a.UncoveredLoss, 0), Table.Num(a.InitialMarginBefore, 0),
            }));
        AccountStressOutcome top = worst.Accounts[0];
        Console.WriteLine($"  {top.AccountId}: loss {top.Loss:N0} = positions {top.PositionsLoss:N0} + collateral {top.CollateralLoss:N0}; by position (full revaluation, coin P&L at today's coin price; conversion at the shocked price {top.ConversionDifference:N0}):");
        foreach (var p in top.PositionPnl.OrderBy(p => p.Pnl).Take(4))
        {
            Console.WriteLine($"    {p.Item,-45} {p.Pnl,14:N0}");
        }

        foreach (CollateralStress c in top.Collateral)
        {
            Console.WriteLine($"    collateral {c.Amount:N2} {c.Asset}: {c.ValueBefore:N0} -> {c.ValueAfter:N0} (loss {c.Loss:N0})");
        }
    }
}
