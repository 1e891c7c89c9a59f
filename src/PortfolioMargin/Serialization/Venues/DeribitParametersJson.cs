using PortfolioMargin.Models.Deribit;

namespace PortfolioMargin.Serialization;

/// <summary>
/// Reads and writes <see cref="DeribitParameters"/> as a <c>portfoliomargin/deribit-parameters</c> JSON document: the
/// general block, one entry per underlying (Deribit's <c>currency_pair</c> and <c>currency</c> blocks) and the
/// provenance. The shipped defaults are <c>docs/venues/parameters/deribit.json</c>. Stateless and thread-safe; AOT-safe.
/// </summary>
public static class DeribitParametersJson
{
    private static readonly JsonFile<DeribitParametersDocument> File = new(MarginFileFormat.DeribitParameters, "Deribit parameters JSON", VenueJsonContext.Default.DeribitParametersDocument);

    /// <summary>Reads parameters from UTF-8 JSON.</summary>
    /// <exception cref="MarginFileException">Malformed JSON, wrong format or version, a limit exceeded, a duplicate underlying or a value the model rejects (names the JSON path and line).</exception>
    public static DeribitParameters Read(Stream utf8Json, MarginFileOptions? options = null) => File.Read(utf8Json, options, ToParameters);

    /// <summary>Reads parameters from JSON text.</summary>
    /// <exception cref="MarginFileException">As for <see cref="Read(Stream, MarginFileOptions?)"/>.</exception>
    public static DeribitParameters Parse(string json, MarginFileOptions? options = null) => File.Parse(json, options, ToParameters);

    /// <summary>Writes parameters as indented UTF-8 JSON.</summary>
    public static void Write(DeribitParameters parameters, Stream utf8Json, MarginFileOptions? options = null) => File.Write(ToDocument(parameters), utf8Json, options);

    /// <summary>The parameters as indented JSON text.</summary>
    public static string ToJson(DeribitParameters parameters, MarginFileOptions? options = null) => File.ToJson(ToDocument(parameters), options);

    private static DeribitParametersDocument ToDocument(DeribitParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new DeribitParametersDocument(MarginFileFormat.DeribitParameters, MarginFileFormat.Version, p.Version, p.MaintenanceFactor, p.BucketsCount, p.WorstCaseDecimals,
            [.. p.Pairs.Select(kv => new DeribitPairDto(kv.Key, kv.Value.PriceRange, kv.Value.VolRangeUp, kv.Value.VolRangeDown, kv.Value.MinVolForShockUp,
                kv.Value.ShortTermVegaPower, kv.Value.LongTermVegaPower, kv.Value.ExtendedTableFactor, [.. kv.Value.ExtendedMoves], kv.Value.MaxDeltaShock,
                kv.Value.DeltaShockThreshold, kv.Value.DeltaShockIncrement, kv.Value.AnnualisedMoveRisk, kv.Value.MinAnnualisedMove, kv.Value.ExtendedDampener,
                kv.Value.PnlOffset, kv.Value.MaxOffsetablePnl))],
            ProvenanceJson.ToDto(p.Provenance));
    }

    private static DeribitParameters ToParameters(DeribitParametersDocument d, JsonMapping m)
    {
        var pairs = new Dictionary<string, DeribitPairParameters>(StringComparer.Ordinal);
        for (int i = 0; i < d.Pairs.Count; i++)
        {
            DeribitPairDto x = d.Pairs[i];
            string path = JsonMapping.Index("$.pairs", i);
            var pair = m.At(path, () => new DeribitPairParameters(x.PriceRange, x.VolRangeUp, x.VolRangeDown, x.MinVolForShockUp, x.ShortTermVegaPower, x.LongTermVegaPower,
                x.ExtendedTableFactor, x.ExtendedMoves, x.MaxDeltaShock, x.DeltaShockThreshold, x.DeltaShockIncrement, x.AnnualisedMoveRisk, x.MinAnnualisedMove,
                x.ExtendedDampener, x.PnlOffset, x.MaxOffsetablePnl),
                "priceRange", "volRangeUp", "volRangeDown", "minVolForShockUp", "shortTermVegaPower", "longTermVegaPower", "extendedTableFactor", "extendedMoves",
                "maxDeltaShock", "deltaShockThreshold", "deltaShockIncrement", "annualisedMoveRisk", "minAnnualisedMove", "extendedDampener", "pnlOffset", "maxOffsetablePnl");
            if (string.IsNullOrWhiteSpace(x.Underlying) || !pairs.TryAdd(x.Underlying, pair))
            {
                throw m.Error(JsonMapping.Field(path, "underlying"), $"the underlying '{x.Underlying}' is blank or listed twice.");
            }
        }

        var provenance = ProvenanceJson.Read(d.Provenance, m);
        return m.At("$", () => new DeribitParameters(d.Label, d.MaintenanceFactor, d.BucketsCount, d.WorstCaseDecimals, pairs, provenance),
            "maintenanceFactor", "bucketsCount", "worstCaseDecimals", "pairs", "label");
    }
}
