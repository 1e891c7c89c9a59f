using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>Intra- and inter-commodity delta spreads on the shared <see cref="DeltaSpreads"/>, and their attribution.</summary>
internal sealed partial class SpanComputation
{
    /// <summary>A leg as formed: its periods (local to its combined commodity) and the delta consumed in each.</summary>
    private sealed record FormedLeg(SpanLegResult Leg, int[] Periods, double[] Consumed, SpanCcWork Work);

    /// <summary>Intra-commodity spreads in ascending priority (stable for equal priorities), each charge attributed over its legs.</summary>
    private (ImmutableArray<SpanIntraSpreadResult> Spreads, double Total) IntraSpreads(SpanCcWork w)
    {
        var spreads = ImmutableArray.CreateBuilder<SpanIntraSpreadResult>();
        double total = 0;
        foreach (SpanDeltaSpread sp in w.Def.IntraSpreads.OrderBy(s => s.Priority))
        {
            string what = $"combined commodity '{w.Def.Code}', intra-commodity spread {sp.Priority.ToString(CultureInfo.InvariantCulture)} (line {sp.Line.ToString(CultureInfo.InvariantCulture)})";
            if (sp.UnsupportedFeature is not null)
            {
                SpanRules.NotSupported($"{what}: {sp.UnsupportedFeature} is not supported");
            }

            if (!string.Equals(sp.ChargeMethod, "F", StringComparison.OrdinalIgnoreCase))
            {
                SpanRules.NotSupported($"{what}: chargeMeth '{sp.ChargeMethod}' is not supported (only 'F', flat rate per spread)");
            }

            double rate = SpanRuleRates.Pick(sp.Rates, _rates.Base, $"combined commodity '{w.Def.Code}', intra-commodity spread {sp.Priority.ToString(CultureInfo.InvariantCulture)}");
            var works = new SpanCcWork[sp.Legs.Length];
            Array.Fill(works, w);
            FormedLeg[]? formed = Form(works, sp.Legs, inter: false, out double n);
            if (formed is null)
            {
                continue;
            }

            double charge = n * rate;
            total += charge;
            double iSum = sp.Legs.Sum(l => l.DeltaPerSpread);
            for (int l = 0; l < formed.Length; l++)
            {
                AttributeLeg(formed[l], charge * sp.Legs[l].DeltaPerSpread / iSum, _intra);
            }

            spreads.Add(new SpanIntraSpreadResult(sp.Priority, sp.ChargeMethod, n, rate, charge, [.. formed.Select(f => f.Leg)]));
        }

        return (spreads.ToImmutable(), total);
    }

    /// <summary>Inter-commodity credits in priority order; a credit per leg <c>n · i · WPR · rate</c>, <c>WPR = price risk / |net delta|</c>.</summary>
    private ImmutableArray<SpanInterSpreadResult> InterSpreads(SortedDictionary<int, SpanCcWork> works)
    {
        var results = ImmutableArray.CreateBuilder<SpanInterSpreadResult>();
        if (works.Count < 2)
        {
            return results.ToImmutable();
        }

        foreach (SpanDeltaSpread sp in _p.InterSpreads.OrderBy(s => s.Priority))
        {
            var legWorks = new SpanCcWork[sp.Legs.Length];
            bool present = true;
            for (int l = 0; l < sp.Legs.Length && present; l++)
            {
                int ci = _p.CombinedCommodityIndex(sp.Legs[l].CombinedCommodity);
                present = ci >= 0 && works.TryGetValue(ci, out legWorks[l]!);
            }

            if (!present)
            {
                continue;
            }

            double rate = InterRate(sp);
            FormedLeg[]? formed = Form(legWorks, sp.Legs, inter: true, out double n);
            if (formed is null)
            {
                continue;
            }

            var byCc = new List<KeyValuePair<string, double>>(formed.Length);
            for (int l = 0; l < formed.Length; l++)
            {
                SpanCcWork w = legWorks[l];
                double wpr = w.NetDelta == 0 ? 0 : w.PriceRisk / Math.Abs(w.NetDelta);
                double c = n * sp.Legs[l].DeltaPerSpread * wpr * rate;
                w.Credit += c;
                byCc.Add(new(w.Def.Code, c));
                AttributeLeg(formed[l], c, _credit);
            }

            results.Add(new SpanInterSpreadResult(sp.Priority, n, rate, [.. formed.Select(f => f.Leg)], [.. byCc]));
        }

        return results.ToImmutable();
    }

