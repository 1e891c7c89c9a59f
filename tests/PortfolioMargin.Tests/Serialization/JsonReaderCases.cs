using System.Text;
using System.Text.Json;
using PortfolioMargin.Serialization;
using static PortfolioMargin.Tests.Serialization.SerializationTestData;

namespace PortfolioMargin.Tests.Serialization;

/// <summary>Every JSON document kind with its documented example and its two readers (text and UTF-8 stream), for tests that must cover all of them.</summary>
internal static class JsonReaderCases
{
    /// <summary>One document kind.</summary>
    /// <param name="Kind">Short name (a theory's data).</param>
    /// <param name="Example">The documented example.</param>
    /// <param name="Parse">The text reader.</param>
    /// <param name="Read">The stream reader.</param>
    public sealed record Reader(string Kind, string Example, Func<string, object> Parse, Func<Stream, object> Read);

    public static readonly Reader[] All =
    [
        new("portfolio", PortfolioExample, s => PortfolioJson.Parse(s), s => PortfolioJson.Read(s)),
        new("market-snapshot", MarketSnapshotExample, s => MarketSnapshotJson.Parse(s), s => MarketSnapshotJson.Read(s)),
        new("scenario-set", ScenarioSetExample, s => ScenarioSetJson.Parse(s), s => ScenarioSetJson.Read(s)),
        new("grid-parameters", GridParametersExample, s => GridParametersJson.Parse(s), s => GridParametersJson.Read(s)),
        new("isolated-rates", IsolatedRatesExample, s => IsolatedRatesJson.Parse(s), s => IsolatedRatesJson.Read(s)),
        new("var-parameters", VaRParametersJsonTests.Example, s => VaRParametersJson.Parse(s), s => VaRParametersJson.Read(s)),
    ];

    public static Reader Named(string kind) => All.Single(r => r.Kind == kind);

    public static Xunit.TheoryData<string> Kinds => [.. All.Select(r => r.Kind)];

    /// <summary>A string token of a document: byte offset of its opening quote, whether it is a property name, its line.</summary>
    public readonly record struct StringToken(int Offset, bool IsName, int Line);

    /// <summary>Every property name and string value of <paramref name="utf8"/>.</summary>
    public static List<StringToken> StringTokens(byte[] utf8)
    {
        var tokens = new List<StringToken>();
        var reader = new Utf8JsonReader(utf8);
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String)
            {
                int offset = (int)reader.TokenStartIndex;
                tokens.Add(new StringToken(offset, reader.TokenType == JsonTokenType.PropertyName, LineOf(utf8, offset)));
            }
        }

        return tokens;
    }

    /// <summary>The JSON path of every array in a document (the form <see cref="MarginFileException.Path"/> uses).</summary>
    public static List<string> ArrayPaths(string json)
    {
        var paths = new List<string>();
        void Walk(JsonElement e, string path)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (JsonProperty p in e.EnumerateObject())
                    {
                        Walk(p.Value, $"{path}.{p.Name}");
                    }

                    break;
                case JsonValueKind.Array:
                    paths.Add(path);
                    int i = 0;
                    foreach (JsonElement item in e.EnumerateArray())
                    {
                        Walk(item, $"{path}[{i++}]");
                    }

                    break;
            }
        }

        using JsonDocument doc = JsonDocument.Parse(json);
        Walk(doc.RootElement, "$");
        return paths;
    }

    /// <summary>1-based line of a byte offset.</summary>
    public static int LineOf(byte[] utf8, int offset) => utf8.AsSpan(0, offset).Count((byte)'\n') + 1;

    /// <summary><paramref name="utf8"/> with <paramref name="insert"/> inserted at <paramref name="at"/>.</summary>
    public static byte[] Insert(byte[] utf8, int at, ReadOnlySpan<byte> insert) => [.. utf8.AsSpan(0, at), .. insert, .. utf8.AsSpan(at)];

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
