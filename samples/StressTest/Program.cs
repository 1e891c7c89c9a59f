using System.Globalization;
using PortfolioMargin;
using PortfolioMargin.Correlation;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.RealTime;
using PortfolioMargin.Scenarios;
using QuickStart;

// Stress test: named historical and hypothetical scenarios against the default book held in an account, with the
// P&L by full revaluation per scenario, per risk group and per position, the margin under stress (grid and
// delta-normal VaR, the VaR with a correlation stress), the account under stress and the worst scenario.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var market = DefaultBook.Market();
var account = new Account("desk-1", DefaultBook.Portfolio(), [new CollateralBalance(Currency.Usd, 60_000), new CollateralBalance(Currency.Btc, 3, haircut: 0.05), new CollateralBalance(Currency.Eth, 20, haircut: 0.10)]);

var grid = new ScenarioGridModel(GridPresets.DeribitStyle(["BTC", "ETH"], initialToMaintenance: 1.25));
var correlation = new CorrelationMatrix(["BTC", "ETH"], new[,] { { 1.0, 0.82 }, { 0.82, 1.0 } });
var var99 = new DeltaNormalVaR(VaRFactors.Create(correlation, [0.55, 0.70], VolatilityUnit.Annual, daysPerYear: 365),
    new VaROptions { Confidence = 0.99, HorizonDays = 1 });

// Whole dollars; a rounding residue of a flat position prints as 0, not -0.
static string Usd(double x) => Table.Num(Math.Abs(x) < 0.5 ? 0.0 : x, 0);

Dictionary<string, double> Moves(double btc, double eth) => new() { ["BTC"] = btc, ["ETH"] = eth };
ScenarioSet stress = StressScenarios.Set("desk stress",
    StressScenarios.Create("COVID", "2020-03-12 COVID crash: BTC -40 %, ETH -45 %, vols +60 %", Moves(-0.40, -0.45), volMove: 0.60),
    StressScenarios.Create("LUNA", "2022-06 Luna/3AC: BTC -30 %, ETH -40 %", Moves(-0.30, -0.40)),
    StressScenarios.Create("FTX", "2022-11 FTX: BTC -25 %, ETH -28 %, vols +35 %", Moves(-0.25, -0.28), volMove: 0.35),
    StressScenarios.Create("SQUEEZE", "Short squeeze: BTC +30 %, ETH +45 %, vols +40 %", Moves(0.30, 0.45), volMove: 0.40),
    StressScenarios.Create("VOLCRUSH", "Vol crush -30 %, prices unchanged", Moves(0, 0), volMove: -0.30),
    StressScenarios.Create("CORR1", "Correlation -> 1 (VaR), prices unchanged", Moves(0, 0)));

// The correlation stress reaches the VaR model only (IStressMarginModel); the grid has no correlation.
var overrides = new Dictionary<string, CorrelationMatrix> { ["CORR1"] = CorrelationStress.BlendTowardsOne(correlation, 1.0) };
StressReport byGrid = StressTest.Run(account, market, stress, grid, correlationOverrides: overrides);
StressReport byVaR = StressTest.Run(account, market, stress, var99, correlationOverrides: overrides);
AccountMargin now = AccountCalculator.Calculate(account, grid, market);