    /// <summary>The credit rate of an inter-commodity spread the model can apply (weighted-price-risk credits, a fraction in [0, 1]).</summary>
    private double InterRate(SpanDeltaSpread sp)
    {
        string what = $"inter-commodity spread {sp.Priority.ToString(CultureInfo.InvariantCulture)} (line {sp.Line.ToString(CultureInfo.InvariantCulture)})";
        if (sp.UnsupportedFeature is not null)
        {
            SpanRules.NotSupported($"{what}: {sp.UnsupportedFeature} is not supported");
        }

        if (!string.Equals(sp.ChargeMethod, "W", StringComparison.OrdinalIgnoreCase))
        {
            SpanRules.NotSupported($"{what}: chargeMeth '{sp.ChargeMethod}' is not supported (only 'W', credit rate on weighted futures price risk)");
        }

        double rate = SpanRuleRates.Pick(sp.Rates, _rates.Base, $"inter-commodity spread {sp.Priority.ToString(CultureInfo.InvariantCulture)}");
        if (rate is < 0 or > 1)
        {
            SpanRules.InvalidData($"{what}: credit rate {rate.ToString(CultureInfo.InvariantCulture)} is not a fraction in [0, 1]");
        }

        return rate;
    }

    /// <summary>Local period indices covered by a leg: a period leg matches on its code, a tier leg on the tier's range.</summary>
    private static int[] LegPeriods(SpanCcWork w, SpanSpreadLeg leg, bool inter)
    {
        var result = new List<int>();
        SpanTier? tier = null;
        if (leg.Kind == SpanLegKind.Tier)
        {
            ImmutableArray<SpanTier> tiers = inter ? w.Def.InterTiers : w.Def.IntraTiers;
            if (!tiers.IsEmpty)
            {
                tier = tiers.First(t => t.Number == leg.Tier);
            }
        }

        for (int k = 0; k < w.Periods.Count; k++)
        {
            bool hit = leg.Kind == SpanLegKind.Period ? SpanPeriods.Matches(w.Periods[k], leg.Period!) : tier?.Contains(w.Periods[k]) ?? true;
            if (hit)
            {
                result.Add(k);
            }
        }

        return [.. result];
    }

    /// <summary>Forms as many spreads as the legs' remaining deltas allow (<see cref="DeltaSpreads.Form"/>); null when none forms.</summary>
    private FormedLeg[]? Form(SpanCcWork[] works, ImmutableArray<SpanSpreadLeg> legs, bool inter, out double n)
    {
        var periods = new int[legs.Length][];
        var legEnd = new int[legs.Length];
        var sides = new SpreadSide[legs.Length];
        var ratios = new double[legs.Length];
        int count = 0;
        for (int l = 0; l < legs.Length; l++)
        {
            periods[l] = LegPeriods(works[l], legs[l], inter);
            count += periods[l].Length;
            legEnd[l] = count;
            sides[l] = legs[l].Side;
            ratios[l] = legs[l].DeltaPerSpread;
        }

        var buckets = new int[count];
        for (int l = 0, e = 0; l < legs.Length; l++)
        {
            foreach (int k in periods[l])
            {
                buckets[e++] = works[l].Offset + k;
            }
        }

        var legDelta = new double[legs.Length];
        var consumed = new double[count];
        n = DeltaSpreads.Form(_rem, buckets, legEnd, sides, ratios, legDelta, consumed);
        if (n == 0)
        {
            return null;
        }

        var formed = new FormedLeg[legs.Length];
        for (int l = 0, start = 0; l < legs.Length; start = legEnd[l++])
        {
            double amount = n * legs[l].DeltaPerSpread;
            formed[l] = new FormedLeg(new SpanLegResult(legs[l], legDelta[l], Math.Sign(legDelta[l]) * amount), periods[l], consumed[start..legEnd[l]], works[l]);
        }

        return formed;
    }

    /// <summary>
    /// Splits a leg's amount over its periods by the delta consumed there, and within a period by each position's share of
    /// the period's net delta (the shares of a period sum to 1).
    /// </summary>
    private void AttributeLeg(FormedLeg f, double amount, double[] into)
    {
        double consumedTotal = f.Consumed.Sum();
        for (int j = 0; j < f.Periods.Length; j++)
        {
            if (f.Consumed[j] == 0)
            {
                continue;
            }

            int k = f.Periods[j];
            double periodAmount = amount * f.Consumed[j] / consumedTotal;
            foreach (int i in f.Work.Entries)
            {
                if (f.Work.PeriodOf[i] == k)
                {
                    into[i] += periodAmount * _delta[i] / f.Work.Orig[k];
                }
            }
        }
    }
}
