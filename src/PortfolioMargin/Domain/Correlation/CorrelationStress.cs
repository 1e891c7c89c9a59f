using System.Collections.Immutable;

namespace PortfolioMargin.Correlation;

/// <summary>
/// Correlation stress tests. Blending keeps validity by construction (a convex combination of PSD unit-diagonal
/// matrices is PSD with unit diagonal); overriding a block does not, so it is followed by an explicit repair whose
/// diagnostics are returned. Stateless and thread-safe.
/// </summary>
public static class CorrelationStress
{
    /// <summary>Blends towards a target: <c>C' = (1 − w) C + w T</c>; always valid (no repair needed).</summary>
    /// <param name="matrix">The base correlation <c>C</c>.</param>
    /// <param name="target">The target <c>T</c> with the same label set (any order; aligned to <paramref name="matrix"/>'s order).</param>
    /// <param name="weight">The weight <c>w ∈ [0, 1]</c> of the target.</param>
    /// <returns>The blended matrix, labelled like <paramref name="matrix"/>.</returns>
    /// <exception cref="MatrixValidationException">Weight out of range or different label sets.</exception>
    public static CorrelationMatrix Blend(CorrelationMatrix matrix, CorrelationMatrix target, double weight)
    {
        CorrelationThrow.IfNotInRange(weight, 0, 1, nameof(weight));
        if (target.Count != matrix.Count)
        {
            CorrelationThrow.Shape("target", target.Count, target.Count, "the same labels as the matrix");
        }

        ReadOnlySpan<double> t = target.Reorder(matrix.Labels).Values;
        ReadOnlySpan<double> c = matrix.Values;
        var r = new double[c.Length];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = ((1 - weight) * c[i]) + (weight * t[i]);
        }

        return CorrelationMatrix.FromTrusted(matrix.Labels, r);
    }

    /// <summary>Blends towards the all-ones matrix (every correlation → 1, the crash regime): <c>c'_ij = (1 − w) c_ij + w</c>.</summary>
    /// <param name="matrix">The base correlation.</param>
    /// <param name="weight">The weight <c>w ∈ [0, 1]</c>.</param>
    /// <returns>The stressed matrix (valid).</returns>
    /// <exception cref="MatrixValidationException">Weight out of range.</exception>
    public static CorrelationMatrix BlendTowardsOne(CorrelationMatrix matrix, double weight) =>
        Blend(matrix, CorrelationMatrix.Constant(matrix.Labels, 1.0), weight);

    /// <summary>
    /// Sets every correlation inside a block of factors to <paramref name="rho"/> (<c>c_ij = ρ</c> for <c>i ≠ j</c> in
    /// the block), then repairs explicitly to the nearest correlation matrix. The override usually breaks PSD (e.g. BTC–ETH
    /// at 0.99 while both keep different correlations to a third factor); the repair then moves entries inside and
    /// outside the block, and <see cref="RepairResult.FrobeniusDistance"/> says by how much. If the overridden matrix is
    /// already valid it is returned unchanged (<see cref="RepairMethod.None"/>).
    /// </summary>
    /// <param name="matrix">The base correlation.</param>
    /// <param name="block">At least two distinct labels of the matrix.</param>
    /// <param name="rho">The stressed correlation in <c>[−1, 1]</c>.</param>
    /// <param name="options">Repair options (default when null); use weights to protect factors outside the block.</param>
    /// <returns>The repair result holding the stressed, valid matrix.</returns>
    /// <exception cref="MatrixValidationException">Unknown or repeated label, fewer than two labels, or ρ out of range.</exception>
    public static RepairResult SetBlock(CorrelationMatrix matrix, IEnumerable<string> block, double rho, NearestCorrelationOptions? options = null)
    {
        CorrelationThrow.IfNotInRange(rho, -1, 1, nameof(rho));
        ImmutableArray<string> labels = [.. block];
        var idx = new int[labels.Length];
        var seen = new HashSet<int>();
        for (int k = 0; k < labels.Length; k++)
        {
            idx[k] = matrix.IndexOf(labels[k]);
            if (!seen.Add(idx[k]))
            {
                CorrelationThrow.Label(MatrixRule.DuplicateLabel, k, labels[k], "each block label once");
            }
        }

        if (idx.Length < 2)
        {
            CorrelationThrow.Shape("block", idx.Length, 1, "at least two labels");
        }

        double[,] a = matrix.ToArray();
        foreach (int i in idx)
        {
            foreach (int j in idx)
            {
                if (i != j)
                {
                    a[i, j] = rho;
                }
            }
        }

        return NearestCorrelation.Repair(matrix.Labels, a, options);
    }
}
