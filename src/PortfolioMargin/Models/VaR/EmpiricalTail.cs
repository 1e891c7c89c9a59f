namespace PortfolioMargin.Models.VaR;

/// <summary>
/// Empirical VaR and ES of N scenario losses as weights on scenarios, so that the same weights applied to the positions'
/// losses give contributions that sum exactly to the total.
/// </summary>
/// <remarks>
/// <para>VaR: the α-quantile of the losses with linear interpolation between order statistics (Hyndman–Fan type 7,
/// Excel <c>PERCENTILE.INC</c>): with ascending losses <c>L₍₀₎ ≤ … ≤ L₍N−1₎</c>, <c>h = (N − 1)·α</c>,
/// <c>VaR = L₍⌊h⌋₎ + (h − ⌊h⌋)·(L₍⌊h⌋+1₎ − L₍⌊h⌋₎)</c>.</para>
/// <para>ES (Acerbi–Tasche): the mean of the worst <c>(1 − α)·N</c> losses, the last one with fractional weight:
/// <c>ES = [Σ_{i&lt;⌊w⌋} L₍N−1−i₎ + (w − ⌊w⌋)·L₍N−1−⌊w⌋₎] / w</c>, <c>w = (1 − α)·N</c>.</para>
/// </remarks>
internal static class EmpiricalTail
{
    /// <summary>The scenario weights of the measure; <paramref name="order"/> receives the scenario indices sorted by ascending loss.</summary>
    public static List<(int Scenario, double Weight)> Weights(ReadOnlySpan<double> losses, double alpha, VaRMeasure measure, int[] order, double[] sortedScratch)
    {
        int n = losses.Length;
        losses.CopyTo(sortedScratch);
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(sortedScratch, order, 0, n);
        var weights = new List<(int, double)>();
        if (measure == VaRMeasure.ValueAtRisk)
        {
            double h = (n - 1) * alpha;
            int lo = Math.Min((int)Math.Floor(h), n - 1);
            double frac = h - lo;
            weights.Add((order[lo], 1 - frac));
            if (frac > 0 && lo + 1 < n)
            {
                weights.Add((order[lo + 1], frac));
            }

            return weights;
        }

        double w = (1 - alpha) * n;
        int full = Math.Min((int)Math.Floor(w), n);
        for (int i = 0; i < full; i++)
        {
            weights.Add((order[n - 1 - i], 1 / w));
        }

        double rest = w - full;
        if (rest > 1e-12 && full < n)
        {
            weights.Add((order[n - 1 - full], rest / w));
        }

        return weights;
    }
}
