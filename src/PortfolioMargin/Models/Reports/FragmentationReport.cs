using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models;

/// <summary>Margin of a set of positions on one venue.</summary>
/// <param name="Venue">Venue name.</param>
/// <param name="Initial">Initial margin.</param>
/// <param name="Maintenance">Maintenance margin.</param>
public readonly record struct VenueMargin(string Venue, double Initial, double Maintenance);

/// <summary>Fragmentation of one risk group (underlying), or of the whole book (<c>TOTAL</c>).</summary>
/// <param name="Group">Underlying symbol, or <c>TOTAL</c>.</param>
/// <param name="Split">Per venue, the group's share of the margin of the positions that venue holds (venues holding none omitted).</param>
/// <param name="Fragmented">Σ of <paramref name="Split"/>: the initial margin as the positions are split.</param>
/// <param name="OnOneVenue">Per venue, the initial margin of the group's positions all held on that venue.</param>
/// <param name="BestVenue">The venue with the least <paramref name="OnOneVenue"/> margin.</param>
/// <param name="Cost"><c>Fragmented − min(OnOneVenue)</c>: the capital the split costs against consolidating on the best venue (negative when splitting is cheaper).</param>
public sealed record GroupFragmentation(string Group, ImmutableArray<VenueMargin> Split, double Fragmented, ImmutableArray<VenueMargin> OnOneVenue, string BestVenue, double Cost);

