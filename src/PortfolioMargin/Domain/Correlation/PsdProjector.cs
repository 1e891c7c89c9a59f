using System.Numerics.Tensors;

namespace PortfolioMargin.Correlation;

/// <summary>
/// Projection onto the PSD cone in the (optionally weighted) Frobenius norm, on flat row-major buffers:
/// <c>P(R) = W^−½ V max(Λ, floor) Vᵀ W^−½</c> with <c>W^½ R W^½ = V Λ Vᵀ</c>. Whichever of the positive or
/// negative eigenpairs is fewer is used to rebuild the matrix. Owns its workspace: one instance per thread.
/// </summary>
internal sealed class PsdProjector
{
    private const int Tile = 16;
    private readonly int n;
    private readonly SymmetricEigenSolver eigen;
    private readonly double[] m;
    private readonly double[] values;
    private readonly double[] vectors;
    private readonly double[]? sqrtW;

    internal PsdProjector(int n, ReadOnlySpan<double> weights)
    {
        this.n = n;
        eigen = new SymmetricEigenSolver(n);
        m = new double[n * n];
        values = new double[n];
        vectors = new double[n * n];
        if (!weights.IsEmpty)
        {
            sqrtW = new double[n];
            TensorPrimitives.Sqrt(weights, sqrtW);
        }
    }

    /// <summary>Eigenvalues of the last projected (weighted) matrix, ascending.</summary>
    internal ReadOnlySpan<double> LastEigenvalues => values;

    /// <summary>Writes <c>P(R)</c> into <paramref name="x"/>, clipping eigenvalues at <paramref name="floor"/> (≥ 0).</summary>
    internal void Project(ReadOnlySpan<double> r, Span<double> x, double floor)
    {
        r[..(n * n)].CopyTo(m);
        if (sqrtW is not null)
        {
            ScaleSymmetric(m, sqrtW, invert: false);
        }

        eigen.Decompose(m, values, vectors);
        int negatives = 0;
        while (negatives < n && values[negatives] < floor)
        {
            negatives++;
        }

        if (negatives == 0)
        {
            r[..(n * n)].CopyTo(x);
            return;
        }

        if (negatives <= n - negatives)
        {
            // X = M + Σ_{λ<floor} (floor − λ) v vᵀ
            m.AsSpan().CopyTo(x);
            for (int k = 0; k < negatives; k++)
            {
                TensorPrimitives.Multiply(vectors.AsSpan(k * n, n), Math.Sqrt(floor - values[k]), vectors.AsSpan(k * n, n));
            }

            AddGram(x, 0, negatives);
        }
        else
        {
            // X = Σ_{λ≥floor} λ v vᵀ + floor Σ_{λ<floor} v vᵀ
            x[..(n * n)].Clear();
            for (int k = 0; k < n; k++)
            {
                TensorPrimitives.Multiply(vectors.AsSpan(k * n, n), Math.Sqrt(Math.Max(values[k], floor)), vectors.AsSpan(k * n, n));
            }

            AddGram(x, floor > 0 ? 0 : negatives, n);
        }

        if (sqrtW is not null)
        {
            ScaleSymmetric(x, sqrtW, invert: true);
        }
    }

    /// <summary><c>X += Σ_{k in [from, to)} b_k b_kᵀ</c>, with <c>b_k</c> the rows of the vector buffer; row tiles stay in cache.</summary>
    private void AddGram(Span<double> x, int from, int to)
    {
        for (int r0 = 0; r0 < n; r0 += Tile)
        {
            int r1 = Math.Min(n, r0 + Tile);
            for (int k = from; k < to; k++)
            {
                ReadOnlySpan<double> b = vectors.AsSpan(k * n, n);
                for (int r = r0; r < r1; r++)
                {
                    double a = b[r];
                    if (a != 0)
                    {
                        Span<double> row = x.Slice(r * n, n);
                        TensorPrimitives.MultiplyAdd(b, a, row, row);
                    }
                }
            }
        }
    }

    private void ScaleSymmetric(Span<double> a, double[] s, bool invert)
    {
        for (int i = 0; i < n; i++)
        {
            Span<double> row = a.Slice(i * n, n);
            double si = invert ? 1.0 / s[i] : s[i];
            if (invert)
            {
                TensorPrimitives.Divide(row, s, row);
            }
            else
            {
                TensorPrimitives.Multiply(row, s, row);
            }

            TensorPrimitives.Multiply(row, si, row);
        }
    }
}
