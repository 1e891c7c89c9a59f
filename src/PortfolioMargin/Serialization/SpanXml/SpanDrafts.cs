using System.Collections.Immutable;
using System.Globalization;

using PortfolioMargin.Models.SpanFiles;

namespace PortfolioMargin.Serialization;

/// <summary>A product family while the file is being read.</summary>
internal sealed class FamilyDraft
{
    public string Exchange = string.Empty;
    public int Id = int.MinValue;
    public string? Code;
    public SpanProductKind Kind;
    public string? Name;
    public string? Currency;
    public double Cvf = double.NaN;
    public string? ValueMeth;
    public int Line;
    public string Path = string.Empty;
    public int ContractStart;
    public int ContractEnd;
}

/// <summary>A <c>pfLink</c> with its location.</summary>
internal sealed record PfLinkDraft(SpanPfLink Link, string Path, int Line, int Position);

/// <summary>A combined commodity while the file is being read.</summary>
internal sealed class CcDraft
{
    public string? Code;
    public string? Name;
    public string? Currency;
    public string? SomMeth;
    public int SomMethLine;
    public int Line;
    public string Path = string.Empty;
    public List<PfLinkDraft> Links { get; } = [];
    public List<SpanAdjRate> AdjRates { get; } = [];
    public List<SpanTier> ScanTiers { get; } = [];
    public List<SpanTier> IntraTiers { get; } = [];
    public List<SpanTier> InterTiers { get; } = [];
    public List<SpanTier> SomTiers { get; } = [];
    public List<SpanDeltaSpread> Spreads { get; } = [];
    public List<SpanSpotRate> SpotRates { get; } = [];
}
