using System.Collections.Immutable;

namespace PortfolioMargin.Models.Grid;

/// <summary>
/// The grid's group-level rules (spec §6.2) on top of the shared arithmetic (<see cref="ScanRisk"/>,
/// <see cref="DeltaSpreads"/>, <see cref="ShortOptionMinimum"/>), used by <see cref="GridCalculator"/> and the incremental
/// <see cref="GridWhatIf"/> so both compute a requirement through the same code. Allocation-free unless a formed-spread
/// list is passed.
/// </summary>
internal static class GridGroupMath
{
    /// <summary>The grid measures price risk as the worst mean loss of a price move (<see cref="PriceRiskMethod.WorstMoveMean"/>).</summary>
    public const PriceRiskMethod PriceRisk = PriceRiskMethod.WorstMoveMean;

    /// <summary>Time risk and price risk (<see cref="PriceRiskMethod.WorstMoveMean"/>) of a group's losses.</summary>
    public static (double Time, double Price) TimeAndPrice(ReadOnlySpan<double> losses, ScanLayout layout, Span<double> slotSum) =>
        ScanRisk.Decompose(losses, layout, PriceRisk, -1, slotSum);

    /// <summary>Index into <see cref="GridGroupParameters.IntraTiers"/> of the first tier holding the expiry, or −1.</summary>
    public static int TierIndex(GridGroupParameters p, double daysToExpiry)
    {
        ImmutableArray<ExpiryTier> tiers = p.IntraTiers;
        for (int t = 0; t < tiers.Length; t++)
        {
            if (tiers[t].Contains(daysToExpiry))
            {
                return t;
            }
        }

        return -1;
    }

    private static int TierIndexOfNumber(GridGroupParameters p, int number)
    {
        ImmutableArray<ExpiryTier> tiers = p.IntraTiers;
        for (int t = 0; t < tiers.Length; t++)
        {
            if (tiers[t].Number == number)
            {
                return t;
            }
        }

        return -1;
    }

    /// <summary>
    /// Forms the intra-group spreads in priority order from net deltas per tier (indexed like
    /// <see cref="GridGroupParameters.IntraTiers"/>; consumed in place) and returns the total charge. Each rule is a
    /// two-leg spread (tier A on side A, tier B on side B) formed by <see cref="DeltaSpreads.Form"/>.
    /// </summary>
    public static double Intra(Span<double> tierDelta, GridGroupParameters p, List<FormedIntraSpread>? formed, Span<double> chargeByTier)
    {
        double total = 0;
        Span<int> buckets = stackalloc int[2];
        ReadOnlySpan<int> legEnd = [1, 2];
        ReadOnlySpan<SpreadSide> sides = [SpreadSide.A, SpreadSide.B];
        Span<double> ratios = stackalloc double[2], legDelta = stackalloc double[2], consumed = stackalloc double[2];
        foreach (IntraSpreadRule rule in p.IntraSpreads)
        {
            buckets[0] = TierIndexOfNumber(p, rule.TierA);
            buckets[1] = TierIndexOfNumber(p, rule.TierB);
            ratios[0] = rule.DeltaPerSpreadA;
            ratios[1] = rule.DeltaPerSpreadB;
            double n = DeltaSpreads.Form(tierDelta, buckets, legEnd, sides, ratios, legDelta, consumed);
            if (n == 0)
            {
                continue;
            }

            double charge = n * rule.ChargePerSpread;
            total += charge;
            formed?.Add(new FormedIntraSpread(rule, n, charge));
            if (!chargeByTier.IsEmpty)
            {
                chargeByTier[buckets[0]] += charge / 2;
                chargeByTier[buckets[1]] += charge / 2;
            }
        }

        return total;
    }

    /// <summary>Short option minimum from the net short call and put units.</summary>
    public static double ShortOptionMinimum(double shortCalls, double shortPuts, GridGroupParameters p) =>
        p.ShortOptionMinimumPerUnit * Models.ShortOptionMinimum.Count(shortCalls, shortPuts, p.ShortOptionMinimumMethod);

    /// <summary>Offsetting-futures add-on: <c>rate · min(long notional, short notional)</c>.</summary>
    public static double FuturesContingency(double longNotional, double shortNotional, GridGroupParameters p) =>
        Math.Min(longNotional, shortNotional) > 0 && p.OffsettingFuturesContingencyRate > 0
            ? p.OffsettingFuturesContingencyRate * Math.Min(longNotional, shortNotional)
            : 0;

