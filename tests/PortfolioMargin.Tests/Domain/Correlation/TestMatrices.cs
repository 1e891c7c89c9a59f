namespace PortfolioMargin.Tests.Domain.Correlation;

/// <summary>Small deterministic matrices and generators shared by the correlation tests.</summary>
internal static class TestMatrices
{
    internal static string[] Labels(int n) => [.. Enumerable.Range(0, n).Select(i => "F" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>A valid correlation from a random factor model: <c>C = D⁻¹ (B Bᵀ + diag) D⁻¹</c>.</summary>
    internal static double[,] RandomCorrelation(int n, int seed, int factors = 2)
    {
        var rnd = new Random(seed);
        var b = new double[n, factors];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < factors; k++)
            {
                b[i, k] = (rnd.NextDouble() * 2) - 1;
            }
        }

        var s = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double v = 0;
                for (int k = 0; k < factors; k++)
                {
                    v += b[i, k] * b[j, k];
                }

                s[i, j] = v + (i == j ? 0.1 + rnd.NextDouble() : 0);
            }
        }

        var c = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                c[i, j] = i == j ? 1.0 : s[i, j] / Math.Sqrt(s[i, i] * s[j, j]);
            }
        }

        return c;
    }

    /// <summary>A symmetric unit-diagonal matrix with entries uniform in [−1, 1]: usually indefinite.</summary>
    internal static double[,] RandomIndefinite(int n, int seed)
    {
        var rnd = new Random(seed);
        var c = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            c[i, i] = 1;
            for (int j = 0; j < i; j++)
            {
                double v = (rnd.NextDouble() * 2) - 1;
                c[i, j] = v;
                c[j, i] = v;
            }
        }

        return c;
    }

    internal static double[] Flat(double[,] a) => [.. a.Cast<double>()];

    internal static double MinEigenMathNet(double[,] a) =>
        MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(a).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Min(z => z.Real);
}
