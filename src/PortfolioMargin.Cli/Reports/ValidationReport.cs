using PortfolioMargin.Cli.Inputs;
using PortfolioMargin.Cli.Output;

namespace PortfolioMargin.Cli.Reports;

/// <summary>The <c>validate</c> report (JSON <c>portfoliomargin/validation-report</c>; CSV one row per problem, or per valid file).</summary>
/// <param name="Files">One check per file, in the order given (the <c>--market</c> file first).</param>
/// <param name="MarketPath">The <c>--market</c> file, or null.</param>
internal sealed record ValidationReport(IReadOnlyList<FileCheck> Files, string? MarketPath) : IReport
{
    /// <summary>The JSON <c>format</c>.</summary>
    public const string Format = "portfoliomargin/validation-report";

    /// <inheritdoc />
    public void WriteText(TextWriter output)
    {
        foreach (FileCheck f in Files)
        {
            string kind = DocumentKinds.Name(f.Kind);
            if (f.Valid)
            {
                output.WriteLine($"ok   {f.Path}: {kind}, {f.Summary}");
                continue;
            }

            output.WriteLine($"BAD  {f.Path}: {kind}, {f.Problems.Length} problem{(f.Problems.Length == 1 ? "" : "s")}");
            foreach (FileProblem p in f.Problems)
            {
                output.WriteLine($"       {p.Message}");
            }
        }

        int bad = Files.Count(f => !f.Valid);
        output.WriteLine();
        output.WriteLine(bad == 0
            ? $"All {Files.Count} files are valid{(MarketPath is null ? "" : $" (books checked against {MarketPath})")}."
            : $"{bad} of {Files.Count} files have problems.");
    }

    /// <inheritdoc />
    public void WriteJson(TextWriter output) => ReportJson.Write(output, Format, w =>
    {
        ReportJson.String(w, "market", MarketPath);
        w.WriteBoolean("valid", Files.All(f => f.Valid));
        w.WriteStartArray("files");
        foreach (FileCheck f in Files)
        {
            w.WriteStartObject();
            w.WriteString("path", f.Path);
            w.WriteString("kind", DocumentKinds.Name(f.Kind));
            w.WriteBoolean("valid", f.Valid);
            ReportJson.String(w, "summary", f.Summary);
            w.WriteStartArray("problems");
            foreach (FileProblem p in f.Problems)
            {
                w.WriteStartObject();
                w.WriteString("message", p.Message);
                ReportJson.String(w, "location", p.Location);
                if (p.Line is { } line)
                {
                    w.WriteNumber("line", line);
                }
                else
                {
                    w.WriteNull("line");
                }

                if (p.Position is { } position)
                {
                    w.WriteNumber("position", position);
                }
                else
                {
                    w.WriteNull("position");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    /// <inheritdoc />
    public void WriteCsv(CsvTable csv)
    {
        csv.Header("file", "kind", "valid", "location", "line", "position", "message");
        foreach (FileCheck f in Files)
        {
            if (f.Valid)
            {
                csv.Row(f.Path, DocumentKinds.Name(f.Kind), true, null, null, null, f.Summary);
            }

            foreach (FileProblem p in f.Problems)
            {
                csv.Row(f.Path, DocumentKinds.Name(f.Kind), false, p.Location, p.Line, p.Position, p.Message);
            }
        }
    }
}
