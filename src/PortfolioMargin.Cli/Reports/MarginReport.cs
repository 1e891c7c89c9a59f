using System.Text.Json;
using PortfolioMargin.Cli.Commands;
using PortfolioMargin.Cli.ModelFactories;
using PortfolioMargin.Cli.Output;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Cli.Reports;

/// <summary>The <c>margin</c> report (JSON <c>portfoliomargin/margin-report</c>; CSV one row per position after a total row).</summary>
/// <param name="Book">The book and its files.</param>
/// <param name="Model">The model and its parameters' source.</param>
/// <param name="Result">The margin result.</param>
/// <param name="Top">How many contributors the text lists.</param>
internal sealed record MarginReport(LoadedBook Book, ModelChoice Model, MarginResult Result, int Top) : IReport
{
    /// <summary>The JSON <c>format</c>.</summary>
    public const string Format = "portfoliomargin/margin-report";

    /// <inheritdoc />
    public void WriteText(TextWriter output)
    {
        ReportText.Header(output, "Margin", Book, Model);
        ReportText.Result(output, Result, Book.Portfolio, Top);
    }

    /// <inheritdoc />
    public void WriteJson(TextWriter output) => ReportJson.Write(output, Format, w =>
    {
        BookJson.Inputs(w, Book, Model);
        ReportJson.Result(w, "result", Result, Book.Portfolio);
    });

    /// <inheritdoc />
    public void WriteCsv(CsvTable csv)
    {
        csv.Header("row", "position_index", "label", "group", "quantity", "contract_size", "initial_margin", "maintenance_margin", "currency");
        csv.Row("total", null, Result.Model, null, null, null, Result.InitialMargin, Result.MaintenanceMargin, Result.Currency.Code);
        foreach (PositionContribution c in Result.Contributions.OrderBy(c => c.PositionIndex))
        {
            Position p = Book.Portfolio[c.PositionIndex];
            csv.Row("position", c.PositionIndex, c.Label, c.Group, p.Quantity, p.Instrument.Multiplier, c.Initial, c.Maintenance, Result.Currency.Code);
        }
    }
}
