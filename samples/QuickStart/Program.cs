using System.Globalization;
using PortfolioMargin.Correlation;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Models.Isolated;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Pricing;
using PortfolioMargin.RealTime;
using QuickStart;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var market = DefaultBook.Market();
var book = DefaultBook.Portfolio();
var resolved = ResolvedPortfolio.Resolve(book, market);

Console.WriteLine("PortfolioMargin QuickStart");
Console.WriteLine($"Valuation time {market.ValuationTime:yyyy-MM-dd HH:mm} UTC, report currency {market.ReportCurrency}");

// 1. The book: value and greeks of every position.
Table.Section("1. Positions: value and greeks in each position's settlement currency (linear: USD, inverse: coin)");
Console.WriteLine("Quantity is in contracts of the contract size shown (the multiplier: e.g. 10 USD per inverse perpetual contract); delta is in units of the underlying;");
Console.WriteLine($"vega per vol point (0.01) and theta per day ({market.DayCount}: {market.DayCount.DaysPerYear():0.##} days a year); the library also gives them per 1.00 of vol and per year.");
var valuation = PortfolioValuation.Of(resolved);
Table.Print(
    ["position", "qty", "contract size", "ccy", "unit price", "value", "value USD", "delta", "gamma", "vega/pt", "theta/day"],
    valuation.Positions.Select(p => new[]
    {
        p.Position.Instrument.Name, Table.Num(p.Position.Quantity, 2), Table.Num(p.Position.Instrument.Multiplier, 0), p.SettlementCurrency.Code,
        Table.Num(p.UnitPrice, p.Position.Instrument.Kind == PortfolioMargin.Instruments.InstrumentKind.InverseOption ? 6 : 2), Table.Num(p.Value, 4), Table.Num(p.ValueInReport, 0),
        Table.Num(p.Delta, 4), Table.Num(p.Gamma, 8), Table.Num(p.VegaPerVolPoint(), 4), Table.Num(p.ThetaPerDay(market.DayCount), 4),
    }));
Console.WriteLine($"Total marked value: {valuation.TotalValueInReport:N0} USD (futures and perpetuals are marked to market: value 0).");

// 2. Margin: isolated vs scenario grid, and the capital the grid frees.
var isolated = new IsolatedModel(IsolatedRates.CryptoDefault);
var grid = new ScenarioGridModel(GridPresets.DeribitStyle(["BTC", "ETH"], initialToMaintenance: 1.25)); // IM/MM ratio is illustrative
// Covariance VaR: BTC/ETH daily factors from annual vols (365-day crypto year), correlation 0.82, 99 %, 1 day.
var correlation = new CorrelationMatrix(["BTC", "ETH"], new[,] { { 1.0, 0.82 }, { 0.82, 1.0 } });
VaRFactors factors = VaRFactors.Create(correlation, [0.55, 0.70], VolatilityUnit.Annual, daysPerYear: 365);
var varModel = new DeltaNormalVaR(factors, new VaROptions { Confidence = 0.99, HorizonDays = 1 });
MarginResult isolatedResult = isolated.Calculate(resolved);
GridResult gridResult = grid.CalculateDetailed(resolved);
EfficiencyReport efficiency = EfficiencyReport.Compute(grid, resolved);

Table.Section("2. Margin (USD) under three models: each position alone, the book in one scenario grid, covariance VaR");
Console.WriteLine("The grid margin covers the grid's instantaneous price and vol moves (scenario margin); the VaR is a 1-day 99 % loss quantile: different questions, not two estimates of one number.");
Table.Print(["model", "initial margin", "maintenance margin"],
[
    [isolatedResult.Model + " (10 % delta-one, short options 15 %/10 %)", Table.Num(isolatedResult.InitialMargin, 0), Table.Num(isolatedResult.MaintenanceMargin, 0)],
    [gridResult.Result.Model, Table.Num(gridResult.Result.InitialMargin, 0), Table.Num(gridResult.Result.MaintenanceMargin, 0)],
    [varModel.Name + " (1-day VaR)", Table.Num(varModel.Calculate(resolved).InitialMargin, 0), Table.Num(varModel.Calculate(resolved).MaintenanceMargin, 0)],
]);

Table.Section("3. Efficiency report (grid model): portfolio margin vs the sum of each position margined alone with the same model");
Table.Print(["group", "portfolio IM", "standalone sum", "capital freed", "efficiency"],
    efficiency.Groups.Append(efficiency.Total).Select(g => new[]
    {
        g.Group, Table.Num(g.PortfolioMargin, 0), Table.Num(g.StandaloneSum, 0), Table.Num(g.CapitalFreed, 0), Table.Pct(g.Efficiency),
    }));

Table.Section("4. Why: per risk group, the binding scenario and how the requirement is built");
foreach (GridGroupResult g in gridResult.Groups)
{
    string ties = g.Binding is { TiedScenarioIds.IsEmpty: false } b ? $" (tied: {string.Join(", ", b.TiedScenarioIds)})" : "";
    Console.WriteLine($"{g.Group}: binding scenario {g.Binding?.ScenarioId ?? "none"} {g.Binding?.ScenarioName}{ties}, group loss {g.ScanRisk:N0} USD");
    Console.WriteLine($"  scan risk {g.ScanRisk:N0} = time {g.TimeRisk:N0} + price {g.PriceRisk:N0} + vol {g.VolRisk:N0}; net delta {g.NetDelta:N3}");
    Console.WriteLine($"  + short option contingency {g.ShortOptionContingency:N0} + offsetting futures contingency {g.FuturesContingency:N0}"
        + $" = MM {g.Maintenance:N0}; IM = MM x {grid.Parameters.For(g.Group).InitialToMaintenance:0.##} = {g.Initial:N0}");
}

