using PortfolioMargin.Models.SpanFiles;
using PortfolioMargin.Serialization;
using Xunit;
using static PortfolioMargin.Tests.Models.SpanFiles.SpanFixtures;

namespace PortfolioMargin.Tests.Models.SpanFiles;

public sealed class SpanCalculatorTests
{
    private static readonly SpanTestOptions NoStandalone = new() { ComputeStandalone = false };

    private static SpanTestPosition Fut(string cc, string pf, string pe, double q) => SpanTestPosition.ByKey(new SpanContractKey(cc, pf, pe), q);

    private static SpanTestResult Margin(SpanRiskParameters p, SpanTestOptions? o, params SpanTestPosition[] positions) =>
        SpanHarness.Calculate(p, positions, o ?? NoStandalone);

    private static void AssertContributionsSum(SpanTestResult r)
    {
        Assert.Equal(r.MaintenanceMargin, r.Contributions.Sum(c => c.Maintenance), 9);
        Assert.Equal(r.InitialMargin, r.Contributions.Sum(c => c.Initial), 9);
    }

    // ---- McMillan grid (published-examples GRID-MCM-1…4), arrays sign-flipped into losses ----------------------------

    [Theory]
    [InlineData(0, 1, 3990, new[] { 14 })]          // GRID-MCM-1: long 1 C → max(−C) = 3,990 at s14
    [InlineData(1, 0, 10000, new[] { 13, 14 })]     // GRID-MCM-2: long 1 F → 10,000 at s13 and s14 (tie)
    [InlineData(1, -1, 6620, new[] { 13 })]         // GRID-MCM-3: −F + C at s13 = 10,000 − 3,380 = 6,620
    [InlineData(3, -5, 13500, new[] { 16 })]        // GRID-MCM-4: −3F + 5C at s16 = 21,000 − 7,500 = 13,500
    public void McMillan_grid_scan_risk_and_binding_scenarios(double futures, double calls, double expected, int[] binding)
    {
        var p = SpanFile.Parse(McMillan());
        var positions = new List<SpanTestPosition>();
        if (futures != 0)
        {
            positions.Add(SpanTestPosition.ById(new SpanContractId("X", 1, 1), futures));
        }

        if (calls != 0)
        {
            positions.Add(SpanTestPosition.ById(new SpanContractId("X", 2, 2), calls));
        }

        var cc = Margin(p, new SpanTestOptions { ComputeStandalone = false, ApplyNetOptionValue = false }, [.. positions]).CombinedCommodities.Single();
        Assert.Equal(expected, cc.ScanRisk, 9);
        Assert.Equal(binding, cc.BindingScenarios);
    }

    // ---- intra-commodity spreads ----------------------------------------------------------------------------------

    [Fact]
    public void Futures_calendar_has_zero_scan_risk_and_the_spread_charge_is_the_margin()
    {
        // +2 Mar, −2 Jun, identical arrays: L_j = 2a − 2a = 0 → scan 0. Spread 1 (Mar A / Jun B, 150 per spread):
        // n = min(2/1, 2/1) = 2 → charge 2 · 150 = 300 = margin.
        var p = SpanFile.Parse(Calendar(Spread(1, 150, "F", PLeg("ES", "202403", 'A'), PLeg("ES", "202406", 'B'))));
        var r = Margin(p, null, Fut("ES", "ES", "202403", 2), Fut("ES", "ES", "202406", -2));
        var cc = r.CombinedCommodities.Single();
        Assert.Equal(0, cc.ScanRisk);
        Assert.Empty(cc.BindingScenarios);
        Assert.Equal(2, cc.IntraSpreads.Single().Spreads, 12);
        Assert.Equal(300, cc.IntraSpreadCharge, 9);
        Assert.Equal(300, r.MaintenanceMargin, 9);
        // Attribution: 300 split by i over the two legs, 150 each.
        Assert.Equal([150.0, 150.0], r.Contributions.Select(c => Math.Round(c.Maintenance, 9)));
    }

