using System.Collections.Immutable;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Models.Isolated;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using PortfolioMargin.Revaluation;
using PortfolioMargin.Scenarios;
using PortfolioMargin.Tests.Domain;
using Xunit;
using static PortfolioMargin.Tests.Domain.TestMarket;

namespace PortfolioMargin.Tests.Models.Grid;

public sealed class GridModelTests
{
    internal static readonly ScenarioSet Grid = TestGrids.Classic16(0.15, 0.10);

    internal static GridParameters Params(ScenarioSet? set = null, double som = 0, double contingency = 0, double futContingency = 0) =>
        new("test-grid-1", new Dictionary<string, GridGroupParameters>
        {
            ["BTC"] = new(set ?? Grid, 1.2, shortOptionMinimumPerUnit: som, shortOptionContingencyRate: contingency, offsettingFuturesContingencyRate: futContingency),
            ["ETH"] = new(set ?? Grid, 1.2, shortOptionMinimumPerUnit: som, shortOptionContingencyRate: contingency, offsettingFuturesContingencyRate: futContingency),
        });

    internal static Portfolio MixedBook() => new(
        new Position(new Future(Btc, Mar), 2),
        new Position(new Future(Btc, Jun, inverse: true, multiplier: 100), -900),
        new Position(new Perpetual(Btc, inverse: true, multiplier: 10), 500),
        new Position(new SpotInstrument(Btc), 0.7),
        new Position(new EuropeanOption(Btc, OptionRight.Call, 70_000, Mar, OptionSettlement.Inverse), -3),
        new Position(new EuropeanOption(Btc, OptionRight.Put, 50_000, Jun, OptionSettlement.Linear), 4),
        new Position(new Perpetual(Eth), -10),
        new Position(new EuropeanOption(Eth, OptionRight.Call, 3_500, Mar), 12),
        new Position(new EuropeanOption(Eth, OptionRight.Put, 2_800, Mar, OptionSettlement.Inverse), -8));

    /// <summary>Independent check: the engine's risk arrays equal a plain scalar revaluation written here.</summary>
    [Fact]
    public void Engine_risk_arrays_equal_a_straightforward_scalar_revaluation()
    {
        MarketSnapshot m = Snapshot();
        var resolved = ResolvedPortfolio.Resolve(MixedBook(), m);
        var shifted = new ScenarioSet("with look-ahead", Grid.Scenarios.Select(s => new Scenario(s.Id, s.Name, null, s.Default, s.Weight, timeShiftDays: 2)));
        foreach (ScenarioSet set in new[] { Grid, shifted })
        {
            RiskArrays arrays = RiskArrays.Compute(resolved, set);
            for (int i = 0; i < resolved.Count; i++)
            {
                Position p = resolved.Portfolio[i];
                for (int s = 0; s < set.Count; s++)
                {
                    double expected = ScalarPnl(p, set.Scenarios[s], m);
                    Assert.True(Math.Abs(expected - arrays[i, s]) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"{p} in {set.Scenarios[s].Id}: expected {expected:R}, engine {arrays[i, s]:R}");
                }
            }
        }
    }

    private static double ScalarPnl(Position p, Scenario s, MarketSnapshot m)
    {
        Instrument ins = p.Instrument;
        UnderlyingShock shock = s.ShockFor(ins.Underlying.Symbol);
        double qm = p.Quantity * ins.Multiplier;
        double usdPerCoin = m.Spot(ins.Underlying);
        switch (ins)
        {
            case SpotInstrument:
                return s.Weight * qm * m.Spot(ins.Underlying) * shock.PriceMove;
            case Perpetual perp:
                double s0 = m.Spot(ins.Underlying), s1 = s0 * (1 + shock.PriceMove);
                return s.Weight * (perp.Inverse ? qm * ((1 / s0) - (1 / s1)) * usdPerCoin : qm * (s1 - s0));
            case Future fut:
                double f0 = m.Forward(ins.Underlying, fut.ExpiryTime), f1 = f0 * (1 + shock.PriceMove);
                return s.Weight * (fut.Inverse ? qm * ((1 / f0) - (1 / f1)) * usdPerCoin : qm * (f1 - f0));
            case EuropeanOption o:
                double t0 = m.YearFraction(o.ExpiryTime), t1 = t0 - (s.TimeShiftDays / 365.0);
                double fw = m.Forward(ins.Underlying, o.ExpiryTime), fw1 = fw * (1 + shock.PriceMove);
                double vol = m.Volatility(o), vol1 = Math.Max(vol + shock.VolMoveFor(t0 * 365), 1e-4);
                double v0 = Black76.Price(o.Right, fw, o.Strike, t0, 0, vol), v1 = Black76.Price(o.Right, fw1, o.Strike, t1, 0, vol1);
                return s.Weight * (o.Settlement == OptionSettlement.Inverse ? qm * ((v1 / fw1) - (v0 / fw)) * usdPerCoin : qm * (v1 - v0));
            default:
                throw new InvalidOperationException(ins.ToString());
        }
    }

