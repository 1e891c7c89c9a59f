using System.Collections.Immutable;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Models;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Serialization;

/// <summary>
/// Reads and writes the scenario-grid model's <see cref="GridParameters"/> as a <c>portfoliomargin/grid-parameters</c>
/// JSON document: a label (<see cref="GridParameters.Version"/>), scenario sets stated once and referenced by id from the
/// groups that use them, per-group parameters and inter-group spreads (schema: <c>docs/file-formats.md</c>). Stateless
/// and thread-safe; AOT-safe (source-generated).
/// </summary>
public static class GridParametersJson
{
    private static readonly JsonFile<GridParametersDocument> File = new(MarginFileFormat.GridParameters, "Grid parameters JSON", MarginJsonContext.Default.GridParametersDocument);

    /// <summary>Reads grid parameters from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The stream, read to its end (not disposed).</param>
    /// <param name="options">Input limits; null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <returns>The parameter set.</returns>
    /// <exception cref="MarginFileException">Malformed JSON, wrong format or version, a limit exceeded, an unknown or duplicate reference or a value the domain rejects (names the JSON path and line).</exception>
    public static GridParameters Read(Stream utf8Json, MarginFileOptions? options = null) => File.Read(utf8Json, options, ToParameters);

    /// <summary>Reads grid parameters from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="options">Input limits; null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <returns>The parameter set.</returns>
    /// <exception cref="MarginFileException">As for <see cref="Read(Stream, MarginFileOptions?)"/>.</exception>
    public static GridParameters Parse(string json, MarginFileOptions? options = null) => File.Parse(json, options, ToParameters);

    /// <summary>Writes grid parameters as indented UTF-8 JSON; a scenario set shared by several groups is written once.</summary>
    /// <param name="parameters">The parameter set.</param>
    /// <param name="utf8Json">The stream written to (not disposed).</param>
    /// <param name="options">The reader limits the document must respect (what is written reads back with them); null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <exception cref="MarginFileException">The document would exceed a limit of <paramref name="options"/> (named, as the reader would name it); nothing is written.</exception>
    public static void Write(GridParameters parameters, Stream utf8Json, MarginFileOptions? options = null) => File.Write(ToDocument(parameters), utf8Json, options);

    /// <summary>The grid parameters as indented JSON text (a shared scenario set is written once).</summary>
    /// <param name="parameters">The parameter set.</param>
    /// <param name="options">The reader limits the document must respect (what is written reads back with them); null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <returns>The JSON document.</returns>
    /// <exception cref="MarginFileException">The document would exceed a limit of <paramref name="options"/> (named, as the reader would name it); nothing is written.</exception>
    public static string ToJson(GridParameters parameters, MarginFileOptions? options = null) => File.ToJson(ToDocument(parameters), options);

    private static GridParametersDocument ToDocument(GridParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var setIds = new Dictionary<ScenarioSet, string>(ReferenceEqualityComparer.Instance);
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        var sets = new List<NamedScenarioSetDto>();
        var groups = new List<GridGroupDto>(p.Groups.Count);
        foreach ((string symbol, GridGroupParameters g) in p.Groups)
        {
            if (!setIds.TryGetValue(g.Scenarios, out string? id))
            {
                id = g.Scenarios.Name;
                for (int k = 2; !usedIds.Add(id); k++)
                {
                    id = $"{g.Scenarios.Name}#{k}";
                }

                setIds.Add(g.Scenarios, id);
                sets.Add(new NamedScenarioSetDto(id, g.Scenarios.Name, ScenarioSetJson.Scenarios(g.Scenarios)));
            }

            groups.Add(new GridGroupDto(symbol, id, g.InitialToMaintenance,
                [.. g.IntraTiers.Select(t => new ExpiryTierDto(t.Number, t.FromDays, t.ToDays))],
                [.. g.IntraSpreads.Select(s => new IntraSpreadDto(s.Priority, s.TierA, s.TierB, s.DeltaPerSpreadA, s.DeltaPerSpreadB, s.ChargePerSpread))],
                g.ShortOptionMinimumPerUnit, FileEnum.Name(g.ShortOptionMinimumMethod), g.ShortOptionContingencyRate,
                g.OffsettingFuturesContingencyRate, FileEnum.Name(g.NetOptionValue)));
        }

        return new GridParametersDocument(MarginFileFormat.GridParameters, MarginFileFormat.Version, p.Version, sets, groups,
            [.. p.InterSpreads.Select(s => new InterSpreadDto(s.Priority, s.CreditRate, [.. s.Legs.Select(l => new InterSpreadLegDto(l.Group, l.DeltaPerSpread, FileEnum.Name(l.Side)))]))]);
    }

