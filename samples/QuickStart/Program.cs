using System.Globalization;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using QuickStart;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var market = DefaultBook.Market();
var book = DefaultBook.Portfolio();
var resolved = ResolvedPortfolio.Resolve(book, market);

Console.WriteLine("PortfolioMargin QuickStart");
Console.WriteLine($"Valuation time {market.ValuationTime:yyyy-MM-dd HH:mm} UTC, report currency {market.ReportCurrency}");
Console.WriteLine();
Console.WriteLine("Positions: value and greeks in each position's settlement currency (linear: USD, inverse: coin).");
Console.WriteLine("Delta is in units of the underlying; vega per 1.00 of vol; theta per year.");
Console.WriteLine();

var valuation = PortfolioValuation.Of(resolved);
Table.Print(
    ["position", "qty", "ccy", "unit price", "value", "value USD", "delta", "gamma", "vega", "theta"],
    valuation.Positions.Select(p => new[]
    {
        p.Position.Instrument.Name, Table.Num(p.Position.Quantity, 2), p.SettlementCurrency.Code,
        Table.Num(p.UnitPrice, p.Position.Instrument.Kind == PortfolioMargin.Instruments.InstrumentKind.InverseOption ? 6 : 2), Table.Num(p.Value, 4), Table.Num(p.ValueInReport, 0),
        Table.Num(p.Delta, 4), Table.Num(p.Gamma, 8), Table.Num(p.Vega, 2), Table.Num(p.Theta, 2),
    }));
Console.WriteLine();
Console.WriteLine($"Total marked value: {valuation.TotalValueInReport:N0} USD (futures and perpetuals are marked to market: value 0).");
