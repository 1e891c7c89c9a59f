using System.Text.Json;
using PortfolioMargin.Serialization;

namespace PortfolioMargin.Cli.Inputs;

/// <summary>The kinds of input file the tool reads (names as <c>validate</c> reports them).</summary>
internal enum DocumentKind
{
    /// <summary>Not recognised.</summary>
    Unknown,

    /// <summary><c>portfoliomargin/portfolio</c>.</summary>
    Portfolio,

    /// <summary>A positions CSV (<c>.csv</c>).</summary>
    PositionsCsv,

    /// <summary><c>portfoliomargin/market-snapshot</c>.</summary>
    MarketSnapshot,

    /// <summary><c>portfoliomargin/scenario-set</c>.</summary>
    ScenarioSet,

    /// <summary><c>portfoliomargin/grid-parameters</c>.</summary>
    GridParameters,

    /// <summary><c>portfoliomargin/isolated-rates</c>.</summary>
    IsolatedRates,

    /// <summary><c>portfoliomargin/var-parameters</c>.</summary>
    VaRParameters,

    /// <summary>An exchange SPAN XML risk-parameter file (<c>.spn</c>, <c>.xml</c>, or a <c>.zip</c> holding one).</summary>
    SpanFile,
}

/// <summary>Tells a file's kind: by extension for CSV and SPAN files, by the JSON document's <c>format</c> field otherwise.</summary>
internal static class DocumentKinds
{
    private static readonly Dictionary<string, DocumentKind> ByFormat = new(StringComparer.Ordinal)
    {
        [MarginFileFormat.Portfolio] = DocumentKind.Portfolio,
        [MarginFileFormat.MarketSnapshot] = DocumentKind.MarketSnapshot,
        [MarginFileFormat.ScenarioSet] = DocumentKind.ScenarioSet,
        [MarginFileFormat.GridParameters] = DocumentKind.GridParameters,
        [MarginFileFormat.IsolatedRates] = DocumentKind.IsolatedRates,
        [MarginFileFormat.VaRParameters] = DocumentKind.VaRParameters,
    };

    /// <summary>The name <c>validate</c> prints, e.g. <c>positions-csv</c>.</summary>
    public static string Name(DocumentKind kind) => kind switch
    {
        DocumentKind.Portfolio => "portfolio",
        DocumentKind.PositionsCsv => "positions-csv",
        DocumentKind.MarketSnapshot => "market-snapshot",
        DocumentKind.ScenarioSet => "scenario-set",
        DocumentKind.GridParameters => "grid-parameters",
        DocumentKind.IsolatedRates => "isolated-rates",
        DocumentKind.VaRParameters => "var-parameters",
        DocumentKind.SpanFile => "span-file",
        _ => "unknown",
    };

    /// <summary>The kind by extension alone, or null when the content decides (JSON).</summary>
    public static DocumentKind? ByExtension(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".CSV" => DocumentKind.PositionsCsv,
        ".SPN" or ".XML" or ".ZIP" => DocumentKind.SpanFile,
        _ => null,
    };

    /// <summary>
    /// The kind of a JSON document from its top-level <c>format</c> string.
    /// </summary>
    /// <param name="utf8">The document.</param>
    /// <param name="problem">Why the kind cannot be told (invalid JSON with its line, no or unknown <c>format</c>), or null.</param>
    public static DocumentKind FromJson(ReadOnlySpan<byte> utf8, out string? problem)
    {
        problem = null;
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "not a JSON object; every portfolio-margin JSON document is an object that starts with its \"format\".";
                return DocumentKind.Unknown;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isFormat = reader.ValueTextEquals("format"u8);
                reader.Read();
                if (isFormat && reader.TokenType == JsonTokenType.String)
                {
                    string format = reader.GetString()!;
                    if (ByFormat.TryGetValue(format, out DocumentKind kind))
                    {
                        return kind;
                    }

                    problem = $"unknown document format \"{format}\"; expected one of {string.Join(", ", MarginFileFormat.All)}.";
                    return DocumentKind.Unknown;
                }

                reader.Skip();
            }

            problem = "no \"format\" field at the top level; expected one of " + string.Join(", ", MarginFileFormat.All) + ".";
            return DocumentKind.Unknown;
        }
        catch (JsonException e)
        {
            problem = $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}";
            return DocumentKind.Unknown;
        }
    }
}
