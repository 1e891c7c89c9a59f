namespace PortfolioMargin.Models.Okx;

/// <summary>Builds <see cref="OkxParameters.Default"/> and its provenance.</summary>
internal static class OkxDefaults
{
    private static readonly DateOnly Read = new(2026, 12, 6);

    private static readonly OkxMinimumChargeTier[] Tiers2025 =
        [new(0, 1), new(250_000, 2), new(500_000, 4), new(1_000_000, 6), new(2_000_000, 8), new(3_000_000, 10), new(4_000_000, 12)];

    private static readonly OkxVolShockRow[] VolTable = [new(0, 0.30, 0.30)];

    public static OkxParameters Create()
    {
        var major = new OkxUnitParameters([-0.12, -0.08, -0.04, 0, 0.04, 0.08, 0.12], VolTable, 1, 0.24, 0.5, 0.002, 0.05, 0.0045, Tiers2025);
        var mid = new OkxUnitParameters([-0.18, -0.12, -0.06, 0, 0.06, 0.12, 0.18], VolTable, 1, 0.36, 0.5, 0.008, 0.15, 0.007, Tiers2025);
        return new OkxParameters("OKX-PM (2025-01)", 1.3, 0.005, new Dictionary<string, OkxUnitParameters> { ["BTC"] = major, ["ETH"] = major, ["LTC"] = mid }, Provenance());
    }

    private static ParameterProvenance Provenance() => new(
        [
            new("OKX-PARAMS-2025-01-02", "OKX", "OKX will further adjust portfolio margin parameters (announcement)", "https://www.okx.com/help/okx-will-further-adjust-portfolio-margin-parameters",
                new DateOnly(2025, 1, 2), Read,
                "Read from the mirror okx-api.aperture.finance/help/okx-will-further-adjust-portfolio-margin-parameters. MR1 moves (BTC/ETH ±0/4/8/12 %, mid group ±0/6/12/18 %), MR6 (±24 % / ±36 %), MR4 annualised move risk (5 % / 15 % / 30 %), MR7 tiers before the change; effective 6 and 15 January 2025."),
            new("OKX-PM-RULES-2024-11-25", "OKX", "OKX will update margin calculation rules for the portfolio margin mode", "https://www.okx.com/help/okx-will-update-margin-calculation-rules-for-the-portfolio-margin-mode",
                new DateOnly(2024, 11, 25), Read, "Risk-unit merge: perpetuals, futures and options on one underlying (USDT, USDC and coin margined) and spot form one risk unit."),
            new("OKX-POSITION-BUILDER", "OKX", "POST /api/v5/account/position-builder (API reference, response example)", "https://www.okx.com/docs-v5/en/#trading-account-rest-api-position-builder-new",
                new DateOnly(2025, 1, 15), Read,
                "Example ts 1736936801642 (2025-01-15): BTC and LTC perpetual risk units with MR1 scenarios and MR1-MR9, MMR, IMR, derivatives and borrowing totals."),
            new("OKX-PM-HELP", "OKX", "Portfolio Margin mode: cross margin trading (help centre)", "https://support.okexcn.com/hc/en-us/articles/4411686631309-V-Portfolio-Margin-mode-cross-margin-trading", null, Read,
                "Undated copy. MMR per risk unit, summed in USD; IMR derived from MMR; MR1-MR7 names; the MR1 vol shock table starts '0 days: 30 points' (the rest of the table was not retrievable)."),
            new("OKX-MR7-2021", "OKX", "OKEx adjusts scaling factor logic in Portfolio Margin mode", "https://www.okx.com/support/hc/en-us/articles/4417291853837", new DateOnly(2021, 12, 1), Read,
                "Incremental tier scaling of MR7, with the example raw 30,000 USD -> 10,000 + 20,000 x 2 = 50,000 USD (pre-2025 tiers)."),
            new("OKX-MR7-SUMMARY", "scallope.com (third party)", "Summary of OKX's January 2025 portfolio margin parameters", "https://scallope.com/6757.html", null, Read,
                "The post-15-January-2025 MR7 tiers (0-250K x1, 250K-500K x2, 500K-1M x4, 1M-2M x6, 2M-3M x8, 3M-4M x10, 4M+ x12); OKX's own table was cut off in the copy read."),
        ],
        [
            new("units.*.spotShocks", ParameterStatus.Published, ["OKX-PARAMS-2025-01-02", "OKX-POSITION-BUILDER"], "Moves after 6 January 2025; the position-builder example's MR1 grids use exactly these moves."),
            new("units.*.extremeMove", ParameterStatus.Published, ["OKX-PARAMS-2025-01-02", "OKX-POSITION-BUILDER"], "±24 % BTC/ETH, ±36 % LTC group; the example's mr6FinalResult sits at +24 % / −36 %."),
            new("units.*.extremeFactor", ParameterStatus.Inferred, ["OKX-POSITION-BUILDER"], "MR6 = 0.5 × the worst extreme loss: both risk units of the example show exactly half."),
            new("units.*.volShocks", ParameterStatus.Inferred, ["OKX-PM-HELP"],
                "Only the table's first row ('0 days: 30 points') was retrievable; ±30 vol points at every expiry is used (conservative for long expiries). No published number with options tests it."),
            new("units.*.thetaDays", ParameterStatus.Inferred, [], "MR2 (time value) read as the loss of the book after one day at unchanged spot and vols; the example's MR2 is 0 (perpetuals only)."),
            new("units.*.basis", ParameterStatus.Inferred, ["OKX-POSITION-BUILDER", "OKX-PARAMS-2025-01-02"],
                "MR4 = Σ over expiry buckets (spot and perpetuals one bucket each, dated expiries their own, options in their expiry) of |net delta notional| × max(perp rate, annualised move risk × T). Perp rates 0.2 % (BTC/ETH) and 0.8 % (LTC) are the example's mr4/|delta|; the annualised move risk is published; the formula is not."),
            new("units.*.minimumCharge", ParameterStatus.Inferred, ["OKX-POSITION-BUILDER", "OKX-MR7-2021", "OKX-MR7-SUMMARY"],
                "MR7 raw = Σ |delta notional| × rate per position (0.45 % BTC/ETH, 0.7 % LTC from the example's mr7/|delta|), scaled by tiers incrementally (2021 example). Tier bounds from a third-party summary; LTC uses the BTC/ETH tiers (assumed)."),
            new("initialToMaintenance", ParameterStatus.Published, ["OKX-POSITION-BUILDER", "OKX-PM-HELP"], "IMR = 1.3 × MMR for each risk unit of the example (exact)."),
            new("stablecoinRate", ParameterStatus.Inferred, ["OKX-PARAMS-2025-01-02"],
                "MR9 = rate × hedged volume between USDT-, USDC- and USD-quoted deltas (order USDT-USD, USDT-USDC, USDC-USD, each min(|a|, |b|)); only the tier-1 rate 0.5 % is applied (the tier table was not retrievable)."),
            new("mr3mr5mr8", ParameterStatus.Assumed, [], "MR3 (vega term structure) and MR5 (interest rate) are not modelled (0); MR8 (borrowing) is account-level, outside a book's margin."),
        ]);
}
