namespace PortfolioMargin.Models.Bybit;

/// <summary>Builds <see cref="BybitParameters.Default"/> and its provenance.</summary>
internal static class BybitDefaults
{
    private static readonly DateOnly Read = new(2026, 12, 6);

    public static BybitParameters Create()
    {
        var unit = new BybitUnitParameters(0.10, 11, 0.30, 0.30, 0.01, 0.0003, 0.05, 0.002, 0.005, 1.1);
        return new BybitParameters("BYBIT-PM (2025-01)", new Dictionary<string, BybitUnitParameters> { ["BTC"] = unit, ["ETH"] = unit }, Provenance());
    }

    private static ParameterProvenance Provenance() => new(
        [
            new("BYBIT-PM-MARGIN", "Bybit", "Margin Calculations under Portfolio Margin (Unified Trading Account)", "https://www.bybitglobal.com/en/help-center/article/Introduction-to-Portfolio-Margin",
                new DateOnly(2024, 9, 4), Read,
                "MM = maximum loss of a stress test on mark price and implied vol + contingency components; IM = MM x IM factor; borrowing as in cross margin; the spot-hedging switch puts spot in the stress test."),
            new("BYBIT-PM-2025", "Bybit Learn", "Bybit Portfolio Margin Model: Risk Parameter Adjustment in 2025", "https://learn.bybitglobal.com/en/trading/bybit-portfolio-margin-risk-parameter-adjustment",
                new DateOnly(2025, 2, 10), Read, "BTC and ETH underlying price stress range ±15 % -> ±10 % from 10 January 2025; the new IV stress factor was not in the copy read."),
            new("BYBIT-SPREAD-EXAMPLE", "Bybit", "Comparison of Spread Strategies in Cross Margin and Portfolio Margin", "https://www.bybit.com/en/help-center/article/Comparison-of-Spread-Strategies-in-Cross-Margin-and-Portfolio-Margin",
                new DateOnly(2024, 10, 23), Read,
                "Bear put spread (BTC 20,250; −1 × 18,500 P at 290, +1 × 20,000 P at 750): 33 preset scenarios, maximum loss 434.65 USDT, contingency 0, position MM 434.65, IM truncated to '4…' in the copy. The risk parameters and P&L grid are images, not retrievable."),
            new("BYBIT-PM-SUMMARY", "scallope.com (third party)", "Bybit portfolio margin explained", "https://scallope.com/9990.html", null, Read,
                "Contingency list: short options (net short nominal x coefficient x index), vega spread (days difference x vega hedge qty x factor x index; BTC/ETH 0.03 %), USDT-USDC spread, delta spread, perpetual/futures (sum |qty| x risk factor x index)."),
            new("BYBIT-INVERSE-2024", "TradersUnion (third party)", "Bybit enhances margin calculation formula", "https://tradersunion.com/news/cryptocurrency-news/show/8637-bybit-enhances-margin-calculation", null, Read,
                "Inverse perpetuals and futures enter the stress test and the USDT-USDC and delta-spread contingencies."),
        ],
        [
            new("units.*.priceRange", ParameterStatus.Published, ["BYBIT-PM-2025"], "±10 % for BTC and ETH since 10 January 2025."),
            new("units.*.pricePoints", ParameterStatus.Inferred, ["BYBIT-SPREAD-EXAMPLE"], "33 preset scenarios = 11 equidistant price points × IV up / unchanged / down."),
            new("units.*.volShocks", ParameterStatus.Assumed, ["BYBIT-PM-SUMMARY"], "Relative IV shocks ±30 % at every expiry (a third-party summary says 'typically ±20-50 %'); Bybit's values were not retrievable."),
            new("units.*.shortOptionRate", ParameterStatus.Assumed, ["BYBIT-PM-SUMMARY"], "1 % of the index per net short option unit (formula from the summary; the coefficient is not published). The spread example's contingency 0 (no net short) is reproduced."),
            new("units.*.vegaSpreadRatePerDay", ParameterStatus.Inferred, ["BYBIT-PM-SUMMARY"], "0.03 % per day per hedged option unit across expiries (BTC/ETH value from the summary); hedged units pair opposite net option units of different expiries, nearest first."),
            new("units.*.deltaSpreadRatePerYear", ParameterStatus.Assumed, ["BYBIT-PM-SUMMARY", "BYBIT-INVERSE-2024"], "5 % per year of expiry difference per hedged delta unit between futures/perpetual expiries (formula shape from the summary; rate not published)."),
            new("units.*.futuresRate", ParameterStatus.Assumed, ["BYBIT-PM-SUMMARY"], "0.2 % of the index per unit of |quantity| of perpetuals and futures (formula from the summary; rate not published)."),
            new("units.*.stablecoinSpreadRate", ParameterStatus.Assumed, ["BYBIT-PM-SUMMARY"], "0.5 % of the hedged volume between USDT- and USDC-quoted delta notionals of one base asset."),
            new("units.*.initialFactor", ParameterStatus.Inferred, ["BYBIT-SPREAD-EXAMPLE"],
                "1.1: the spread example's IM is printed as '4…' with MM 434.65, so the factor lies in [0.92, 1.15); 1.1 is the value inside that range used here."),
            new("products", ParameterStatus.Assumed, [], "Bybit lists USDT/USDC linear and inverse perpetuals and futures and USDC options; an inverse option is margined as its linear equivalent."),
        ]);
}
