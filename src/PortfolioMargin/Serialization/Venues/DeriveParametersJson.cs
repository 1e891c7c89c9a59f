using PortfolioMargin.Models.Derive;

namespace PortfolioMargin.Serialization;

/// <summary>
/// Reads and writes <see cref="DeriveParameters"/> as a <c>portfoliomargin/derive-parameters</c> JSON document: the
/// label, loss factors, scenarios, parameter groups and the provenance (sources with dates, per-parameter status).
/// The shipped defaults are <c>docs/venues/parameters/derive.json</c>. Stateless and thread-safe; AOT-safe.
/// </summary>
public static class DeriveParametersJson
{
    private static readonly JsonFile<DeriveParametersDocument> File = new(MarginFileFormat.DeriveParameters, "Derive parameters JSON", VenueJsonContext.Default.DeriveParametersDocument);

    /// <summary>Reads parameters from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The stream, read to its end (not disposed).</param>
    /// <param name="options">Input limits; null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <returns>The parameter set.</returns>
    /// <exception cref="MarginFileException">Malformed JSON, wrong format or version, a limit exceeded or a value the model rejects (names the JSON path and line).</exception>
    public static DeriveParameters Read(Stream utf8Json, MarginFileOptions? options = null) => File.Read(utf8Json, options, ToParameters);

    /// <summary>Reads parameters from JSON text.</summary>
    /// <exception cref="MarginFileException">As for <see cref="Read(Stream, MarginFileOptions?)"/>.</exception>
    public static DeriveParameters Parse(string json, MarginFileOptions? options = null) => File.Parse(json, options, ToParameters);

    /// <summary>Writes parameters as indented UTF-8 JSON.</summary>
    public static void Write(DeriveParameters parameters, Stream utf8Json, MarginFileOptions? options = null) => File.Write(ToDocument(parameters), utf8Json, options);

    /// <summary>The parameters as indented JSON text.</summary>
    public static string ToJson(DeriveParameters parameters, MarginFileOptions? options = null) => File.ToJson(ToDocument(parameters), options);

    private static DeriveParametersDocument ToDocument(DeriveParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        DeriveVolShockParameters v = p.VolShock;
        return new DeriveParametersDocument(MarginFileFormat.DeriveParameters, MarginFileFormat.Version, p.Version, p.MaintenanceLossFactor, p.InitialLossFactor,
            [.. p.Scenarios.Select(s => new DeriveScenarioDto(s.SpotShock, FileEnum.Name(s.VolShock), s.Dampening, s.Tail ? true : null))],
            new DeriveVolShockDto(v.RangeUp, v.RangeDown, v.ShortTermPower, v.LongTermPower, v.DteFloorDays, v.MinVolUpShock),
            p.Discount, p.Basis, p.Contingency, p.Skew, ProvenanceJson.ToDto(p.Provenance));
    }

    private static DeriveParameters ToParameters(DeriveParametersDocument d, JsonMapping m)
    {
        var scenarios = new List<DeriveScenario>(d.Scenarios.Count);
        for (int i = 0; i < d.Scenarios.Count; i++)
        {
            DeriveScenarioDto s = d.Scenarios[i];
            string path = JsonMapping.Index("$.scenarios", i);
            DeriveVolShock shock = m.At(JsonMapping.Field(path, "volShock"), () => FileEnum.Parse<DeriveVolShock>(s.VolShock, "vol shock"));
            scenarios.Add(new DeriveScenario(s.SpotShock, shock, s.Dampening, s.Tail ?? false));
        }

        DeriveVolShockDto v = d.VolShock;
        var volShock = m.At("$.volShock", () => new DeriveVolShockParameters(v.RangeUp, v.RangeDown, v.ShortTermPower, v.LongTermPower, v.DteFloorDays, v.MinVolUpShock),
            "rangeUp", "rangeDown", "shortTermPower", "longTermPower", "dteFloorDays", "minVolUpShock");
        m.At("$.discount", () => { d.Discount.Validate(); return 0; });
        m.At("$.basis", () => { d.Basis.Validate(); return 0; }, "spotUp", "spotDown");
        m.At("$.contingency", () => { d.Contingency.Validate(); return 0; });
        m.At("$.skew", () => { d.Skew.Validate(); return 0; });
        var provenance = ProvenanceJson.Read(d.Provenance, m);
        return m.At("$", () => new DeriveParameters(d.Label, d.MaintenanceLossFactor, d.InitialLossFactor, scenarios, volShock, d.Discount, d.Basis, d.Contingency, d.Skew, provenance),
            "maintenanceLossFactor", "initialLossFactor", "scenarios", "label");
    }
}
