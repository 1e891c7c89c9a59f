using System.Text.Json;
using System.Text.Json.Serialization;
using PortfolioMargin.Models;

namespace PortfolioMargin.Serialization;

// File shapes of the venue parameter documents (docs/file-formats.md, docs/venues/*.md): plain data, mapped explicitly
// to the model parameter types so that file input goes through their validation.

/// <summary>A cited source.</summary>
internal sealed record SourceDto(string Id, string Publisher, string Title, string Url, DateOnly Accessed, DateOnly? Published = null, string? Note = null);

/// <summary>Where a parameter comes from.</summary>
internal sealed record NoteDto(string Parameter, string Status, IReadOnlyList<string> Sources, string Note);

/// <summary>Sources and notes of a parameter document.</summary>
internal sealed record ProvenanceDto(IReadOnlyList<SourceDto> Sources, IReadOnlyList<NoteDto> Notes);

internal sealed record DeriveScenarioDto(double SpotShock, string VolShock, double Dampening, bool? Tail = null);

internal sealed record DeriveVolShockDto(double RangeUp, double RangeDown, double ShortTermPower, double LongTermPower, double DteFloorDays, double MinVolUpShock);

internal sealed record DeriveParametersDocument(
    string Format, int Version, string Label, double MaintenanceLossFactor, double InitialLossFactor, IReadOnlyList<DeriveScenarioDto> Scenarios,
    DeriveVolShockDto VolShock, Models.Derive.DeriveDiscountParameters Discount, Models.Derive.DeriveBasisParameters Basis,
    Models.Derive.DeriveContingencyParameters Contingency, Models.Derive.DeriveSkewParameters Skew, ProvenanceDto Provenance);

internal sealed record DeribitPairDto(
    string Underlying, double PriceRange, double VolRangeUp, double VolRangeDown, double MinVolForShockUp, double ShortTermVegaPower, double LongTermVegaPower,
    double ExtendedTableFactor, IReadOnlyList<double> ExtendedMoves, double MaxDeltaShock, double DeltaShockThreshold, double DeltaShockIncrement,
    double AnnualisedMoveRisk, double MinAnnualisedMove, double ExtendedDampener, double PnlOffset, double MaxOffsetablePnl);

internal sealed record DeribitParametersDocument(
    string Format, int Version, string Label, double MaintenanceFactor, int BucketsCount, int WorstCaseDecimals, IReadOnlyList<DeribitPairDto> Pairs, ProvenanceDto Provenance);

internal sealed record OkxVolShockDto(double FromDays, double UpPoints, double DownPoints);

internal sealed record OkxTierDto(double From, double Multiplier);

internal sealed record OkxUnitDto(
    string Underlying, IReadOnlyList<double> SpotShocks, IReadOnlyList<OkxVolShockDto> VolShocks, double ThetaDays, double ExtremeMove, double ExtremeFactor,
    double BasisPerpRate, double AnnualisedMoveRisk, double MinimumChargeRate, IReadOnlyList<OkxTierDto> MinimumChargeTiers);

internal sealed record OkxParametersDocument(
    string Format, int Version, string Label, double InitialToMaintenance, double StablecoinRate, IReadOnlyList<OkxUnitDto> Units, ProvenanceDto Provenance);

internal sealed record BybitUnitDto(
    string Underlying, double PriceRange, int PricePoints, double VolUp, double VolDown, double ShortOptionRate, double VegaSpreadRatePerDay,
    double DeltaSpreadRatePerYear, double FuturesRate, double StablecoinSpreadRate, double InitialFactor);

internal sealed record BybitParametersDocument(string Format, int Version, string Label, IReadOnlyList<BybitUnitDto> Units, ProvenanceDto Provenance);

/// <summary>Source-generated serialization of the venue parameter documents, with the same strict options as <see cref="MarginJsonContext"/>.</summary>
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
    MaxDepth = 260)]
[JsonSerializable(typeof(DeriveParametersDocument))]
[JsonSerializable(typeof(DeribitParametersDocument))]
[JsonSerializable(typeof(OkxParametersDocument))]
[JsonSerializable(typeof(BybitParametersDocument))]
internal sealed partial class VenueJsonContext : JsonSerializerContext;

/// <summary>Mapping of the provenance block shared by the venue documents.</summary>
internal static class ProvenanceJson
{
    public static ProvenanceDto ToDto(ParameterProvenance p) => new(
        [.. p.Sources.Select(s => new SourceDto(s.Id, s.Publisher, s.Title, s.Url, s.Accessed, s.Published, s.Note))],
        [.. p.Notes.Select(n => new NoteDto(n.Parameter, FileEnum.Name(n.Status), [.. n.Sources], n.Note))]);

    public static ParameterProvenance Read(ProvenanceDto dto, JsonMapping m)
    {
        var notes = new List<ParameterNote>(dto.Notes.Count);
        for (int i = 0; i < dto.Notes.Count; i++)
        {
            NoteDto n = dto.Notes[i];
            string path = JsonMapping.Index("$.provenance.notes", i);
            ParameterStatus status = m.At(JsonMapping.Field(path, "status"), () => FileEnum.Parse<ParameterStatus>(n.Status, "parameter status"));
            notes.Add(new ParameterNote(n.Parameter, status, [.. n.Sources], n.Note));
        }

        return m.At("$.provenance", () => new ParameterProvenance(dto.Sources.Select(s => new ParameterSource(s.Id, s.Publisher, s.Title, s.Url, s.Published, s.Accessed, s.Note)), notes),
            "sources", "notes");
    }
}
