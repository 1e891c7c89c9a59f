using MathNet.Numerics.LinearAlgebra;

namespace PortfolioMargin.Correlation;

/// <summary>
/// Plain reference twin of the repair: Higham (2002) alternating projections with Dykstra's correction on MathNet's
/// <c>Matrix&lt;double&gt;.Evd(Symmetricity.Symmetric)</c>, same stopping rule as <see cref="DykstraProjections"/>.
/// Used by tests (same fixed point) and as the benchmark baseline; not for production use.
/// </summary>
internal static class ReferenceAlternatingProjections
{
    internal static (double[,] X, int Iterations) Solve(double[,] a, double tolerance, int maxIterations)
    {
        Matrix<double> input = Matrix<double>.Build.DenseOfArray(a);
        int n = input.RowCount;
        Matrix<double> y = input.Clone();
        Matrix<double> ds = Matrix<double>.Build.Dense(n, n);
        Matrix<double> x = y;
        int k = 0;
        while (k < maxIterations)
        {
            k++;
            Matrix<double> r = y - ds;
            var evd = r.Evd(Symmetricity.Symmetric);
            Vector<double> lambda = evd.EigenValues.Map(z => Math.Max(z.Real, 0.0));
            Matrix<double> v = evd.EigenVectors;
            x = v * Matrix<double>.Build.DenseOfDiagonalVector(lambda) * v.Transpose();
            ds = x - r;
            y = x.Clone();
            double res = 0;
            for (int i = 0; i < n; i++)
            {
                res += (1 - x[i, i]) * (1 - x[i, i]);
                y[i, i] = 1.0;
            }

            if (Math.Sqrt(res) <= tolerance * x.FrobeniusNorm())
            {
                break;
            }
        }

        var result = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                result[i, j] = x[i, j] / Math.Sqrt(x[i, i] * x[j, j]);
            }
        }

        return (result, k);
    }
}
