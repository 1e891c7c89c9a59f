namespace PortfolioMargin.Models;

/// <summary>
/// Delta spreads — the one implementation of spread formation the grid (intra-group tiers, inter-group credits) and the
/// SPAN-file model (intra- and inter-commodity <c>dSpread</c>s) share. The caller applies spreads in ascending priority;
/// each spread consumes the deltas it uses before the next. Allocation-free.
/// </summary>
/// <remarks>
/// <para>Deltas live in buckets (an expiry tier, a risk group, or one combined commodity's period); a leg covers one or
/// more buckets, has a side and a delta per spread <c>r</c>. A spread forms when every leg's remaining delta (the sum over
/// its buckets) is non-zero, the A legs share one sign and the B legs the opposite one; then
/// <c>n = min over legs |Δ_leg| / r_leg</c> spreads form and each leg consumes <c>n · r_leg</c> of delta from its buckets of
/// the leg's sign, pro rata their remaining delta.</para>
/// <para>A consumed bucket whose remainder is within 1e-12 of what it held is exactly 0 (a rounding residue would otherwise
/// keep a sign and form a spurious spread later); likewise <see cref="Snap"/> makes a net delta that nets to zero exactly 0.</para>
/// </remarks>
internal static class DeltaSpreads
{
    /// <summary>Relative size below which a net or remaining delta is a rounding residue and is 0.</summary>
    public const double ResidueTolerance = 1e-12;

    /// <summary>
    /// A net delta within 1e-12 of the gross |delta| it was summed from is exactly 0: a rounding residue would otherwise have a
    /// sign, form spreads and, through <c>WPR = price risk / |net delta|</c>, grant a spurious credit.
    /// </summary>
    public static double Snap(double net, double gross) => Math.Abs(net) <= ResidueTolerance * gross ? 0.0 : net;

    /// <summary>Forms as many spreads as the legs' remaining deltas allow and consumes them.</summary>
    /// <param name="remaining">Remaining delta per bucket; consumed in place.</param>
    /// <param name="legBuckets">The buckets of every leg, leg after leg.</param>
    /// <param name="legEnd">Per leg, the end (exclusive) of its buckets in <paramref name="legBuckets"/>.</param>
    /// <param name="sides">Side per leg.</param>
    /// <param name="ratios">Delta per spread per leg (&gt; 0).</param>
    /// <param name="legDelta">Out: each leg's remaining delta before the spread (length: legs).</param>
    /// <param name="consumed">Out: per entry of <paramref name="legBuckets"/>, the magnitude of delta taken from that bucket (0 when none).</param>
    /// <returns>The number of spreads <c>n</c>; 0 when none forms (nothing is consumed).</returns>
    public static double Form(Span<double> remaining, ReadOnlySpan<int> legBuckets, ReadOnlySpan<int> legEnd, ReadOnlySpan<SpreadSide> sides,
        ReadOnlySpan<double> ratios, Span<double> legDelta, Span<double> consumed)
    {
        int legs = legEnd.Length;
        double n = double.PositiveInfinity, signA = 0;
        for (int l = 0, start = 0; l < legs; start = legEnd[l++])
        {
            double d = 0;
            for (int e = start; e < legEnd[l]; e++)
            {
                d += remaining[legBuckets[e]];
            }

            legDelta[l] = d;
            if (d == 0)
            {
                return 0;
            }

            double s = Math.Sign(d) * (sides[l] == SpreadSide.A ? 1 : -1);
            if (signA == 0)
            {
                signA = s;
            }
            else if (s != signA)
            {
                return 0;
            }

            n = Math.Min(n, Math.Abs(d) / ratios[l]);
        }

        if (!(n > 0) || double.IsInfinity(n))
        {
            return 0;
        }

        consumed[..legBuckets.Length].Clear();
        for (int l = 0, start = 0; l < legs; start = legEnd[l++])
        {
            Consume(remaining, legBuckets[start..legEnd[l]], Math.Sign(legDelta[l]), n * ratios[l], consumed[start..legEnd[l]]);
        }

        return n;
    }

    /// <summary>Takes <paramref name="amount"/> of delta of sign <paramref name="sign"/> from the buckets, pro rata their remaining delta of that sign.</summary>
    private static void Consume(Span<double> remaining, ReadOnlySpan<int> buckets, int sign, double amount, Span<double> consumed)
    {
        double sameSign = 0;
        foreach (int k in buckets)
        {
            if (Math.Sign(remaining[k]) == sign)
            {
                sameSign += Math.Abs(remaining[k]);
            }
        }

        for (int j = 0; j < buckets.Length; j++)
        {
            int k = buckets[j];
            if (Math.Sign(remaining[k]) != sign)
            {
                continue;
            }

            double before = remaining[k];
            double take = buckets.Length == 1 ? Math.Min(Math.Abs(before), amount) : Math.Min(Math.Abs(before), amount * Math.Abs(before) / sameSign);
            remaining[k] -= sign * take;
            if (Math.Abs(remaining[k]) <= ResidueTolerance * Math.Abs(before))
            {
                take = Math.Abs(before);
                remaining[k] = 0;
            }

            consumed[j] = take;
        }
    }
}
