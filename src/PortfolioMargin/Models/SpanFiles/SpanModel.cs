using System.Collections.Immutable;

namespace PortfolioMargin.Span;

/// <summary>The kind of a SPAN product family (the element that holds it in the file).</summary>
public enum SpanProductKind
{
    /// <summary>A physical (spot) product: <c>phyPf/phy</c>.</summary>
    Physical,

    /// <summary>A future: <c>futPf/fut</c>.</summary>
    Future,

    /// <summary>An option on a future: <c>oofPf/series/opt</c>.</summary>
    OptionOnFuture,

    /// <summary>An option on a physical: <c>oopPf/series/opt</c>.</summary>
    OptionOnPhysical,
}

/// <summary>The right of an option contract (<c>opt/o</c>: <c>C</c> or <c>P</c>).</summary>
public enum SpanOptionRight
{
    /// <summary>A call (<c>o</c> = <c>C</c>).</summary>
    Call,

    /// <summary>A put (<c>o</c> = <c>P</c>).</summary>
    Put,
}

/// <summary>The side of a spread leg (<c>rs</c>): legs on side A must have deltas of one sign, legs on side B the opposite sign.</summary>
public enum SpanSpreadSide
{
    /// <summary>Side A (<c>rs</c> = <c>A</c>).</summary>
    A,

    /// <summary>Side B (<c>rs</c> = <c>B</c>).</summary>
    B,
}

/// <summary>What a spread leg refers to.</summary>
public enum SpanLegKind
{
    /// <summary>A period leg (<c>pLeg</c>): the net delta of one period code.</summary>
    Period,

    /// <summary>A tier leg (<c>tLeg</c>): the net delta of a tier (the sum over the tier's periods).</summary>
    Tier,
}

/// <summary>How the short option minimum counts short options (<c>ccDef/somMeth</c>).</summary>
public enum SpanSomMethod
{
    /// <summary><c>rate · max(net short calls, net short puts)</c>; the default when the file has no <c>somMeth</c> (file value <c>MAX</c>).</summary>
    MaxOfSides,

    /// <summary><c>rate · (net short calls + net short puts)</c> (file value <c>GROSS</c>).</summary>
    Gross,
}

/// <summary>A currency definition (<c>definitions/currencyDef</c>).</summary>
/// <param name="Code">ISO code, e.g. <c>USD</c>.</param>
/// <param name="Symbol">The file's symbol for the currency, if any.</param>
/// <param name="Name">Display name, if any.</param>
/// <param name="DecimalPositions">Number of decimals used for amounts (0 when absent).</param>
public sealed record SpanCurrency(string Code, string? Symbol, string? Name, int DecimalPositions);

/// <summary>One scenario of the file's point definition (<c>pointDef/scanPointDef</c> or <c>deltaPointDef</c>).</summary>
/// <param name="Point">Point number (1…16 for scan points).</param>
/// <param name="PriceMove">Price move as a fraction of the price scan range: <c>mult · numerator / denominator</c>.</param>
/// <param name="VolatilityMove">Volatility move as a fraction of the volatility scan range: <c>mult · numerator / denominator</c>.</param>
/// <param name="Weight">The scenario weight; informational: risk-array values in the file already include it.</param>
/// <param name="PairedPoint">The paired point (same price move, opposite volatility move); 0 when absent.</param>
public sealed record SpanScenarioPoint(int Point, double PriceMove, double VolatilityMove, double Weight, int PairedPoint);

