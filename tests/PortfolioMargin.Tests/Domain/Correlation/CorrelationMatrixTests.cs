using PortfolioMargin.Correlation;
using Xunit;

namespace PortfolioMargin.Tests.Domain.Correlation;

public class CorrelationMatrixTests
{
    private static readonly string[] Abc = ["BTC", "ETH", "SOL"];

    private static readonly double[,] Valid =
    {
        { 1.0, 0.8, 0.6 },
        { 0.8, 1.0, 0.7 },
        { 0.6, 0.7, 1.0 },
    };

    [Fact]
    public void Label_lookup_reorder_and_select_follow_the_labels()
    {
        var c = new CorrelationMatrix(Abc, Valid);
        Assert.Equal(0.7, c["ETH", "SOL"]);
        Assert.Equal(0.7, c["SOL", "ETH"]);
        Assert.Equal(2, c.IndexOf("SOL"));
        Assert.True(c.Contains("BTC"));
        Assert.False(c.Contains("XRP"));

        CorrelationMatrix r = c.Reorder(["SOL", "BTC", "ETH"]);
        Assert.Equal(["SOL", "BTC", "ETH"], r.Labels);
        Assert.Equal(0.6, r[0, 1]);
        Assert.Equal(0.8, r["BTC", "ETH"]);

        CorrelationMatrix s = c.Select(["SOL", "BTC"]);
        Assert.Equal(2, s.Count);
        Assert.Equal(0.6, s[1, 0]);
    }

    [Fact]
    public void Inputs_are_copied_not_shared()
    {
        var a = (double[,])Valid.Clone();
        var c = new CorrelationMatrix(Abc, a);
        a[0, 1] = 0.1;
        Assert.Equal(0.8, c[0, 1]);
        double[,] copy = c.ToArray();
        copy[0, 1] = 0.2;
        Assert.Equal(0.8, c[0, 1]);
    }

    [Theory]
    [InlineData(1, 0, 1.5, MatrixRule.Range)]
    [InlineData(1, 1, 0.9, MatrixRule.UnitDiagonal)]
    [InlineData(2, 0, double.NaN, MatrixRule.Finite)]
    [InlineData(2, 1, 0.71, MatrixRule.Symmetry)]
    public void Construction_names_the_entry_and_rule(int row, int col, double value, MatrixRule rule)
    {
        var a = (double[,])Valid.Clone();
        a[row, col] = value;
        if (rule == MatrixRule.Range)
        {
            a[col, row] = value;
        }

        var ex = Assert.Throws<MatrixValidationException>(() => new CorrelationMatrix(Abc, a));
        Assert.Equal(rule, ex.Rule);
        Assert.Equal(row, ex.Row);
        Assert.Equal(col, ex.Column);
        Assert.Equal(Abc[row], ex.RowLabel);
        Assert.Equal(Abc[col], ex.ColumnLabel);
        Assert.Contains(Abc[row], ex.Message, StringComparison.Ordinal);
        Assert.Contains(rule.ToString(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Symmetry_within_the_stated_tolerance_is_accepted_and_averaged()
    {
        var a = (double[,])Valid.Clone();
        a[0, 1] = 0.8 + 1e-13;
        var c = new CorrelationMatrix(Abc, a);
        Assert.Equal(c[0, 1], c[1, 0]);
        Assert.Equal(0.8, c[0, 1], 1e-12);
    }

    [Fact]
    public void Shape_duplicate_and_missing_labels_are_rejected()
    {
        Assert.Equal(MatrixRule.Shape, Assert.Throws<MatrixValidationException>(() => new CorrelationMatrix(["A", "B"], Valid)).Rule);
        Assert.Equal(MatrixRule.Shape, Assert.Throws<MatrixValidationException>(() => new CorrelationMatrix(["A", "B"], new double[2, 3])).Rule);
        var dup = Assert.Throws<MatrixValidationException>(() => new CorrelationMatrix(["A", "B", "A"], Valid));
        Assert.Equal(MatrixRule.DuplicateLabel, dup.Rule);
        Assert.Equal("A", dup.RowLabel);
        Assert.Equal(MatrixRule.MissingLabel, Assert.Throws<MatrixValidationException>(() => new CorrelationMatrix(["A", " ", "C"], Valid)).Rule);
        var c = new CorrelationMatrix(Abc, Valid);
        Assert.Equal(MatrixRule.UnknownLabel, Assert.Throws<MatrixValidationException>(() => c["BTC", "XRP"]).Rule);
        Assert.Equal(MatrixRule.Shape, Assert.Throws<MatrixValidationException>(() => c.Reorder(["BTC", "ETH"])).Rule);
    }

    [Fact]
    public void Non_psd_matrix_is_rejected_with_its_smallest_eigenvalue()
    {
        // NCM-HIGHAM input: eigenvalues 1 - sqrt(2), 1, 1 + sqrt(2) (closed form).
        double[,] a = { { 1, 1, 0 }, { 1, 1, 1 }, { 0, 1, 1 } };
        var ex = Assert.Throws<MatrixValidationException>(() => new CorrelationMatrix(Abc, a));
        Assert.Equal(MatrixRule.PositiveSemiDefinite, ex.Rule);
        Assert.Equal(1 - Math.Sqrt(2), ex.Value, 1e-12);
    }

    [Fact]
    public void Psd_tolerance_is_the_stated_eigenvalue_bound()
    {
        // Constant correlation rho has lambda_min = 1 - rho for rho > 0, and 1 + (n-1) rho for rho < 0 (closed form).
        string[] l = TestMatrices.Labels(4);
        Assert.Equal(1.0 - 0.3, CorrelationMatrix.Constant(l, 0.3).SmallestEigenvalue(), 1e-12);
        Assert.Equal(0.0, CorrelationMatrix.Constant(l, 1.0).SmallestEigenvalue(), 1e-12);
        Assert.Equal(1 + (3 * -0.3), CorrelationMatrix.Constant(l, -0.3).SmallestEigenvalue(), 1e-12);
        Assert.Throws<MatrixValidationException>(() => CorrelationMatrix.Constant(l, (-1.0 / 3) - 1e-6));
        _ = CorrelationMatrix.Constant(l, (-1.0 / 3) + 1e-12);
    }

    [Fact]
    public void Cholesky_factor_reproduces_the_matrix_including_singular_all_ones()
    {
        foreach (double[,] a in new[] { Valid, CorrelationMatrix.Constant(Abc, 1.0).ToArray(), TestMatrices.RandomCorrelation(12, 3) })
        {
            int n = a.GetLength(0);
            var c = new CorrelationMatrix(TestMatrices.Labels(n), a);
            double[,] l = c.CholeskyFactorToArray();
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int k = 0; k < n; k++)
                    {
                        s += l[i, k] * l[j, k];
                    }

                    Assert.Equal(a[i, j], s, 1e-6);
                    Assert.True(j <= i || l[i, j] == 0);
                }
            }
        }
    }