Table.Section("5. Top contributors to the grid initial margin (contributions sum to the total; negative = the position reduces margin)");
Table.Print(["position", "group", "IM contribution", "alone"],
    gridResult.Result.TopContributors(5).Select(c => new[] { c.Label, c.Group, Table.Num(c.Initial, 0), Table.Num(efficiency.StandaloneInitial[c.PositionIndex], 0) }));
Console.WriteLine($"Sum of all {gridResult.Result.Contributions.Length} contributions: {gridResult.Result.Contributions.Sum(c => c.Initial):N2} = IM {gridResult.Result.InitialMargin:N2}");

// 6. Covariance VaR: what drives the number.
VaRDecomposition euler = varModel.Decompose(resolved);
EfficiencyReport varEfficiency = EfficiencyReport.Compute(varModel, resolved);
Table.Section("6. Delta-normal VaR, 99 %, 1 day (factor vols 55 %/70 % a year, correlation 0.82)");
Console.WriteLine($"VaR {euler.ValueAtRisk:N0} USD, expected shortfall {euler.ExpectedShortfall:N0} USD; undiversified {euler.Undiversified:N0}, diversification benefit {euler.DiversificationBenefit:N0}");
Console.WriteLine($"Efficiency under VaR: portfolio {varEfficiency.Total.PortfolioMargin:N0} vs standalone sum {varEfficiency.Total.StandaloneSum:N0} ({Table.Pct(varEfficiency.Total.Efficiency)})");
Table.Print(["factor", "dollar delta", "standalone VaR", "marginal VaR per $", "component VaR"],
    euler.Factors.Select(f => new[] { f.Label, Table.Num(f.Exposure, 0), Table.Num(f.Standalone, 0), Table.Num(f.Marginal, 6), Table.Num(f.Component, 0) }));
Console.WriteLine("Top component contributors (components sum to VaR; negative = hedge):");
Table.Print(["position", "factor", "component", "incremental"],
    euler.Positions.OrderByDescending(p => Math.Abs(p.Component)).Take(5).Select(p => new[] { p.Label, p.Factor, Table.Num(p.Component, 0), Table.Num(p.Incremental, 0) }));

// 7. Real time: a pre-trade check, the account, and how far the market can move before liquidation.
Table.Section("7. Pre-trade check, account status and distance to liquidation (grid model)");
var preTrade = WhatIfCalculator.Create(grid, resolved);
var order = new Position(new EuropeanOption(DefaultBook.Btc, OptionRight.Call, 110_000, DefaultBook.Mar, OptionSettlement.Inverse), -2);
WhatIfResult w = preTrade.WhatIf(order);
Console.WriteLine($"Pre-trade: sell 2 more {order.Instrument.Name}: IM {w.InitialBefore:N0} -> {w.InitialAfter:N0} USD ({w.InitialChange:+#,0;-#,0;0}), without recomputing the book");

var account = new Account("desk-1", book, [new CollateralBalance(PortfolioMargin.Currency.Usdc, 150_000, 0.02), new CollateralBalance(PortfolioMargin.Currency.Btc, 1.5, 0.05)]);
var accountMarket = market.WithFxRate(PortfolioMargin.Currency.Usdc, 1.0);
AccountMargin a = AccountCalculator.Calculate(account, grid, accountMarket);
Console.WriteLine($"Account {account.Id}: collateral 150,000 USDC (2 % haircut) + 1.5 BTC (5 % haircut, revalued in every scenario)");
Console.WriteLine($"  equity {a.Equity:N0}, IM {a.InitialMargin:N0}, MM {a.MaintenanceMargin:N0}, margin ratio (MM/equity) {a.MarginRatio:P1}, available {a.AvailableBalance:N0} USD: {a.Status}");
foreach (string? underlying in new[] { "BTC", null })
{
    foreach (MoveDirection direction in new[] { MoveDirection.Down, MoveDirection.Up })
    {
        LiquidationDistance d = LiquidationSearch.Find(account, grid, accountMarket, underlying, direction);
        string scope = underlying ?? "all underlyings together";
        Console.WriteLine(d.Found
            ? $"  {scope}, {direction.ToString().ToLowerInvariant()}: liquidation at a {d.Move:+0.0%;-0.0%} move (equity {d.AtMove.Equity:N0} = MM {d.AtMove.MaintenanceMargin:N0})"
            : $"  {scope}, {direction.ToString().ToLowerInvariant()}: no liquidation within the searched range");
    }
}

// 8. Correlation: the matrix for the default book, and what a repair changes when a bad one is supplied.
Table.Section("8. Correlation matrix for the default book (used by the VaR model)");
Console.WriteLine(correlation.ToString());
Console.WriteLine();
Console.WriteLine("A user-supplied BTC/ETH/SOL matrix whose pairwise estimates are inconsistent (not positive semi-definite):");
double[,] bad = { { 1.0, 0.9, 0.9 }, { 0.9, 1.0, -0.2 }, { 0.9, -0.2, 1.0 } };
Console.WriteLine("  BTC-ETH 0.90, BTC-SOL 0.90, ETH-SOL -0.20");
try
{
    _ = new CorrelationMatrix(["BTC", "ETH", "SOL"], bad);
}
catch (ArgumentException ex)
{
    Console.WriteLine($"  rejected: {ex.Message}");
}

RepairResult repair = NearestCorrelation.Repair(["BTC", "ETH", "SOL"], bad);
Console.WriteLine("  explicit repair (Higham nearest correlation matrix):");
Console.WriteLine("  " + repair.Summary());
Console.WriteLine(repair.Matrix.ToString());
