using PortfolioMargin.Models.Okx;

namespace PortfolioMargin.Serialization;

/// <summary>
/// Reads and writes <see cref="OkxParameters"/> as a <c>portfoliomargin/okx-parameters</c> JSON document: IMR ratio,
/// MR9 rate, one entry per risk unit and the provenance. The shipped defaults are <c>docs/venues/parameters/okx.json</c>.
/// Stateless and thread-safe; AOT-safe.
/// </summary>
public static class OkxParametersJson
{
    private static readonly JsonFile<OkxParametersDocument> File = new(MarginFileFormat.OkxParameters, "OKX parameters JSON", VenueJsonContext.Default.OkxParametersDocument);

    /// <summary>Reads parameters from UTF-8 JSON.</summary>
    /// <exception cref="MarginFileException">Malformed JSON, wrong format or version, a limit exceeded, a duplicate unit or a value the model rejects (names the JSON path and line).</exception>
    public static OkxParameters Read(Stream utf8Json, MarginFileOptions? options = null) => File.Read(utf8Json, options, ToParameters);

    /// <summary>Reads parameters from JSON text.</summary>
    /// <exception cref="MarginFileException">As for <see cref="Read(Stream, MarginFileOptions?)"/>.</exception>
    public static OkxParameters Parse(string json, MarginFileOptions? options = null) => File.Parse(json, options, ToParameters);

    /// <summary>Writes parameters as indented UTF-8 JSON.</summary>
    public static void Write(OkxParameters parameters, Stream utf8Json, MarginFileOptions? options = null) => File.Write(ToDocument(parameters), utf8Json, options);

    /// <summary>The parameters as indented JSON text.</summary>
    public static string ToJson(OkxParameters parameters, MarginFileOptions? options = null) => File.ToJson(ToDocument(parameters), options);

    private static OkxParametersDocument ToDocument(OkxParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new OkxParametersDocument(MarginFileFormat.OkxParameters, MarginFileFormat.Version, p.Version, p.InitialToMaintenance, p.StablecoinRate,
            [.. p.Units.Select(kv => new OkxUnitDto(kv.Key, [.. kv.Value.SpotShocks], [.. kv.Value.VolShocks.Select(r => new OkxVolShockDto(r.FromDays, r.UpPoints, r.DownPoints))],
                kv.Value.ThetaDays, kv.Value.ExtremeMove, kv.Value.ExtremeFactor, kv.Value.BasisPerpRate, kv.Value.AnnualisedMoveRisk, kv.Value.MinimumChargeRate,
                [.. kv.Value.MinimumChargeTiers.Select(t => new OkxTierDto(t.From, t.Multiplier))]))],
            ProvenanceJson.ToDto(p.Provenance));
    }

    private static OkxParameters ToParameters(OkxParametersDocument d, JsonMapping m)
    {
        var units = new Dictionary<string, OkxUnitParameters>(StringComparer.Ordinal);
        for (int i = 0; i < d.Units.Count; i++)
        {
            OkxUnitDto x = d.Units[i];
            string path = JsonMapping.Index("$.units", i);
            var unit = m.At(path, () => new OkxUnitParameters(x.SpotShocks, x.VolShocks.Select(r => new OkxVolShockRow(r.FromDays, r.UpPoints, r.DownPoints)), x.ThetaDays,
                x.ExtremeMove, x.ExtremeFactor, x.BasisPerpRate, x.AnnualisedMoveRisk, x.MinimumChargeRate, x.MinimumChargeTiers.Select(t => new OkxMinimumChargeTier(t.From, t.Multiplier))),
                "spotShocks", "volShocks", "thetaDays", "extremeMove", "extremeFactor", "basisPerpRate", "annualisedMoveRisk", "minimumChargeRate", "minimumChargeTiers");
            if (string.IsNullOrWhiteSpace(x.Underlying) || !units.TryAdd(x.Underlying, unit))
            {
                throw m.Error(JsonMapping.Field(path, "underlying"), $"the underlying '{x.Underlying}' is blank or listed twice.");
            }
        }

        var provenance = ProvenanceJson.Read(d.Provenance, m);
        return m.At("$", () => new OkxParameters(d.Label, d.InitialToMaintenance, d.StablecoinRate, units, provenance), "initialToMaintenance", "stablecoinRate", "units", "label");
    }
}
