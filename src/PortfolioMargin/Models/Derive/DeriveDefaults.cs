namespace PortfolioMargin.Models.Derive;

/// <summary>Builds <see cref="DeriveParameters.Default"/> and its provenance.</summary>
internal static class DeriveDefaults
{
    private static readonly DateOnly Read = new(2026, 12, 6);

    public static DeriveParameters Create()
    {
        var scenarios = new List<DeriveScenario> { new(1.18, DeriveVolShock.Up, 1) };
        foreach (double s in new[] { 1.135, 1.09, 1.045, 1.0, 0.955, 0.91, 0.865 })
        {
            scenarios.Add(new(s, DeriveVolShock.Down, 1));
            scenarios.Add(new(s, DeriveVolShock.None, 1));
            scenarios.Add(new(s, DeriveVolShock.Up, 1));
        }

        scenarios.Add(new(0.8200000000000001, DeriveVolShock.Up, 1));
        scenarios.Add(new(0.33999999999999997, DeriveVolShock.Up, 0.054545454545454536, Tail: true));
        scenarios.Add(new(0.6699999999999999, DeriveVolShock.Up, 0.10909090909090907, Tail: true));
        scenarios.Add(new(1.5, DeriveVolShock.Up, 0.072, Tail: true));
        scenarios.Add(new(2.0, DeriveVolShock.Up, 0.036, Tail: true));
        scenarios.Add(new(3.0, DeriveVolShock.Up, 0.018, Tail: true));
        scenarios.Add(new(4.0, DeriveVolShock.Up, 0.011999999999999999, Tail: true));
        scenarios.Add(new(1, DeriveVolShock.Linear, 1));
        scenarios.Add(new(1, DeriveVolShock.Abs, 1));
        return new DeriveParameters("DERIVE-PM2 (v2-core vectors)", 0.8, 1.0, scenarios,
            new DeriveVolShockParameters(0.5, 0.275, 0.3, 0.13, 1.0, 0.45),
            new DeriveDiscountParameters(1, 0.08, 0.95, 0.5, 0.08, 1.04),
            new DeriveBasisParameters(1.045, 0.955, 0.5, 2.0),
            new DeriveContingencyParameters(0.015, 0.005000000000000001, 0.003, 0.002, 0.02, 0.009999999999999998, 0.98, 2.0),
            new DeriveSkewParameters(0.15, -0.05, 0.15, -0.05, 0.01, 4.0, 0.6, -0.1),
            Provenance());
    }

