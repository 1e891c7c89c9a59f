using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Correlation;

/// <summary>Validated flat copy of a T × K returns matrix (rows = observations, oldest first; columns = factors).</summary>
internal sealed class ReturnsMatrix
{
    private ReturnsMatrix(ImmutableArray<string> labels, double[] data, int t)
    {
        Labels = labels;
        Data = data;
        T = t;
    }

    internal ImmutableArray<string> Labels { get; }

    internal double[] Data { get; }

    internal int T { get; }

    internal int K => Labels.Length;

    internal static ReturnsMatrix Create(IEnumerable<string> labels, double[,] returns, int minRows)
    {
        (ImmutableArray<string> l, _) = LabelledMatrixCore.ValidateLabels(labels);
        int t = returns.GetLength(0), k = returns.GetLength(1);
        if (k != l.Length || k == 0 || t < minRows)
        {
            CorrelationThrow.Shape("returns matrix", t, k, string.Create(CultureInfo.InvariantCulture, $"T x {l.Length} (one column per label, at least one label) with T >= {minRows} rows"));
        }

        var data = new double[t * k];
        for (int i = 0; i < t; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double v = returns[i, j];
                if (!double.IsFinite(v))
                {
                    CorrelationThrow.Entry(MatrixRule.Finite, i, j, "observation " + i.ToString(CultureInfo.InvariantCulture), l[j], v, "a finite return");
                }

                data[(i * k) + j] = v;
            }
        }

        return new ReturnsMatrix(l, data, t);
    }

    /// <summary>Subtracts the column means in place on a copy and returns it (T × K).</summary>
    internal double[] Demeaned(out double[] means)
    {
        int k = K;
        means = new double[k];
        for (int i = 0; i < T; i++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(means, Data.AsSpan(i * k, k), means);
        }

        System.Numerics.Tensors.TensorPrimitives.Divide(means, T, means);
        var x = (double[])Data.Clone();
        for (int i = 0; i < T; i++)
        {
            System.Numerics.Tensors.TensorPrimitives.Subtract(x.AsSpan(i * k, k), means, x.AsSpan(i * k, k));
        }

        return x;
    }

    /// <summary>
    /// Throws, naming the column, when a variance is not &gt; <c>(1e-12 · max_t |r_tj|)²</c>: a constant or all-zero
    /// column (whose demeaned variance is pure rounding) cannot be correlated.
    /// </summary>
    internal void CheckVariances(double[] s)
    {
        int k = K;
        for (int j = 0; j < k; j++)
        {
            double maxAbs = 0;
            for (int i = 0; i < T; i++)
            {
                maxAbs = Math.Max(maxAbs, Math.Abs(Data[(i * k) + j]));
            }

            double v = s[(j * k) + j];
            double floor = 1e-12 * maxAbs;
            if (!(v > floor * floor))
            {
                CorrelationThrow.Entry(MatrixRule.PositiveVariance, j, j, Labels[j], Labels[j], v, "a column with non-zero variance (constant or all-zero returns cannot be correlated)");
            }
        }
    }
}
