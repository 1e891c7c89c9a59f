using PortfolioMargin.Models.Grid;
using PortfolioMargin.Models;
using PortfolioMargin.Scenarios;

namespace FuturesExchange;

/// <summary>
/// Exchange-style grid parameters for the book: a classic 16-scenario risk array per product group, expiry tiers
/// with calendar-spread charges, an ES/NQ inter-group credit and a short option minimum. The structure follows CME
/// SPAN (docs/grid-model.md); every number is illustrative, not a published exchange parameter.
/// </summary>
internal static class ExchangeParameters
{
    public static GridParameters Create()
    {
        // Tiers by days to expiry: front (< 60 days), second (60–150), back (150+).
        ExpiryTier[] quarterlyTiers = [new(1, 0, 60), new(2, 60, 150), new(3, 150, 400)];
        ExpiryTier[] crudeTiers = [new(1, 0, 90), new(2, 90, 400)];

        var es = new GridGroupParameters(
            new Classic16Parameters(priceScanRange: 0.07, volScanRange: 0.04).Build("ES classic 16: price ±7 %, vol ±4 pts"),
            initialToMaintenance: 1.1,
            intraTiers: quarterlyTiers,
            intraSpreads:
            [
                // One spread = one contract (50 index units of delta) on each side.
                new IntraSpreadRule(Priority: 1, TierA: 1, TierB: 2, DeltaPerSpreadA: 50, DeltaPerSpreadB: 50, ChargePerSpread: 150),
                new IntraSpreadRule(Priority: 2, TierA: 2, TierB: 3, DeltaPerSpreadA: 50, DeltaPerSpreadB: 50, ChargePerSpread: 200),
                new IntraSpreadRule(Priority: 3, TierA: 1, TierB: 3, DeltaPerSpreadA: 50, DeltaPerSpreadB: 50, ChargePerSpread: 250),
            ],
            shortOptionMinimumPerUnit: 6);   // $300 per short ES option (50 units)
        var nq = new GridGroupParameters(
            new Classic16Parameters(priceScanRange: 0.08, volScanRange: 0.05).Build("NQ classic 16: price ±8 %, vol ±5 pts"),
            initialToMaintenance: 1.1,
            intraTiers: quarterlyTiers,
            intraSpreads: [new IntraSpreadRule(1, 1, 2, 20, 20, 120)],
            shortOptionMinimumPerUnit: 12);
        var cl = new GridGroupParameters(
            new Classic16Parameters(priceScanRange: 0.12, volScanRange: 0.08).Build("CL classic 16: price ±12 %, vol ±8 pts"),
            initialToMaintenance: 1.1,
            intraTiers: crudeTiers,
            intraSpreads: [new IntraSpreadRule(1, 1, 2, 1_000, 1_000, 400)],
            shortOptionMinimumPerUnit: 0.5);  // $500 per short CL option (1,000 barrels)

        // ES vs NQ: 3 ES (150 units) against 2 NQ (40 units) on opposite sides, 50 % credit of each leg's price risk.
        var esNq = new InterGroupSpread(Priority: 1, CreditRate: 0.50,
        [
            new InterSpreadLeg("ES", DeltaPerSpread: 150, SpreadSide.A),
            new InterSpreadLeg("NQ", DeltaPerSpread: 40, SpreadSide.B),
        ]);

        return new GridParameters("SAMPLE-EXCHANGE-2026-11",
            new Dictionary<string, GridGroupParameters>(StringComparer.Ordinal) { ["ES"] = es, ["NQ"] = nq, ["CL"] = cl },
            [esNq]);
    }
}
