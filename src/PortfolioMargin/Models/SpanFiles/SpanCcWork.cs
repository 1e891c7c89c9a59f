using System.Collections.Immutable;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>The state of one combined commodity during a SPAN computation (between the per-commodity steps and the inter-commodity credits).</summary>
internal sealed class SpanCcWork(int index, SpanCombinedCommodity def)
{
    /// <summary>Index of the combined commodity in the file.</summary>
    public int Index { get; } = index;

    /// <summary>Its definition.</summary>
    public SpanCombinedCommodity Def { get; } = def;

    /// <summary>Indices of its entries (positions), in input order.</summary>
    public List<int> Entries { get; } = [];

    /// <summary>Net quantity per contract, in order of first appearance.</summary>
    public List<(int Contract, double Net)> Nets { get; } = [];

    /// <summary>Its periods, in order of first appearance.</summary>
    public List<string> Periods { get; } = [];

    /// <summary>Net delta per period before spreading (a residue that nets to zero is 0).</summary>
    public double[] Orig { get; set; } = [];

    /// <summary>Offset of its periods in the computation's remaining-delta buckets.</summary>
    public int Offset { get; set; }

    /// <summary>Price risk summed over scan tiers (for the weighted price risk of inter-commodity spreads).</summary>
    public double PriceRisk { get; set; }

    /// <summary>Net delta of the combined commodity (a residue that nets to zero is 0).</summary>
    public double NetDelta { get; set; }

    /// <summary>Inter-commodity credit granted to it.</summary>
    public double Credit { get; set; }

    /// <summary>The figures of the per-commodity steps (inter credit and requirement not yet applied).</summary>
    public SpanCombinedCommodityResult? Partial { get; set; }

    /// <summary>Local period index of each entry of the computation (−1 for entries of other combined commodities).</summary>
    public int[] PeriodOf { get; set; } = [];

    /// <summary>The binding scenario (0-based, −1 for none) of each of its scan tiers.</summary>
    public ImmutableArray<int> TierBinding { get; set; } = [];
}
