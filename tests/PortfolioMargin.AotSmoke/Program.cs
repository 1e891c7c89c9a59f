using System.Globalization;
using System.Runtime.CompilerServices;
using PortfolioMargin;
using PortfolioMargin.Correlation;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;

// One scenario-grid margin, one delta-normal VaR margin and one correlation repair, run as a NativeAOT binary.
// Exits 1 if a number is not finite and positive.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var now = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
var mar = new DateTimeOffset(2027, 3, 26, 8, 0, 0, TimeSpan.Zero);
var btc = new Underlying("BTC", Currency.Btc, Currency.Usd);
var eth = new Underlying("ETH", Currency.Eth, Currency.Usd);
var market = new MarketSnapshot(now, Currency.Usd)
    .WithSpot(btc, 95_000).WithForward(btc, mar, 97_400).WithVolSurface(btc, VolSurface.Flat(0.55))
    .WithSpot(eth, 3_400).WithForward(eth, mar, 3_480).WithVolSurface(eth, VolSurface.Flat(0.70))
    .WithRate(Currency.Usd, 0.0);
var book = new Portfolio(
    new Position(new Future(btc, mar), 1.5),
    new Position(new EuropeanOption(btc, OptionRight.Call, 110_000, mar, OptionSettlement.Inverse), -2),
    new Position(new Perpetual(eth), 25),
    new Position(new EuropeanOption(eth, OptionRight.Put, 3_000, mar, OptionSettlement.Linear), -15));
var resolved = ResolvedPortfolio.Resolve(book, market);

MarginResult grid = new ScenarioGridModel(GridPresets.DeribitStyle(["BTC", "ETH"], initialToMaintenance: 1.25)).Calculate(resolved);
VaRFactors factors = VaRFactors.Create(["BTC", "ETH"], [0.55, 0.70], new[,] { { 1.0, 0.82 }, { 0.82, 1.0 } }, VolatilityUnit.Annual, daysPerYear: 365);
MarginResult var = new DeltaNormalVaR(factors, new VaROptions { Confidence = 0.99, HorizonDays = 1 }).Calculate(resolved);
RepairResult repair = NearestCorrelation.Repair(["BTC", "ETH", "SOL"], new[,] { { 1, 0.9, 0.9 }, { 0.9, 1, -0.2 }, { 0.9, -0.2, 1 } });

Console.WriteLine($"AOT smoke (dynamic code supported: {RuntimeFeature.IsDynamicCodeSupported})");
Console.WriteLine($"{grid.Model}: IM {grid.InitialMargin:N0} {grid.Currency}, MM {grid.MaintenanceMargin:N0}");
Console.WriteLine($"{var.Model}: IM {var.InitialMargin:N0} {var.Currency}");
Console.WriteLine($"nearest correlation: {repair.Summary()}");

bool ok = double.IsFinite(grid.InitialMargin) && grid.InitialMargin > 0
    && double.IsFinite(var.InitialMargin) && var.InitialMargin > 0
    && repair.Matrix.SmallestEigenvalue() >= -1e-12;
if (!ok)
{
    Console.Error.WriteLine("AOT smoke: unexpected result");
}

return ok ? 0 : 1;
