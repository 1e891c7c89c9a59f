using PortfolioMargin.Cli.Commands;
using PortfolioMargin.Cli.ModelFactories;
using PortfolioMargin.Cli.Output;
using PortfolioMargin.RealTime;

namespace PortfolioMargin.Cli.Reports;

/// <summary>The <c>stress</c> report (JSON <c>portfoliomargin/stress-report</c>; CSV one row per scenario).</summary>
/// <param name="Book">The book and its files.</param>
/// <param name="Model">The model and its parameters' source.</param>
/// <param name="Source">The scenario file, or <c>built-in crypto stress</c>.</param>
/// <param name="Report">The library's stress report.</param>
internal sealed record StressResult(LoadedBook Book, ModelChoice Model, string Source, StressReport Report) : IReport
{
    /// <summary>The JSON <c>format</c>.</summary>
    public const string Format = "portfoliomargin/stress-report";

    private string Currency => Book.Market.ReportCurrency.Code;

    /// <inheritdoc />
    public void WriteText(TextWriter output)
    {
        ReportText.Header(output, "Stress", Book, Model);
        output.WriteLine($"Scenarios: {Source} ({Report.Scenarios.Length})");
        string[] groups = [.. Report.Scenarios[0].Groups.Select(g => g.Item)];
        output.WriteLine();
        output.WriteLine($"P&L by full revaluation (profit > 0) and the margin on each stressed market ({Currency}):");
        TextTable.Write(output, ["scenario", "P&L", .. groups, "IM under stress", "MM under stress", "expired"],
            Report.Scenarios.Select(s => (string[])
            [
                s.Scenario.Id, TextTable.Amount(s.Pnl), .. s.Groups.Select(g => TextTable.Amount(g.Pnl)),
                TextTable.Amount(s.MarginUnderStress.InitialMargin), TextTable.Amount(s.MarginUnderStress.MaintenanceMargin), s.ExpiredPositions.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ]));
        foreach (StressScenarioResult s in Report.Scenarios)
        {
            output.WriteLine($"  {s.Scenario.Id,-10} {s.Scenario.Name}");
        }

        StressScenarioResult worst = Report.Worst;
        TextTable.Section(output, $"Worst scenario: {worst.Scenario.Id}, P&L {TextTable.Amount(worst.Pnl)} {Currency}: the five positions that lose most");
        TextTable.Write(output, ["position", "P&L"],
            Report.PositionLabels.Select((label, i) => (label, pnl: worst.PositionPnl[i])).OrderBy(p => p.pnl).Take(5)
                .Select(p => new[] { p.label, TextTable.Amount(p.pnl) }));
        output.WriteLine($"Worst per group: {string.Join("; ", Report.WorstByGroup.Select(g => $"{g.Item} {g.ScenarioId} {TextTable.Amount(g.Pnl)}"))}");
    }

    /// <inheritdoc />
    public void WriteJson(TextWriter output) => ReportJson.Write(output, Format, w =>
    {
        BookJson.Inputs(w, Book, Model);
        w.WriteString("scenarioSource", Source);
        w.WriteString("currency", Currency);
        w.WriteStartArray("positionLabels");
        foreach (string label in Report.PositionLabels)
        {
            w.WriteStringValue(label);
        }

        w.WriteEndArray();
        w.WriteStartArray("scenarios");
        foreach (StressScenarioResult s in Report.Scenarios)
        {
            w.WriteStartObject();
            w.WriteString("id", s.Scenario.Id);
            w.WriteString("name", s.Scenario.Name);
            ReportJson.Number(w, "pnl", s.Pnl);
            w.WriteStartArray("groups");
            foreach (StressPnl g in s.Groups)
            {
                w.WriteStartObject();
                w.WriteString("group", g.Item);
                ReportJson.Number(w, "pnl", g.Pnl);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("positionPnl");
            foreach (double x in s.PositionPnl)
            {
                w.WriteNumberValue(x);
            }

            w.WriteEndArray();
            w.WriteStartArray("expiredPositions");
            foreach (int i in s.ExpiredPositions)
            {
                w.WriteNumberValue(i);
            }

            w.WriteEndArray();
            ReportJson.Result(w, "marginUnderStress", s.MarginUnderStress, Book.Portfolio);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("worstScenario", Report.Worst.Scenario.Id);
    });

    /// <inheritdoc />
    public void WriteCsv(CsvTable csv)
    {
        csv.Header("scenario", "name", "pnl", "initial_under_stress", "maintenance_under_stress", "expired_positions", "currency");
        foreach (StressScenarioResult s in Report.Scenarios)
        {
            csv.Row(s.Scenario.Id, s.Scenario.Name, s.Pnl, s.MarginUnderStress.InitialMargin, s.MarginUnderStress.MaintenanceMargin, s.ExpiredPositions.Length, Currency);
        }
    }
}
