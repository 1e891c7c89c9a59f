using System.Collections.Immutable;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>The figures of one SPAN computation, per combined commodity in the combined commodity's currency.</summary>
/// <param name="CombinedCommodities">Per combined commodity, in file order.</param>
/// <param name="InterSpreads">Inter-commodity spreads formed, in priority order.</param>
/// <param name="Contributions">Per entry, in input order (empty when not requested).</param>
internal sealed record SpanComputed(ImmutableArray<SpanCombinedCommodityResult> CombinedCommodities, ImmutableArray<SpanInterSpreadResult> InterSpreads,
    ImmutableArray<SpanPositionContribution> Contributions);

/// <summary>
/// The SPAN computation of span-xml.md §3 from a file's own risk arrays and rules (no revaluation), on the shared group
/// arithmetic (<see cref="ScanRisk"/>, <see cref="DeltaSpreads"/>, <see cref="ShortOptionMinimum"/>). One instance per
/// computation; not thread-safe (the model creates one per call).
/// </summary>
/// <remarks>
/// <para>Per combined commodity: scenario losses <c>L_j = Σ q · a_j</c> per scan tier, scan risk
/// <c>Σ_tiers max(0, max_j L_j)</c> with the binding scenario and ties, price risk by the paired point
/// (<see cref="PriceRiskMethod.PairedPoint"/>); intra-commodity spreads in ascending priority consuming period/tier deltas;
/// spot charge; short option minimum per SOM tier; then inter-commodity credits in priority order; risk requirement
/// <c>max(scan + intra + spot − credit, SOM)</c>; <c>adjRate</c> scaling; net option value subtracted with a floor at 0.</para>
/// <para>Attribution: a position's scan share is its loss in its scan tier's binding scenario; a spread's charge is split
/// over its legs by <c>i</c>, over each leg's periods by the delta consumed there, and within a period by each position's
/// share of the period's net delta; spot charges and inter credits likewise; the SOM goes to the net short options on the
/// charged side pro rata their short quantity; NOV to each option. When the floor applies every contribution is 0.</para>
/// </remarks>
internal sealed partial class SpanComputation
{
    private readonly SpanRiskParameters _p;
    private readonly SpanFileParameters _o;
    private readonly SpanRateIds _rates;
    private readonly SpanEntry[] _entries;
    private readonly double[] _scan, _intra, _spot, _credit, _som, _nov, _delta;
    private double[] _rem = [];

    private SpanComputation(SpanRiskParameters p, SpanFileParameters o, SpanRateIds rates, SpanEntry[] entries)
    {
        _p = p;
        _o = o;
        _rates = rates;
        _entries = entries;
        int n = entries.Length;
        _scan = new double[n];
        _intra = new double[n];
        _spot = new double[n];
        _credit = new double[n];
        _som = new double[n];
        _nov = new double[n];
        _delta = new double[n];
    }

    /// <summary>Computes the SPAN requirement of <paramref name="entries"/>.</summary>
    /// <exception cref="NotSupportedException">A spread uses a charge method or feature the library does not implement (the spread is named).</exception>
    /// <exception cref="InvalidOperationException">The file's rules cannot be applied (missing rate, adjRate chain, price for NOV, period outside every scan tier).</exception>
    public static SpanComputed Compute(SpanRiskParameters p, SpanFileParameters o, SpanRateIds rates, SpanEntry[] entries, bool contributions) =>
        new SpanComputation(p, o, rates, entries).Run(contributions);