    [Fact]
    public void Model_margins_each_underlying_as_a_risk_group_with_a_binding_scenario()
    {
        var model = new ScenarioGridModel(Params());
        GridResult r = model.CalculateDetailed(ResolvedPortfolio.Resolve(MixedBook(), Snapshot()));
        Assert.Equal(["BTC", "ETH"], r.Groups.Select(g => g.Group));
        Assert.All(r.Groups, g => Assert.NotNull(g.Binding));
        Assert.Equal(r.Groups.Sum(g => g.Maintenance), r.Result.MaintenanceMargin, 1e-9);
        Assert.Equal(1.2 * r.Result.MaintenanceMargin, r.Result.InitialMargin, 1e-6);
        Assert.Equal(r.Result.InitialMargin, r.Result.Contributions.Sum(c => c.Initial), 1e-6);
        Assert.Equal("Scenario grid (test-grid-1)", r.Result.Model);
    }

    [Fact]
    public void Fast_standalone_margins_equal_margining_each_position_alone()
    {
        var model = new ScenarioGridModel(Params(som: 500, contingency: 0.01));
        var resolved = ResolvedPortfolio.Resolve(MixedBook(), Snapshot());
        ImmutableArray<double> fast = model.CalculateWithStandalone(resolved).StandaloneInitial;
        MarginResult slow = new StandaloneMarginModel(model).Calculate(resolved);
        for (int i = 0; i < resolved.Count; i++)
        {
            Assert.Equal(slow.Contributions[i].Initial, fast[i], 1e-6);
        }

        EfficiencyReport report = EfficiencyReport.Compute(model, resolved);
        Assert.Equal(slow.InitialMargin, report.Total.StandaloneSum, 1e-6);
        Assert.InRange(report.Total.Efficiency, 0, 1);
        Assert.Equal(report.Total.StandaloneSum - report.Total.PortfolioMargin, report.Total.CapitalFreed, 1e-9);
    }

    [Fact]
    public void A_scenario_for_an_unknown_underlying_is_rejected()
    {
        var bad = new ScenarioSet("bad", [new Scenario("X1", "doge crash", new Dictionary<string, UnderlyingShock> { ["DOGE"] = new(-0.5) }, new UnderlyingShock(0))]);
        var ex = Assert.Throws<ArgumentException>(() => new ScenarioGridModel(Params(bad)).Calculate(MixedBook(), Snapshot()));
        Assert.Contains("'DOGE'", ex.Message, StringComparison.Ordinal);

        var noDefault = new ScenarioSet("eth only", [new Scenario("E1", "eth", new Dictionary<string, UnderlyingShock> { ["ETH"] = new(-0.5) }, null)]);
        ex = Assert.Throws<ArgumentException>(() => new ScenarioGridModel(Params(noDefault)).Calculate(MixedBook(), Snapshot()));
        Assert.Contains("no shock for underlying 'BTC'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_set_missing_for_a_group_is_rejected()
    {
        var onlyBtc = new GridParameters("v1", new Dictionary<string, GridGroupParameters> { ["BTC"] = new(Grid) });
        var ex = Assert.Throws<KeyNotFoundException>(() => new ScenarioGridModel(onlyBtc).Calculate(MixedBook(), Snapshot()));
        Assert.Contains("'ETH'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_rates_and_nan_shocks_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridGroupParameters(Grid, shortOptionMinimumPerUnit: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridGroupParameters(Grid, initialToMaintenance: 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UnderlyingShock(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UnderlyingShock(0.1, double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UnderlyingShock(-1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsolatedModel(new IsolatedRates(-0.1, 0.15, 0.1, 0.5)));
        Assert.Throws<ArgumentException>(() => new GridParameters("v", new Dictionary<string, GridGroupParameters> { ["BTC"] = new(Grid) },
            [new InterGroupSpread(1, 1.5, [new InterSpreadLeg("BTC", 1, SpreadSide.A), new InterSpreadLeg("BTC", 1, SpreadSide.B)])]));
    }

    [Fact]
    public void Empty_portfolio_margins_to_zero()
    {
        MarginResult r = new ScenarioGridModel(Params()).Calculate(Portfolio.Empty, Snapshot());
        Assert.Equal(0, r.InitialMargin);
        Assert.Empty(r.Contributions);
    }

    [Fact]
    public void Vol_floor_is_applied_to_shocked_vols()
    {
        // A relative vol-down of −100 % would give zero vol: the engine floors at 0.01 vol point instead (never NaN).
        var crush = new ScenarioSet("crush", [Scenario.Uniform("V0", "vol crush", new UnderlyingShock(0, -1.0, VolMoveKind.Relative))]);
        var book = new Portfolio(new Position(new EuropeanOption(Btc, OptionRight.Call, 61_000, Mar), 1));
        RiskArrays arrays = RiskArrays.Compute(ResolvedPortfolio.Resolve(book, Snapshot()), crush);
        Assert.Equal(1, arrays.VolFloorHits);
        Assert.True(double.IsFinite(arrays[0, 0]) && arrays[0, 0] < 0);
    }
}
