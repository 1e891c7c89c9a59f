namespace PortfolioMargin.Scenarios;

/// <summary>
/// Named scenario presets whose parameters come from published methodologies (sources and dates on each preset and
/// in <c>docs/scenarios.md</c>). Presets are data: each is an immutable parameter record that builds its set.
/// Exchanges change these parameters without notice; a preset reproduces the cited document, not today's values.
/// </summary>
public static class ScenarioPresets
{
    /// <summary>CME-style classic 16 for a product's own scan ranges (CME publishes the layout, not the ranges: those are per product, in the SPAN file).</summary>
    /// <param name="priceScanRange">Relative price scan range of the product, in (0, 0.5).</param>
    /// <param name="volScanRange">Vol scan range (absolute vol points as a decimal, or relative per <paramref name="volKind"/>); ≥ 0.</param>
    /// <param name="volKind">How the vol scan range is applied.</param>
    /// <returns>The preset: extreme moves 2 × range at weight 0.35.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A range is out of bounds.</exception>
    public static CmeClassic16Preset CmeClassic16(double priceScanRange, double volScanRange, VolMoveKind volKind = VolMoveKind.Absolute) =>
        new(new Classic16Parameters(priceScanRange, volScanRange, volKind, CmeClassic16Preset.CmeExtremeMultiple, CmeClassic16Preset.CmeExtremeWeight));

    /// <summary>Deribit-style crypto grid (legacy Deribit portfolio margin page): ±10 % in 9 points, IV shock <c>38 % · (30/DTE)^0.30</c> relative, up and down, plus the contingency rates as data.</summary>
    public static DeribitCryptoPreset DeribitCrypto { get; } = new();

    /// <summary>OKX-style spot-shock grid for BTC/ETH (MR1 moves ±0/4/8/12 %) plus the MR6 extreme moves ±24 %, price only.</summary>
    public static OkxSpotShockPreset OkxSpotShock { get; } = new(0, 0, VolMoveKind.Absolute);

    /// <summary>OCC TIMS / customer-portfolio-margin style equity grid: 10 equidistant valuation points over ±15 % (±3, 6, 9, 12, 15 %), price only.</summary>
    public static OccTims10Preset OccTims10 { get; } = new(includeZeroMove: false);
}

/// <summary>CME-style classic 16 (SPAN risk array layout) with CME's extreme multiple 2 and weight 0.35. Immutable data.</summary>
public sealed record CmeClassic16Preset : IScenarioPreset
{
    /// <summary>CME's extreme move as a multiple of the price scan range.</summary>
    public const double CmeExtremeMultiple = 2;

    /// <summary>CME's weight (fraction of the loss that counts) of the extreme scenarios.</summary>
    public const double CmeExtremeWeight = 0.35;

    internal CmeClassic16Preset(Classic16Parameters parameters) => Parameters = parameters;

    /// <summary>The classic-16 parameters.</summary>
    public Classic16Parameters Parameters { get; }

    /// <inheritdoc/>
    public string Name => "CME-style classic 16";

    /// <inheritdoc/>
    public MethodologySource Source { get; } = new(
        "CME Group",
        "CME SPAN: Standard Portfolio Analysis of Risk (presentation); scenario order also in L. McMillan, Options as a Strategic Investment, ch. 34",
        "https://www.cmegroup.com/clearing/span-methodology.html",
        new DateOnly(2010, 1, 1),
        "The presentation (c) 2010 CME Group states that most SPAN exchanges use 16 scenarios; only the year is given, so AsOf is 1 January 2010. " +
        "The order of scenarios 1-16 follows the published risk-array listing (McMillan ch. 34, CME 'Risk Arrays' report). " +
        "Extreme multiple 2 and weight 0.35 are the CME values stated in the project specification (margin-spec.md section 5); " +
        "they were not found in a CME text retrieved for this preset. Scan ranges are per product (SPAN file), not published here.");

    /// <inheritdoc/>
    public DateOnly? AsOf => Source.AsOf;

    /// <inheritdoc/>
    public ScenarioSet Build() => Parameters.Build(Name);
}

