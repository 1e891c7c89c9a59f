using System.Text.Json;
using PortfolioMargin.Cli.Commands;
using PortfolioMargin.Cli.ModelFactories;
using PortfolioMargin.Cli.Output;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;

namespace PortfolioMargin.Cli.Reports;

/// <summary>The <c>whatif</c> report (JSON <c>portfoliomargin/whatif-report</c>; CSV one row per group then the total).</summary>
/// <param name="Book">The book and its files.</param>
/// <param name="Model">The model and its parameters' source.</param>
/// <param name="Order">The positions added.</param>
/// <param name="Result">Margin before and after.</param>
internal sealed record WhatIfReport(LoadedBook Book, ModelChoice Model, IReadOnlyList<Position> Order, WhatIfResult Result) : IReport
{
    /// <summary>The JSON <c>format</c>.</summary>
    public const string Format = "portfoliomargin/whatif-report";

    /// <inheritdoc />
    public void WriteText(TextWriter output)
    {
        ReportText.Header(output, "What-if", Book, Model);
        output.WriteLine();
        output.WriteLine("Order:");
        TextTable.Write(output, ["instrument", "quantity", "contract size"],
            Order.Select(p => new[] { p.Instrument.Name, TextTable.Number(p.Quantity), TextTable.Number(p.Instrument.Multiplier) }));
        output.WriteLine();
        output.WriteLine($"Margin before and after the order ({Result.Currency}):");
        TextTable.Write(output, ["", "before", "after", "change"],
        [
            ["Initial margin", TextTable.Amount(Result.InitialBefore), TextTable.Amount(Result.InitialAfter), Signed(Result.InitialChange)],
            ["Maintenance margin", TextTable.Amount(Result.MaintenanceBefore), TextTable.Amount(Result.MaintenanceAfter), Signed(Result.MaintenanceChange)],
        ]);
        if (!Result.Groups.IsEmpty)
        {
            TextTable.Section(output, "Per risk group (initial margin)");
            TextTable.Write(output, ["group", "before", "after", "change", "binding after"],
                Result.Groups.Select(g => new[]
                {
                    g.Group, TextTable.Amount(g.InitialBefore), TextTable.Amount(g.InitialAfter), Signed(g.InitialAfter - g.InitialBefore), g.BindingScenarioAfter ?? "",
                }),
                4);
        }
    }

    /// <inheritdoc />
    public void WriteJson(TextWriter output) => ReportJson.Write(output, Format, w =>
    {
        BookJson.Inputs(w, Book, Model);
        w.WriteStartArray("order");
        foreach (Position p in Order)
        {
            w.WriteStartObject();
            w.WriteString("instrument", p.Instrument.Name);
            w.WriteNumber("quantity", p.Quantity);
            w.WriteNumber("contractSize", p.Instrument.Multiplier);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("currency", Result.Currency.Code);
        ReportJson.Number(w, "initialBefore", Result.InitialBefore);
        ReportJson.Number(w, "initialAfter", Result.InitialAfter);
        ReportJson.Number(w, "initialChange", Result.InitialChange);
        ReportJson.Number(w, "maintenanceBefore", Result.MaintenanceBefore);
        ReportJson.Number(w, "maintenanceAfter", Result.MaintenanceAfter);
        ReportJson.Number(w, "maintenanceChange", Result.MaintenanceChange);
        w.WriteStartArray("groups");
        foreach (WhatIfGroupResult g in Result.Groups)
        {
            w.WriteStartObject();
            w.WriteString("group", g.Group);
            ReportJson.Number(w, "initialBefore", g.InitialBefore);
            ReportJson.Number(w, "initialAfter", g.InitialAfter);
            ReportJson.Number(w, "maintenanceBefore", g.MaintenanceBefore);
            ReportJson.Number(w, "maintenanceAfter", g.MaintenanceAfter);
            ReportJson.Number(w, "scanRiskAfter", g.ScanRiskAfter);
            ReportJson.String(w, "bindingScenarioAfter", g.BindingScenarioAfter);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    /// <inheritdoc />
    public void WriteCsv(CsvTable csv)
    {
        csv.Header("group", "initial_before", "initial_after", "initial_change", "maintenance_before", "maintenance_after", "maintenance_change", "binding_scenario_after", "currency");
        foreach (WhatIfGroupResult g in Result.Groups)
        {
            csv.Row(g.Group, g.InitialBefore, g.InitialAfter, g.InitialAfter - g.InitialBefore, g.MaintenanceBefore, g.MaintenanceAfter,
                g.MaintenanceAfter - g.MaintenanceBefore, g.BindingScenarioAfter, Result.Currency.Code);
        }

        csv.Row("TOTAL", Result.InitialBefore, Result.InitialAfter, Result.InitialChange, Result.MaintenanceBefore, Result.MaintenanceAfter,
            Result.MaintenanceChange, null, Result.Currency.Code);
    }

    private static string Signed(double change) => (change > 0 ? "+" : "") + TextTable.Amount(change);
}