    private static SpanRiskParameters IntraOneFile()
    {
        // Months M2 = 202406 (outright 500), M3 = 202409 (500), M4 = 202412 (750): arrays u·500, u·500, u·750.
        string families = Pf("futPf", 1, "ES",
            SpanFixtures.Fut(2, "202406", Unit(500)) + SpanFixtures.Fut(3, "202409", Unit(500)) + SpanFixtures.Fut(4, "202412", Unit(750)), cvf: 50);
        string spreads =
            Spread(3, 0, "F", PLeg("ES", "202409", 'A'), PLeg("ES", "202412", 'B')) +
            Spread(2, 50, "F", PLeg("ES", "202406", 'A'), PLeg("ES", "202412", 'B')) +
            Spread(1, 200, "F", PLeg("ES", "202406", 'A'), PLeg("ES", "202409", 'B'));
        return SpanFile.Parse(File(families, CcDef("ES", PfLink(1, "FUT") + spreads)));
    }

    [Theory]
    [InlineData("202406", "202409", 200)]   // SPREAD-INTRA-1: +M2/−M3: |500 − 500| + 200 = 200
    [InlineData("202406", "202412", 300)]   // SPREAD-INTRA-1: +M2/−M4: |500 − 750| + 50 = 300
    [InlineData("202409", "202412", 250)]   // SPREAD-INTRA-1: +M3/−M4: |500 − 750| + 0 = 250
    public void Published_intra_spread_margins(string longMonth, string shortMonth, double expected)
    {
        var r = Margin(IntraOneFile(), null, Fut("ES", "ES", longMonth, 1), Fut("ES", "ES", shortMonth, -1));
        Assert.Equal(expected, r.MaintenanceMargin, 9);
        AssertContributionsSum(r);
    }

    [Fact]
    public void Spreads_listed_out_of_priority_order_are_formed_by_priority()
    {
        // +1 M2, −1 M3, −1 M4. Losses 500u − 500u − 750u = −750u → scan 750 (u = −1 at s11, s12).
        // Priority 1 (2v3, 200) forms first: n = 1 → 200; M2 is used up, so 2v4 (50) cannot form; M3 is 0, so 3v4 cannot.
        // Total 750 + 200 = 950. (File order would form 2v4 first: 750 + 50 = 800.)
        var r = Margin(IntraOneFile(), null, Fut("ES", "ES", "202406", 1), Fut("ES", "ES", "202409", -1), Fut("ES", "ES", "202412", -1));
        var cc = r.CombinedCommodities.Single();
        Assert.Equal(750, cc.ScanRisk, 9);
        Assert.Equal([11, 12], cc.BindingScenarios);
        Assert.Equal(1, cc.IntraSpreads.Single().Priority);
        Assert.Equal(950, r.MaintenanceMargin, 9);
        AssertContributionsSum(r);
    }

    [Fact]
    public void Tier_legs_spread_the_net_delta_of_intra_tiers()
    {
        // Intra tiers 1 = 202403…202406, 2 = 202409…202412; spread tier 1 (A) vs tier 2 (B), 100 per spread.
        // +1 Mar, +1 Jun, −2 Sep: tier deltas +2, −2 → n = 2 → 200. Scan: 1000u + 1000u − 2000u = 0.
        var p = SpanFile.Parse(Calendar(
            Tiers("intraTiers", (1, "202403", "202406", null), (2, "202409", "202412", null)) +
            Spread(1, 100, "F", TLeg("ES", 1, 'A'), TLeg("ES", 2, 'B'))));
        var r = Margin(p, null, Fut("ES", "ES", "202403", 1), Fut("ES", "ES", "202406", 1), Fut("ES", "ES", "202409", -2));
        Assert.Equal(0, r.CombinedCommodities.Single().ScanRisk, 9);
        Assert.Equal(200, r.MaintenanceMargin, 9);
        // Charge split 100 / 100 over the legs; the tier-1 leg's 100 splits 50 / 50 over Mar and Jun.
        Assert.Equal([50.0, 50.0, 100.0], r.Contributions.Select(c => Math.Round(c.Maintenance, 9)));
    }

