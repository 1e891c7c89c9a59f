using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>Picking a rule's rate for a rate id, and the <c>adjRate</c> scaling of a combined commodity.</summary>
internal static class SpanRuleRates
{
    /// <summary>The rate with id <paramref name="rateId"/>; a rule holding a single rate uses it whatever its id.</summary>
    /// <exception cref="InvalidOperationException">The rule has several rates and none for the id (names the rule).</exception>
    public static double Pick(ImmutableArray<SpanRate> rates, int rateId, string what)
    {
        foreach (SpanRate r in rates)
        {
            if (r.RateId == rateId)
            {
                return r.Value;
            }
        }

        if (rates.Length == 1)
        {
            return rates[0].Value;
        }

        SpanRules.InvalidData($"{what}: no rate for r = {rateId.ToString(CultureInfo.InvariantCulture)} (the rule has {rates.Length} rates)");
        return 0;
    }

    /// <summary>The spot rate of one period for a rate id (a single rate applies whatever its id).</summary>
    public static SpanSpotRate PickSpot(IReadOnlyList<SpanSpotRate> rates, int rateId, string cc)
    {
        foreach (SpanSpotRate r in rates)
        {
            if (r.RateId == rateId)
            {
                return r;
            }
        }

        if (rates.Count == 1)
        {
            return rates[0];
        }

        SpanRules.InvalidData($"combined commodity '{cc}': no spot rate for r = {rateId.ToString(CultureInfo.InvariantCulture)} in period {rates[0].Period}");
        return rates[0];
    }

    /// <summary>The <c>adjRate</c> factor from <paramref name="target"/> down to <paramref name="baseRate"/> (1 when equal).</summary>
    /// <exception cref="InvalidOperationException">The chain is broken or longer than 16 steps (names the combined commodity and the rate).</exception>
    public static double Factor(SpanCombinedCommodity cc, int target, int baseRate)
    {
        double f = 1;
        int r = target;
        for (int hops = 0; r != baseRate; hops++)
        {
            if (hops > 16)
            {
                SpanRules.InvalidData($"combined commodity '{cc.Code}': adjRate chain from r = {target} does not reach r = {baseRate}");
            }

            SpanAdjRate? step = null;
            foreach (SpanAdjRate a in cc.AdjRates)
            {
                if (a.RateId == r)
                {
                    step = a;
                    break;
                }
            }

            if (step is null)
            {
                SpanRules.InvalidData($"combined commodity '{cc.Code}': no adjRate for r = {r} (needed to scale r = {target} from the base r = {baseRate})");
            }

            f *= step.Value;
            r = step.BaseRateId;
        }

        return f;
    }
}