Console.WriteLine("PortfolioMargin stress test");
Console.WriteLine($"Account {account.Id}: the QuickStart default book ({account.Positions.Count} positions), collateral 60,000 USD + 3 BTC (5 % haircut) + 20 ETH (10 % haircut); valuation {market.ValuationTime:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"Today: equity {now.Equity:N0} USD, grid IM {now.InitialMargin:N0} / MM {now.MaintenanceMargin:N0}, VaR IM {var99.Calculate(AccountCalculator.RiskPortfolio(account, market)).InitialMargin:N0}, status {now.Status}");
Console.WriteLine($"Models: {grid.Name}; {var99.Name} (BTC/ETH vols 55 %/70 % a year, correlation 0.82)");

Table.Section("1. Scenarios: P&L by full revaluation, margin and the account under stress (USD)");
Table.Print(["scenario", "P&L today's px", "P&L scen. px", "BTC", "ETH", "equity", "equity chg", "grid IM", "grid MM", "VaR IM", "margin ratio", "status"],
    byGrid.Scenarios.Zip(byVaR.Scenarios).Select(x =>
    {
        (StressScenarioResult g, StressScenarioResult v) = x;
        AccountMargin a = g.AccountUnderStress!;
        return new[]
        {
            g.Scenario.Id, Usd(g.Pnl), Usd(g.PnlAtScenarioPrices!.Value), Usd(g.Groups.Single(p => p.Item == "BTC").Pnl), Usd(g.Groups.Single(p => p.Item == "ETH").Pnl),
            Table.Num(a.Equity, 0), Usd(g.EquityChange!.Value), Table.Num(a.InitialMargin, 0), Table.Num(a.MaintenanceMargin, 0),
            Table.Num(v.MarginUnderStress.InitialMargin, 0) + (v.CorrelationOverrideApplied ? " *" : ""), Table.Pct(a.MarginRatio), a.Status.ToString(),
        };
    }));
foreach (Scenario s in stress.Scenarios)
{
    Console.WriteLine($"  {s.Id,-9} {s.Name}");
}

Console.WriteLine("  * the VaR uses the scenario's correlation override (BTC/ETH correlation 1.0); the grid ignores it.");
Console.WriteLine("  Equity under stress includes the futures variation; coin collateral moves with its price. Status from the grid model.");
Console.WriteLine($"  'P&L today's px' (and BTC, ETH) converts coin-settled (inverse) P&L at today's coin price, 'P&L scen. px' at the scenario's; 'equity chg' is equity under stress minus today's {byGrid.BaseEquity:N0}.");
Console.WriteLine("  The worst scenario is the largest fall of equity at the scenario's prices (StressReport.Worst), not the lowest P&L at today's coin price.");

Table.Section("2. P&L per position and scenario (USD; COLLATERAL rows are coin balances)");
Table.Print(["position", .. stress.Scenarios.Select(s => s.Id), "worst"],
    byGrid.PositionLabels.Select((label, i) => (string[])[label, .. byGrid.Scenarios.Select(s => Usd(s.PositionPnl[i])), byGrid.WorstByPosition[i].ScenarioId]));

StressScenarioResult worst = byGrid.Worst;
Table.Section($"3. Worst scenario: {worst.Scenario.Id} ({worst.Scenario.Name}), equity change {worst.EquityChange:N0} USD (P&L {worst.Pnl:N0} at today's coin price, "
    + $"{worst.PnlAtScenarioPrices:N0} at the scenario's) — top movers at the scenario's prices");
Table.Print(["position", "P&L scen. px", "share of loss"],
    byGrid.PositionLabels.Select((label, i) => (label, pnl: worst.PositionPnlAtScenarioPrices[i])).OrderBy(p => p.pnl).Take(5)
        .Select(p => new[] { p.label, Usd(p.pnl), Table.Pct(p.pnl / worst.PnlAtScenarioPrices!.Value) }));
Console.WriteLine($"Lowest P&L at today's coin price: {byGrid.WorstByPnl.Scenario.Id} ({byGrid.WorstByPnl.Pnl:N0}), which leaves equity {byGrid.WorstByPnl.AccountUnderStress!.Equity:N0} against {worst.AccountUnderStress!.Equity:N0} in {worst.Scenario.Id}.");
Console.WriteLine($"Worst per group: {string.Join("; ", byGrid.WorstByGroup.Select(g => $"{g.Item} {g.ScenarioId} {g.Pnl:N0}"))}");
AccountMargin w = worst.AccountUnderStress!;
Console.WriteLine($"Account in {worst.Scenario.Id}: equity {w.Equity:N0}, grid MM {w.MaintenanceMargin:N0}, available {w.AvailableBalance:N0}, status {w.Status}");

StressScenarioResult corr = byVaR.Scenarios.Single(s => s.Scenario.Id == "CORR1");
Console.WriteLine();
Console.WriteLine($"Correlation stress: VaR IM {var99.Calculate(AccountCalculator.RiskPortfolio(account, market)).InitialMargin:N0} at correlation 0.82 -> {corr.MarginUnderStress.InitialMargin:N0} at 1.0 "
    + $"({corr.MarginUnderStress.Diagnostics.FirstOrDefault(d => d.Code == "CORRELATION_STRESS")?.Message})");