    [Fact]
    public void Cholesky_factor_is_cached_and_shared_across_threads()
    {
        var c = new CorrelationMatrix(TestMatrices.Labels(30), TestMatrices.RandomCorrelation(30, 5));
        double[][] results = new double[8][];
        Parallel.For(0, 8, i => results[i] = c.CholeskyFactor.ToArray());
        Assert.All(results, r => Assert.Equal(results[0], r));
        Assert.True(c.CholeskyFactor == c.CholeskyFactor);
    }

    [Fact]
    public void Smallest_eigenvalue_agrees_with_MathNet_second_method()
    {
        for (int seed = 0; seed < 5; seed++)
        {
            double[,] a = TestMatrices.RandomIndefinite(40, seed);
            double ours = PsdCheck.SmallestEigenvalue(a);
            Assert.Equal(TestMatrices.MinEigenMathNet(a), ours, 1e-10);
            Assert.False(PsdCheck.IsPositiveSemiDefinite(a));
        }

        Assert.True(PsdCheck.IsPositiveSemiDefinite(TestMatrices.RandomCorrelation(40, 1)));
    }

    [Fact]
    public void ToString_prints_labels_and_invariant_numbers()
    {
        var c = new CorrelationMatrix(Abc, Valid);
        string s = c.ToString();
        Assert.Contains("BTC", s, StringComparison.Ordinal);
        Assert.Contains("0.8000", s, StringComparison.Ordinal);
        Assert.Contains("0.70", c.ToString("F2", null), StringComparison.Ordinal);
    }

    [Fact]
    public void Covariance_is_D_C_D_and_round_trips_to_correlation()
    {
        var c = new CorrelationMatrix(Abc, Valid);
        CovarianceMatrix s = c.ToCovariance([0.5, 0.7, 0.9]);
        Assert.Equal(0.5 * 0.8 * 0.7, s["BTC", "ETH"], 1e-15);
        Assert.Equal(0.81, s[2, 2], 1e-15);
        Assert.Equal([0.5, 0.7, 0.9], s.Volatilities.Select(v => Math.Round(v, 12)));
        Assert.True(s.Correlation.MaxAbsDifference(c) < 1e-15);
        CovarianceMatrix ten = s.ScaleHorizon(10);
        Assert.Equal(0.5 * Math.Sqrt(10), ten.Volatilities[0], 1e-14);
        Assert.True(ten.Correlation.MaxAbsDifference(c) < 1e-15);
        Assert.Equal(MatrixRule.PositiveVariance, Assert.Throws<MatrixValidationException>(() => c.ToCovariance([0.5, 0, 0.9])).Rule);
        Assert.Equal(MatrixRule.Parameter, Assert.Throws<MatrixValidationException>(() => s.ScaleHorizon(double.NaN)).Rule);
    }

    [Fact]
    public void Covariance_with_zero_variance_names_the_factor()
    {
        double[,] a = { { 0.04, 0 }, { 0, 0 } };
        var ex = Assert.Throws<MatrixValidationException>(() => new CovarianceMatrix(["BTC", "USDT"], a));
        Assert.Equal(MatrixRule.PositiveVariance, ex.Rule);
        Assert.Equal("USDT", ex.RowLabel);
    }
}
