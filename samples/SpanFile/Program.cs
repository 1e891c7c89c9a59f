using System.Globalization;
using PortfolioMargin.Models;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.SpanFiles;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Serialization;
using QuickStart;
using SpanFileSample;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// 1. Load the bundled synthetic SPAN XML file (an exchange's file loads the same way: SpanFile.Load(path)).
using var stream = typeof(Strategies).Assembly.GetManifestResourceStream("eix-synthetic.spn")
    ?? throw new InvalidOperationException("The embedded resource eix-synthetic.spn is missing.");
SpanRiskParameters file = SpanFile.Load(stream);

Console.WriteLine("PortfolioMargin: margining positions with an exchange SPAN risk-parameter file");
Console.WriteLine($"File: clearing org {file.ClearingOrganization}, business date {file.BusinessDate}, format {file.FileFormat}, " +
    $"{file.ContractCount} contracts, combined commodities {string.Join(", ", file.CombinedCommodities.Select(c => c.Code))}");
Console.WriteLine("Synthetic numbers (not exchange data): EIX index futures Mar/Jun/Sep/Dec 2026 at $50 per point, options on the Jun future.");
Console.WriteLine("Maintenance = the file's base rate (r 1); initial = r 2 = 1.1 x maintenance (adjRate). Amounts in USD.");
Console.WriteLine("A leg's contribution is its share of the basket margin (its loss in the binding scenario, less its option value);");
Console.WriteLine("\"alone IM\" margins the leg by itself against the same file.");

// 2. The file as a margin model. Its rates follow the file (pbRateDef: r 1 maintenance, r 2 initial for speculators);
//    positions reach the file's contracts through an explicit instrument mapping, and the file's own settlement prices
//    make the market snapshot positions are resolved (and valued) against.
SpanInstrumentMap map = Strategies.Map(file);
var model = new SpanFileModel(file, map: map);
MarketSnapshot market = map.Market(fallbackVolatility: 0.20); // the synthetic file carries no implied vols; SPAN does not use them

// 3. Margin each strategy: the basket, and each leg alone, from the same risk arrays.
var summary = new List<string[]>();
foreach (var (name, positions) in Strategies.All)
{
    EfficiencyReport report = EfficiencyReport.Compute(model, ResolvedPortfolio.Resolve(positions, market));
    MarginResult result = report.Portfolio;

    Console.WriteLine();
    Console.WriteLine($"=== {name} ===");
    Table.Print(
        ["leg", "qty", "contribution IM", "alone IM"],
        result.Contributions.Select(c => new[]
        {
            positions[c.PositionIndex].Instrument.Name, Table.Num(positions[c.PositionIndex].Quantity, 0), Table.Num(c.Initial, 2), Table.Num(report.StandaloneInitial[c.PositionIndex], 2),
        }));

    Console.WriteLine();
    Console.WriteLine("Breakdown (non-zero items; MM = maintenance, IM = initial; negative = reduces the margin):");
    foreach (MarginNode cc in result.Breakdown.Children)
    {
        Breakdown.Print(cc, 1);
    }

    foreach (string group in report.Groups.Select(g => g.Group))
    {
        BindingScenario? b = result.BindingScenarios.FirstOrDefault(s => s.Group == group);
        string ties = b is null || b.TiedScenarioIds.IsEmpty ? string.Empty : $" (tied with {string.Join(", ", b.TiedScenarioIds)})";
        Console.WriteLine(b is null
            ? $"Binding scenario {group}: none (no scenario loses money; the spread charge is the margin)"
            : $"Binding scenario {group}: {b.ScenarioId}{ties}, {b.ScenarioName}: basket loses {b.Loss:N2}");
    }

    foreach (MarginDiagnostic d in result.Diagnostics)
    {
        Console.WriteLine($"Note [{d.Code}] {d.Message}");
    }

    GroupEfficiency t = report.Total;
    Console.WriteLine($"Margin saved: legs alone {t.StandaloneSum:N2} - basket {t.PortfolioMargin:N2} = {t.CapitalFreed:N2} ({t.Efficiency:P1} of the legs-alone margin)");
    summary.Add([name, Table.Num(t.PortfolioMargin, 2), Table.Num(t.StandaloneSum, 2), Table.Num(t.CapitalFreed, 2), t.Efficiency.ToString("P1", CultureInfo.InvariantCulture)]);
}

Console.WriteLine();
Console.WriteLine("Summary (initial margin, USD)");
Table.Print(["strategy", "basket", "legs alone", "saved", "efficiency"], summary);
