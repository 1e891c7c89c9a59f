using System.Collections.Immutable;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>A rate attached to a rule (<c>rate{r, val}</c>).</summary>
/// <param name="RateId">The performance-bond rate id (<c>r</c>), e.g. 1.</param>
/// <param name="Value">The value, in the unit of the rule that holds it (currency per spread, per delta, per option, or a fraction).</param>
public sealed record SpanRate(int RateId, double Value);

/// <summary>An account-type or initial/maintenance scaling (<c>ccDef/adjRate{r, baseR, val}</c>): requirement(r) = val · requirement(baseR).</summary>
/// <param name="RateId">The derived rate id (<c>r</c>).</param>
/// <param name="BaseRateId">The rate id it is derived from (<c>baseR</c>).</param>
/// <param name="Value">The factor (<c>val</c>), e.g. 1.1.</param>
public sealed record SpanAdjRate(int RateId, int BaseRateId, double Value);

/// <summary>A tier of a combined commodity (<c>scanTiers</c>, <c>intraTiers</c>, <c>interTiers</c>, <c>somTiers</c>): the periods <c>sPe…ePe</c>.</summary>
/// <param name="Number">Tier number (<c>tn</c>).</param>
/// <param name="StartPeriod">First period code (<c>sPe</c>, inclusive); <see langword="null"/> = open.</param>
/// <param name="EndPeriod">Last period code (<c>ePe</c>, inclusive); <see langword="null"/> = open.</param>
/// <param name="Rates">The tier's rates (SOM tiers: currency per short option in the file's unit).</param>
public sealed record SpanTier(int Number, string? StartPeriod, string? EndPeriod, ImmutableArray<SpanRate> Rates)
{
    /// <summary>Whether a period code lies in the tier. Codes are compared on the length of the bound, so the bound
    /// <c>202406</c> covers <c>20240615</c>.</summary>
    /// <param name="period">A period code such as <c>202406</c> or <c>20240615</c>.</param>
    /// <returns><see langword="true"/> when <c>sPe ≤ period ≤ ePe</c>.</returns>
    public bool Contains(string period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return SpanPeriods.Compare(period, StartPeriod) >= 0 && SpanPeriods.Compare(period, EndPeriod) <= 0;
    }
}

/// <summary>A leg of a delta spread (<c>pLeg{cc, pe, rs, i}</c> or <c>tLeg{cc, tn, rs, i}</c>).</summary>
/// <param name="Kind">Period or tier leg.</param>
/// <param name="CombinedCommodity">The combined commodity of the leg (<c>cc</c>).</param>
/// <param name="Period">The period code (period legs), else <see langword="null"/>.</param>
/// <param name="Tier">The tier number (tier legs), else 0.</param>
/// <param name="Side">Side A or B (<c>rs</c>).</param>
/// <param name="DeltaPerSpread">Delta consumed per spread (<c>i</c>, &gt; 0), in futures-equivalents of the file's unit.</param>
public sealed record SpanSpreadLeg(SpanLegKind Kind, string CombinedCommodity, string? Period, int Tier, SpreadSide Side, double DeltaPerSpread);

/// <summary>A delta spread (<c>dSpread</c>): an intra-commodity spread in a <c>ccDef</c> or an inter-commodity spread in <c>interSpreads</c>.</summary>
/// <param name="Priority">The spread priority (<c>spread</c>); spreads are formed in ascending priority.</param>
/// <param name="ChargeMethod">The <c>chargeMeth</c> code as in the file (<c>F</c>, <c>P</c>, <c>W</c>, …).</param>
/// <param name="Rates">The spread's rates: currency per spread (intra, <c>F</c>) or a credit fraction 0…1 (inter).</param>
/// <param name="Legs">The legs in file order.</param>
/// <param name="UnsupportedFeature">A feature of this spread the calculator does not implement (e.g. <c>rpLeg</c>, <c>pmpsRate</c>,
/// nested <c>dSpread</c>); the calculator refuses the spread rather than ignore it. <see langword="null"/> when none.</param>
/// <param name="Line">Line of the <c>dSpread</c> element in the file (0 when unknown), for messages.</param>
public sealed record SpanDeltaSpread(int Priority, string ChargeMethod, ImmutableArray<SpanRate> Rates, ImmutableArray<SpanSpreadLeg> Legs, string? UnsupportedFeature, int Line);

/// <summary>A spot (delivery-month) rate (<c>spotRate{r, pe, sprd, outr}</c>).</summary>
/// <param name="RateId">Rate id (<c>r</c>).</param>
/// <param name="Period">The spot period code (<c>pe</c>); contract periods are matched on its length.</param>
/// <param name="SpreadRate">Charge per unit of spot-period delta consumed by intra-commodity spreads (<c>sprd</c>).</param>
/// <param name="OutrightRate">Charge per unit of spot-period delta left after spreading (<c>outr</c>).</param>
public sealed record SpanSpotRate(int RateId, string Period, double SpreadRate, double OutrightRate);

/// <summary>A combined commodity (<c>ccDef</c>): the product families margined together and their rules.</summary>
/// <param name="Code">Combined commodity code (<c>cc</c>).</param>
/// <param name="Name">Display name, if any.</param>
/// <param name="Currency">Margin currency.</param>
/// <param name="PfLinks">The linked product families (<c>pfLink</c>).</param>
/// <param name="AdjRates">The scalings between rate ids (<c>adjRate</c>).</param>
/// <param name="SomMethod">The short-option-minimum method (<c>somMeth</c>; <see cref="ShortOptionMinimumMethod.MaxOfSides"/> when absent).</param>
/// <param name="ScanTiers">Scan tiers (empty: one tier over every period).</param>
/// <param name="IntraTiers">Intra-commodity tiers (targets of <c>tLeg</c> in the intra spreads).</param>
/// <param name="InterTiers">Inter-commodity tiers (targets of <c>tLeg</c> in <c>interSpreads</c>; empty: the whole combined commodity).</param>
/// <param name="SomTiers">Short-option-minimum tiers with their rates.</param>
/// <param name="IntraSpreads">Intra-commodity spreads in file order (the calculator sorts them by priority).</param>
/// <param name="SpotRates">Spot (delivery-month) rates.</param>
public sealed record SpanCombinedCommodity(
    string Code,
    string? Name,
    string Currency,
    ImmutableArray<SpanPfLink> PfLinks,
    ImmutableArray<SpanAdjRate> AdjRates,
    ShortOptionMinimumMethod SomMethod,
    ImmutableArray<SpanTier> ScanTiers,
    ImmutableArray<SpanTier> IntraTiers,
    ImmutableArray<SpanTier> InterTiers,
    ImmutableArray<SpanTier> SomTiers,
    ImmutableArray<SpanDeltaSpread> IntraSpreads,
    ImmutableArray<SpanSpotRate> SpotRates);
