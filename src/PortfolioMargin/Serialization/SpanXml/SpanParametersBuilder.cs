using System.Collections.Immutable;
using System.Globalization;

using PortfolioMargin.Models.SpanFiles;
using PortfolioMargin.Models;

namespace PortfolioMargin.Serialization;

/// <summary>Collects what the reader finds and builds the immutable <see cref="SpanRiskParameters"/>.</summary>
internal sealed class SpanParametersBuilder
{
    private const string CcPath = "spanFile/pointInTime/clearingOrg/ccDef";
    private readonly Dictionary<string, int> _periodIndex = new(StringComparer.Ordinal);

    public SpanParametersBuilder(long expectedValues)
    {
        int contracts = (int)Math.Clamp(expectedValues / SpanRiskParameters.ScenarioCount, 16, 1 << 24);
        Family = new(contracts);
        Cid = new(contracts);
        Period = new(contracts);
        Line = new(contracts);
        Strike = new(contracts);
        Right = new(contracts);
        Price = new(contracts);
        Delta = new(contracts);
        Vol = new(contracts);
        Cvf = new(contracts);
        RaStart = new(contracts);
        RaCount = new(contracts);
        RaRate = new(contracts);
        RaDelta = new(contracts);
        RaValues = new((int)Math.Clamp(expectedValues, 64, int.MaxValue / 2));
    }

    public SpanParametersData Data { get; } = new();
    public List<string> Periods { get; } = [];
    public List<FamilyDraft> Families { get; } = [];
    public List<CcDraft> CombinedCommodities { get; } = [];
    public List<SpanDeltaSpread> InterSpreads { get; } = [];
    public List<string> Diagnostics { get; } = [];
    public List<SpanCurrency> Currencies { get; } = [];
    public List<SpanPerformanceBondRate> PbRates { get; } = [];
    public GrowArray<int> Family { get; }
    public GrowArray<int> Cid { get; }
    public GrowArray<int> Period { get; }
    public GrowArray<int> Line { get; }
    public GrowArray<double> Strike { get; }
    public GrowArray<byte> Right { get; }
    public GrowArray<double> Price { get; }
    public GrowArray<double> Delta { get; }

    public GrowArray<double> Vol { get; }
    public GrowArray<double> Cvf { get; }
    public GrowArray<int> RaStart { get; }
    public GrowArray<byte> RaCount { get; }
    public GrowArray<int> RaRate { get; }
    public GrowArray<double> RaDelta { get; }
    public GrowArray<double> RaValues { get; }

    public int InternPeriod(string period)
    {
        if (!_periodIndex.TryGetValue(period, out int i))
        {
            i = Periods.Count;
            Periods.Add(period);
            _periodIndex.Add(period, i);
        }

        return i;
    }

    public SpanRiskParameters Build(IReadOnlyCollection<string>? filter)
    {
        var ccCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cc in CombinedCommodities)
        {
            if (!ccCodes.Add(cc.Code!))
            {
                SpanThrow.Format(cc.Path, cc.Line, 0, $"combined commodity '{cc.Code}' is defined twice");
            }
        }

        if (filter is not null)
        {
            var missing = filter.Where(c => !ccCodes.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                SpanThrow.Argument(nameof(filter), $"the SPAN file defines no combined commodity {string.Join(", ", missing)}");
            }
        }

        // Resolve pfLinks (every ccDef, so a broken file fails whatever the filter).
        var familyCc = new string?[Families.Count];
        foreach (var cc in CombinedCommodities)
        {
            foreach (var link in cc.Links)
            {
                int f = ResolveLink(link);
                if (familyCc[f] is { } other)
                {
                    SpanThrow.Format(link.Path, link.Line, link.Position, $"product family {Families[f].Code} (pfId {Families[f].Id}) is linked from combined commodities '{other}' and '{cc.Code}'");
                }

                familyCc[f] = cc.Code;
            }

            ValidateIntraSpreads(cc);
        }

        var models = CombinedCommodities.Select(ToModel).ToList();

        foreach (var s in InterSpreads)
        {
            foreach (var leg in s.Legs)
            {
                var cc = CombinedCommodities.Find(c => c.Code == leg.CombinedCommodity);
                if (cc is null)
                {
                    SpanThrow.Format("spanFile/pointInTime/clearingOrg/interSpreads/dSpread/tLeg", s.Line, 0, $"inter-commodity spread {s.Priority}: leg names combined commodity '{leg.CombinedCommodity}', which the file does not define");
                }

                if (leg.Kind == SpanLegKind.Tier && cc.InterTiers.Count > 0 && !cc.InterTiers.Exists(t => t.Number == leg.Tier))
                {
                    SpanThrow.Format("spanFile/pointInTime/clearingOrg/interSpreads/dSpread/tLeg", s.Line, 0, $"inter-commodity spread {s.Priority}: combined commodity '{leg.CombinedCommodity}' has no inter tier {leg.Tier}");
                }
            }
        }

