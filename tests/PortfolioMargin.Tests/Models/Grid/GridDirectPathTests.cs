using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.Instruments;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Tests.RealTime;
using Xunit;
using static PortfolioMargin.Tests.Domain.TestMarket;

namespace PortfolioMargin.Tests.Models.Grid;

/// <summary>
/// The model margins straight from the revaluation engine's pooled buffers; <see cref="GridCalculator.Compute(string, Currency, IReadOnlyList{GridPosition}, GridParameters)"/>
/// over <see cref="ScenarioGridModel.Inputs"/> (one risk array per position) must give the same result, to the bit.
/// </summary>
public sealed class GridDirectPathTests
{
    private static readonly ScenarioGridModel Model = GridWhatIfTests.Model;

    private static bool Same(MarginResult a, MarginResult b) =>
        a.InitialMargin.Equals(b.InitialMargin) && a.MaintenanceMargin.Equals(b.MaintenanceMargin)
        && a.Contributions.SequenceEqual(b.Contributions)
        && a.BindingScenarios.Select(x => (x.Group, x.ScenarioId, x.Loss, string.Join(",", x.TiedScenarioIds)))
            .SequenceEqual(b.BindingScenarios.Select(x => (x.Group, x.ScenarioId, x.Loss, string.Join(",", x.TiedScenarioIds))))
        && a.Diagnostics.SequenceEqual(b.Diagnostics)
        && a.Breakdown.ToText() == b.Breakdown.ToText();

    private static (string, double, double, double, double, double, double, double, double, double, double, double, double, bool, bool, double, double, int) Figures(GridGroupResult g) =>
        (g.Group, g.ScanRisk, g.TimeRisk, g.PriceRisk, g.VolRisk, g.NetDelta, g.IntraCharge, g.InterCredit, g.ShortOptionMinimum, g.ShortOptionContingency,
            g.FuturesContingency, g.NetOptionValue, g.Binding?.Loss ?? 0, g.ShortOptionMinimumBinds, g.NetOptionValueFloored, g.Maintenance, g.Initial, g.IntraSpreads.Length);

    [Property(MaxTest = 150)]
    public Property Direct_margin_equals_the_calculator_over_per_position_risk_arrays() =>
        Prop.ForAll(GridWhatIfTests.Positions(0, 14).ToArbitrary(), book =>
        {
            ResolvedPortfolio r = ResolvedPortfolio.Resolve(new Portfolio(book), Snapshot());
            List<GridPosition> inputs = Model.Inputs(r);
            GridResult reference = GridCalculator.Compute(Model.Name, r.Market.ReportCurrency, inputs, Model.Parameters);
            GridResult detailed = Model.CalculateDetailed(r);
            (MarginResult withStandalone, System.Collections.Immutable.ImmutableArray<double> standalone) = Model.CalculateWithStandalone(r);
            bool losses = detailed.Groups.Length == reference.Groups.Length
                && detailed.Groups.Zip(reference.Groups).All(g => g.First.ScenarioLosses.SequenceEqual(g.Second.ScenarioLosses) && Figures(g.First) == Figures(g.Second));
            bool alone = inputs.All(p => standalone[p.Index].Equals(GridCalculator.StandaloneInitial(p, Model.Parameters.For(p.Group))));
            return Same(Model.Calculate(r), reference.Result) && Same(detailed.Result, reference.Result) && Same(withStandalone, reference.Result) && losses && alone;
        });

    [Property(MaxTest = 100)]
    public Property Delta_and_value_without_the_valuation_rows_equal_the_rows() =>
        Prop.ForAll(GridWhatIfTests.Positions(1, 10).ToArbitrary(), book =>
        {
            ResolvedPortfolio fresh = ResolvedPortfolio.Resolve(new Portfolio(book), Snapshot());
            var uncached = Enumerable.Range(0, fresh.Count).Select(i => PortfolioMargin.Pricing.PortfolioValuation.DeltaAndValue(fresh, i)).ToList();
            PortfolioMargin.Pricing.PortfolioValuation rows = PortfolioMargin.Pricing.PortfolioValuation.Of(fresh);
            var cached = Enumerable.Range(0, fresh.Count).Select(i => PortfolioMargin.Pricing.PortfolioValuation.DeltaAndValue(fresh, i)).ToList();
            return Enumerable.Range(0, fresh.Count).All(i => uncached[i] == (rows.Positions[i].Delta, rows.Positions[i].ValueInReport) && cached[i] == uncached[i]);
        });

    [Fact]
    public void Many_option_contracts_in_one_group_net_per_contract_for_the_short_option_minimum_and_contingency()
    {
        // 24 distinct BTC calls (more than the linear-search limit, so contracts are indexed by a dictionary), each held
        // as +1 and −3 in two rows, plus a third row of +2 for every fourth strike (which flattens that contract).
        var rows = new List<Position>();
        var net = new Dictionary<double, double>();
        for (int k = 0; k < 24; k++)
        {
            double strike = 50_000 + (1_000 * k);
            var call = new EuropeanOption(Btc, OptionRight.Call, strike, Mar);
            rows.Add(new Position(call, 1));
            rows.Add(new Position(new EuropeanOption(Btc, OptionRight.Call, strike, Mar), -3)); // equal instrument, separate object
            net[strike] = -2;
            if (k % 4 == 0)
            {
                rows.Add(new Position(call, 2));
                net[strike] = 0;
            }
        }

        GridResult r = Model.CalculateDetailed(ResolvedPortfolio.Resolve(new Portfolio(rows), Snapshot()));
        GridGroupResult btc = Assert.Single(r.Groups);
        double shortUnits = net.Values.Sum(v => Math.Max(0, -v)); // 18 contracts short 2 = 36
        Assert.Equal(36, shortUnits);
        Assert.Equal(300 * shortUnits, btc.ShortOptionMinimum, 1e-9);          // BTC SOM 300 per unit, calls only
        Assert.Equal(0.01 * shortUnits * Snapshot().Forward(Btc, Mar), btc.ShortOptionContingency, 1e-6 * btc.ShortOptionContingency);
        Assert.Equal(r.Result.MaintenanceMargin, r.Result.Contributions.Sum(c => c.Maintenance), 1e-9 * r.Result.MaintenanceMargin);
        // The same book through per-position risk arrays: identical.
        ResolvedPortfolio resolved = ResolvedPortfolio.Resolve(new Portfolio(rows), Snapshot());
        Assert.True(Same(r.Result, GridCalculator.Compute(Model.Name, Currency.Usd, Model.Inputs(resolved), Model.Parameters).Result));
    }
}
