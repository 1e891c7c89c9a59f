using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using PortfolioMargin.Revaluation;
using Xunit;

namespace PortfolioMargin.Tests.Revaluation;

/// <summary>
/// <see cref="RiskGroup.RevalueWithVols"/> (the venue models' revaluation with caller-given shocked vols) against a
/// scalar twin per position (<see cref="Black76.Price"/> and the closed-form delta-one P&amp;L) for groups of 0…256
/// linear and inverse options plus delta-one legs; re-run by CI on every SIMD width.
/// </summary>
[Trait("Category", "Kernel")]
public sealed class RiskGroupExplicitVolsTests
{
    private static readonly Underlying Btc = new("BTC", Currency.Btc, Currency.Usd);
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Explicit_vol_revaluation_matches_the_scalar_twin_on_every_option_count_0_to_256()
    {
        var rnd = new Random(11);
        DateTimeOffset[] expiries = [Now.AddDays(3), Now.AddDays(40), Now.AddDays(200)];
        var market = new MarketSnapshot(Now, Currency.Usd).WithSpot(Btc, 60_000).WithRate(Currency.Usd, 0.03)
            .WithForward(Btc, expiries[0], 60_100).WithForward(Btc, expiries[1], 60_800).WithForward(Btc, expiries[2], 63_000)
            .WithVolSurface(Btc, VolSurface.TermStructure([new(expiries[0], 0.7), new(expiries[1], 0.6), new(expiries[2], 0.55)]));
        var options = Enumerable.Range(0, 256).Select(k => new Position(new EuropeanOption(Btc, k % 3 == 0 ? OptionRight.Put : OptionRight.Call,
            40_000 + (k * 150), expiries[k % 3], k % 2 == 0 ? OptionSettlement.Linear : OptionSettlement.Inverse), (k % 5) - 2.5)).ToArray();
        Position[] deltaOne = [new(new Perpetual(Btc), 3), new(new Future(Btc, expiries[1], inverse: true, multiplier: 10), -400), new(new SpotInstrument(Btc), 1)];
        for (int n = 0; n <= 256; n++)
        {
            var r = ResolvedPortfolio.Resolve(new Portfolio([.. options.Take(n), .. deltaOne]), market);
            var g = new RiskGroup(r, 0);
            double move = (rnd.NextDouble() - 0.5) * 0.6;
            double[] vols = [.. Enumerable.Range(0, g.Options).Select(j => g.Vol[j] * (0.5 + rnd.NextDouble()))];
            var pnl = new double[g.Count];
            g.RevalueWithVols(move, vols, pnl, new double[Math.Max(1, g.ScratchLength)]);
            for (int j = 0; j < g.Count; j++)
            {
                int i = g.Positions[j];
                double expected = Twin(r, i, move, j < g.Options ? vols[j] : 0);
                Assert.True(Math.Abs(pnl[j] - expected) <= 1e-10 * (1 + Math.Abs(r.Quantity[i] * r.Multiplier[i]) * 60_000), $"n={n}, position {i}: kernel {pnl[j]:R}, twin {expected:R}");
            }
        }
    }

    private static double Twin(ResolvedPortfolio r, int i, double move, double vol)
    {
        double q = r.Quantity[i] * r.Multiplier[i], f = r.Price[i], shocked = f * (1 + move);
        switch (r.Kind[i])
        {
            case InstrumentKind.LinearOption or InstrumentKind.InverseOption:
                var right = r.Omega[i] > 0 ? OptionRight.Call : OptionRight.Put;
                double v0 = Black76.Price(right, f, r.Strike[i], r.Time[i], r.Rate[i], r.Vol[i]);
                double v1 = Black76.Price(right, shocked, r.Strike[i], r.Time[i], r.Rate[i], Math.Max(vol, RiskGroup.VolFloor));
                return r.Kind[i] == InstrumentKind.LinearOption ? q * (v1 - v0) : q * r.SettlementToReport[i] * ((v1 / shocked) - (v0 / f));
            case InstrumentKind.InverseFuture or InstrumentKind.InversePerpetual:
                return FuturePnl.Inverse(r.Quantity[i], r.Multiplier[i], f, shocked) * r.SettlementToReport[i];
            default:
                return q * (shocked - f);
        }
    }
}
