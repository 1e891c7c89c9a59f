namespace PortfolioMargin.Models;

/// <summary>Splits an amount over positions in proportion to weights, so that the shares sum to the amount exactly (to rounding).</summary>
internal static class ContributionShares
{
    /// <summary>
    /// Adds <c>amount · w_i / Σw</c> to <c>into[index_i]</c>. When the weights cancel (|Σw| below 1e-12 of Σ|w|) the
    /// absolute weights are used; when all weights are 0 the amount is split equally over the listed positions.
    /// Nothing is added when <paramref name="amount"/> is 0 or no position is listed.
    /// </summary>
    /// <param name="amount">The amount to split.</param>
    /// <param name="indices">Position indices (into <paramref name="into"/>).</param>
    /// <param name="weights">One weight per index.</param>
    /// <param name="into">Per-position accumulators.</param>
    public static void Add(double amount, ReadOnlySpan<int> indices, ReadOnlySpan<double> weights, Span<double> into)
    {
        if (amount == 0 || indices.IsEmpty)
        {
            return;
        }

        double sum = 0, abs = 0;
        foreach (double w in weights)
        {
            sum += w;
            abs += Math.Abs(w);
        }

        if (abs == 0)
        {
            foreach (int i in indices)
            {
                into[i] += amount / indices.Length;
            }

            return;
        }

        bool useAbs = Math.Abs(sum) <= 1e-12 * abs;
        double total = useAbs ? abs : sum;
        for (int k = 0; k < indices.Length; k++)
        {
            into[indices[k]] += amount * (useAbs ? Math.Abs(weights[k]) : weights[k]) / total;
        }
    }
}