/// <summary>
/// Deribit-style crypto grid as published on Deribit's (legacy) portfolio margin page: maximum price move ±10 %, maximum
/// IV change <c>(30 / DTE)^0.30 · 38 %</c>, contingencies 0.01 BTC per net short option per strike and 1 % of the
/// underlying for offsetting futures. Immutable data.
/// </summary>
/// <remarks>
/// The 38 % is applied as a relative vol move (<c>σ' = σ · (1 ± 0.38 · (30/DTE)^0.30)</c>): the page says "IV change of
/// maximum 38.00 %" without saying points or percent; Deribit's current model applies its vol ranges to the mark IV
/// relatively. The page does not give the number of steps; 9 points (2.5 % apart) is the bucket count of Deribit's
/// current portfolio margin article. The contingencies belong to the margin model, not to the scenario set; they are
/// exposed here as data for the model to read.
/// </remarks>
public sealed record DeribitCryptoPreset : IScenarioPreset
{
    internal DeribitCryptoPreset()
    {
        Grid = new UniformGridParameters(Points, PriceRange, PriceRange, VolShock, VolShock, VolMoveKind.Relative, VolTermExponent, VolReferenceDays);
    }

    /// <summary>Maximum price move each way: 0.10 (±10 %).</summary>
    public double PriceRange => 0.10;

    /// <summary>Number of equidistant price moves including 0: 9 (see remarks on where the count comes from).</summary>
    public int Points => 9;

    /// <summary>Vol shock at 30 days to expiry, relative: 0.38 (38 %).</summary>
    public double VolShock => 0.38;

    /// <summary>Exponent of the time-to-expiry scaling: 0.30.</summary>
    public double VolTermExponent => 0.30;

    /// <summary>Reference days of the scaling: 30.</summary>
    public double VolReferenceDays => 30;

    /// <summary>Contingency per net short option per strike, in the base coin per contract: 0.01 (BTC). For the margin model.</summary>
    public double ShortOptionContingencyPerContract => 0.01;

    /// <summary>Contingency for offsetting futures as a fraction of the underlying value: 0.01 (1 %). For the margin model.</summary>
    public double OffsettingFuturesContingencyRate => 0.01;

    /// <summary>The grid the preset builds (9 × 3 = 27 scenarios).</summary>
    public UniformGridParameters Grid { get; }

    /// <inheritdoc/>
    public string Name => "Deribit-style crypto grid";

    /// <inheritdoc/>
    public MethodologySource Source { get; } = new(
        "Deribit",
        "Portfolio Margin (Deribit documentation page); bucket count from 'Portfolio Margin' support article 25944756247837",
        "https://www.deribit.com/pages/docs/portfoliomargin",
        null,
        "The page is undated (it states a 0.5 BTC minimum equity and that Deribit may change parameters without notice). " +
        "Published: +/-10.00 % price, IV change (30/DTE)^0.30 * 38.00 %, 0.01 BTC per net short option per strike, 1.00 % of underlying for offsetting futures. " +
        "Not published on that page: the number of price steps (9 taken from https://support.deribit.com/hc/en-us/articles/25944756247837-Portfolio-Margin, " +
        "which describes 9 evenly spaced buckets including 0 for its current range) and whether 38 % is vol points or relative (read as relative).");

    /// <inheritdoc/>
    public DateOnly? AsOf => Source.AsOf;

    /// <inheritdoc/>
    public ScenarioSet Build() => Grid.Build(Name);
}

/// <summary>
/// OKX-style spot-shock grid for BTC and ETH: MR1 price moves ±0, 4, 8, 12 % and the MR6 extreme moves ±24 %, as
/// announced by OKX for 6 January 2025. OKX takes <c>max(MR1, MR2, MR6)</c>, so the extreme moves count in full
/// (weight 1) in the same scan. Immutable data.
/// </summary>
/// <remarks>OKX's MR1 also shocks implied vols (a table by time to expiry) that could not be verified for this preset;
/// the built-in preset is price only. Pass the vol sizes to <see cref="OkxSpotShockPreset(double, double, VolMoveKind)"/> to add them.</remarks>
public sealed record OkxSpotShockPreset : IScenarioPreset
{
    /// <summary>Creates the preset with the published price moves and the given vol legs.</summary>
    /// <param name="volUp">Vol-up move applied with every price move (0 = no vol-up leg); finite, ≥ 0.</param>
    /// <param name="volDown">Vol-down move size (0 = no vol-down leg); finite, ≥ 0.</param>
    /// <param name="volKind">Absolute vol points or relative.</param>
    /// <exception cref="ArgumentOutOfRangeException">A vol size is NaN, infinite or negative.</exception>
    public OkxSpotShockPreset(double volUp, double volDown, VolMoveKind volKind)
    {
        Grid = new UniformGridParameters(7, 0.12, 0.12, volUp, volDown, volKind);
        Extreme = new ExtendedTableParameters([new(-ExtremeMove, volUp, 1), new(ExtremeMove, volUp, 1)], volKind);
    }

