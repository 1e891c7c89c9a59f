using PortfolioMargin.Models.Bybit;

namespace PortfolioMargin.Serialization;

/// <summary>
/// Reads and writes <see cref="BybitParameters"/> as a <c>portfoliomargin/bybit-parameters</c> JSON document: one
/// entry per risk unit and the provenance. The shipped defaults are <c>docs/venues/parameters/bybit.json</c>.
/// Stateless and thread-safe; AOT-safe.
/// </summary>
public static class BybitParametersJson
{
    private static readonly JsonFile<BybitParametersDocument> File = new(MarginFileFormat.BybitParameters, "Bybit parameters JSON", VenueJsonContext.Default.BybitParametersDocument);

    /// <summary>Reads parameters from UTF-8 JSON.</summary>
    /// <exception cref="MarginFileException">Malformed JSON, wrong format or version, a limit exceeded, a duplicate unit or a value the model rejects (names the JSON path and line).</exception>
    public static BybitParameters Read(Stream utf8Json, MarginFileOptions? options = null) => File.Read(utf8Json, options, ToParameters);

    /// <summary>Reads parameters from JSON text.</summary>
    /// <exception cref="MarginFileException">As for <see cref="Read(Stream, MarginFileOptions?)"/>.</exception>
    public static BybitParameters Parse(string json, MarginFileOptions? options = null) => File.Parse(json, options, ToParameters);

    /// <summary>Writes parameters as indented UTF-8 JSON.</summary>
    public static void Write(BybitParameters parameters, Stream utf8Json, MarginFileOptions? options = null) => File.Write(ToDocument(parameters), utf8Json, options);

    /// <summary>The parameters as indented JSON text.</summary>
    public static string ToJson(BybitParameters parameters, MarginFileOptions? options = null) => File.ToJson(ToDocument(parameters), options);

    private static BybitParametersDocument ToDocument(BybitParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new BybitParametersDocument(MarginFileFormat.BybitParameters, MarginFileFormat.Version, p.Version,
            [.. p.Units.Select(kv => new BybitUnitDto(kv.Key, kv.Value.PriceRange, kv.Value.PricePoints, kv.Value.VolUp, kv.Value.VolDown, kv.Value.ShortOptionRate,
                kv.Value.VegaSpreadRatePerDay, kv.Value.DeltaSpreadRatePerYear, kv.Value.FuturesRate, kv.Value.StablecoinSpreadRate, kv.Value.InitialFactor))],
            ProvenanceJson.ToDto(p.Provenance));
    }

    private static BybitParameters ToParameters(BybitParametersDocument d, JsonMapping m)
    {
        var units = new Dictionary<string, BybitUnitParameters>(StringComparer.Ordinal);
        for (int i = 0; i < d.Units.Count; i++)
        {
            BybitUnitDto x = d.Units[i];
            string path = JsonMapping.Index("$.units", i);
            var unit = m.At(path, () => new BybitUnitParameters(x.PriceRange, x.PricePoints, x.VolUp, x.VolDown, x.ShortOptionRate, x.VegaSpreadRatePerDay,
                x.DeltaSpreadRatePerYear, x.FuturesRate, x.StablecoinSpreadRate, x.InitialFactor),
                "priceRange", "pricePoints", "volUp", "volDown", "shortOptionRate", "vegaSpreadRatePerDay", "deltaSpreadRatePerYear", "futuresRate", "stablecoinSpreadRate", "initialFactor");
            if (string.IsNullOrWhiteSpace(x.Underlying) || !units.TryAdd(x.Underlying, unit))
            {
                throw m.Error(JsonMapping.Field(path, "underlying"), $"the underlying '{x.Underlying}' is blank or listed twice.");
            }
        }

        var provenance = ProvenanceJson.Read(d.Provenance, m);
        return m.At("$", () => new BybitParameters(d.Label, units, provenance), "units", "label");
    }
}
