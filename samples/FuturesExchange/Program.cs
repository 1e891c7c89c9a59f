using System.Globalization;
using FuturesExchange;
using PortfolioMargin.Instruments;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Portfolios;
using QuickStart;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var market = ExchangeBook.Market();
var resolved = ResolvedPortfolio.Resolve(ExchangeBook.Portfolio(), market);
GridParameters parameters = ExchangeParameters.Create();
var model = new ScenarioGridModel(parameters);

Console.WriteLine("PortfolioMargin futures-exchange sample");
Console.WriteLine($"Valuation {market.ValuationTime:yyyy-MM-dd HH:mm} UTC, report currency {market.ReportCurrency}; parameters {parameters.Version} (illustrative, SPAN-like structure)");

// 1. The book as the grid sees it: one risk group per underlying, expiry tiers by days to expiry.
List<GridPosition> inputs = model.Inputs(resolved);
Table.Section("1. Positions: risk group, days to expiry, expiry tier and delta (units of the underlying index or barrels)");
Table.Print(["position", "group", "qty", "days", "tier", "delta", "value USD"],
    inputs.Select(p =>
    {
        ExpiryTier? tier = parameters.For(p.Group).IntraTiers.FirstOrDefault(t => t.Contains(p.DaysToExpiry));
        return new[]
        {
            p.Label, p.Group, Table.Num(resolved.Portfolio[p.Index].Quantity, 0), Table.Num(p.DaysToExpiry, 0),
            tier is null ? "-" : tier.Number.ToString(CultureInfo.InvariantCulture), Table.Num(p.Delta, 1), Table.Num(p.Value, 0),
        };
    }));

GridResult result = model.CalculateDetailed(resolved);
MarginResult margin = result.Result;

// 2. Per group: scan risk and the binding scenario, then the rules applied on top.
Table.Section("2. Per risk group (USD): scan risk + calendar spread charges - inter-group credit, floored by the short option minimum");
Table.Print(["group", "net delta", "scan risk", "binding scenario", "intra charge", "inter credit", "short opt min", "MM", "IM"],
    result.Groups.Select(g => new[]
    {
        g.Group, Table.Num(g.NetDelta, 1), Table.Num(g.ScanRisk, 0), $"{g.Binding?.ScenarioId} {g.Binding?.ScenarioName}",
        Table.Num(g.IntraCharge, 0), Table.Num(g.InterCredit, 0), Table.Num(g.ShortOptionMinimum, 0) + (g.ShortOptionMinimumBinds ? " (binds)" : ""),
        Table.Num(g.Maintenance, 0), Table.Num(g.Initial, 0),
    }));
Console.WriteLine($"Total: MM {margin.MaintenanceMargin:N0} USD, IM {margin.InitialMargin:N0} USD (IM = MM x 1.1 per group)");

Table.Section("3. Scan risk split: time (no price move), price (worst move, vol variants averaged), vol (the rest)");
Table.Print(["group", "time risk", "price risk", "vol risk", "worst 3 scenarios (loss USD)"],
    result.Groups.Select(g =>
    {
        var scenarios = parameters.For(g.Group).Scenarios.Scenarios;
        string worst = string.Join(", ", g.ScenarioLosses.Select((l, i) => (l, i)).OrderByDescending(x => x.l).Take(3)
            .Select(x => $"{scenarios[x.i].Id} {Table.Num(x.l, 0)}"));
        return new[] { g.Group, Table.Num(g.TimeRisk, 0), Table.Num(g.PriceRisk, 0), Table.Num(g.VolRisk, 0), worst };
    }));

// 4. Calendar spreads formed within each group.
Table.Section("4. Intra-group (calendar) spreads formed: opposite deltas in two tiers, charged per spread, in priority order");
Table.Print(["group", "rule", "tiers", "delta per spread", "spreads", "charge/spread", "charge"],
    result.Groups.SelectMany(g => g.IntraSpreads.Select(s => new[]
    {
        g.Group, s.Rule.Priority.ToString(CultureInfo.InvariantCulture), $"{s.Rule.TierA} vs {s.Rule.TierB}",
        $"{Table.Num(s.Rule.DeltaPerSpreadA, 0)} : {Table.Num(s.Rule.DeltaPerSpreadB, 0)}", Table.Num(s.Spreads, 2),
        Table.Num(s.Rule.ChargePerSpread, 0), Table.Num(s.Charge, 0),
    })));

