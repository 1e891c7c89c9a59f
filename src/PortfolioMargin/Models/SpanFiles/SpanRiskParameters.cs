using System.Collections.Immutable;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>The parameters of one SPAN risk-parameter file (one point in time of one clearing organisation): scenarios,
/// product families, contracts with their risk arrays, combined commodities with their rules, and inter-commodity spreads.</summary>
/// <remarks>
/// Immutable and thread-safe. Contracts are stored as a structure of arrays; risk arrays are one flat <see cref="double"/> array
/// with stride 16, exposed as <see cref="ReadOnlyMemory{T}"/>. Create instances with <c>PortfolioMargin.Serialization.SpanFile</c>.
/// </remarks>
public sealed class SpanRiskParameters
{
    /// <summary>Number of scenarios in a risk array (16).</summary>
    public const int ScenarioCount = 16;

    private readonly Dictionary<string, int> _ccIndex;
    private readonly Dictionary<(string Exchange, int PfId), int[]> _familiesById;
    private readonly Dictionary<string, int[]> _familiesByCode;

    internal SpanRiskParameters(SpanParametersData d)
    {
        FileFormat = d.FileFormat;
        Created = d.Created;
        BusinessDate = d.BusinessDate;
        IsSettlement = d.IsSettlement;
        ClearingOrganization = d.ClearingOrganization;
        Currencies = d.Currencies;
        ScenarioPoints = d.ScenarioPoints;
        DeltaPoints = d.DeltaPoints;
        PerformanceBondRates = d.PerformanceBondRates;
        ProductFamilies = d.Families;
        CombinedCommodities = d.CombinedCommodities;
        InterSpreads = d.InterSpreads;
        Diagnostics = d.Diagnostics;
        Periods = d.Periods;
        ContractFamily = d.ContractFamily;
        ContractCid = d.ContractCid;
        ContractPeriod = d.ContractPeriod;
        ContractStrike = d.ContractStrike;
        ContractRight = d.ContractRight;
        ContractPrice = d.ContractPrice;
        ContractDelta = d.ContractDelta;
        ContractVol = d.ContractVol;
        ContractCvf = d.ContractCvf;
        ContractRaStart = d.ContractRaStart;
        ContractRaCount = d.ContractRaCount;
        RaRate = d.RaRate;
        RaDelta = d.RaDelta;
        _raValues = d.RaValues;
        FamilyStart = d.FamilyStart;
        ById = d.ById;
        ByKey = d.ByKey;

        _ccIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < CombinedCommodities.Length; i++)
        {
            _ccIndex[CombinedCommodities[i].Code] = i;
        }

        ScanLayout = BuildScanLayout(ScenarioPoints);
        _familiesById = ProductFamilies.GroupBy(f => (f.Exchange, f.Id)).ToDictionary(g => g.Key, g => g.Select(f => f.Index).ToArray());
        _familiesByCode = ProductFamilies.GroupBy(f => f.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(f => f.Index).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The file format (<c>fileFormat</c>), e.g. <c>4.00</c>; empty when the file has none.</summary>
    public string FileFormat { get; }

    /// <summary>The creation stamp (<c>created</c>), if any.</summary>
    public string? Created { get; }

    /// <summary>The business date (<c>pointInTime/date</c>, YYYYMMDD).</summary>
    public string BusinessDate { get; }

    /// <summary>Settlement (true) or intraday (false) file (<c>isSetl</c>).</summary>
    public bool IsSettlement { get; }

    /// <summary>The clearing organisation code (<c>clearingOrg/ec</c>).</summary>
    public string ClearingOrganization { get; }

    /// <summary>The currency definitions.</summary>
    public ImmutableArray<SpanCurrency> Currencies { get; }

    /// <summary>The 16 scan scenarios (<c>pointDef/scanPointDef</c>) in point order; empty when the file has no point definition.</summary>
    public ImmutableArray<SpanScenarioPoint> ScenarioPoints { get; }

    /// <summary>The delta points (<c>pointDef/deltaPointDef</c>) behind composite deltas.</summary>
    public ImmutableArray<SpanScenarioPoint> DeltaPoints { get; }

    /// <summary>The performance-bond rate definitions (<c>pbRateDef</c>): which rate id serves which account type.</summary>
    public ImmutableArray<SpanPerformanceBondRate> PerformanceBondRates { get; }

    /// <summary>The product families (in file order; only those kept by the read filter).</summary>
    public ImmutableArray<SpanProductFamily> ProductFamilies { get; }

    /// <summary>The combined commodities (in file order; only those kept by the read filter).</summary>
    public ImmutableArray<SpanCombinedCommodity> CombinedCommodities { get; }

    /// <summary>The inter-commodity spreads (<c>interSpreads/dSpread</c>) in file order.</summary>
    public ImmutableArray<SpanDeltaSpread> InterSpreads { get; }

    /// <summary>Parts of the file the library reads but does not apply (e.g. <c>superSpreads</c>), with path and line.
    /// Every margin result repeats them, so nothing is dropped silently.</summary>
    public ImmutableArray<string> Diagnostics { get; }

    /// <summary>Number of contracts.</summary>
    public int ContractCount => ContractFamily.Length;

    /// <summary>All risk-array values, 16 per risk array, in contract order.</summary>
    public ReadOnlyMemory<double> RiskArrayValues => _raValues;

    /// <summary>Number of risk arrays (base and alternative) stored.</summary>
    public int RiskArrayCount => RaRate.Length;

    /// <summary>The contract at <paramref name="index"/>.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="ContractCount"/>.</param>
    /// <returns>A view of the contract.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public SpanContract GetContract(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ContractCount);
        return new SpanContract(this, index);
    }