    [Fact]
    public void Scan_tiers_are_scanned_separately_and_summed()
    {
        // Scan tiers 1 = 202403…202406, 2 = 202409…202412. +1 Mar (tier 1), −1 Sep (tier 2): each tier alone has scan 1,000
        // (tier 1 at s13/s14, tier 2 at s11/s12), summed 2,000; one tier would give 0.
        var p = SpanFile.Parse(Calendar(Tiers("scanTiers", (1, "202403", "202406", null), (2, "202409", "202412", null))));
        var r = Margin(p, null, Fut("ES", "ES", "202403", 1), Fut("ES", "ES", "202409", -1));
        var cc = r.CombinedCommodities.Single();
        Assert.Equal(2000, cc.ScanRisk, 9);
        Assert.Equal([13, 14], cc.ScanTiers[0].BindingScenarios);
        Assert.Equal([11, 12], cc.ScanTiers[1].BindingScenarios);
        Assert.All(cc.ScenarioLosses, l => Assert.Equal(0, l, 9));
    }

    [Fact]
    public void Spot_charge_applies_sprd_to_spread_delta_and_outr_to_the_rest()
    {
        // spotRate pe 202403, sprd 10, outr 20. +3 Mar, −1 Jun; spread Mar/Jun 150: n = 1 → 150.
        // Mar delta 3 → 2 remain: spot = 10 · 1 + 20 · 2 = 50. Scan: 3000u − 1000u = 2000u → 2,000. Total 2,200.
        var p = SpanFile.Parse(Calendar(
            Spread(1, 150, "F", PLeg("ES", "202403", 'A'), PLeg("ES", "202406", 'B')) +
            "<spotRate><r>1</r><pe>202403</pe><sprd>10</sprd><outr>20</outr></spotRate>"));
        var r = Margin(p, null, Fut("ES", "ES", "202403", 3), Fut("ES", "ES", "202406", -1));
        var cc = r.CombinedCommodities.Single();
        Assert.Equal(50, cc.SpotCharge, 9);
        Assert.Equal(2200, r.MaintenanceMargin, 9);
        AssertContributionsSum(r);
    }

    [Fact]
    public void Unsupported_charge_method_names_the_spread()
    {
        var p = SpanFile.Parse(Calendar(Spread(7, 150, "P", PLeg("ES", "202403", 'A'), PLeg("ES", "202406", 'B'))));
        var e = Assert.Throws<NotSupportedException>(() => Margin(p, null, Fut("ES", "ES", "202403", 1)));
        Assert.Contains("intra-commodity spread 7", e.Message, StringComparison.Ordinal);
        Assert.Contains("chargeMeth 'P'", e.Message, StringComparison.Ordinal);
    }

    // ---- SOM and NOV -------------------------------------------------------------------------------------------------

    private static string ShortOptionBook(string somMeth) => File(
        Pf("oofPf", 5, "OX",
            Series("202406",
                Opt(1, 'C', 120, 0.5, [.. Enumerable.Repeat(2.0, 16)], 0.05),
                Opt(2, 'P', 80, 0.25, [.. Enumerable.Repeat(1.0, 16)], -0.04)),
            valueMeth: "PREM"),
        CcDef("OX", (somMeth.Length > 0 ? $"<somMeth>{somMeth}</somMeth>" : string.Empty) + PfLink(5, "OOF") + Tiers("somTiers", (1, "202401", "202412", 5))));