// 5. Inter-group credits.
Table.Section("5. Inter-group spread credits: opposite deltas across groups earn a share of each leg's price risk");
foreach (FormedInterSpread s in result.InterSpreads)
{
    string legs = string.Join(" vs ", s.Spread.Legs.Select(l => $"{l.Group} {Table.Num(l.DeltaPerSpread, 0)} ({l.Side})"));
    Console.WriteLine($"{legs}, credit rate {Table.Pct(s.Spread.CreditRate)}: {Table.Num(s.Spreads, 2)} spreads formed");
    foreach ((string group, double credit) in s.CreditByGroup)
    {
        Console.WriteLine($"  credit to {group}: {credit:N0} USD");
    }
}

if (result.InterSpreads.IsEmpty)
{
    Console.WriteLine("(none formed)");
}

// 6. The full breakdown tree, as every model reports it.
Table.Section("6. Breakdown tree (MarginResult.Breakdown.ToText())");
Console.Write(margin.Breakdown.ToText());

Table.Section("7. Binding scenario per group (MarginResult.BindingScenarios)");
foreach (BindingScenario b in margin.BindingScenarios)
{
    string ties = b.TiedScenarioIds.IsEmpty ? "" : $" (tied: {string.Join(", ", b.TiedScenarioIds)})";
    Console.WriteLine($"{b.Group}: {b.ScenarioId} {b.ScenarioName}, loss {b.Loss:N0} USD{ties}");
}

// 8. What the portfolio treatment saves.
EfficiencyReport efficiency = EfficiencyReport.Compute(model, resolved);
Table.Section("8. Efficiency: portfolio IM vs the sum of each position margined alone under the same parameters");
Table.Print(["group", "portfolio IM", "standalone sum", "capital freed", "efficiency"],
    efficiency.Groups.Append(efficiency.Total).Select(g => new[]
    {
        g.Group, Table.Num(g.PortfolioMargin, 0), Table.Num(g.StandaloneSum, 0), Table.Num(g.CapitalFreed, 0), Table.Pct(g.Efficiency),
    }));

Table.Section("9. Largest contributors to IM (contributions sum to the total; negative = the position reduces margin)");
Table.Print(["position", "group", "IM contribution", "alone"],
    margin.TopContributors(6).Select(c => new[] { c.Label, c.Group, Table.Num(c.Initial, 0), Table.Num(efficiency.StandaloneInitial[c.PositionIndex], 0) }));

// 10. The short option minimum binds when options are so far out of the money that no scenario loses much.
var strangle = new Portfolio(
    new Position(new EuropeanOption(ExchangeBook.Cl, OptionRight.Call, 115, ExchangeBook.ClFeb, multiplier: ExchangeBook.ClMultiplier, name: "CL Feb27 115 C"), -20),
    new Position(new EuropeanOption(ExchangeBook.Cl, OptionRight.Put, 40, ExchangeBook.ClFeb, multiplier: ExchangeBook.ClMultiplier, name: "CL Feb27 40 P"), -20));
GridGroupResult som = model.CalculateDetailed(ResolvedPortfolio.Resolve(strangle, market)).Groups[0];
Table.Section("10. Short option minimum: a deep out-of-the-money short CL strangle (20 x 115 C, 20 x 40 P), margined on its own");
Console.WriteLine($"scan risk {som.ScanRisk:N0} USD (binding {som.Binding?.ScenarioId} {som.Binding?.ScenarioName}) against a minimum of"
    + $" {parameters.For("CL").ShortOptionMinimumPerUnit:0.##} USD per short barrel x max(short calls, short puts) 20,000 barrels = {som.ShortOptionMinimum:N0} USD");
Console.WriteLine($"binds: {som.ShortOptionMinimumBinds}; MM {som.Maintenance:N0} USD, IM {som.Initial:N0} USD");

foreach (MarginDiagnostic d in margin.Diagnostics)
{
    Console.WriteLine($"diagnostic {d.Code}: {d.Message}");
}
