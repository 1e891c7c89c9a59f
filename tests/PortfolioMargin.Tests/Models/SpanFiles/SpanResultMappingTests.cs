using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.SpanFiles;
using PortfolioMargin.Serialization;
using Xunit;
using static PortfolioMargin.Tests.Models.SpanFiles.SpanFixtures;

namespace PortfolioMargin.Tests.Models.SpanFiles;

/// <summary>The mapping of <see cref="SpanTestResult"/> to the common <see cref="MarginResult"/> and <see cref="EfficiencyReport"/>.</summary>
public sealed class SpanResultMappingTests
{
    private static readonly SpanTestOptions WithRates = new() { InitialRateId = 2 };

    private static SpanTestPosition Fut(string cc, string pf, string pe, double q) => SpanTestPosition.ByKey(new SpanContractKey(cc, pf, pe), q);

    private static SpanTestPosition Id(int pf, int cid, double q) => SpanTestPosition.ById(new SpanContractId("X", pf, cid), q);

    private static SpanRiskParameters CalendarWithSpread() => SpanFile.Parse(Calendar(
        "<adjRate><r>2</r><baseR>1</baseR><val>1.1</val></adjRate>" + Spread(1, 150, "F", PLeg("ES", "202403", 'A'), PLeg("ES", "202406", 'B'))));

    /// <summary>Initial = 1.2 × maintenance (rate id 2 on base 1).</summary>
    private const string AdjRate = "<adjRate><r>2</r><baseR>1</baseR><val>1.2</val></adjRate>";

    private static SpanRiskParameters McMillanSom() => SpanFile.Parse(McMillan(AdjRate + Tiers("somTiers", (1, "202401", "202412", 50000))));

    /// <summary>The fixtures of the calculator tests: McMillan grid (NOV, floor, ties), calendar spread (no scan risk),
    /// the property-test book (SOM, spot, inter credit, adjRate).</summary>
    public static TheoryData<string> Cases => ["mcmillan-short-future-long-call", "mcmillan-long-future-tie", "mcmillan-long-call-floor", "mcmillan-short-call-som", "calendar", "book-inter-som"];