        var keepCc = filter is null ? ccCodes : new HashSet<string>(filter, StringComparer.Ordinal);

        // Keep families linked to a kept combined commodity (all families when there is no filter).
        var ranges = new List<(int Start, int End)>();
        var families = ImmutableArray.CreateBuilder<SpanProductFamily>();
        var familyStart = new List<int> { 0 };
        int total = 0;
        for (int f = 0; f < Families.Count; f++)
        {
            var d = Families[f];
            if (filter is not null && (familyCc[f] is null || !keepCc.Contains(familyCc[f]!)))
            {
                continue;
            }

            ranges.Add((d.ContractStart, d.ContractEnd));
            total += d.ContractEnd - d.ContractStart;
            familyStart.Add(total);
            double cvf = double.IsNaN(d.Cvf) ? 1 : d.Cvf;
            for (int i = d.ContractStart; i < d.ContractEnd; i++)
            {
                if (double.IsNaN(Cvf[i]))
                {
                    Cvf[i] = cvf;
                }
            }

            families.Add(new SpanProductFamily(families.Count, d.Exchange, d.Id, d.Code!, d.Kind, d.Name, d.Currency!, cvf, d.ValueMeth, familyCc[f]));
        }

        var data = Data;
        data.Families = families.ToImmutable();
        data.FamilyStart = [.. familyStart];
        data.ContractCid = Cid.Pick(ranges, total);
        data.ContractPeriod = Period.Pick(ranges, total);
        data.ContractStrike = Strike.Pick(ranges, total);
        data.ContractRight = Right.Pick(ranges, total);
        data.ContractPrice = Price.Pick(ranges, total);
        data.ContractDelta = Delta.Pick(ranges, total);
        data.ContractVol = Vol.Pick(ranges, total);
        data.ContractCvf = Cvf.Pick(ranges, total);
        data.ContractRaCount = RaCount.Pick(ranges, total);
        var lines = Line.Pick(ranges, total);
        var oldRaStart = RaStart.Pick(ranges, total);
        var contractFamily = new int[total];
        for (int f = 0; f < data.Families.Length; f++)
        {
            contractFamily.AsSpan(data.FamilyStart[f], data.FamilyStart[f + 1] - data.FamilyStart[f]).Fill(f);
        }

        data.ContractFamily = contractFamily;

        // Risk arrays of kept contracts, in contract order.
        int raTotal = 0;
        foreach (byte c in data.ContractRaCount)
        {
            raTotal += c;
        }

        var raStart = new int[total];
        var raRate = new int[raTotal];
        var raDelta = new double[raTotal];
        var raValues = new double[(long)raTotal * SpanRiskParameters.ScenarioCount];
        int ra = 0;
        for (int i = 0; i < total; i++)
        {
            raStart[i] = ra;
            int n = data.ContractRaCount[i], s = oldRaStart[i];
            for (int k = 0; k < n; k++)
            {
                raRate[ra + k] = RaRate[s + k];
                raDelta[ra + k] = RaDelta[s + k];
            }

            Array.Copy(RaValues.Raw, (long)s * SpanRiskParameters.ScenarioCount, raValues, (long)ra * SpanRiskParameters.ScenarioCount, (long)n * SpanRiskParameters.ScenarioCount);
            ra += n;
        }

        data.ContractRaStart = raStart;
        data.RaRate = raRate;
        data.RaDelta = raDelta;
        data.RaValues = raValues;
        data.Periods = [.. Periods];

        // Sorted permutations per family: by cId (id lookup, duplicate check) and by (period, strike, right) (key lookup).
        var byId = new int[total];
        var byKey = new int[total];
        for (int f = 0; f < data.Families.Length; f++)
        {
            int s = data.FamilyStart[f], e = data.FamilyStart[f + 1];
            for (int i = s; i < e; i++)
            {
                byId[i] = i;
                byKey[i] = i;
            }

            var cids = data.ContractCid;
            Array.Sort(byId, s, e - s, Comparer<int>.Create((a, b) => cids[a] != cids[b] ? cids[a].CompareTo(cids[b]) : a.CompareTo(b)));
            for (int i = s + 1; i < e; i++)
            {
                if (cids[byId[i]] == cids[byId[i - 1]])
                {
                    int dup = Math.Max(byId[i], byId[i - 1]);
                    SpanThrow.Format(Families.Find(x => x.Id == data.Families[f].Id && x.Kind == data.Families[f].Kind)!.Path + "/" + ContractElement(data.Families[f].Kind), lines[dup], 0, $"duplicate contract id {cids[dup].ToString(CultureInfo.InvariantCulture)} in product family {data.Families[f].Code} (pfId {data.Families[f].Id})");
                }
            }

            var periods = data.Periods;
            var per = data.ContractPeriod;
            var strike = data.ContractStrike;
            var right = data.ContractRight;
            Array.Sort(byKey, s, e - s, Comparer<int>.Create((a, b) =>
            {
                int c = string.CompareOrdinal(periods[per[a]], periods[per[b]]);
                if (c == 0)
                {
                    c = strike[a].CompareTo(strike[b]);
                }

                if (c == 0)
                {
                    c = right[a].CompareTo(right[b]);
                }

                return c != 0 ? c : a.CompareTo(b);
            }));
        }

