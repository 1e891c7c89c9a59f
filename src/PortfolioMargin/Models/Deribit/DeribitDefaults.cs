namespace PortfolioMargin.Models.Deribit;

/// <summary>Builds <see cref="DeribitParameters.Default"/> and its provenance.</summary>
internal static class DeribitDefaults
{
    private static readonly DateOnly Read = new(2026, 12, 6);

    /// <summary>The article's extended moves (−66 %, −33 %, +50 %, +100 %, +200 %, +300 %, +400 %, +500 %).</summary>
    public static readonly double[] ExtendedMoves = [-0.66, -0.33, 0.5, 1, 2, 3, 4, 5];

    public static DeribitParameters Create() => new("DERIBIT-PME (BTC 2024-06-17, ETH 2026-02-15)", 0.8, 4, 9, new Dictionary<string, DeribitPairParameters>
    {
        ["BTC"] = new(0.16, 0.5, 0.25, 0.5, 0.3, 0.13, 1, ExtendedMoves, 0.1, 20_000_000, 0.00005, 0.075, 0.01, 100_000, 0, 0),
        ["ETH"] = new(0.18, 0.4, 0.25, 0.5, 0.3, 0.13, 1, ExtendedMoves, 0.1, 20_000_000, 0.000004, 0.05, 0.005, 200_000, 0.6, 20_000_000),
    }, Provenance());