    private static (SpanRiskParameters File, SpanTestPosition[] Positions) Case(string name) => name switch
    {
        "mcmillan-short-future-long-call" => (SpanFile.Parse(McMillan(AdjRate)), [Id(1, 1, -1), Id(2, 2, 1)]),
        "mcmillan-long-future-tie" => (SpanFile.Parse(McMillan(AdjRate)), [Id(1, 1, 1)]),
        "mcmillan-long-call-floor" => (SpanFile.Parse(McMillan(AdjRate)), [Id(2, 2, 1), Id(1, 1, 0.25)]),
        "mcmillan-short-call-som" => (McMillanSom(), [Id(2, 2, -1), Id(1, 1, 0.5)]),
        "calendar" => (CalendarWithSpread(), [Fut("ES", "ES", "202403", 2), Fut("ES", "ES", "202406", -2), Fut("ES", "ES", "202409", 1)]),
        "book-inter-som" => (SpanPropertyTests.Book, [Id(1, 1, 3), Id(1, 2, -1), Id(3, 1, -2), Id(2, 11, -4), Id(2, 12, -1)]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown case"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Totals_contributions_and_binding_scenarios_equal_the_span_result(string name)
    {
        var (file, positions) = Case(name);
        var span = SpanHarness.Calculate(file, positions, WithRates);
        var m = span.ToMarginResult();

        Assert.Equal("SPAN file TST 20240102", m.Model);
        Assert.Equal(new Currency("USD"), m.Currency);
        Assert.Equal(span.MaintenanceMargin, m.MaintenanceMargin, 9);
        Assert.Equal(span.InitialMargin, m.InitialMargin, 9);
        Assert.Equal(span.Contributions.Length, m.Contributions.Length);
        for (int i = 0; i < span.Contributions.Length; i++)
        {
            var s = span.Contributions[i];
            var c = m.Contributions[i];
            Assert.Equal((s.PositionIndex, s.Label, s.CombinedCommodity), (c.PositionIndex, c.Label, c.Group));
            Assert.Equal(s.Maintenance, c.Maintenance, 12);
            Assert.Equal(s.Initial, c.Initial, 12);
        }

        var expectedBinding = span.CombinedCommodities.Where(cc => !cc.BindingScenarios.IsEmpty)
            .Select(cc => (cc.Code, "S" + cc.BindingScenarios[0].ToString("00", System.Globalization.CultureInfo.InvariantCulture), cc.BindingScenarios.Length - 1, cc.ScanRisk));
        Assert.Equal(expectedBinding, m.BindingScenarios.Select(b => (b.Group, b.ScenarioId, b.TiedScenarioIds.Length, b.Loss)));
        Assert.Equal(span.Diagnostics, m.Diagnostics.Where(d => d.Code == "SPAN_NOT_APPLIED").Select(d => d.Message));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Breakdown_tree_nodes_combine_their_children_as_documented(string name)
    {
        var (file, positions) = Case(name);
        var span = SpanHarness.Calculate(file, positions, WithRates);
        var root = span.ToMarginResult().Breakdown;
        Assert.Equal(span.MaintenanceMargin, root.Maintenance, 9);
        Assert.Equal(span.InitialMargin, root.Initial, 9);
        Assert.Equal(span.CombinedCommodities.Select(c => c.Code), root.Children.Select(c => c.Name));
        foreach (var (cc, node) in span.CombinedCommodities.Zip(root.Children))
        {
            Assert.Equal(cc.MaintenanceMargin, node.Maintenance, 9);
            Assert.Equal(cc.InitialMargin, node.Initial, 9);
            AssertSum(node);                                     // risk + adjRate + NOV + floor
            var risk = node.Children[0];
            Assert.Equal(cc.RiskRequirement, risk.Maintenance, 9);
            var core = risk.Children[0];
            var som = risk.Children[1];
            Assert.Equal(Math.Max(core.Maintenance, som.Maintenance), risk.Maintenance, 9);
            AssertSum(core);                                     // scan + intra + spot − credit
            AssertSum(som);                                      // per SOM tier
            Assert.Equal(cc.ScanRisk, core.Children[0].Maintenance, 9);
            Assert.Equal(cc.IntraSpreads.Length, core.Children.Count(c => c.Name.StartsWith(cc.Code + "/intra spread", StringComparison.Ordinal)));
            Assert.Equal(-cc.InterCredit, core.Children.Single(c => c.Name == cc.Code + "/inter credit").Maintenance, 9);
            Assert.Equal(-cc.NetOptionValue, node.Children.Single(c => c.Name == cc.Code + "/net option value").Maintenance, 9);
        }
    }

    private static void AssertSum(MarginNode node)
    {
        Assert.Equal(node.Maintenance, node.Children.Sum(c => c.Maintenance), 9);
        Assert.Equal(node.Initial, node.Children.Sum(c => c.Initial), 9);
    }

    [Fact]
    public void A_tie_is_reported_with_the_first_scenario_binding()
    {
        // GRID-MCM-2: a long future loses 10,000 in s13 and s14 alike.
        var m = SpanHarness.Calculate(SpanFile.Parse(McMillan()), [Id(1, 1, 1)]).ToMarginResult();
        var b = Assert.Single(m.BindingScenarios);
        Assert.Equal(("SP", "S13", 10000.0), (b.Group, b.ScenarioId, b.Loss));
        Assert.Equal(["S14"], b.TiedScenarioIds);
        Assert.Equal("price -1 × range, vol +1 × range, weight 1", b.ScenarioName);
        Assert.Contains("binding S13 (tied: S14)", m.Breakdown.Descendants().Single(n => n.Name == "SP/scan risk").Note, StringComparison.Ordinal);
    }

    [Fact]
    public void The_floor_and_som_are_reported_as_diagnostics()
    {
        // GRID-MCM-1: long call, scan 3,990 < NOV 4,000 → floored at 0.
        var floored = SpanHarness.Calculate(SpanFile.Parse(McMillan()), [Id(2, 2, 1)]).ToMarginResult();
        Assert.Contains(floored.Diagnostics, d => d.Code == "NOV_FLOOR" && d.Message.StartsWith("SP:", StringComparison.Ordinal));
        Assert.Equal(10, floored.Breakdown.Descendants().Single(n => n.Name == "SP/floor at 0").Maintenance, 9);
        // Short 1 call, SOM 50,000 per short option > scan 8,060 (max of the call's profit array) → SOM binds;
        // margin = 50,000 − NOV (−1 · 8 · 500) = 54,000.
        var som = SpanHarness.Calculate(McMillanSom(), [Id(2, 2, -1)]).ToMarginResult();
        Assert.Contains(som.Diagnostics, d => d.Code == "SOM_BINDS" && d.Message.StartsWith("SP:", StringComparison.Ordinal));
        Assert.Equal(54000, som.MaintenanceMargin, 9);
        var risk = som.Breakdown.Descendants().Single(n => n.Name == "SP/risk requirement");
        Assert.Equal((50000.0, 8060.0), (risk.Maintenance, risk.Children[0].Maintenance));
        Assert.Contains("short option minimum binds", risk.Note, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Efficiency_report_totals_are_the_sum_of_each_position_alone_vs_the_basket(string name)
    {
        var (file, positions) = Case(name);
        var report = SpanHarness.Calculate(file, positions, WithRates).ToEfficiencyReport();

        // Independently: the basket, and every position margined on its own.
        var alone = new SpanTestOptions { InitialRateId = 2, ComputeStandalone = false };
        double basket = SpanHarness.Calculate(file, positions, alone).InitialMargin;
        double[] standalone = [.. positions.Select(p => SpanHarness.Calculate(file, [p], alone).InitialMargin)];

        Assert.Equal(basket, report.Total.PortfolioMargin, 9);
        Assert.Equal(standalone.Sum(), report.Total.StandaloneSum, 9);
        Assert.Equal(standalone.Sum() - basket, report.Total.CapitalFreed, 9);
        Assert.Equal(standalone.Sum() > 0 ? 1 - (basket / standalone.Sum()) : 0, report.Total.Efficiency, 12);
        Assert.Equal(standalone, report.StandaloneInitial.Select(v => Math.Round(v, 9)), new RoundedComparer());
        Assert.Equal(report.Portfolio.Model, report.Model);
        Assert.Equal(report.Total.PortfolioMargin, report.Groups.Sum(g => g.PortfolioMargin), 9);
        Assert.Equal(report.Total.StandaloneSum, report.Groups.Sum(g => g.StandaloneSum), 9);
    }

    private sealed class RoundedComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= 1e-9 * (1 + Math.Abs(x));

        public int GetHashCode(double obj) => 0;
    }

    [Fact]
    public void Efficiency_report_per_combined_commodity_on_the_calendar()
    {
        // +2 Mar / −2 Jun: basket 300 at r 1, 330 at r 2 (adjRate 1.1); alone 2,000 each at r 1 → 2,200 each at r 2.
        var p = CalendarWithSpread();
        var report = SpanHarness.Calculate(p, [Fut("ES", "ES", "202403", 2), Fut("ES", "ES", "202406", -2)], WithRates).ToEfficiencyReport();
        var es = Assert.Single(report.Groups);
        Assert.Equal("ES", es.Group);
        Assert.Equal(330, es.PortfolioMargin, 9);
        Assert.Equal(4400, es.StandaloneSum, 9);
        Assert.Equal(4070, es.CapitalFreed, 9);
        Assert.Equal(0.925, es.Efficiency, 12);
        Assert.Equal([2200.0, 2200.0], report.StandaloneInitial.Select(v => Math.Round(v, 9)));
    }

    [Fact]
    public void Efficiency_report_needs_the_standalone_margins()
    {
        var r = SpanHarness.Calculate(SpanFile.Parse(McMillan()), [Id(1, 1, 1)], new SpanTestOptions { ComputeStandalone = false });
        var e = Assert.Throws<InvalidOperationException>(r.ToEfficiencyReport);
        Assert.Contains("ComputeStandalone", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_position_list_maps_to_a_zero_result_in_the_file_currency()
    {
        var r = SpanHarness.Calculate(SpanFile.Parse(McMillan()), []);
        var m = r.ToMarginResult();
        Assert.Equal((0.0, 0.0, "USD"), (m.MaintenanceMargin, m.InitialMargin, m.Currency.Code));
        Assert.Empty(m.Contributions);
        Assert.Equal(0, r.ToEfficiencyReport().Total.Efficiency);
    }

    // ---- currencies ------------------------------------------------------------------------------------------------

    /// <summary>ES in USD (one long future loses 1,000) and FDAX in EUR (one long future loses 2,000).</summary>
    private static SpanRiskParameters TwoCurrencies() => SpanFile.Parse(File(
        Pf("futPf", 1, "ES", SpanFixtures.Fut(1, "202403", Unit(1000))) + Pf("futPf", 2, "FDAX", SpanFixtures.Fut(1, "202403", Unit(2000)), currency: "EUR"),
        CcDef("ES", PfLink(1, "FUT")) + CcDef("FDAX", PfLink(2, "FUT"), currency: "EUR")));

    private static readonly SpanTestPosition[] Both = [Fut("ES", "ES", "202403", 1), Fut("FDAX", "FDAX", "202403", 2)];

    [Fact]
    public void Mixed_currencies_without_a_conversion_rate_are_refused_naming_the_currency_and_combined_commodity()
    {
        // Report currency USD (the first combined commodity's) and no EUR rate in the snapshot: FDAX cannot be converted.
        var e = Assert.Throws<MissingMarketDataException>(() => SpanHarness.Calculate(TwoCurrencies(), Both));
        Assert.Contains("EUR", e.Message, StringComparison.Ordinal);
        Assert.Contains("FDAX", e.Message, StringComparison.Ordinal);
        // One currency alone is fine, reported in EUR when the snapshot's report currency is EUR.
        var eur = SpanHarness.Calculate(TwoCurrencies(), [Both[1]], new SpanTestOptions { Report = new Currency("EUR") }).ToMarginResult();
        Assert.Equal("EUR", eur.Currency.Code);
        Assert.Equal(4000, eur.MaintenanceMargin, 9);
    }

    [Fact]
    public void Mixed_currencies_are_converted_at_the_snapshots_rates()
    {
        // 1,000 USD + 2 · 2,000 EUR · 1.1 = 5,400 USD.
        var r = SpanHarness.Calculate(TwoCurrencies(), Both, new SpanTestOptions { Report = Currency.Usd, Fx = new Dictionary<Currency, double> { [new Currency("EUR")] = 1.1 } });
        var m = r.ToMarginResult();
        Assert.Equal("USD", m.Currency.Code);
        Assert.Equal(5400, m.MaintenanceMargin, 9);
        Assert.Equal([1000.0, 4400.0], m.Contributions.Select(c => Math.Round(c.Maintenance, 9)));
        Assert.Equal(4400, m.BindingScenarios.Single(b => b.Group == "FDAX").Loss, 9);
        Assert.Contains(m.Diagnostics, d => d.Code == "CURRENCY_CONVERTED" && d.Message.Contains("EUR", StringComparison.Ordinal));
        Assert.Equal([1.0, 1.1], r.Detail.ToReport);
        Assert.Equal(5400, r.ToEfficiencyReport().Total.StandaloneSum, 9);
    }

    [Fact]
    public void A_missing_rate_is_named()
    {
        // Report in CHF with only a EUR rate: the USD position (and its combined commodity) cannot be converted.
        var options = new SpanTestOptions { Report = new Currency("CHF"), Fx = new Dictionary<Currency, double> { [new Currency("EUR")] = 0.95 } };
        var e = Assert.Throws<MissingMarketDataException>(() => SpanHarness.Calculate(TwoCurrencies(), [Both[0]], options));
        Assert.Contains("USD", e.Message, StringComparison.Ordinal);
        Assert.Contains("ES/ES 202403", e.Message, StringComparison.Ordinal);
    }

    // ---- property ----------------------------------------------------------------------------------------------------

    [Property(MaxTest = 100)]
    public Property Mapping_preserves_totals_and_contributions_and_report_total_is_basket_vs_sum_of_standalone(int[] q)
    {
        var positions = SpanPropertyTests.Positions(q);
        var span = SpanHarness.Calculate(SpanPropertyTests.Book, positions, WithRates);
        var m = span.ToMarginResult();
        var report = span.ToEfficiencyReport();
        static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * (1 + Math.Abs(a) + Math.Abs(b));
        bool same = Close(m.MaintenanceMargin, span.MaintenanceMargin) && Close(m.InitialMargin, span.InitialMargin)
            && m.Contributions.Zip(span.Contributions).All(t => t.First.Maintenance == t.Second.Maintenance && t.First.Initial == t.Second.Initial)
            && Close(m.Breakdown.Maintenance, m.Contributions.Sum(c => c.Maintenance));
        bool efficiency = Close(report.Total.PortfolioMargin, span.InitialMargin)
            && Close(report.Total.StandaloneSum, span.StandaloneInitialByPosition.Sum())
            && report.StandaloneInitial.SequenceEqual(span.StandaloneInitialByPosition);
        return (same && efficiency).Label($"same {same}, efficiency {efficiency}");
    }
}
