using System.Text.Json;
using PortfolioMargin.Cli.Commands;
using PortfolioMargin.Cli.ModelFactories;
using PortfolioMargin.Cli.Output;
using PortfolioMargin.Models;

namespace PortfolioMargin.Cli.Reports;

/// <summary>The <c>efficiency</c> report (JSON <c>portfoliomargin/efficiency-report</c>; CSV one row per group then the total).</summary>
/// <param name="Book">The book and its files.</param>
/// <param name="Model">The model and its parameters' source.</param>
/// <param name="Report">The library's efficiency report.</param>
internal sealed record EfficiencyResult(LoadedBook Book, ModelChoice Model, EfficiencyReport Report) : IReport
{
    /// <summary>The JSON <c>format</c>.</summary>
    public const string Format = "portfoliomargin/efficiency-report";

    /// <inheritdoc />
    public void WriteText(TextWriter output)
    {
        ReportText.Header(output, "Efficiency", Book, Model);
        output.WriteLine();
        output.WriteLine($"Portfolio margin vs the sum of each position margined alone with the same model (initial margin, {Report.Currency}):");
        TextTable.Write(output, ["group", "portfolio", "positions alone", "capital freed", "efficiency"],
            Report.Groups.Append(Report.Total).Select(g => new[]
            {
                g.Group, TextTable.Amount(g.PortfolioMargin), TextTable.Amount(g.StandaloneSum), TextTable.Amount(g.CapitalFreed), TextTable.Percent(g.Efficiency),
            }));
        TextTable.Section(output, "Per position: share of the portfolio margin and margin alone");
        TextTable.Write(output, ["position", "group", "quantity", "contract size", "portfolio IM", "alone IM"],
            Report.Portfolio.Contributions.OrderBy(c => c.PositionIndex).Select(c => new[]
            {
                Book.Portfolio[c.PositionIndex].Instrument.Name, c.Group, TextTable.Number(Book.Portfolio[c.PositionIndex].Quantity),
                TextTable.Number(Book.Portfolio[c.PositionIndex].Instrument.Multiplier), TextTable.Amount(c.Initial), TextTable.Amount(Report.StandaloneInitial[c.PositionIndex]),
            }),
            1);
    }

    /// <inheritdoc />
    public void WriteJson(TextWriter output) => ReportJson.Write(output, Format, w =>
    {
        BookJson.Inputs(w, Book, Model);
        w.WriteString("currency", Report.Currency.Code);
        Group(w, "total", Report.Total);
        w.WriteStartArray("groups");
        foreach (GroupEfficiency g in Report.Groups)
        {
            Group(w, null, g);
        }

        w.WriteEndArray();
        w.WriteStartArray("standaloneInitial");
        foreach (double x in Report.StandaloneInitial)
        {
            w.WriteNumberValue(x);
        }

        w.WriteEndArray();
        ReportJson.Result(w, "portfolio", Report.Portfolio, Book.Portfolio);
    });

    /// <inheritdoc />
    public void WriteCsv(CsvTable csv)
    {
        csv.Header("group", "portfolio_margin", "standalone_sum", "capital_freed", "efficiency", "currency");
        foreach (GroupEfficiency g in Report.Groups.Append(Report.Total))
        {
            csv.Row(g.Group, g.PortfolioMargin, g.StandaloneSum, g.CapitalFreed, g.Efficiency, Report.Currency.Code);
        }
    }

    private static void Group(Utf8JsonWriter w, string? name, GroupEfficiency g)
    {
        if (name is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(name);
        }

        w.WriteString("group", g.Group);
        ReportJson.Number(w, "portfolioMargin", g.PortfolioMargin);
        ReportJson.Number(w, "standaloneSum", g.StandaloneSum);
        ReportJson.Number(w, "capitalFreed", g.CapitalFreed);
        ReportJson.Number(w, "efficiency", g.Efficiency);
        w.WriteEndObject();
    }
}