    private static ParameterProvenance Provenance() => new(
        [
            new("DERIBIT-PME-SIMULATE", "Deribit", "private/pme/simulate (API reference, response example)", "https://docs.deribit.com/api-reference/account-management/private-simulate",
                new DateOnly(2024, 6, 17), Read,
                "Example timestamp 1718619740501 (2024-06-17 10:22 UTC): BTC model_params, every initial and aggregated risk vector, and the margins of a BTC-PERPETUAL + BTC-28JUN24 book. Same example in Deribit's OpenAPI file and at docs.cdp.coinbase.com."),
            new("DERIBIT-PME-CAPTURE-ETH", "Deribit (captured by a user)", "private/pme/simulate request and response for ETH, cross_pm account",
                "(public GitHub file; not named because it also holds the account's personal data)", new DateOnly(2026, 2, 15), Read,
                "HTTP date 2026-02-15 23:20:09 GMT, model_params timestamp 1771197609587: ETH model_params, initial, pre-aggregated and aggregated risk vectors and margins for a short ETH-PERPETUAL. A secondary source: one user's capture."),
            new("DERIBIT-PM-ARTICLE", "Deribit", "Portfolio Margin (support article 25944756247837)", "https://support.deribit.com/hc/en-us/articles/25944756247837-Portfolio-Margin", null, Read,
                "Undated. Price range split into buckets including zero; vol scenarios up/same/down; extended table (−66 %, −33 %, +50 %, +100 %, +200 %, +300 %, +400 %, +500 %) on vol up only, a fraction of the P&L, with a dampener."),
            new("DERIBIT-CHANGELOG-2026-01-13", "Deribit", "API changelog, release 13.01.2026", "https://docs.deribit.com/changelog", new DateOnly(2026, 1, 13), Read,
                "pme/simulate returns pre_aggregated_risk_vectors: the aggregated vectors before pnl_offset and extended_dampener are applied."),
            new("OREOME-RISK-SCENARIOS", "Oreome (third party)", "Advanced Risk Scenarios", "https://docs.oreome.com/docs/scenario/risk-scenario-advanced", null, Read,
                "Undated; states that it mimics Deribit: volUp = max(σ·(1 + up·(30/DTE)^p), minVolForShockUp), volDown = max(σ·(1 − down·(30/DTE)^p), 0), p short-term below 30 days."),
            new("DERIBIT-PM-LEGACY", "Deribit", "Portfolio Margin (legacy documentation page)", "https://www.deribit.com/pages/docs/portfoliomargin", null, Read,
                "The older model behind GridPresets.DeribitStyle (±10 %, IV (30/DTE)^0.30·38 %, option and futures contingencies); for contrast only."),
        ],
        [
            new("pairs.*", ParameterStatus.Published, ["DERIBIT-PME-SIMULATE", "DERIBIT-PME-CAPTURE-ETH"],
                "BTC values from the documentation example (2024-06-17), ETH values from the captured response (2026-02-15); mm_factor 0.8 and buckets_count 4 in both."),
            new("grid", ParameterStatus.Published, ["DERIBIT-PM-ARTICLE", "DERIBIT-PME-SIMULATE"],
                "2·buckets+1 price points over ±price_range, 3 vol scenarios each (27 standard entries), 8 extended moves; reproduced from the published risk vectors."),
            new("volShock", ParameterStatus.Inferred, ["OREOME-RISK-SCENARIOS"],
                "Relative shocks range·(30/max(DTE, 1))^p with the short-term power below 30 days; up-shocked vol at least min_volatility_for_shock_up; down-shocked vol at least 0. No published example holds an option, so no published number tests it; the 1-day DTE floor is this library's choice."),
            new("extendedFactor", ParameterStatus.Inferred, ["DERIBIT-PME-SIMULATE"],
                "Extended P&L = P&L(m)·ETF·(PR/|m|)·(1+m)/(1+sign(m)·PR): reproduces every published extended vector of delta-one positions exactly (they equal the ±PR edge values); Paradex's published extended weights are PR/|m|."),
            new("extendedDampener", ParameterStatus.Inferred, ["DERIBIT-PME-SIMULATE", "DERIBIT-PME-CAPTURE-ETH", "DERIBIT-CHANGELOG-2026-01-13"],
                "The aggregated extended P&L shrinks towards 0 by (max(|m|/PR, 1) − 1)·dampener/(1 + sign(m)·PR) in USD. Consistent with both published examples (fully dampened) but not the only form that is."),
            new("pnlOffset", ParameterStatus.Published, ["DERIBIT-PME-CAPTURE-ETH", "DERIBIT-CHANGELOG-2026-01-13"],
                "Positive aggregated P&L times pnl_offset (0.6 for ETH reproduces the captured aggregated vector); the cap max_offsetable_pnl (USD) is applied to the offset amount (inferred; no example reaches it)."),
            new("worstCaseDecimals", ParameterStatus.Published, ["DERIBIT-PME-SIMULATE", "DERIBIT-PME-CAPTURE-ETH"],
                "risk_matrix_margin = round(worst_case, 9) + roll_shock + delta_shock: both examples need the 9-decimal rounding to match their printed digits."),
            new("rollShock", ParameterStatus.Inferred, ["DERIBIT-PME-SIMULATE", "DERIBIT-PME-CAPTURE-ETH"],
                "Per expiry of the futures and perpetuals (a perpetual is its own expiry): |net notional|·max(min_annualised_move, exp(annualised_move_risk·T) − 1). The floor is published (both examples sit on it); the part above the floor is a public reimplementation's reading."),
            new("deltaShock", ParameterStatus.Inferred, [],
                "min(max(|Δ$| − threshold, 0)·|Δ|·m_inc, max_delta_shock·|Δ$|) on the underlying's net delta (Δ units, Δ$ USD); both examples give 0, consistent with it."),
            new("correlationContingency", ParameterStatus.Assumed, [], "Not modelled (0); both examples print 0."),
            new("currency", ParameterStatus.Assumed, [],
                "One risk matrix per underlying in the report currency (the cross-collateral view); the currency block of the underlying's coin applies. Deribit's segregated mode margins each settlement currency in its coin; for a book in one coin reported in that coin the two agree (the examples are reproduced that way)."),
            new("initialMargin", ParameterStatus.Published, ["DERIBIT-PME-SIMULATE"],
                "IM = risk-matrix margin + MMP margin + open-orders margin + spot margin; MM = mm_factor·risk-matrix margin. MMP margin depends on the account's market-maker-protection settings and spot margin is not documented: both 0 here; open orders come from OpenOrderMargin."),
        ]);
}