    /// <summary>All contracts in file order.</summary>
    public IEnumerable<SpanContract> Contracts
    {
        get
        {
            for (int i = 0; i < ContractCount; i++)
            {
                yield return new SpanContract(this, i);
            }
        }
    }

    /// <summary>The contracts of the product families linked to combined commodity <paramref name="combinedCommodity"/>.</summary>
    /// <param name="combinedCommodity">A combined commodity code.</param>
    /// <returns>The contracts in file order; empty for an unknown code.</returns>
    public IEnumerable<SpanContract> GetContracts(string combinedCommodity)
    {
        ArgumentNullException.ThrowIfNull(combinedCommodity);
        foreach (var f in ProductFamilies)
        {
            if (f.CombinedCommodity == combinedCommodity)
            {
                for (int i = FamilyStart[f.Index]; i < FamilyStart[f.Index + 1]; i++)
                {
                    yield return new SpanContract(this, i);
                }
            }
        }
    }

    /// <summary>The combined commodity with code <paramref name="code"/>, or <see langword="null"/>.</summary>
    /// <param name="code">A combined commodity code (<c>cc</c>).</param>
    /// <returns>The definition, or <see langword="null"/> when the file (after filtering) has none.</returns>
    public SpanCombinedCommodity? FindCombinedCommodity(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _ccIndex.TryGetValue(code, out int i) ? CombinedCommodities[i] : null;
    }

    /// <summary>Finds a contract by its ids.</summary>
    /// <param name="id">Exchange, family id and contract id.</param>
    /// <param name="contract">The contract when found.</param>
    /// <returns>Whether exactly one contract has these ids.</returns>
    public bool TryFindContract(SpanContractId id, out SpanContract contract)
    {
        contract = default;
        if (id.Exchange is null || !_familiesById.TryGetValue((id.Exchange, id.ProductFamilyId), out var families))
        {
            return false;
        }

        int found = -1;
        foreach (int f in families)
        {
            int lo = FamilyStart[f], hi = FamilyStart[f + 1] - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >>> 1;
                int c = ContractCid[ById[mid]].CompareTo(id.ContractId);
                if (c == 0)
                {
                    if (found >= 0)
                    {
                        return false;
                    }

                    found = ById[mid];
                    break;
                }

                if (c < 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }
        }

        if (found < 0)
        {
            return false;
        }

        contract = new SpanContract(this, found);
        return true;
    }

    /// <summary>Finds a contract by its terms.</summary>
    /// <param name="key">Combined commodity, family code, period, and for options strike and right.</param>
    /// <param name="contract">The contract when found.</param>
    /// <returns>Whether exactly one contract matches.</returns>
    public bool TryFindContract(SpanContractKey key, out SpanContract contract) => FindByKey(key, out contract) == 1;