/// <summary>A product family of the file (<c>phyPf</c>, <c>futPf</c>, <c>oofPf</c>, <c>oopPf</c>).</summary>
/// <param name="Index">Position of the family in <see cref="SpanRiskParameters.ProductFamilies"/>.</param>
/// <param name="Exchange">Exchange code (<c>exchange/exch</c>).</param>
/// <param name="Id">Product family id (<c>pfId</c>), unique per exchange and kind.</param>
/// <param name="Code">Product family code (<c>pfCode</c>).</param>
/// <param name="Kind">Physical, future, option on future or option on physical.</param>
/// <param name="Name">Display name, if any.</param>
/// <param name="Currency">Settlement currency.</param>
/// <param name="ContractValueFactor">The family's <c>cvf</c> (1 when absent): value of one price point for one file unit.</param>
/// <param name="ValuationMethod">The family's <c>valueMeth</c> (e.g. <c>PREM</c>, <c>FUT</c>, <c>EQTY</c>), if any.
/// Options of a family whose method is <c>FUT</c> are futures-style and carry no net option value.</param>
/// <param name="CombinedCommodity">The combined commodity whose <c>pfLink</c> names this family; <see langword="null"/> when none does.</param>
public sealed record SpanProductFamily(
    int Index,
    string Exchange,
    int Id,
    string Code,
    SpanProductKind Kind,
    string? Name,
    string Currency,
    double ContractValueFactor,
    string? ValuationMethod,
    string? CombinedCommodity)
{
    /// <summary>Whether the family holds options (<see cref="SpanProductKind.OptionOnFuture"/> or <see cref="SpanProductKind.OptionOnPhysical"/>).</summary>
    public bool IsOption => Kind is SpanProductKind.OptionOnFuture or SpanProductKind.OptionOnPhysical;

    /// <summary>Whether the family's options are premium-style (carry net option value): options whose <c>valueMeth</c> is not <c>FUT</c>.</summary>
    public bool IsPremiumStyleOption => IsOption && !string.Equals(ValuationMethod, "FUT", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A link from a combined commodity to a product family (<c>ccDef/pfLink</c>).</summary>
/// <param name="Exchange">Exchange code of the family.</param>
/// <param name="ProductFamilyId">The family's <c>pfId</c>.</param>
/// <param name="ProductFamilyCode">The family's <c>pfCode</c>, if given.</param>
/// <param name="ProductFamilyType">The family's type (<c>PHY</c>, <c>FUT</c>, <c>OOF</c>, <c>OOP</c>), if given.</param>
public sealed record SpanPfLink(string Exchange, int ProductFamilyId, string? ProductFamilyCode, string? ProductFamilyType);

/// <summary>A rate attached to a rule (<c>rate{r, val}</c>).</summary>
/// <param name="RateId">The performance-bond rate id (<c>r</c>), e.g. 1.</param>
/// <param name="Value">The value, in the unit of the rule that holds it (currency per spread, per delta, per option, or a fraction).</param>
public sealed record SpanRate(int RateId, double Value);

/// <summary>An account-type or initial/maintenance scaling (<c>ccDef/adjRate{r, baseR, val}</c>): requirement(r) = val · requirement(baseR).</summary>
/// <param name="RateId">The derived rate id (<c>r</c>).</param>
/// <param name="BaseRateId">The rate id it is derived from (<c>baseR</c>).</param>
/// <param name="Value">The factor (<c>val</c>), e.g. 1.1.</param>
public sealed record SpanAdjRate(int RateId, int BaseRateId, double Value);

/// <summary>A performance-bond rate definition (<c>clearingOrg/pbRateDef</c>): which rate id applies to which account type.</summary>
/// <param name="RateId">The rate id (<c>r</c>).</param>
/// <param name="IsCustomer">Customer (true) or clearing (false) account.</param>
/// <param name="AccountType">Account type code, e.g. <c>SPEC</c>, <c>HEDGE</c>, <c>MEMBER</c>.</param>
/// <param name="IsMaintenance">Maintenance (true) or initial (false) requirement.</param>
/// <param name="PerformanceBondClass">Performance-bond class code (<c>pbc</c>), e.g. <c>CORE</c>.</param>
public sealed record SpanPerformanceBondRate(int RateId, bool IsCustomer, string AccountType, bool IsMaintenance, string? PerformanceBondClass);

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
public sealed record SpanSpreadLeg(SpanLegKind Kind, string CombinedCommodity, string? Period, int Tier, SpanSpreadSide Side, double DeltaPerSpread);

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
/// <param name="SomMethod">The short-option-minimum method (<c>somMeth</c>; <see cref="SpanSomMethod.MaxOfSides"/> when absent).</param>
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
    SpanSomMethod SomMethod,
    ImmutableArray<SpanTier> ScanTiers,
    ImmutableArray<SpanTier> IntraTiers,
    ImmutableArray<SpanTier> InterTiers,
    ImmutableArray<SpanTier> SomTiers,
    ImmutableArray<SpanDeltaSpread> IntraSpreads,
    ImmutableArray<SpanSpotRate> SpotRates);

/// <summary>Period-code comparison shared by tiers and spot rates.</summary>
internal static class SpanPeriods
{
    /// <summary>Compares a contract period with a tier bound on the bound's length; a null bound is open (returns 0).</summary>
    public static int Compare(string period, string? bound)
    {
        if (string.IsNullOrEmpty(bound))
        {
            return 0;
        }

        int n = Math.Min(bound.Length, period.Length);
        return string.CompareOrdinal(period, 0, bound, 0, n) switch
        {
            < 0 => -1,
            > 0 => 1,
            _ => 0,
        };
    }

    /// <summary>Whether <paramref name="period"/> lies in a spot period (same prefix on the spot code's length).</summary>
    public static bool Matches(string period, string spot) => Compare(period, spot) == 0;
}
