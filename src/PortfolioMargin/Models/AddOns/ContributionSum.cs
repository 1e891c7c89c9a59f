using System.Collections.Immutable;

namespace PortfolioMargin.Models.AddOns;

/// <summary>Weighted sums of several results' per-position contributions, keyed by position index (the decorators' one way of combining shares).</summary>
internal sealed class ContributionSum
{
    private readonly SortedDictionary<int, (string Label, string Group, double Maintenance, double Initial)> _rows = [];

    /// <summary>Adds <c>weightMm · maintenance</c> and <c>weightIm · initial</c> of every contribution of <paramref name="result"/>.</summary>
    public void Add(MarginResult result, double weightMm, double weightIm)
    {
        foreach (PositionContribution c in result.Contributions)
        {
            Add(c.PositionIndex, c.Label, c.Group, weightMm * c.Maintenance, weightIm * c.Initial);
        }
    }

    /// <summary>Adds an amount to one position's share.</summary>
    public void Add(int index, string label, string group, double maintenance, double initial)
    {
        _rows[index] = _rows.TryGetValue(index, out var row)
            ? (row.Label, row.Group, row.Maintenance + maintenance, row.Initial + initial)
            : (label, group, maintenance, initial);
    }

    /// <summary>The contributions in position order.</summary>
    public ImmutableArray<PositionContribution> ToImmutable() =>
        [.. _rows.Select(r => new PositionContribution(r.Key, r.Value.Label, r.Value.Group, r.Value.Maintenance + 0.0, r.Value.Initial + 0.0))];
}
