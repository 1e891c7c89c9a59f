using System.Diagnostics;
using System.Globalization;
using PortfolioMargin.Models;
using PortfolioMargin;
using PortfolioMargin.Correlation;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using PortfolioMargin.RealTime;
using QuickStart;

// Pre-trade check: a stream of incoming orders against the default book held in an account. Each order is checked
// with the incremental grid what-if and the incremental delta-normal VaR what-if (neither recomputes the book);
// it is accepted when the account's available balance (equity − grid IM) stays >= 0 after it, or when it lowers
// the grid IM (risk-reducing orders are always allowed). Accepted orders are applied (Apply returns new calculators).
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

MarketSnapshot market = DefaultBook.Market();
Underlying btc = DefaultBook.Btc, eth = DefaultBook.Eth;
var account = new Account("desk-1", DefaultBook.Portfolio(), [new CollateralBalance(Currency.Usd, 20_000)]);

var grid = new ScenarioGridModel(GridPresets.DeribitStyle(["BTC", "ETH"], initialToMaintenance: 1.25)); // the exchange's model
var correlation = new CorrelationMatrix(["BTC", "ETH"], new[,] { { 1.0, 0.82 }, { 0.82, 1.0 } });
var var99 = new DeltaNormalVaR(VaRFactors.Create(correlation, [0.55, 0.70], VolatilityUnit.Annual, daysPerYear: 365),
    new VaROptions { Confidence = 0.99, HorizonDays = 1 });

// Both calculators hold the account's risk book (positions + coin collateral rows) on one snapshot.
ResolvedPortfolio risk = AccountCalculator.RiskPortfolio(account, market);
IWhatIfCalculator gridCheck = WhatIfCalculator.Create(grid, risk);
IWhatIfCalculator varCheck = WhatIfCalculator.Create(var99, risk);
AccountMargin start = AccountCalculator.Calculate(account, grid, market);

Console.WriteLine("PortfolioMargin pre-trade check");
Console.WriteLine($"Account {account.Id}: {account.Positions.Count} positions (the QuickStart default book), collateral 20,000 USD; valuation {market.ValuationTime:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"Calculators: {gridCheck.GetType().Name} ({grid.Name}), {varCheck.GetType().Name} ({var99.Name}, BTC/ETH vols 55 %/70 % a year, correlation 0.82)");
Console.WriteLine($"Start: equity {start.Equity:N0} USD, grid IM {start.InitialMargin:N0}, available {start.AvailableBalance:N0}; VaR IM {varCheck.InitialMargin:N0}");
Console.WriteLine("Rule: accept when equity - grid IM after the order >= 0, or when the order lowers the grid IM. Option and spot orders are paid at mid from the USD balance, so equity is unchanged by the trade.");

// A delta hedge of the starting book from the VaR calculator's dollar deltas per factor (e_k / spot units of the perp).
var deltas = (DeltaNormalWhatIf)varCheck;
double btcUnits = Math.Round(-deltas.FactorDelta[var99.Factors.IndexOf("BTC")] / market.Spot(btc), 2);
double ethUnits = Math.Round(-deltas.FactorDelta[var99.Factors.IndexOf("ETH")] / market.Spot(eth), 1);

(string Label, Position[] Order)[] stream =
[
    ($"delta hedge: {btcUnits:+0.##;-0.##} BTC perp, {ethUnits:+0.#;-0.#} ETH perp", [new Position(new Perpetual(btc), btcUnits), new Position(new Perpetual(eth), ethUnits)]),
    ("buy 1.5 BTC Mar future", [new Position(new Future(btc, DefaultBook.Mar), 1.5)]),
    ("sell 10 ETH 3,800 Dec calls", [new Position(new EuropeanOption(eth, OptionRight.Call, 3_800, DefaultBook.Dec, OptionSettlement.Linear), -10)]),
    ("buy 2 BTC 85,000 Mar puts (inverse)", [new Position(new EuropeanOption(btc, OptionRight.Put, 85_000, DefaultBook.Mar, OptionSettlement.Inverse), 2)]),
    ("buy 15 BTC perp", [new Position(new Perpetual(btc), 15)]),
    ("spread: buy 30 ETH Mar / sell 30 ETH perp", [new Position(new Future(eth, DefaultBook.Mar), 30), new Position(new Perpetual(eth), -30)]),
];

// Warm up both calculators on every order once (JIT; a what-if changes nothing), so the timings below are steady-state.
foreach ((_, Position[] order) in stream)
{
    _ = gridCheck.WhatIf(order);
    _ = varCheck.WhatIf(order);
}

Table.Section("Incoming orders (amounts in USD; time = one what-if call, microseconds)");
var rows = new List<string[]>();
var timer = new Stopwatch();
foreach ((string label, Position[] order) in stream)
{
    double equity = AccountCalculator.Calculate(account, grid, market).Equity; // a full run, for the sample's equity only
    timer.Restart();
    WhatIfResult g = gridCheck.WhatIf(order);
    double gridMicros = timer.Elapsed.TotalMicroseconds;
    timer.Restart();
    WhatIfResult v = varCheck.WhatIf(order);
    double varMicros = timer.Elapsed.TotalMicroseconds;

    double available = equity - g.InitialAfter;
    bool accept = available >= 0 || g.InitialChange <= 0;
    rows.Add(
    [
        label, Table.Num(g.InitialBefore, 0), Table.Num(g.InitialAfter, 0), Table.Num(g.InitialChange, 0), Table.Num(gridMicros, 1),
        Table.Num(v.InitialBefore, 0), Table.Num(v.InitialAfter, 0), Table.Num(v.InitialChange, 0), Table.Num(varMicros, 1),
        Table.Num(available, 0), accept ? "ACCEPT" : "REJECT",
    ]);
    if (accept)
    {
        // Pay option/spot premium at mid from the USD balance; futures and perpetuals cost nothing up front.
        double premium = PortfolioValuation.Of(ResolvedPortfolio.Resolve(new Portfolio(order), market)).TotalValueInReport;
        account = new Account(account.Id, account.Positions.Add(order),
            account.Collateral.Select(c => c.Asset == Currency.Usd ? new CollateralBalance(c.Asset, c.Amount - premium, c.Haircut) : c));
        gridCheck = gridCheck.Apply(order);
        varCheck = varCheck.Apply(order);
    }
}

Table.Print(["order", "grid IM before", "after", "change", "µs", "VaR IM before", "after", "change", "µs", "available after", "decision"], rows);

// The what-if chain must equal a full recomputation of the final account.
AccountMargin end = AccountCalculator.Calculate(account, grid, market);
double varFull = var99.Calculate(AccountCalculator.RiskPortfolio(account, market)).InitialMargin;
Table.Section("Check: the applied what-if calculators against a full recomputation of the final account");
Table.Print(["", "what-if chain", "full recomputation"],
[
    ["grid IM", Table.Num(gridCheck.InitialMargin, 2), Table.Num(end.InitialMargin, 2)],
    ["VaR IM", Table.Num(varCheck.InitialMargin, 2), Table.Num(varFull, 2)],
]);
Console.WriteLine($"Final account: {account.Positions.Count} positions, equity {end.Equity:N0} USD, available {end.AvailableBalance:N0}, status {end.Status}");