    [Fact]
    public void Short_option_minimum_binds_for_a_book_of_short_far_options()
    {
        // Arrays are losses of one long unit: calls a = 2, puts a = 1 in every scenario. Short 10 C, short 4 P:
        // L_j = −10 · 2 − 4 · 1 = −24 → scan 0.
        // SOM (max of sides, no somMeth): 5 · max(10, 4) = 50 > 0 → risk 50.
        // NOV = −10 · 0.5 − 4 · 0.25 = −6 (cvf 1) → margin 50 + 6 = 56.
        var p = SpanFile.Parse(ShortOptionBook(string.Empty));
        var r = Margin(p, null, SpanTestPosition.ById(new SpanContractId("X", 5, 1), -10), SpanTestPosition.ById(new SpanContractId("X", 5, 2), -4));
        var cc = r.CombinedCommodities.Single();
        Assert.Equal(0, cc.ScanRisk);
        Assert.True(cc.SomBinds);
        Assert.Equal(50, cc.ShortOptionMinimum, 9);
        Assert.Equal(-6, cc.NetOptionValue, 9);
        Assert.Equal(56, r.MaintenanceMargin, 9);
        // SOM goes to the binding side (calls): 50 to the calls, 0 to the puts; NOV −5 and −1.
        Assert.Equal([55.0, 1.0], r.Contributions.Select(c => Math.Round(c.Maintenance, 9)));
    }

    [Fact]
    public void Gross_short_option_minimum_counts_both_sides()
    {
        // somMeth GROSS: 5 · (10 + 4) = 70; NOV −6 → 76.
        var r = Margin(SpanFile.Parse(ShortOptionBook("GROSS")), null, SpanTestPosition.ById(new SpanContractId("X", 5, 1), -10), SpanTestPosition.ById(new SpanContractId("X", 5, 2), -4));
        Assert.Equal(70, r.CombinedCommodities.Single().ShortOptionMinimum, 9);
        Assert.Equal(76, r.MaintenanceMargin, 9);
        AssertContributionsSum(r);
    }

