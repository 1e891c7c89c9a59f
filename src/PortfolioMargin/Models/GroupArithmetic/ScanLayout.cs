namespace PortfolioMargin.Models;

/// <summary>
/// Where each scenario of a set falls in the scan decomposition of one risk group: the zero-price-move scenarios (time
/// risk), the price-move slot of every weight-1 scenario (<see cref="PriceRiskMethod.WorstMoveMean"/>) and the paired
/// scenario of each (<see cref="PriceRiskMethod.PairedPoint"/>). Immutable; built once per scenario set and group.
/// </summary>
internal sealed class ScanLayout
{
    /// <summary>Creates a layout.</summary>
    /// <param name="zero">Per scenario: true when the group's price move is 0.</param>
    /// <param name="slot">Per scenario: its price-move slot, or −1 when its weight is not 1.</param>
    /// <param name="slotCount">Scenarios per slot.</param>
    /// <param name="paired">Per scenario: index of its paired scenario, or −1.</param>
    public ScanLayout(bool[] zero, int[] slot, int[] slotCount, int[] paired)
    {
        Zero = zero;
        Slot = slot;
        SlotCount = slotCount;
        Paired = paired;
        foreach (bool z in zero)
        {
            ZeroCount += z ? 1 : 0;
        }
    }

    /// <summary>Per scenario: true when the group's price move is 0.</summary>
    public bool[] Zero { get; }

    /// <summary>Number of zero-price-move scenarios.</summary>
    public int ZeroCount { get; }

    /// <summary>Per scenario: index of its price-move slot, or −1 when its weight is not 1.</summary>
    public int[] Slot { get; }

    /// <summary>Scenarios per slot.</summary>
    public int[] SlotCount { get; }

    /// <summary>Number of distinct price moves among weight-1 scenarios.</summary>
    public int Slots => SlotCount.Length;

    /// <summary>Per scenario: index of its paired scenario (same price move, opposite vol move), or −1.</summary>
    public int[] Paired { get; }

    /// <summary>
    /// Builds a layout from each scenario's price move, weight and pair: slots group the weight-1 scenarios by price move in
    /// order of first appearance.
    /// </summary>
    /// <param name="moves">Price move per scenario.</param>
    /// <param name="weights">Weight per scenario.</param>
    /// <param name="paired">Paired scenario per scenario (−1 for none), or empty when the set defines no pairs.</param>
    public static ScanLayout From(ReadOnlySpan<double> moves, ReadOnlySpan<double> weights, ReadOnlySpan<int> paired)
    {
        int n = moves.Length;
        var zero = new bool[n];
        var slot = new int[n];
        var pairs = new int[n];
        var slotOfMove = new Dictionary<double, int>();
        var counts = new List<int>();
        for (int j = 0; j < n; j++)
        {
            zero[j] = moves[j] == 0;
            pairs[j] = paired.IsEmpty ? -1 : paired[j];
            slot[j] = -1;
            if (weights[j] == 1.0)
            {
                if (!slotOfMove.TryGetValue(moves[j], out int k))
                {
                    slotOfMove[moves[j]] = k = counts.Count;
                    counts.Add(0);
                }

                slot[j] = k;
                counts[k]++;
            }
        }

        return new ScanLayout(zero, slot, [.. counts], pairs);
    }
}
