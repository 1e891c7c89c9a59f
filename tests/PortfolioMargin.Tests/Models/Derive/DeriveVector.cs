using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.Derive;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Tests.Models.Derive;

/// <summary>An option of a Derive test vector: strike, call/put, mark vol, amount (units).</summary>
internal readonly record struct VectorOption(double Strike, bool Call, double MarkVol, double Amount);

/// <summary>An option expiry of a Derive test vector: seconds to expiry, forward, rate and its options.</summary>
internal sealed record VectorExpiry(long Seconds, double Forward, double Rate, VectorOption[] Options);

/// <summary>
/// The facts of one case of Derive's public PM2 test vectors (derivexyz/v2-core,
/// test/risk-managers/unit-tests/PMRM_2/portfolio_cases, commit 4e0ee6c5; the repository is under the Business Source
/// License, so the cases are transcribed as inputs and published results, not copied): the scenario inputs and the
/// results this library reproduces. Derive's signs: losses and margins are negative when they cost.
/// </summary>
internal sealed record DeriveVector(string File, double Spot, VectorExpiry[] Expiries)
{
    /// <summary>Valuation instant: 2025-02-19 03:12:28 UTC (expiry 1740729600 minus the vectors' 794,852 s).</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1740729600 - 794852);

    public static readonly Underlying Eth = new("ETH", Currency.Eth, Currency.Usd);

    public double PerpAmount { get; init; }

    /// <summary>Perp mark price (0 = no perpetual). When it differs from the spot the perp is a dated linear future at that price.</summary>
    public double PerpPrice { get; init; }

    public double BaseCollateral { get; init; }

    public double StablePrice { get; init; } = 1.00019088635;

    /// <summary>Cash plus unrealised perp P&amp;L and funding: in Derive's mark-to-market, not in this library's positions.</summary>
    public double OutsideMtm { get; init; }

    public DeriveParameters Parameters { get; init; } = DeriveParameters.Default;

    /// <summary>Published oracle contingency (IM only; this library does not model feed confidences).</summary>
    public double OracleContingency { get; init; }

    public required double WorstRegular { get; init; }

    public required double WorstTail { get; init; }

    public required double WorstSkew { get; init; }

    /// <summary>Published forward contingency; null where the vector's printed value disagrees with the contract's rule (see the case).</summary>
    public required double? ForwardContingency { get; init; }

    public required double PortfolioMtm { get; init; }

    public required double Mm { get; init; }

    public required double Im { get; init; }

    public (Portfolio Book, MarketSnapshot Market) Build()
    {
        var market = new MarketSnapshot(Now, Currency.Usd).WithSpot(Eth, Spot).WithRate(Currency.Usd, Expiries.Length > 0 ? Expiries[0].Rate : 0);
        var positions = new List<Position>();
        var smiles = new List<(DateTimeOffset, IReadOnlyList<double>, IReadOnlyList<double>)>();
        foreach (VectorExpiry e in Expiries)
        {
            DateTimeOffset expiry = Now.AddSeconds(e.Seconds);
            market = market.WithForward(Eth, expiry, e.Forward);
            var sorted = e.Options.OrderBy(o => o.Strike).GroupBy(o => o.Strike).Select(g => g.First()).ToArray();
            smiles.Add((expiry, sorted.Select(o => o.Strike).ToArray(), sorted.Select(o => o.MarkVol).ToArray()));
            positions.AddRange(e.Options.Select(o => new Position(new EuropeanOption(Eth, o.Call ? OptionRight.Call : OptionRight.Put, o.Strike, expiry), o.Amount)));
        }

        if (smiles.Count > 0)
        {
            market = market.WithVolSurface(Eth, VolSurface.Smile(smiles));
        }

        if (PerpAmount != 0)
        {
            if (PerpPrice == Spot)
            {
                positions.Add(new Position(new Perpetual(Eth), PerpAmount));
            }
            else
            {
                DateTimeOffset perpExpiry = Now.AddDays(1);
                market = market.WithForward(Eth, perpExpiry, PerpPrice);
                positions.Add(new Position(new Future(Eth, perpExpiry, name: "ETH-PERP@mark"), PerpAmount));
            }
        }

        if (BaseCollateral != 0)
        {
            positions.Add(new Position(new SpotInstrument(Eth), BaseCollateral));
        }

        return (new Portfolio(positions), market);
    }
}