        data.ById = byId;
        data.ByKey = byKey;
        data.CombinedCommodities = [.. models.Where(c => keepCc.Contains(c.Code))];
        data.InterSpreads = [.. InterSpreads];
        data.Diagnostics = [.. Diagnostics];
        data.Currencies = [.. Currencies];
        data.PerformanceBondRates = [.. PbRates];
        return new SpanRiskParameters(data);
    }

    internal static string ContractElement(SpanProductKind kind) => kind switch
    {
        SpanProductKind.Physical => "phy",
        SpanProductKind.Future => "fut",
        _ => "series/opt",
    };

    private int ResolveLink(PfLinkDraft draft)
    {
        var link = draft.Link;
        int found = -1, count = 0;
        for (int f = 0; f < Families.Count; f++)
        {
            var fam = Families[f];
            if (fam.Exchange == link.Exchange && fam.Id == link.ProductFamilyId
                && (link.ProductFamilyType is null || TypeMatches(link.ProductFamilyType, fam.Kind))
                && (link.ProductFamilyCode is null || link.ProductFamilyCode == fam.Code))
            {
                found = f;
                count++;
            }
        }

        if (count == 0)
        {
            SpanThrow.Format(draft.Path, draft.Line, draft.Position, $"pfLink target not found: no product family with exch '{link.Exchange}', pfId {link.ProductFamilyId}" + (link.ProductFamilyCode is null ? string.Empty : $", pfCode '{link.ProductFamilyCode}'") + (link.ProductFamilyType is null ? string.Empty : $", pfType '{link.ProductFamilyType}'"));
        }

        if (count > 1)
        {
            SpanThrow.Format(draft.Path, draft.Line, draft.Position, $"pfLink is ambiguous: {count} product families have exch '{link.Exchange}' and pfId {link.ProductFamilyId}; give pfType");
        }

        return found;
    }

    private static bool TypeMatches(string type, SpanProductKind kind) => type.ToUpperInvariant() switch
    {
        "PHY" => kind == SpanProductKind.Physical,
        "FUT" => kind == SpanProductKind.Future,
        "OOF" => kind == SpanProductKind.OptionOnFuture,
        "OOP" => kind == SpanProductKind.OptionOnPhysical,
        _ => false,
    };

    private static void ValidateIntraSpreads(CcDraft cc)
    {
        foreach (var s in cc.Spreads)
        {
            foreach (var leg in s.Legs)
            {
                if (leg.CombinedCommodity != cc.Code)
                {
                    SpanThrow.Format(CcPath + "/dSpread", s.Line, 0, $"intra-commodity spread {s.Priority} of '{cc.Code}' has a leg in combined commodity '{leg.CombinedCommodity}'");
                }

                if (leg.Kind == SpanLegKind.Tier && !cc.IntraTiers.Exists(t => t.Number == leg.Tier))
                {
                    SpanThrow.Format(CcPath + "/dSpread/tLeg", s.Line, 0, $"intra-commodity spread {s.Priority} of '{cc.Code}' names intra tier {leg.Tier}, which the ccDef does not define");
                }
            }
        }
    }

    private static SpanCombinedCommodity ToModel(CcDraft d)
    {
        var som = d.SomMeth?.Trim().ToUpperInvariant() switch
        {
            null or "" or "MAX" => ShortOptionMinimumMethod.MaxOfSides,
            "GROSS" => ShortOptionMinimumMethod.Gross,
            _ => Fail(d),
        };
        return new SpanCombinedCommodity(
            d.Code!,
            d.Name,
            d.Currency!,
            [.. d.Links.Select(l => l.Link)],
            [.. d.AdjRates],
            som,
            [.. d.ScanTiers],
            [.. d.IntraTiers],
            [.. d.InterTiers],
            [.. d.SomTiers],
            [.. d.Spreads],
            [.. d.SpotRates]);

        static ShortOptionMinimumMethod Fail(CcDraft d)
        {
            SpanThrow.Format(CcPath + "/somMeth", d.SomMethLine, 0, $"unknown somMeth '{d.SomMeth}' in combined commodity '{d.Code}'; expected MAX or GROSS");
            return default;
        }
    }
}