    /// <summary>Group maintenance margin <c>max(scan + intra − credit, SOM) + contingencies</c>, then NOV handling.</summary>
    public static double Maintenance(double scan, double intra, double credit, double som, double optionContingency, double futuresContingency,
        double netOptionValue, GridGroupParameters p, out bool somBinds, out bool floored)
    {
        double mm = Models.ShortOptionMinimum.Requirement(scan + intra - credit, som, out somBinds) + optionContingency + futuresContingency;
        floored = false;
        if (p.NetOptionValue == NetOptionValueHandling.SubtractWithFloor)
        {
            if (mm - netOptionValue < 0)
            {
                floored = true;
                mm = 0;
            }
            else
            {
                mm -= netOptionValue;
            }
        }

        return mm;
    }

    private static int IndexOf(ReadOnlySpan<string> groups, string group)
    {
        for (int i = 0; i < groups.Length; i++)
        {
            if (string.Equals(groups[i], group, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Inter-group spread credits in priority order (spec §6.2.7): each spread formed by <see cref="DeltaSpreads.Form"/>
    /// over the groups' remaining net deltas; credit per leg <c>n · ratio · WPR · rate</c>, <c>WPR = price risk / |net delta|</c>.
    /// Adds each group's credit to <paramref name="credit"/> (zeroed first); <paramref name="remaining"/> is scratch of the group count.
    /// </summary>
    public static void InterCredits(GridParameters parameters, ReadOnlySpan<string> groups, ReadOnlySpan<double> netDelta, ReadOnlySpan<double> priceRisk,
        Span<double> credit, Span<double> remaining, ImmutableArray<FormedInterSpread>.Builder? formed)
    {
        credit.Clear();
        netDelta.CopyTo(remaining);
        const int StackLegs = 16;
        int maxLegs = 0;
        foreach (InterGroupSpread spread in parameters.InterSpreads)
        {
            maxLegs = Math.Max(maxLegs, spread.Legs.Length);
        }

        bool small = maxLegs <= StackLegs;
        Span<int> buckets = small ? stackalloc int[StackLegs] : new int[maxLegs], legEnd = small ? stackalloc int[StackLegs] : new int[maxLegs];
        Span<SpreadSide> sides = small ? stackalloc SpreadSide[StackLegs] : new SpreadSide[maxLegs];
        Span<double> ratios = small ? stackalloc double[StackLegs] : new double[maxLegs], legDelta = small ? stackalloc double[StackLegs] : new double[maxLegs],
            consumed = small ? stackalloc double[StackLegs] : new double[maxLegs];
        foreach (InterGroupSpread spread in parameters.InterSpreads)
        {
            int legs = spread.Legs.Length;
            bool allPresent = true;
            for (int l = 0; l < legs && allPresent; l++)
            {
                InterSpreadLeg leg = spread.Legs[l];
                buckets[l] = IndexOf(groups, leg.Group);
                allPresent &= buckets[l] >= 0;
                legEnd[l] = l + 1;
                sides[l] = leg.Side;
                ratios[l] = leg.DeltaPerSpread;
            }

            if (!allPresent)
            {
                continue; // a leg's group is not in the book: the spread cannot form
            }

            double n = DeltaSpreads.Form(remaining, buckets[..legs], legEnd[..legs], sides[..legs], ratios[..legs], legDelta, consumed);
            if (n == 0)
            {
                continue;
            }

            ImmutableSortedDictionary<string, double>.Builder? credits = formed is null ? null : ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
            for (int l = 0; l < legs; l++)
            {
                int g = buckets[l];
                double wpr = Math.Abs(netDelta[g]) > 0 ? priceRisk[g] / Math.Abs(netDelta[g]) : 0;
                double c = n * spread.Legs[l].DeltaPerSpread * wpr * spread.CreditRate;
                credit[g] += c;
                if (credits is not null)
                {
                    credits[spread.Legs[l].Group] = credits.GetValueOrDefault(spread.Legs[l].Group) + c;
                }
            }

            formed?.Add(new FormedInterSpread(spread, n, credits!.ToImmutable()));
        }
    }
}