/// <summary>
/// What splitting a book across venues costs: each venue margins only the positions it holds (netting nothing across
/// venues), compared with holding everything on one venue, per underlying and in total; and the cheapest assignment of
/// whole underlyings to venues. Amounts (initial margin) in the snapshot's report currency. Immutable.
/// </summary>
/// <param name="Currency">Report currency.</param>
/// <param name="Total">The whole book.</param>
/// <param name="Groups">Per underlying, in order of first appearance.</param>
/// <param name="CheapestSplit">The cheapest assignment of each underlying to one venue (underlying symbol → venue).</param>
/// <param name="CheapestSplitInitial">Initial margin of <paramref name="CheapestSplit"/>.</param>
public sealed record FragmentationReport(Currency Currency, GroupFragmentation Total, ImmutableArray<GroupFragmentation> Groups,
    ImmutableSortedDictionary<string, string> CheapestSplit, double CheapestSplitInitial)
{
    /// <summary>Largest number of underlyings the cheapest-split search accepts (it margins every subset of underlyings on every venue).</summary>
    public const int MaxUnderlyings = 10;

    /// <summary>Computes the report.</summary>
    /// <param name="venues">The venues (names unique).</param>
    /// <param name="positions">The positions.</param>
    /// <param name="venueOf">For each position, the name of the venue holding it.</param>
    /// <param name="market">The snapshot every venue values on.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">Venue names invalid, <paramref name="venueOf"/> of the wrong length or naming an unknown venue (the position is named), or more than <see cref="MaxUnderlyings"/> underlyings.</exception>
    public static FragmentationReport Compute(IEnumerable<Venue> venues, Portfolio positions, IReadOnlyList<string> venueOf, MarketSnapshot market)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(venueOf);
        ArgumentNullException.ThrowIfNull(market);
        ImmutableArray<Venue> list = VenueComparison.Check(venues);
        if (venueOf.Count != positions.Count)
        {
            Guard.ThrowArgument($"Fragmentation: {venueOf.Count} venue assignments for {positions.Count} positions.", nameof(venueOf));
        }

        for (int i = 0; i < positions.Count; i++)
        {
            if (!list.Any(v => v.Name == venueOf[i]))
            {
                Guard.ThrowArgument($"Fragmentation: position #{i} ({positions[i]}) is assigned to '{venueOf[i]}', which is not among the venues ({string.Join(", ", list.Select(v => v.Name))}).", nameof(venueOf));
            }
        }

        string[] groups = [.. positions.Select(p => p.Instrument.Underlying.Symbol).Distinct(StringComparer.Ordinal)];
        if (groups.Length > MaxUnderlyings)
        {
            Guard.ThrowArgument($"Fragmentation: {groups.Length} underlyings; the cheapest-split search accepts at most {MaxUnderlyings}.", nameof(positions));
        }

        return new Builder(list, positions, venueOf, market, groups).Build();
    }

    /// <summary>The report as text: per group and in total the split, each single venue, the cost, then the cheapest split.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        foreach (GroupFragmentation g in Groups.Append(Total))
        {
            sb.Append(inv, $"{g.Group}: split {g.Fragmented:N2} ({string.Join(", ", g.Split.Select(s => string.Create(inv, $"{s.Venue} {s.Initial:N2}")))})").AppendLine();
            sb.Append(inv, $"  on one venue: {string.Join(", ", g.OnOneVenue.Select(s => string.Create(inv, $"{s.Venue} {s.Initial:N2}")))}").AppendLine();
            sb.Append(inv, $"  best single venue {g.BestVenue}; fragmentation costs {g.Cost:N2} {Currency}").AppendLine();
        }

        sb.Append(inv, $"cheapest split by underlying: {string.Join(", ", CheapestSplit.Select(kv => $"{kv.Key} on {kv.Value}"))}, IM {CheapestSplitInitial:N2} {Currency}").AppendLine();
        return sb.ToString();
    }

    /// <summary>Margins each needed sub-book once (per venue and set of underlyings).</summary>
    private sealed class Builder(ImmutableArray<Venue> venues, Portfolio positions, IReadOnlyList<string> venueOf, MarketSnapshot market, string[] groups)
    {
        private readonly Dictionary<(string Venue, int Mask, bool OnlyHeld), MarginResult?> _cache = [];

        /// <summary>The venue's margin of the positions on the underlyings in <paramref name="groupMask"/> (only those it holds when <paramref name="onlyHeld"/>); null when there are none.</summary>
        private MarginResult? Margin(Venue v, int groupMask, bool onlyHeld)
        {
            if (!_cache.TryGetValue((v.Name, groupMask, onlyHeld), out MarginResult? r))
            {
                var book = new Portfolio(Enumerable.Range(0, positions.Count)
                    .Where(i => (groupMask & (1 << Array.IndexOf(groups, positions[i].Instrument.Underlying.Symbol))) != 0 && (!onlyHeld || venueOf[i] == v.Name))
                    .Select(i => positions[i]));
                r = book.Count == 0 ? null : v.Model.Calculate(book, market);
                _cache[(v.Name, groupMask, onlyHeld)] = r;
            }

            return r;
        }

        private bool Holds(Venue v, string? group) =>
            Enumerable.Range(0, positions.Count).Any(i => venueOf[i] == v.Name && (group is null || positions[i].Instrument.Underlying.Symbol == group));

        private static double Im(MarginResult? r, string? group) =>
            r is null ? 0 : group is null ? r.InitialMargin : r.Contributions.Where(c => c.Group == group).Sum(c => c.Initial);

        private static double Mm(MarginResult? r, string? group) =>
            r is null ? 0 : group is null ? r.MaintenanceMargin : r.Contributions.Where(c => c.Group == group).Sum(c => c.Maintenance);

        private GroupFragmentation Row(string? group, int mask)
        {
            int all = (1 << groups.Length) - 1;
            var split = venues.Where(v => Holds(v, group)).Select(v => new VenueMargin(v.Name, Im(Margin(v, all, onlyHeld: true), group), Mm(Margin(v, all, onlyHeld: true), group)))
                .ToImmutableArray();
            var one = venues.Select(v => new VenueMargin(v.Name, Im(Margin(v, mask, onlyHeld: false), null), Mm(Margin(v, mask, onlyHeld: false), null))).ToImmutableArray();
            VenueMargin best = one.MinBy(m => m.Initial);
            double fragmented = split.Sum(s => s.Initial);
            return new GroupFragmentation(group ?? "TOTAL", split, fragmented, one, best.Venue, fragmented - best.Initial);
        }

        public FragmentationReport Build()
        {
            int all = (1 << groups.Length) - 1;
            var rows = groups.Select((g, k) => Row(g, 1 << k)).ToImmutableArray();
            GroupFragmentation total = Row(null, all);
            (double best, int[] choice) = (double.PositiveInfinity, []);
            int v = venues.Length;
            for (long code = 0; code < (long)Math.Pow(v, groups.Length); code++)
            {
                int[] assign = new int[groups.Length];
                long c = code;
                for (int k = 0; k < groups.Length; k++, c /= v)
                {
                    assign[k] = (int)(c % v);
                }

                double im = 0;
                for (int j = 0; j < v; j++)
                {
                    int mask = 0;
                    for (int k = 0; k < groups.Length; k++)
                    {
                        mask |= assign[k] == j ? 1 << k : 0;
                    }

                    im += mask == 0 ? 0 : Im(Margin(venues[j], mask, onlyHeld: false), null);
                }

                if (im < best)
                {
                    (best, choice) = (im, assign);
                }
            }

            var cheapest = groups.Select((g, k) => (g, venues[choice[k]].Name)).ToImmutableSortedDictionary(x => x.g, x => x.Name, StringComparer.Ordinal);
            return new FragmentationReport(market.ReportCurrency, total, rows, cheapest, best);
        }
    }
}
