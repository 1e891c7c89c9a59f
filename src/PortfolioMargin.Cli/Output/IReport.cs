namespace PortfolioMargin.Cli.Output;

/// <summary>A command's result in the three output formats (docs/cli.md describes each).</summary>
internal interface IReport
{
    /// <summary>Aligned text for people.</summary>
    void WriteText(TextWriter output);

    /// <summary>One JSON document with the report's <c>format</c> and <see cref="ReportJson.Version"/>.</summary>
    void WriteJson(TextWriter output);

    /// <summary>The report's main table as CSV.</summary>
    void WriteCsv(CsvTable csv);
}