    /// <summary>Counts the contracts matching <paramref name="key"/> (0, 1, or 2 meaning "more than one").</summary>
    internal int FindByKey(SpanContractKey key, out SpanContract contract)
    {
        contract = default;
        if (key.ProductFamily is null || key.Period is null || !_familiesByCode.TryGetValue(key.ProductFamily, out var families))
        {
            return 0;
        }

        byte right = key.Right switch
        {
            SpanOptionRight.Call => 1,
            SpanOptionRight.Put => 2,
            _ => 0,
        };
        double strike = key.Strike ?? 0;
        if ((right == 0) != (key.Strike is null))
        {
            return 0;
        }

        int found = -1, count = 0;
        foreach (int f in families)
        {
            var fam = ProductFamilies[f];
            if (fam.CombinedCommodity != key.CombinedCommodity || (key.Kind is { } k && fam.Kind != k) || fam.IsOption != (right != 0))
            {
                continue;
            }

            int lo = FamilyStart[f], hi = FamilyStart[f + 1] - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >>> 1;
                int c = CompareKey(ByKey[mid], key.Period, strike, right);
                if (c == 0)
                {
                    found = ByKey[mid];
                    count++;
                    break;
                }

                if (c < 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }
        }

        if (count == 1)
        {
            contract = new SpanContract(this, found);
        }

        return Math.Min(count, 2);
    }

    internal int CompareKey(int contract, string period, double strike, byte right)
    {
        int c = string.CompareOrdinal(Periods[ContractPeriod[contract]], period);
        if (c != 0)
        {
            return c;
        }

        c = ContractStrike[contract].CompareTo(strike);
        return c != 0 ? c : ContractRight[contract].CompareTo(right);
    }

    /// <summary>Bytes held by the contract and risk-array storage (arrays only, headers excluded).</summary>
    internal long StorageBytes =>
        (long)_raValues.Length * sizeof(double)
        + (long)ContractCount * ((4 * sizeof(int)) + (5 * sizeof(double)) + 2 + (2 * sizeof(int)))
        + (long)RaRate.Length * (sizeof(int) + sizeof(double));

    internal ImmutableArray<string> Periods { get; }

    internal int[] ContractFamily { get; }

    internal int[] ContractCid { get; }

    internal int[] ContractPeriod { get; }

    internal double[] ContractStrike { get; }

    internal byte[] ContractRight { get; }

    internal double[] ContractPrice { get; }

    internal double[] ContractDelta { get; }

    internal double[] ContractVol { get; }

    internal double[] ContractCvf { get; }

    internal int[] ContractRaStart { get; }

    internal byte[] ContractRaCount { get; }

    internal int[] RaRate { get; }

    internal double[] RaDelta { get; }

    internal int[] FamilyStart { get; }

    internal int[] ById { get; }

    internal int[] ByKey { get; }

    private readonly double[] _raValues;

    internal ReadOnlySpan<double> BaseArray(int contract) =>
        new(_raValues, ContractRaStart[contract] * ScenarioCount, ScenarioCount);

    /// <summary>The scan layout of the 16 scenarios: zero-price-move points, paired points (the file's point definition, or
    /// the standard layout — points 1–2 without a price move, 3–14 paired 3/4, 5/6, …, 15–16 unpaired — when it has none).</summary>
    internal ScanLayout ScanLayout { get; }

    private static ScanLayout BuildScanLayout(ImmutableArray<SpanScenarioPoint> points)
    {
        var moves = new double[ScenarioCount];
        var weights = new double[ScenarioCount];
        var paired = new int[ScenarioCount];
        for (int j = 0; j < ScenarioCount; j++)
        {
            int point = j + 1;
            if (points.Length == ScenarioCount)
            {
                moves[j] = points[j].PriceMove;
                weights[j] = points[j].Weight;
                int q = points[j].PairedPoint;
                paired[j] = q is >= 1 and <= ScenarioCount ? q - 1 : -1;
            }
            else
            {
                moves[j] = point <= 2 ? 0 : 1;
                weights[j] = point <= 14 ? 1 : 0.35;
                paired[j] = point <= 14 ? (point % 2 == 1 ? point : point - 2) : -1;
            }
        }

        return ScanLayout.From(moves, weights, paired);
    }

    internal int CombinedCommodityIndex(string code) => _ccIndex.TryGetValue(code, out int i) ? i : -1;
}