    private SpanComputed Run(bool withContributions)
    {
        SortedDictionary<int, SpanCcWork> works = Group();
        int buckets = 0;
        foreach (SpanCcWork w in works.Values)
        {
            NetAndDeltas(w);
            w.Offset = buckets;
            buckets += w.Periods.Count;
        }

        _rem = new double[buckets];
        foreach (SpanCcWork w in works.Values)
        {
            w.Orig.CopyTo(_rem, w.Offset);
            w.Partial = CombinedCommodity(w);
        }

        ImmutableArray<SpanInterSpreadResult> inter = InterSpreads(works);
        var results = ImmutableArray.CreateBuilder<SpanCombinedCommodityResult>(works.Count);
        var contributions = withContributions ? new SpanPositionContribution[_entries.Length] : null;
        foreach (SpanCcWork w in works.Values)
        {
            SpanCombinedCommodityResult r = Finish(w);
            results.Add(r);
            if (contributions is not null)
            {
                Contribute(w, r, contributions);
            }
        }

        return new SpanComputed(results.MoveToImmutable(), inter, contributions is null ? [] : [.. contributions]);
    }

    /// <summary>The entries grouped by combined commodity, in the file order of the combined commodities.</summary>
    private SortedDictionary<int, SpanCcWork> Group()
    {
        var works = new SortedDictionary<int, SpanCcWork>();
        for (int i = 0; i < _entries.Length; i++)
        {
            string cc = _p.ProductFamilies[_p.ContractFamily[_entries[i].Contract]].CombinedCommodity!;
            int ci = _p.CombinedCommodityIndex(cc);
            if (ci < 0)
            {
                SpanRules.InvalidData($"combined commodity '{cc}' is not in the parameters");
            }

            if (!works.TryGetValue(ci, out SpanCcWork? w))
            {
                w = new SpanCcWork(ci, _p.CombinedCommodities[ci]) { PeriodOf = new int[_entries.Length] };
                works.Add(ci, w);
            }

            w.Entries.Add(i);
        }

        return works;
    }

    /// <summary>Applies the inter credit, the SOM comparison, the adjRate factors, NOV and the floor.</summary>
    private SpanCombinedCommodityResult Finish(SpanCcWork w)
    {
        SpanCombinedCommodityResult r = w.Partial!;
        double risk = ShortOptionMinimum.Requirement(r.ScanRisk + r.IntraSpreadCharge + r.SpotCharge - w.Credit, r.ShortOptionMinimum, out bool somBinds);
        double fM = SpanRuleRates.Factor(w.Def, _rates.Maintenance, _rates.Base);
        double fI = SpanRuleRates.Factor(w.Def, _rates.Initial, _rates.Base);
        double mRaw = (fM * risk) - r.NetOptionValue, iRaw = (fI * risk) - r.NetOptionValue;
        bool floorM = _o.FloorAtZero && mRaw < 0, floorI = _o.FloorAtZero && iRaw < 0;
        return r with
        {
            InterCredit = w.Credit,
            RiskRequirement = risk,
            SomBinds = somBinds,
            MaintenanceFactor = fM,
            InitialFactor = fI,
            MaintenanceMargin = floorM ? 0 : mRaw,
            InitialMargin = floorI ? 0 : iRaw,
            FloorApplied = floorM,
        };
    }

    /// <summary>Each entry's share of its combined commodity's requirement (sums to it).</summary>
    private void Contribute(SpanCcWork w, SpanCombinedCommodityResult r, SpanPositionContribution[] into)
    {
        bool floorI = _o.FloorAtZero && (r.InitialFactor * r.RiskRequirement) - r.NetOptionValue < 0;
        foreach (int i in w.Entries)
        {
            bool som = r.SomBinds;
            double part = som ? _som[i] : _scan[i] + _intra[i] + _spot[i] - _credit[i];
            SpanEntry e = _entries[i];
            into[i] = new SpanPositionContribution(e.Label, e.PositionIndex, w.Def.Code, _p.GetContract(e.Contract).Id, e.Quantity,
                Z(som ? 0 : _scan[i]), Z(som ? 0 : _intra[i]), Z(som ? 0 : _spot[i]), Z(som ? 0 : _credit[i]), Z(som ? _som[i] : 0), Z(_nov[i]),
                r.FloorApplied ? 0 : Z((r.MaintenanceFactor * part) - _nov[i]), floorI ? 0 : Z((r.InitialFactor * part) - _nov[i]));
        }
    }

    /// <summary>An amount without the sign of a zero.</summary>
    private static double Z(double v) => v + 0.0;
}