    private static ParameterProvenance Provenance() => new(
        [
            new("DERIVE-PM2-DOCS", "Derive", "PM2 (portfolio margin engine notes)", "https://docs.derive.xyz/docs/pm2", null, Read,
                "Read from the public mirror github.com/codetodamoon/binance_deribit_derive_docs derive/pm2.md (commit b8dd585); undated. Method: margin = MtM + factor·maxLoss + contingencies, 23 regular scenarios, tail and skew scenarios, static discounting, forward contingency, worked example."),
            new("DERIVE-PM-PARAMS-LEGACY", "Derive", "[Legacy] Portfolio Margin Parameters", "https://docs.derive.xyz/docs/portfolio-margin-parameters-1", null, Read,
                "Mirror derive/portfolio-margin-parameters-1.md (commit b8dd585); undated. Scenario table (23 regular scenarios) and PM1-era values (IM factor 1.25, perp 3 %, option 1.5 %)."),
            new("DERIVE-PM-PARAMS", "Derive", "Portfolio Margin Parameters", "https://docs.derive.xyz/untitled-page-3.md", null, Read,
                "Current parameter page (v3 docs); only its opening (account details, scenario table header) was retrievable."),
            new("DERIVE-V2CORE-VECTORS", "Derive (derivexyz/v2-core)", "PM2 portfolio cases test/risk-managers/unit-tests/PMRM_2/portfolio_cases/*.json",
                "https://github.com/derivexyz/v2-core/tree/4e0ee6c5a7e0203651e083f9a494fb26915a4801/test/risk-managers/unit-tests/PMRM_2/portfolio_cases", null, Read,
                "About 140 machine-readable cases with inputs, parameters and every intermediate result; repository under the Business Source License: read, not copied. Commit 4e0ee6c5a7e0203651e083f9a494fb26915a4801."),
            new("DERIVE-V2CORE-LIB", "Derive (derivexyz/v2-core)", "src/risk-managers/PMRMLib_2.sol", "https://github.com/derivexyz/v2-core/blob/1d0d7d9d2fd213f5256f5e58e78cc5b40676eb8c/src/risk-managers/PMRMLib_2.sol", null, Read,
                "Read to settle details the docs leave open (order of ties, the forward contingency as the starting minimum, static discount on every scenario, naked-short netting per strike); not copied (BUSL-1.1)."),
        ],
        [
            new("scenarios", ParameterStatus.Published, ["DERIVE-PM2-DOCS", "DERIVE-PM-PARAMS-LEGACY", "DERIVE-V2CORE-VECTORS"],
                "23 regular scenarios (±18 % in 4.5 % steps; vol up/none/down inside ±13.5 %, up only at ±18 %), tail moves −66 %, −33 %, +50 %, +100 %, +200 %, +300 % with vol up and dampening 0.2·0.18/|m| (values as in the vectors), skew scenarios LINEAR and ABS."),
            new("volShock", ParameterStatus.Published, ["DERIVE-PM2-DOCS", "DERIVE-V2CORE-VECTORS"],
                "1 + 0.5·((30/365)/max(1/365, T))^p up, 1 − 0.275·(…)^p down, p = 0.3 within 30 days else 0.13 (docs and vectors agree); minVolUpShock 0.45 from the vectors (MIN_VOL_EVAL_SHOCKED), not in the docs."),
            new("lossFactors", ParameterStatus.Published, ["DERIVE-V2CORE-VECTORS", "DERIVE-PM2-DOCS"],
                "MM 0.8, IM 1.0 (vectors; the docs' introduction says 0.8 / 1.0; the legacy page's IM factor 1.25 is PM1)."),
            new("discount", ParameterStatus.Published, ["DERIVE-V2CORE-VECTORS"],
                "Vectors: positive value 0.95·exp(−τ(r + 0.08)), negative value min(1/exp(−rτ), 1.04/exp(−τ(0.5r + 0.08))). The docs' text lists STATIC_SCALE 0.98 and RATE_PARAM 0 / 0.10; its worked example uses 0.5·r + 0.08. The vectors' values are used."),
            new("basis", ParameterStatus.Published, ["DERIVE-PM2-DOCS", "DERIVE-V2CORE-VECTORS"], "Spot ±4.5 %, vols unchanged, factor 0.5 + 2.0·τ (docs and vectors agree)."),
            new("contingency", ParameterStatus.Published, ["DERIVE-V2CORE-VECTORS"],
                "Perp 1.5 % MM + 0.5 % IM add-on, naked short option 0.3 % MM + 0.2 % IM add-on, base asset haircut 2 % MM + 1 % IM add-on (test_13 BTC collateral), peg-loss threshold 0.98 and factor 2. The docs' text gives perp 3 %/4 % and option 0.5 % (older values)."),
            new("skew", ParameterStatus.Published, ["DERIVE-V2CORE-VECTORS", "DERIVE-PM2-DOCS"],
                "Caps 0.15 − 0.05·√τ, k* = max(0.01, 4·√τ·(0.6 − 0.1·√τ)). The docs' text lists cap 0.25 and vol scale 0 (older values)."),
            new("oracleContingency", ParameterStatus.Assumed, ["DERIVE-PM2-DOCS"],
                "Not modelled: it needs feed confidences a market snapshot does not carry (always 0 here, as for confident feeds)."),
            new("products", ParameterStatus.Assumed, ["DERIVE-PM2-DOCS"],
                "Derive lists USDC-settled options and perpetuals and holds the base asset as risk-cancelling collateral. Inverse products are margined as their linear equivalents; a dated linear future is treated as a perpetual marked at its forward (own contingency per leg). Each underlying is margined as its own PM2 subaccount (PM2 has no cross-asset margin)."),
            new("rates", ParameterStatus.Assumed, ["DERIVE-V2CORE-LIB"],
                "The contract floors an expiry's rate at 0; here the snapshot's rate is used as given (equal for rates >= 0)."),
        ]);
}
