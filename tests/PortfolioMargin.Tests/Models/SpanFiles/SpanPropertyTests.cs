using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.Models.SpanFiles;
using PortfolioMargin.Serialization;
using static PortfolioMargin.Tests.Models.SpanFiles.SpanFixtures;

namespace PortfolioMargin.Tests.Models.SpanFiles;

/// <summary>margin-spec.md §8 invariants on a file that exercises every rule: two combined commodities (futures calendar with
/// intra spreads and a spot month; options with SOM and NOV), and an inter-commodity spread between them.</summary>
public sealed class SpanPropertyTests
{
    internal static readonly SpanRiskParameters Book = SpanFile.Parse(File(
        Pf("futPf", 1, "ES", SpanFixtures.Fut(1, "202403", Unit(1000)) + SpanFixtures.Fut(2, "202406", Unit(1100)) + SpanFixtures.Fut(3, "202409", Unit(1250)), cvf: 50) +
        Pf("futPf", 3, "NQ", SpanFixtures.Fut(1, "202403", Unit(1500))) +
        Pf("oofPf", 2, "ES", Series("202403", Opt(11, 'C', 410, 8, Loss(McMillanCall), 0.55), Opt(12, 'P', 400, 6, [.. McMillanCall.Reverse()], -0.45)), cvf: 1, valueMeth: "PREM"),
        CcDef("ES",
            PfLink(1, "FUT") + PfLink(2, "OOF") +
            "<adjRate><r>2</r><baseR>1</baseR><val>1.25</val></adjRate>" +
            Tiers("somTiers", (1, "202401", "202412", 150)) +
            Spread(2, 80, "F", PLeg("ES", "202403", 'A'), PLeg("ES", "202409", 'B')) +
            Spread(1, 120, "F", PLeg("ES", "202403", 'A'), PLeg("ES", "202406", 'B')) +
            "<spotRate><r>1</r><pe>202403</pe><sprd>5</sprd><outr>12</outr></spotRate>") +
        CcDef("NQ", PfLink(3, "FUT") + "<adjRate><r>2</r><baseR>1</baseR><val>1.1</val></adjRate>"),
        Spread(1, 0.4, "W", TLeg("ES", 1, 'A'), TLeg("NQ", 1, 'B'))));

    private static readonly SpanContractId[] Ids =
    [
        new("X", 1, 1), new("X", 1, 2), new("X", 1, 3), new("X", 3, 1), new("X", 2, 11), new("X", 2, 12),
    ];

    private static readonly SpanTestOptions Options = new() { ComputeStandalone = false, InitialRateId = 2 };

    internal static List<SpanTestPosition> Positions(int[] q) =>
        [.. q.Select((x, i) => SpanTestPosition.ById(Ids[Math.Abs(i) % Ids.Length], (x % 20) + ((i % 3) * 0.5)))];

    private static SpanTestResult Margin(IReadOnlyList<SpanTestPosition> positions, SpanTestOptions? o = null) =>
        SpanHarness.Calculate(Book, positions, o ?? Options);

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * (1 + Math.Abs(a) + Math.Abs(b));

    [Property(MaxTest = 200)]
    public bool Contributions_sum_to_the_total(int[] q)
    {
        var r = Margin(Positions(q));
        return Close(r.MaintenanceMargin, r.Contributions.Sum(c => c.Maintenance))
            && Close(r.InitialMargin, r.Contributions.Sum(c => c.Initial))
            && r.Contributions.Length == q.Length;
    }

    [Property(MaxTest = 100)]
    public Property Permutation_of_positions_changes_nothing(int[] q, int seed)
    {
        var positions = Positions(q);
        var rng = new Random(seed);
        List<SpanTestPosition> shuffled = [.. positions.Select(p => (p, k: rng.Next())).OrderBy(t => t.k).Select(t => t.p)];
        var a = Margin(positions);
        var b = Margin(shuffled);
        return (Close(a.MaintenanceMargin, b.MaintenanceMargin) && Close(a.InitialMargin, b.InitialMargin)).ToProperty();
    }

    [Property(MaxTest = 100)]
    public bool A_position_and_its_opposite_margin_to_zero(int[] q)
    {
        var positions = Positions(q);
        var both = positions.Concat(positions.Select(p => SpanTestPosition.ById(p.Id!.Value, -p.Quantity))).ToList();
        var r = Margin(both);
        return r.CombinedCommodities.All(c => c.ScanRisk == 0 && c.IntraSpreadCharge == 0 && c.ShortOptionMinimum == 0)
            && Math.Abs(r.MaintenanceMargin) <= 1e-9;
    }

    [Property(MaxTest = 100)]
    public bool Scan_risk_is_positively_homogeneous(int[] q, PositiveInt lambdaTenths)
    {
        double lambda = Math.Min(lambdaTenths.Get, 100) / 10.0;
        var positions = Positions(q);
        var scaled = positions.Select(p => SpanTestPosition.ById(p.Id!.Value, p.Quantity * lambda)).ToList();
        var a = Margin(positions);
        var b = Margin(scaled);
        return a.CombinedCommodities.Zip(b.CombinedCommodities).All(t => Close(lambda * t.First.ScanRisk, t.Second.ScanRisk))
            && Close(lambda * a.MaintenanceMargin, b.MaintenanceMargin);
    }

    [Property(MaxTest = 50)]
    public bool Splitting_a_position_changes_nothing(int[] q)
    {
        var positions = Positions(q);
        var split = positions.SelectMany(p => new[] { SpanTestPosition.ById(p.Id!.Value, p.Quantity * 0.25), SpanTestPosition.ById(p.Id!.Value, p.Quantity * 0.75) }).ToList();
        return Close(Margin(positions).MaintenanceMargin, Margin(split).MaintenanceMargin);
    }

    [Property(MaxTest = 50)]
    public bool Scan_risk_is_subadditive_so_efficiency_of_scan_is_at_most_one(int[] q)
    {
        var positions = Positions(q);
        var noRules = Margin(positions).CombinedCommodities.Sum(c => c.ScanRisk);
        double standalone = positions.Sum(p => Margin([p]).CombinedCommodities.Sum(c => c.ScanRisk));
        return noRules <= standalone + (1e-9 * (1 + standalone));
    }
}
