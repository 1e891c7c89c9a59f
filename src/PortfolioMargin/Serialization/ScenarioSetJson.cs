using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Serialization;

/// <summary>
/// Reads and writes a <see cref="ScenarioSet"/> as a <c>portfoliomargin/scenario-set</c> JSON document: a name and the
/// scenarios in order, each with id, name, weight, time shift, an optional default shock and shocks by underlying
/// (schema: <c>docs/file-formats.md</c>). Stateless and thread-safe; AOT-safe (source-generated).
/// </summary>
public static class ScenarioSetJson
{
    private static readonly JsonFile<ScenarioSetDocument> File = new(MarginFileFormat.ScenarioSet, "Scenario set JSON", MarginJsonContext.Default.ScenarioSetDocument);

    /// <summary>Reads a scenario set from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The stream, read to its end (not disposed).</param>
    /// <param name="options">Input limits; null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <returns>The set, scenarios in file order.</returns>
    /// <exception cref="MarginFileException">Malformed JSON, wrong format or version, a limit exceeded, a duplicate id or a value the domain rejects (names the JSON path and line).</exception>
    public static ScenarioSet Read(Stream utf8Json, MarginFileOptions? options = null) => File.Read(utf8Json, options, ToSet);

    /// <summary>Reads a scenario set from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="options">Input limits; null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <returns>The set, scenarios in file order.</returns>
    /// <exception cref="MarginFileException">As for <see cref="Read(Stream, MarginFileOptions?)"/>.</exception>
    public static ScenarioSet Parse(string json, MarginFileOptions? options = null) => File.Parse(json, options, ToSet);

    /// <summary>Writes a scenario set as indented UTF-8 JSON.</summary>
    /// <param name="set">The set.</param>
    /// <param name="utf8Json">The stream written to (not disposed).</param>
    /// <param name="options">The reader limits the document must respect (what is written reads back with them); null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <exception cref="MarginFileException">The document would exceed a limit of <paramref name="options"/> (named, as the reader would name it); nothing is written.</exception>
    public static void Write(ScenarioSet set, Stream utf8Json, MarginFileOptions? options = null) => File.Write(ToDocument(set), utf8Json, options);

    /// <summary>The scenario set as indented JSON text.</summary>
    /// <param name="set">The set.</param>
    /// <param name="options">The reader limits the document must respect (what is written reads back with them); null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <returns>The JSON document.</returns>
    /// <exception cref="MarginFileException">The document would exceed a limit of <paramref name="options"/> (named, as the reader would name it); nothing is written.</exception>
    public static string ToJson(ScenarioSet set, MarginFileOptions? options = null) => File.ToJson(ToDocument(set), options);

    private static ScenarioSetDocument ToDocument(ScenarioSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return new ScenarioSetDocument(MarginFileFormat.ScenarioSet, MarginFileFormat.Version, set.Name, Scenarios(set));
    }

    private static ScenarioSet ToSet(ScenarioSetDocument d, JsonMapping m) => ReadSet(d.Name, d.Scenarios, "$", m);

    /// <summary>The scenarios of a set in file shape.</summary>
    internal static ScenarioDto[] Scenarios(ScenarioSet set) =>
        [.. set.Scenarios.Select(s => new ScenarioDto(s.Id, s.Name, s.Weight, s.TimeShiftDays, s.Default is null ? null : Shock(null, s.Default),
            s.Shocks.IsEmpty ? null : [.. s.Shocks.Select(kv => Shock(kv.Key, kv.Value))]))];

    /// <summary>A set from its name and scenarios at <paramref name="path"/> (the object holding <c>name</c> and <c>scenarios</c>).</summary>
    internal static ScenarioSet ReadSet(string name, IReadOnlyList<ScenarioDto> list, string path, JsonMapping m)
    {
        string at = JsonMapping.Field(path, "scenarios");
        var scenarios = new Scenario[list.Count];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < scenarios.Length; i++)
        {
            scenarios[i] = ReadScenario(list[i], JsonMapping.Index(at, i), m);
            if (!ids.Add(scenarios[i].Id))
            {
                throw m.Error(JsonMapping.Field(JsonMapping.Index(at, i), "id"), $"the scenario id '{scenarios[i].Id}' is used twice; ids must be unique.");
            }
        }

        return m.At(path, () => new ScenarioSet(name, scenarios), "name");
    }

    private static Scenario ReadScenario(ScenarioDto dto, string path, JsonMapping m)
    {
        UnderlyingShock? defaultShock = null;
        if (dto.Default is { } d)
        {
            string at = JsonMapping.Field(path, "default");
            if (d.Underlying is not null)
            {
                throw m.Error(JsonMapping.Field(at, "underlying"), "the default shock applies to every underlying not listed in \"shocks\"; it takes no \"underlying\".");
            }

            defaultShock = ReadShock(d, at, m);
        }

        var shocks = new Dictionary<string, UnderlyingShock>(StringComparer.Ordinal);
        IReadOnlyList<ShockDto> list = dto.Shocks ?? [];
        for (int j = 0; j < list.Count; j++)
        {
            string at = JsonMapping.Index(JsonMapping.Field(path, "shocks"), j);
            string? symbol = list[j].Underlying;
            if (string.IsNullOrWhiteSpace(symbol))
            {
                throw m.Error(JsonMapping.Field(at, "underlying"), "a shock in \"shocks\" needs the underlying symbol it applies to.");
            }

            if (!shocks.TryAdd(symbol, ReadShock(list[j], at, m)))
            {
                throw m.Error(JsonMapping.Field(at, "underlying"), $"the underlying '{symbol}' is shocked twice in this scenario.");
            }
        }

        return m.At(path, () => new Scenario(dto.Id, dto.Name ?? dto.Id, shocks, defaultShock, dto.Weight ?? 1.0, dto.TimeShiftDays ?? 0), "id", "weight", "timeShiftDays");
    }

    private static UnderlyingShock ReadShock(ShockDto dto, string path, JsonMapping m)
    {
        VolMoveKind kind = dto.VolMoveKind is null ? VolMoveKind.Absolute : m.At(JsonMapping.Field(path, "volMoveKind"), () => FileEnum.Parse<VolMoveKind>(dto.VolMoveKind, "vol move kind"));
        return m.At(path, () => new UnderlyingShock(dto.PriceMove, dto.VolMove ?? 0, kind, dto.TermExponent ?? 0, dto.ReferenceDays ?? 30),
            "priceMove", "volMove", "termExponent", "referenceDays");
    }

    private static ShockDto Shock(string? symbol, UnderlyingShock s) =>
        new(s.PriceMove, symbol, s.VolMove, FileEnum.Name(s.VolMoveKind), s.TermExponent, s.ReferenceDays);
}