    [Fact]
    public void Unknown_som_method_is_an_error_not_a_guess()
    {
        var e = Assert.Throws<SpanFormatException>(() => SpanFile.Parse(ShortOptionBook("WEIRD")));
        Assert.Contains("somMeth", e.ElementPath, StringComparison.Ordinal);
        Assert.Contains("WEIRD", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_option_net_option_value_floors_the_requirement_at_zero()
    {
        // GRID-MCM-1: long 1 C → scan 3,990. NOV = 1 · 8 · 500 = 4,000 > 3,990 → max(0, 3,990 − 4,000) = 0.
        var p = SpanFile.Parse(McMillan());
        var r = Margin(p, null, SpanTestPosition.ById(new SpanContractId("X", 2, 2), 1));
        var cc = r.CombinedCommodities.Single();
        Assert.Equal(3990, cc.ScanRisk, 9);
        Assert.Equal(4000, cc.NetOptionValue, 9);
        Assert.True(cc.FloorApplied);
        Assert.Equal(0, r.MaintenanceMargin);
        Assert.All(r.Contributions, c => Assert.Equal(0, c.Maintenance));
        // Without the floor the requirement is −10 (a credit).
        var unfloored = Margin(p, new SpanTestOptions { ComputeStandalone = false, FloorAtZero = false }, SpanTestPosition.ById(new SpanContractId("X", 2, 2), 1));
        Assert.Equal(-10, unfloored.MaintenanceMargin, 9);
    }

    // ---- inter-commodity credits (SPREAD-INTER-1/2) ------------------------------------------------------------------

    private static SpanRiskParameters CornSoy(double corn, double soy) => SpanFile.Parse(File(
        Pf("futPf", 10, "C", SpanFixtures.Fut(1, "202403", Unit(corn))) + Pf("futPf", 20, "S", SpanFixtures.Fut(1, "202403", Unit(soy))),
        CcDef("C", PfLink(10, "FUT")) + CcDef("S", PfLink(20, "FUT")),
        Spread(1, 0.55, "W", TLeg("C", 1, 'A', 2), TLeg("S", 1, 'B', 1))));

    [Theory]
    [InlineData(1750, 2500, 6000, 3300, 2700)]   // SPREAD-INTER-1
    [InlineData(900, 2100, 3900, 2145, 1755)]    // SPREAD-INTER-2
    public void Published_inter_commodity_credits(double corn, double soy, double gross, double credit, double margin)
    {
        // Long 2 corn, short 1 soy. Corn: scan 2·corn at s13 (paired s14 equal, time risk 0) → price risk 2·corn, WPR = corn.
        // Soy: scan soy at s11 → WPR soy. n = min(2/2, 1/1) = 1; credit = 0.55 · (2 · corn + 1 · soy).
        var p = CornSoy(corn, soy);
        var r = Margin(p, null, Fut("C", "C", "202403", 2), Fut("S", "S", "202403", -1));
        Assert.Equal(gross, r.CombinedCommodities.Sum(c => c.ScanRisk), 9);
        Assert.Equal(credit, r.CombinedCommodities.Sum(c => c.InterCredit), 9);
        Assert.Equal(margin, r.MaintenanceMargin, 9);
        Assert.Equal(corn, r.CombinedCommodities[0].WeightedPriceRisk, 9);
        AssertContributionsSum(r);
    }

    [Fact]
    public void Inter_credit_needs_opposite_sides()
    {
        // Long corn and long soy: side B would need a short → no spread, margin = 2 · 1,750 + 2,500.
        var r = Margin(CornSoy(1750, 2500), null, Fut("C", "C", "202403", 2), Fut("S", "S", "202403", 1));
        Assert.Empty(r.InterSpreads);
        Assert.Equal(6000, r.MaintenanceMargin, 9);
    }

    // ---- adjRate, units, lots ----------------------------------------------------------------------------------------

    [Fact]
    public void AdjRate_scales_initial_from_maintenance()
    {
        // adjRate r 2 = 1.1 × r 1. Calendar spread margin 300 (see above) → initial 330.
        var p = SpanFile.Parse(Calendar(
            "<adjRate><r>2</r><baseR>1</baseR><val>1.1</val></adjRate>" +
            Spread(1, 150, "F", PLeg("ES", "202403", 'A'), PLeg("ES", "202406", 'B'))));
        var r = Margin(p, new SpanTestOptions { ComputeStandalone = false, InitialRateId = 2 }, Fut("ES", "ES", "202403", 2), Fut("ES", "ES", "202406", -2));
        Assert.Equal(300, r.MaintenanceMargin, 9);
        Assert.Equal(330, r.InitialMargin, 9);
        Assert.Equal(1.1, r.CombinedCommodities.Single().InitialFactor, 12);
        AssertContributionsSum(r);
        var e = Assert.Throws<InvalidOperationException>(() => Margin(p, new SpanTestOptions { ComputeStandalone = false, InitialRateId = 3 }, Fut("ES", "ES", "202403", 1)));
        Assert.Contains("no adjRate for r = 3", e.Message, StringComparison.Ordinal);
    }

    private static readonly double[] NseNiftyFuture = [8.72, 8.72, -736.49, -736.49, 753.93, 753.93, -1481.70, -1481.70, 1499.14, 1499.14, -2226.91, -2226.91, 2244.36, 2244.36, -1561.89, 1568.00];

    private static SpanRiskParameters NseFile() => SpanFile.Parse(File(
        Pf("phyPf", 490, "NIFTY", Phy(1, "00000000", new double[16], p: 24050.35), currency: "INR") +
        Pf("futPf", 491, "NIFTY", SpanFixtures.Fut(1, "20260630", NseNiftyFuture, p: 24051.80), currency: "INR") +
        Pf("oopPf", 492, "NIFTY", Series("20260630", Opt(1, 'C', 24000, 260.05, [.. NseNiftyFuture.Select(v => v * 0.5)], 0.5)), currency: "INR"),
        CcDef("NIFTY", "<somMeth>GROSS</somMeth>" + PfLink(490, "PHY") + PfLink(491, "FUT") + PfLink(492, "OOP") + Tiers("somTiers", (0, null, null, 0)), currency: "INR")));

    [Fact]
    public void Nse_style_per_unit_file_with_lot_table()
    {
        // NSE arrays are per unit (cvf 1): a long NIFTY future loses 2,244.36 per unit at s13/s14; one lot of 75 units → 168,327.
        var p = NseFile();
        var byUnits = Margin(p, null, Fut("NIFTY", "NIFTY", "20260630", 75));
        Assert.Equal(168327, byUnits.MaintenanceMargin, 6);
        var o = new SpanTestOptions { ComputeStandalone = false, LotSizes = new Dictionary<string, double> { ["NIFTY"] = 75 } };
        var byLots = Margin(p, o, SpanTestPosition.ByKey(new SpanContractKey("NIFTY", "NIFTY", "20260630"), 1, inLots: true));
        Assert.Equal(168327, byLots.MaintenanceMargin, 6);
        Assert.Equal(75, byLots.Contributions.Single().Quantity);
        // Physical and future share code and cc; the period tells them apart.
        Assert.True(p.TryFindContract(new SpanContractKey("NIFTY", "NIFTY", "00000000"), out var phy));
        Assert.Equal(SpanProductKind.Physical, phy.Kind);
    }

    [Fact]
    public void Cme_style_per_contract_file_uses_arrays_as_dollars_per_contract()
    {
        // GRID-MCM-2 file is per contract: 3 long futures lose 3 · 10,000 = 30,000.
        var r = Margin(SpanFile.Parse(McMillan()), null, SpanTestPosition.ById(new SpanContractId("X", 1, 1), 3));
        Assert.Equal(30000, r.MaintenanceMargin, 9);
    }

    // ---- unmatched positions, efficiency -----------------------------------------------------------------------------

    [Fact]
    public void Unmatched_positions_are_all_named_in_one_exception()
    {
        var p = SpanFile.Parse(McMillan());
        var e = Assert.Throws<SpanUnmatchedPositionsException>(() => SpanHarness.Calculate(p,
        [
            SpanTestPosition.ById(new SpanContractId("X", 1, 1), 1),
            SpanTestPosition.ByKey(new SpanContractKey("SP", "SP", "203012"), 1, label: "bad-period"),
            SpanTestPosition.ByKey(new SpanContractKey("SP", "SP", "202412", 999, SpanOptionRight.Put), 1, label: "bad-strike"),
            SpanTestPosition.ById(new SpanContractId("X", 1, 77), 1, label: "bad-id"),
        ]));
        Assert.Equal(3, e.Unmatched.Count);
        Assert.Contains("bad-period", e.Message, StringComparison.Ordinal);
        Assert.Contains("bad-strike", e.Message, StringComparison.Ordinal);
        Assert.Contains("bad-id", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Efficiency_compares_the_basket_with_each_leg_alone()
    {
        // Calendar +2 Mar / −2 Jun: basket 300; alone: 2 · 1,000 + 2 · 1,000 = 4,000 → efficiency 1 − 300/4,000 = 0.925.
        var p = SpanFile.Parse(Calendar(Spread(1, 150, "F", PLeg("ES", "202403", 'A'), PLeg("ES", "202406", 'B'))));
        var r = SpanHarness.Calculate(p, [Fut("ES", "ES", "202403", 2), Fut("ES", "ES", "202406", -2)]);
        Assert.Equal(4000, r.StandaloneMaintenance, 9);
        Assert.Equal(0.925, r.Efficiency, 12);
    }

    [Fact]
    public void Empty_portfolio_margins_to_zero()
    {
        var r = SpanHarness.Calculate(SpanFile.Parse(McMillan()), []);
        Assert.Equal(0, r.MaintenanceMargin);
        Assert.Empty(r.CombinedCommodities);
        Assert.Equal(0, r.Efficiency);
    }

    [Fact]
    public void Figures_flatten_the_breakdown()
    {
        var p = SpanFile.Parse(Calendar(Spread(1, 150, "F", PLeg("ES", "202403", 'A'), PLeg("ES", "202406", 'B'))));
        var f = Margin(p, null, Fut("ES", "ES", "202403", 2), Fut("ES", "ES", "202406", -2)).Figures.ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal(300, f["cc/ES/intra/1"], 9);
        Assert.Equal(0, f["cc/ES/scan"]);
        Assert.Equal(300, f["maintenance"], 9);
    }
}
