using System.Text.Json;
using PortfolioMargin.Cli.Commands;
using PortfolioMargin.Cli.ModelFactories;

namespace PortfolioMargin.Cli.Reports;

/// <summary>The <c>inputs</c> object of the reports on a book: files, valuation time, report currency, model.</summary>
internal static class BookJson
{
    /// <summary>Writes <c>"inputs": { portfolio, market, valuationTime, reportCurrency, positions, model, modelParameters }</c>.</summary>
    public static void Inputs(Utf8JsonWriter w, LoadedBook book, ModelChoice model)
    {
        w.WriteStartObject("inputs");
        w.WriteString("portfolio", book.PortfolioPath);
        w.WriteString("market", book.MarketPath);
        w.WriteString("valuationTime", BookOptions.Iso(book.Market.ValuationTime));
        w.WriteString("reportCurrency", book.Market.ReportCurrency.Code);
        w.WriteNumber("positions", book.Portfolio.Count);
        w.WriteString("model", model.Model.Name);
        w.WriteString("modelParameters", model.Source);
        w.WriteEndObject();
    }
}
