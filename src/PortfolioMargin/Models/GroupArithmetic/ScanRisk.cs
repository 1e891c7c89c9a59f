using System.Numerics.Tensors;

namespace PortfolioMargin.Models;

/// <summary>
/// Scan risk of a risk group's scenario losses, its binding scenario and ties, and the time/price/vol decomposition —
/// the one implementation the grid and SPAN-file models share (spec §6.2.1–2, span-xml §3.1). Allocation-free.
/// </summary>
internal static class ScanRisk
{
    /// <summary>Relative tolerance of a tie: <c>|L_j − L_binding| ≤ 1e-9 · max(1, |L_binding|)</c>.</summary>
    public const double TieTolerance = 1e-9;

    /// <summary>Scan risk <c>max(0, max_s L_s)</c> and the binding scenario: the first maximum, −1 when nothing loses.</summary>
    /// <param name="losses">Loss per scenario (<c>L_s = −Σ pnl</c>).</param>
    public static (double Scan, int Binding) Of(ReadOnlySpan<double> losses)
    {
        int s = TensorPrimitives.IndexOfMax(losses);
        return s >= 0 && losses[s] > 0 ? (losses[s], s) : (0.0, -1);
    }

    /// <summary>True when scenario <paramref name="j"/> ties with the binding scenario (and is not it).</summary>
    public static bool Ties(ReadOnlySpan<double> losses, int binding, int j) =>
        j != binding && Math.Abs(losses[j] - losses[binding]) <= TieTolerance * Math.Max(1.0, Math.Abs(losses[binding]));

    /// <summary>
    /// Time risk (the mean loss of the zero-price-move scenarios) and price risk by <paramref name="method"/> (see
    /// <see cref="PriceRiskMethod"/>); vol risk is <c>max(0, scan − time − price)</c>.
    /// </summary>
    /// <param name="losses">Loss per scenario.</param>
    /// <param name="layout">The set's layout for the group.</param>
    /// <param name="method">The price-risk definition.</param>
    /// <param name="binding">The binding scenario (−1 when nothing loses); used by <see cref="PriceRiskMethod.PairedPoint"/>.</param>
    /// <param name="slotSum">Scratch of at least <see cref="ScanLayout.Slots"/> values (<see cref="PriceRiskMethod.WorstMoveMean"/>).</param>
    public static (double Time, double Price) Decompose(ReadOnlySpan<double> losses, ScanLayout layout, PriceRiskMethod method, int binding, Span<double> slotSum)
    {
        double zeroSum = 0;
        for (int j = 0; j < losses.Length; j++)
        {
            if (layout.Zero[j])
            {
                zeroSum += losses[j];
            }
        }

        double time = layout.ZeroCount > 0 ? zeroSum / layout.ZeroCount : 0;
        if (method == PriceRiskMethod.PairedPoint)
        {
            if (binding < 0 || layout.Zero[binding])
            {
                return (time, 0);
            }

            int paired = layout.Paired[binding];
            double pairMean = paired < 0 ? losses[binding] : (losses[binding] + losses[paired]) / 2;
            return (time, Math.Max(0, pairMean - time));
        }

        slotSum = slotSum[..layout.Slots];
        slotSum.Clear();
        for (int j = 0; j < losses.Length; j++)
        {
            int k = layout.Slot[j];
            if (k >= 0)
            {
                slotSum[k] += losses[j];
            }
        }

        double worst = double.NegativeInfinity;
        for (int k = 0; k < slotSum.Length; k++)
        {
            worst = Math.Max(worst, slotSum[k] / layout.SlotCount[k]);
        }

        return (time, Math.Max(0, (slotSum.Length > 0 ? worst : 0) - time));
    }
}
