using PortfolioMargin.Cli.Commands;
using PortfolioMargin.Cli.ModelFactories;
using PortfolioMargin.Cli.Output;
using PortfolioMargin.Models;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Cli.Reports;

/// <summary>Text pieces shared by the reports on a book.</summary>
internal static class ReportText
{
    /// <summary>The lines naming the book, the market and the model.</summary>
    public static void Header(TextWriter output, string title, LoadedBook book, ModelChoice model)
    {
        output.WriteLine($"{title}: {book.Portfolio.Count} positions from {book.PortfolioPath} ({string.Join(", ", book.Underlyings)})");
        output.WriteLine($"Market: {book.MarketPath}, valuation time {BookOptions.Iso(book.Market.ValuationTime)}, amounts in {book.Market.ReportCurrency}");
        output.WriteLine($"Model:  {model.Model.Name}, {model.Source}");
        if (HorizonNote(model.Model) is { } note)
        {
            output.WriteLine("        " + note);
        }
    }

    /// <summary>
    /// For a VaR model, what its number is: a loss quantile over its horizon (1 day by default), not a scenario
    /// margin; null for other models.
    /// </summary>
    public static string? HorizonNote(IMarginModel model)
    {
        VaROptions? options = model switch
        {
            DeltaNormalVaR v => v.Options,
            DeltaGammaVaR v => v.Options,
            _ => null,
        };
        return options is null
            ? null
            : $"a {TextTable.Number(options.HorizonDays)}-day {(options.Measure == VaRMeasure.ValueAtRisk ? "VaR" : "expected shortfall")} at {TextTable.Number(options.Confidence * 100)} % "
              + "(a loss quantile over the horizon, not a grid's worst scenario; compare the two models with that in mind)";
    }

    /// <summary>Totals, breakdown tree, binding scenarios, the top contributors and diagnostics of a result.</summary>
    public static void Result(TextWriter output, MarginResult result, Portfolio book, int top)
    {
        string ccy = result.Currency.Code;
        output.WriteLine();
        TextTable.Write(output, ["", "amount", "currency"],
        [
            ["Initial margin", TextTable.Amount(result.InitialMargin), ccy],
            ["Maintenance margin", TextTable.Amount(result.MaintenanceMargin), ccy],
        ],
        2);

        TextTable.Section(output, "Breakdown (MM = maintenance, IM = initial)");
        TextTable.Write(output, ["item", "MM", "IM", "how"],
            Flatten(result.Breakdown, 0).Select(x => new[] { new string(' ', 2 * x.Depth) + x.Node.Name, TextTable.Amount(x.Node.Maintenance), TextTable.Amount(x.Node.Initial), x.Node.Note ?? "" }),
            3);

        if (!result.BindingScenarios.IsEmpty)
        {
            TextTable.Section(output, "Binding scenario per risk group (the scenario that sets its scan risk)");
            TextTable.Write(output, ["group", "scenario", "name", "loss", "tied with"],
                result.BindingScenarios.Select(b => new[] { b.Group, b.ScenarioId, b.ScenarioName, TextTable.Amount(b.Loss), string.Join(" ", b.TiedScenarioIds) }),
                1, 2, 4);
        }

        if (top > 0 && !result.Contributions.IsEmpty)
        {
            TextTable.Section(output, $"Top {Math.Min(top, result.Contributions.Length)} of {result.Contributions.Length} contributions to initial margin (all of them sum to the total; negative = reduces margin)");
            TextTable.Write(output, ["position", "group", "quantity", "contract size", "IM", "MM"],
                result.TopContributors(top).Select(c =>
                {
                    Position p = book[c.PositionIndex];
                    return new[] { p.Instrument.Name, c.Group, TextTable.Number(p.Quantity), TextTable.Number(p.Instrument.Multiplier), TextTable.Amount(c.Initial), TextTable.Amount(c.Maintenance) };
                }),
                1);
        }

        Diagnostics(output, result);
    }

    /// <summary>The result's diagnostics, one per line, if any.</summary>
    public static void Diagnostics(TextWriter output, MarginResult result)
    {
        if (result.Diagnostics.IsEmpty)
        {
            return;
        }

        TextTable.Section(output, "Diagnostics");
        foreach (MarginDiagnostic d in result.Diagnostics)
        {
            output.WriteLine($"[{d.Code}] {d.Message}");
        }
    }

    private static IEnumerable<(MarginNode Node, int Depth)> Flatten(MarginNode node, int depth)
    {
        yield return (node, depth);
        foreach (MarginNode c in node.Children.IsDefault ? [] : node.Children)
        {
            foreach (var x in Flatten(c, depth + 1))
            {
                yield return x;
            }
        }
    }
}