    /// <summary>Largest regular (MR1) move each way: 0.12; the grid is ±0, 4, 8, 12 %.</summary>
    public double SpotShockRange => 0.12;

    /// <summary>The MR6 extreme move each way: 0.24.</summary>
    public double ExtremeMove => 0.24;

    /// <summary>The MR1 grid (7 price moves).</summary>
    public UniformGridParameters Grid { get; }

    /// <summary>The MR6 extreme moves, weight 1 (vol up when a vol-up size is given, otherwise price only).</summary>
    public ExtendedTableParameters Extreme { get; }

    /// <inheritdoc/>
    public string Name => "OKX-style spot shock (BTC/ETH)";

    /// <inheritdoc/>
    public MethodologySource Source { get; } = new(
        "OKX",
        "OKX will further adjust portfolio margin parameters (announcement, published 2 January 2025)",
        "https://www.okx.com/help/okx-will-further-adjust-portfolio-margin-parameters",
        new DateOnly(2025, 1, 6),
        "MR1 spot shock for BTC, ETH: +/- 0 %, 4 %, 8 %, 12 % (was 0/5/10/15 %); MR6 extreme move for BTC, ETH: +/- 24 % (was 30 %); effective 6 January 2025. " +
        "MMR = max[max(MR1, MR2, MR6) + MR3 + MR4 + MR5, MR7], hence weight 1 for the extreme moves. " +
        "Not verified: the MR1 implied-vol change table by time to expiry (the built-in preset is price only).");

    /// <inheritdoc/>
    public DateOnly? AsOf => Source.AsOf;

    /// <inheritdoc/>
    public ScenarioSet Build() => ScenarioSets.Concat(Name, Grid.Build(), Extreme.Build());
}

/// <summary>
/// OCC TIMS / customer portfolio margin style equity grid: 10 equidistant valuation points over ±15 %
/// (−15, −12, −9, −6, −3, +3, +6, +9, +12, +15 %), price only, weight 1. Immutable data.
/// </summary>
/// <remarks>The ten points exclude the unchanged price (five up, five down, 3 % apart); with <see cref="IncludeZeroMove"/>
/// the 0 % point is added (11 scenarios). Ids are those of the uniform grid (<c>G-15.0%_V0</c> … <c>G+15.0%_V0</c>).</remarks>
public sealed record OccTims10Preset : IScenarioPreset
{
    /// <summary>Creates the preset.</summary>
    /// <param name="includeZeroMove">Whether to add the unchanged-price point to the ten valuation points.</param>
    public OccTims10Preset(bool includeZeroMove)
    {
        IncludeZeroMove = includeZeroMove;
        Grid = new UniformGridParameters(ValuationPoints + 1, PriceRange, PriceRange, 0, 0);
    }

    /// <summary>Number of valuation points (zero move excluded): 10.</summary>
    public int ValuationPoints => 10;

    /// <summary>Largest move each way: 0.15 (±15 %).</summary>
    public double PriceRange => 0.15;

    /// <summary>Whether the unchanged-price point is added.</summary>
    public bool IncludeZeroMove { get; }

    /// <summary>The underlying 11-point grid over ±15 % (3 % apart, vol unchanged only).</summary>
    public UniformGridParameters Grid { get; }

    /// <inheritdoc/>
    public string Name => "OCC TIMS-style 10-point equity grid";

    /// <inheritdoc/>
    public MethodologySource Source { get; } = new(
        "The Options Clearing Corporation (OCC); FINRA Rule 4210(g)",
        "TIMS Methodology: Risk Based Haircuts (RBH) and Customer Portfolio Margin (CPM) User Guide, Version 1.13",
        "https://www.theocc.com/risk-management/customer-portfolio-margin",
        new DateOnly(2021, 11, 1),
        "Guide version 1.13 is dated November 2021 (AsOf = 1 November 2021). The +/-15 % range for equities and equity options and its division into ten " +
        "equidistant valuation points were verified in a broker's portfolio margin manual (thinkorswim, 'Portfolio Margin'), not in the OCC guide or the FINRA rule text. " +
        "Reading the ten points as +/-3, 6, 9, 12, 15 % (zero excluded) is an interpretation. OCC's implied-vol shifts are not included (not verified).");

    /// <inheritdoc/>
    public DateOnly? AsOf => Source.AsOf;

    /// <inheritdoc/>
    public ScenarioSet Build() =>
        new(Name, Grid.BuildScenarios(IncludeZeroMove ? Grid.PriceMoves : Grid.PriceMoves.Where(m => m != 0)));
}
