using PortfolioMargin.Models.Isolated;

namespace PortfolioMargin.Serialization;

/// <summary>
/// Reads and writes the rates of an <see cref="IsolatedModel"/> (default <see cref="IsolatedRates"/> and overrides by
/// instrument name or underlying symbol) as a <c>portfoliomargin/isolated-rates</c> JSON document (schema:
/// <c>docs/file-formats.md</c>). Stateless and thread-safe; AOT-safe (source-generated).
/// </summary>
public static class IsolatedRatesJson
{
    private static readonly JsonFile<IsolatedRatesDocument> File = new(MarginFileFormat.IsolatedRates, "Isolated rates JSON", MarginJsonContext.Default.IsolatedRatesDocument);

    /// <summary>Reads the rates from UTF-8 JSON into a model.</summary>
    /// <param name="utf8Json">The stream, read to its end (not disposed).</param>
    /// <param name="options">Input limits; null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <returns>The isolated model with those rates.</returns>
    /// <exception cref="MarginFileException">Malformed JSON, wrong format or version, a limit exceeded, a duplicate override or a rate out of range (names the JSON path and line).</exception>
    public static IsolatedModel Read(Stream utf8Json, MarginFileOptions? options = null) => File.Read(utf8Json, options, ToModel);

    /// <summary>Reads the rates from JSON text into a model.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="options">Input limits; null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <returns>The isolated model with those rates.</returns>
    /// <exception cref="MarginFileException">As for <see cref="Read(Stream, MarginFileOptions?)"/>.</exception>
    public static IsolatedModel Parse(string json, MarginFileOptions? options = null) => File.Parse(json, options, ToModel);

    /// <summary>Writes a model's rates as indented UTF-8 JSON (overrides sorted by key).</summary>
    /// <param name="model">The model.</param>
    /// <param name="utf8Json">The stream written to (not disposed).</param>
    /// <param name="options">The reader limits the document must respect (what is written reads back with them); null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <exception cref="MarginFileException">The document would exceed a limit of <paramref name="options"/> (named, as the reader would name it); nothing is written.</exception>
    public static void Write(IsolatedModel model, Stream utf8Json, MarginFileOptions? options = null) => File.Write(ToDocument(model), utf8Json, options);

    /// <summary>A model's rates as indented JSON text (overrides sorted by key).</summary>
    /// <param name="model">The model.</param>
    /// <param name="options">The reader limits the document must respect (what is written reads back with them); null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <returns>The JSON document.</returns>
    /// <exception cref="MarginFileException">The document would exceed a limit of <paramref name="options"/> (named, as the reader would name it); nothing is written.</exception>
    public static string ToJson(IsolatedModel model, MarginFileOptions? options = null) => File.ToJson(ToDocument(model), options);

    private static IsolatedRatesDocument ToDocument(IsolatedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new IsolatedRatesDocument(MarginFileFormat.IsolatedRates, MarginFileFormat.Version, Rates(model.DefaultRates, null),
            [.. model.Overrides.Select(kv => Rates(kv.Value, kv.Key))]);
    }

    private static RatesDto Rates(IsolatedRates r, string? key) => new(r.LinearRate, r.ShortOptionA, r.ShortOptionB, r.MaintenanceFraction, key);

    private static IsolatedModel ToModel(IsolatedRatesDocument d, JsonMapping m)
    {
        if (d.Default.AppliesTo is not null)
        {
            throw m.Error("$.default.appliesTo", "the default rates apply to every product without an override; they take no \"appliesTo\".");
        }

        IsolatedRates defaults = ReadRates(d.Default, "$.default", m);
        var overrides = new Dictionary<string, IsolatedRates>(StringComparer.Ordinal);
        IReadOnlyList<RatesDto> list = d.Overrides ?? [];
        for (int i = 0; i < list.Count; i++)
        {
            string path = JsonMapping.Index("$.overrides", i);
            string? key = list[i].AppliesTo;
            if (string.IsNullOrWhiteSpace(key))
            {
                throw m.Error(JsonMapping.Field(path, "appliesTo"), "an override needs \"appliesTo\": the instrument name or underlying symbol it applies to.");
            }

            if (!overrides.TryAdd(key, ReadRates(list[i], path, m)))
            {
                throw m.Error(JsonMapping.Field(path, "appliesTo"), $"there are two overrides for '{key}'.");
            }
        }

        return new IsolatedModel(defaults, overrides);
    }

    private static IsolatedRates ReadRates(RatesDto dto, string path, JsonMapping m)
    {
        var rates = new IsolatedRates(dto.LinearRate, dto.ShortOptionA, dto.ShortOptionB, dto.MaintenanceFraction);
        return m.At(path, () =>
        {
            rates.Validate("Isolated rates");
            return rates;
        }, "linearRate", "shortOptionA", "shortOptionB", "maintenanceFraction");
    }
}