    private static GridParameters ToParameters(GridParametersDocument d, JsonMapping m)
    {
        if (string.IsNullOrWhiteSpace(d.Label))
        {
            throw m.Error("$.label", "the label (the parameter set's version, reported in results) must not be blank.");
        }

        var sets = new Dictionary<string, ScenarioSet>(StringComparer.Ordinal);
        for (int i = 0; i < d.ScenarioSets.Count; i++)
        {
            NamedScenarioSetDto dto = d.ScenarioSets[i];
            string path = JsonMapping.Index("$.scenarioSets", i);
            if (!sets.TryAdd(dto.Id, ScenarioSetJson.ReadSet(dto.Name, dto.Scenarios, path, m)))
            {
                throw m.Error(JsonMapping.Field(path, "id"), $"the scenario set id '{dto.Id}' is used twice; ids must be unique.");
            }
        }

        var groups = new Dictionary<string, GridGroupParameters>(StringComparer.Ordinal);
        for (int i = 0; i < d.Groups.Count; i++)
        {
            GridGroupDto dto = d.Groups[i];
            string path = JsonMapping.Index("$.groups", i);
            if (string.IsNullOrWhiteSpace(dto.Group))
            {
                throw m.Error(JsonMapping.Field(path, "group"), "the group (underlying symbol) must not be blank.");
            }

            if (!groups.TryAdd(dto.Group, ReadGroup(dto, path, sets, m)))
            {
                throw m.Error(JsonMapping.Field(path, "group"), $"the group '{dto.Group}' is listed twice.");
            }
        }

        var spreads = new List<InterGroupSpread>();
        IReadOnlyList<InterSpreadDto> list = d.InterSpreads ?? [];
        for (int i = 0; i < list.Count; i++)
        {
            string path = JsonMapping.Index("$.interSpreads", i);
            var legs = ImmutableArray.CreateBuilder<InterSpreadLeg>(list[i].Legs.Count);
            for (int j = 0; j < list[i].Legs.Count; j++)
            {
                InterSpreadLegDto leg = list[i].Legs[j];
                string legAt = JsonMapping.Index(JsonMapping.Field(path, "legs"), j);
                if (!groups.ContainsKey(leg.Group))
                {
                    throw m.Error(JsonMapping.Field(legAt, "group"), $"unknown group '{leg.Group}': it has no entry in $.groups.");
                }

                SpreadSide side = m.At(JsonMapping.Field(legAt, "side"), () => FileEnum.Parse<SpreadSide>(leg.Side, "spread side"));
                legs.Add(new InterSpreadLeg(leg.Group, leg.DeltaPerSpread, side));
            }

            var spread = new InterGroupSpread(list[i].Priority, list[i].CreditRate, legs.MoveToImmutable());
            m.At(path, () => new GridParameters(d.Label, groups, [spread]));
            spreads.Add(spread);
        }

        return m.At("$", () => new GridParameters(d.Label, groups, spreads));
    }

    private static GridGroupParameters ReadGroup(GridGroupDto dto, string path, Dictionary<string, ScenarioSet> sets, JsonMapping m)
    {
        if (!sets.TryGetValue(dto.ScenarioSet, out ScenarioSet? set))
        {
            throw m.Error(JsonMapping.Field(path, "scenarioSet"), $"unknown scenario set '{dto.ScenarioSet}': declare it in $.scenarioSets.");
        }

        ShortOptionMinimumMethod method = dto.ShortOptionMinimumMethod is null ? ShortOptionMinimumMethod.MaxOfSides
            : m.At(JsonMapping.Field(path, "shortOptionMinimumMethod"), () => FileEnum.Parse<ShortOptionMinimumMethod>(dto.ShortOptionMinimumMethod, "short option minimum method"));
        NetOptionValueHandling nov = dto.NetOptionValue is null ? NetOptionValueHandling.Ignore
            : m.At(JsonMapping.Field(path, "netOptionValue"), () => FileEnum.Parse<NetOptionValueHandling>(dto.NetOptionValue, "net option value handling"));
        return m.At(path, () => new GridGroupParameters(set, dto.InitialToMaintenance ?? 1.0,
            dto.IntraTiers?.Select(t => new ExpiryTier(t.Number, t.FromDays, t.ToDays)),
            dto.IntraSpreads?.Select(s => new IntraSpreadRule(s.Priority, s.TierA, s.TierB, s.DeltaPerSpreadA, s.DeltaPerSpreadB, s.ChargePerSpread)),
            dto.ShortOptionMinimumPerUnit ?? 0, method, dto.ShortOptionContingencyRate ?? 0, dto.OffsettingFuturesContingencyRate ?? 0, nov),
            "initialToMaintenance", "intraTiers", "intraSpreads", "shortOptionMinimumPerUnit", "shortOptionContingencyRate", "offsettingFuturesContingencyRate");
    }
}
