using System.Text.Json;
using System.Text.Json.Serialization;

namespace PortfolioMargin.Serialization;

// The file shapes (docs/file-formats.md): plain data, mapped explicitly to and from the domain types so that file input
// goes through the domain constructors' validation. Property names are camelCase in JSON.

/// <summary>Portfolio document.</summary>
internal sealed record PortfolioDocument(
    string Format, int Version, IReadOnlyList<PositionDto> Positions,
    IReadOnlyList<UnderlyingDto>? Underlyings = null, IReadOnlyList<InstrumentDto>? Instruments = null);

/// <summary>An underlying declared once and referenced by symbol.</summary>
internal sealed record UnderlyingDto(string Symbol, string Base, string Quote);

/// <summary>An instrument: the fields that apply depend on <see cref="Kind"/>.</summary>
internal sealed record InstrumentDto(
    string Id, string Kind, string Underlying, string? Settlement = null, DateTimeOffset? Expiry = null,
    double? Strike = null, string? Right = null, double? Multiplier = null, string? Name = null);

/// <summary>A position: an instrument id and a signed quantity.</summary>
internal sealed record PositionDto(string Instrument, double Quantity);

/// <summary>Market snapshot document.</summary>
internal sealed record MarketSnapshotDocument(
    string Format, int Version, DateTimeOffset ValuationTime, string ReportCurrency, string? DayCount = null,
    IReadOnlyList<SpotDto>? Spots = null, IReadOnlyList<ForwardDto>? Forwards = null, IReadOnlyList<VolSurfaceDto>? VolSurfaces = null,
    IReadOnlyList<CurrencyRateDto>? Rates = null, IReadOnlyList<CurrencyRateDto>? Fx = null);

/// <summary>A spot price with its underlying's definition.</summary>
internal sealed record SpotDto(string Symbol, string Base, string Quote, double Price);

/// <summary>A forward price of an underlying (by symbol) for one expiry.</summary>
internal sealed record ForwardDto(string Underlying, DateTimeOffset Expiry, double Price);

/// <summary>A vol surface: exactly one of <see cref="Flat"/>, <see cref="Term"/>, <see cref="Smile"/>.</summary>
internal sealed record VolSurfaceDto(string Underlying, double? Flat = null, IReadOnlyList<TermPillarDto>? Term = null, IReadOnlyList<SmilePillarDto>? Smile = null);

/// <summary>One expiry of a term structure.</summary>
internal sealed record TermPillarDto(DateTimeOffset Expiry, double Vol);

/// <summary>One expiry of a smile.</summary>
internal sealed record SmilePillarDto(DateTimeOffset Expiry, IReadOnlyList<double> Strikes, IReadOnlyList<double> Vols);

/// <summary>A rate per currency (discount rate, or value of one unit in the report currency).</summary>
internal sealed record CurrencyRateDto(string Currency, double Rate);

/// <summary>Scenario set document.</summary>
internal sealed record ScenarioSetDocument(string Format, int Version, string Name, IReadOnlyList<ScenarioDto> Scenarios);

/// <summary>A scenario.</summary>
internal sealed record ScenarioDto(
    string Id, string? Name = null, double? Weight = null, double? TimeShiftDays = null, ShockDto? Default = null, IReadOnlyList<ShockDto>? Shocks = null);

/// <summary>An underlying shock; <see cref="Underlying"/> is required in a scenario's <c>shocks</c> and absent in its <c>default</c>.</summary>
internal sealed record ShockDto(
    double PriceMove, string? Underlying = null, double? VolMove = null, string? VolMoveKind = null, double? TermExponent = null, double? ReferenceDays = null);

/// <summary>Grid parameters document.</summary>
internal sealed record GridParametersDocument(
    string Format, int Version, string Label, IReadOnlyList<NamedScenarioSetDto> ScenarioSets, IReadOnlyList<GridGroupDto> Groups,
    IReadOnlyList<InterSpreadDto>? InterSpreads = null);

/// <summary>A scenario set inside a grid parameter document, referenced by <see cref="Id"/>.</summary>
internal sealed record NamedScenarioSetDto(string Id, string Name, IReadOnlyList<ScenarioDto> Scenarios);

/// <summary>One risk group's parameters.</summary>
internal sealed record GridGroupDto(
    string Group, string ScenarioSet, double? InitialToMaintenance = null, IReadOnlyList<ExpiryTierDto>? IntraTiers = null,
    IReadOnlyList<IntraSpreadDto>? IntraSpreads = null, double? ShortOptionMinimumPerUnit = null, string? ShortOptionMinimumMethod = null,
    double? ShortOptionContingencyRate = null, double? OffsettingFuturesContingencyRate = null, string? NetOptionValue = null);

/// <summary>An expiry tier.</summary>
internal sealed record ExpiryTierDto(int Number, double FromDays, double ToDays);

/// <summary>An intra-group spread rule.</summary>
internal sealed record IntraSpreadDto(int Priority, int TierA, int TierB, double DeltaPerSpreadA, double DeltaPerSpreadB, double ChargePerSpread);

/// <summary>An inter-group spread.</summary>
internal sealed record InterSpreadDto(int Priority, double CreditRate, IReadOnlyList<InterSpreadLegDto> Legs);

/// <summary>A leg of an inter-group spread.</summary>
internal sealed record InterSpreadLegDto(string Group, double DeltaPerSpread, string Side);

/// <summary>Isolated rates document.</summary>
internal sealed record IsolatedRatesDocument(string Format, int Version, RatesDto Default, IReadOnlyList<RatesDto>? Overrides = null);

/// <summary>Isolated rates; <see cref="AppliesTo"/> (instrument name or underlying symbol) is required in overrides and absent in the default.</summary>
internal sealed record RatesDto(double LinearRate, double ShortOptionA, double ShortOptionB, double MaintenanceFraction, string? AppliesTo = null);

internal sealed record VaRParametersDocument(string Format, int Version, VaRFactorsDto? Factors, VaROptionsDto? Options = null);

internal sealed record VaRFactorsDto(IReadOnlyList<string>? Labels, IReadOnlyList<double>? Volatilities, IReadOnlyList<IReadOnlyList<double>>? Correlation,
    string? Unit = null, double? DaysPerYear = null, string? Repair = null);

internal sealed record VaROptionsDto(double? Confidence = null, double? HorizonDays = null, string? Measure = null, double? Multiplier = null, string? StressCorrelationRepair = null);

/// <summary>Source-generated (reflection-free, AOT-safe) serialization of the documents: strict reading.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    MaxDepth = 260,
    Converters = [typeof(IsoTimeJsonConverter)])]
[JsonSerializable(typeof(PortfolioDocument))]
[JsonSerializable(typeof(MarketSnapshotDocument))]
[JsonSerializable(typeof(ScenarioSetDocument))]
[JsonSerializable(typeof(GridParametersDocument))]
[JsonSerializable(typeof(IsolatedRatesDocument))]
[JsonSerializable(typeof(VaRParametersDocument))]
internal sealed partial class MarginJsonContext : JsonSerializerContext;

/// <summary>Reads and writes times as ISO 8601 strings with an explicit offset (see <see cref="IsoTime"/>).</summary>
internal sealed class IsoTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a date-time string such as \"2026-03-27T08:00:00Z\", got a {reader.TokenType.ToString().ToLowerInvariant()}.");
        }

        string text = reader.GetString()!;
        return IsoTime.TryParse(text, out DateTimeOffset value) ? value : throw new JsonException(IsoTime.Problem(text));
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(IsoTime.Format(value));
}
