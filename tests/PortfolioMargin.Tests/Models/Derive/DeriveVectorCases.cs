namespace PortfolioMargin.Tests.Models.Derive;

/// <summary>
/// Transcribed facts of Derive's PM2 test vectors (file names in derivexyz/v2-core
/// test/risk-managers/unit-tests/PMRM_2/portfolio_cases/, commit 4e0ee6c5a7e0203651e083f9a494fb26915a4801): inputs and
/// published results only. Every case uses the vectors' common parameter set (<c>DeriveParameters.Default</c>) unless
/// it says otherwise; seconds to expiry 794,852 unless stated.
/// </summary>
internal static class DeriveVectorCases
{
    private const long Week = 794_852;

    public static readonly DeriveVector OtmCallSpread = new("test_18_structures_OTM_call_spread.json", 2681.6029850999994,
        [new(Week, 2682.9997436016715, 0.15000000000000002, [new(4000, true, 0.8795543651099665, -1), new(4200, true, 0.8833255402190362, 1)])])
    {
        WorstRegular = -22.15596034331399, WorstTail = -6.016806447312971, WorstSkew = -0.42564850725437114, ForwardContingency = -0.18719471531829726,
        PortfolioMtm = -0.1944703408568294, Mm = -25.96404757080802, Im = -35.75844560967082,
    };

    public static readonly DeriveVector BasicPerp = new("test_29_perps_basic_perp.json", 3000.0, [])
    {
        PerpAmount = 1, PerpPrice = 3100, OutsideMtm = 10,
        WorstRegular = -557.9999999999995, WorstTail = -111.59999999999998, WorstSkew = 0, ForwardContingency = 0,
        PortfolioMtm = 10.0, Mm = -481.39999999999964, Im = -607.9999999999995,
    };

    public static readonly DeriveVector BtcCoveredCall = new("test_13_risk_cancelling_btc_covered_call.json", 95663.50604855,
        [new(Week, 95776.67392708939, 0.15000000000000002, [new(100000, true, 0.453803924321583, -2)])])
    {
        BaseCollateral = 1,
        WorstRegular = -15050.749373322431, WorstTail = -3322.8576989926974, WorstSkew = -86.86790519006036, ForwardContingency = -1894.419609860217,
        PortfolioMtm = 93272.41153721785, Mm = 78744.92602874589, Im = 74395.66964312586,
    };

    public static IEnumerable<DeriveVector> All => [OtmCallSpread, BasicPerp, BtcCoveredCall];
}
