using PortfolioMargin.Correlation;
using Xunit;

namespace PortfolioMargin.Tests.Domain.Correlation;

public class CovarianceEstimatorTests
{
    private static readonly string[] L4 = ["A", "B", "C", "D"];

    /// <summary>Deterministic T = 60, K = 4 returns; oracle values computed with NumPy 1.24 / scikit-learn 1.2 (Debian).</summary>
    private static double[,] Returns()
    {
        var x = new double[60, 4];
        for (int t = 0; t < 60; t++)
        {
            for (int j = 0; j < 4; j++)
            {
                x[t, j] = (0.01 * (j / 3.0) * Math.Sin(0.7 * t)) + (0.01 * (1 - (j / 3.0)) * Math.Cos(1.1 * t)) + (0.004 * Math.Sin((1.3 * t * (j + 1)) + j));
            }
        }

        return x;
    }

    [Fact]
    public void Sample_covariance_matches_numpy_cov()
    {
        CovarianceMatrix s = CovarianceEstimator.Sample(L4, Returns());
        Assert.Equal(5.9816167289880683e-05, s[0, 0], 1e-17);
        Assert.Equal(3.3749747600551437e-05, s["A", "B"], 1e-17);
        Assert.Equal(-8.6637568168045127e-06, s["D", "A"], 1e-17);
        Assert.Equal(2.9595859487738891e-05, s[2, 3], 1e-17);
        Assert.Equal(0.7275122609503951, CovarianceEstimator.SampleCorrelation(L4, Returns())["A", "B"], 1e-13);
    }

    [Fact]
    public void Ledoit_Wolf_scaled_identity_matches_scikit_learn_ledoit_wolf()
    {
        ShrinkageResult r = CovarianceEstimator.LedoitWolf(L4, Returns());
        Assert.Equal(0.08129492327229823, r.Intensity, 1e-13);
        Assert.Equal(5.7778333541566763e-05, r.Covariance[0, 0], 1e-17);
        Assert.Equal(3.0489296717923424e-05, r.Covariance[0, 1], 1e-17);
        Assert.Equal(-7.8267800816136637e-06, r.Covariance[3, 0], 1e-17);
        Assert.Equal(ShrinkageTarget.ScaledIdentity, r.Target);
    }

    [Fact]
    public void Ledoit_Wolf_constant_correlation_matches_the_covCor_reference_formula()
    {
        // Oracle: a NumPy port of Ledoit & Wolf's covCor.m ("Honey, I shrunk the sample covariance matrix", 2004).
        ShrinkageResult r = CovarianceEstimator.LedoitWolf(L4, Returns(), ShrinkageTarget.ConstantCorrelation);
        Assert.Equal(0.1001940144717269, r.Intensity, 1e-13);
        Assert.Equal(5.8819231168382675e-05, r.Covariance[0, 0], 1e-17);
        Assert.Equal(3.1721844953322333e-05, r.Covariance[0, 1], 1e-17);
        Assert.Equal(-5.3407218711769458e-06, r.Covariance[0, 3], 1e-17);
        Assert.Equal(2.7969080540655972e-05, r.Covariance[2, 3], 1e-17);
    }

    [Theory]
    [InlineData(0.90, 0.011402)]
    [InlineData(0.94, 0.010863)]
    public void EWMA_HULL_one_step_update(double lambda, double expectedVol)
    {
        // Hull, Options, Futures and Other Derivatives (EWMA): σ_{n−1} = 1 %, r = 2 %; published-examples.md EWMA-HULL.
        var prev = new CovarianceMatrix(["X"], new double[,] { { 0.01 * 0.01 } });
        CovarianceMatrix next = CovarianceEstimator.EwmaUpdate(prev, [0.02], lambda);
        Assert.Equal(expectedVol, next.Volatilities[0], 5e-7);

        // The same through the returns-matrix estimator started from Σ_0 = prev.
        CovarianceMatrix viaMatrix = CovarianceEstimator.Ewma(["X"], new double[,] { { 0.02 } }, lambda, prev);
        Assert.Equal(next[0, 0], viaMatrix[0, 0], 1e-18);
    }

    [Fact]
    public void EWMA_default_initialisation_is_the_normalised_weight_sum()
    {
        // Second method: Σ = Σ_t w_t r_t r_tᵀ with w_t = (1−λ) λ^{T−1−t} / (1 − λ^T), mean not subtracted.
        double[,] x = Returns();
        CovarianceMatrix e = CovarianceEstimator.Ewma(L4, x);
        const double lambda = 0.94;
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                double s = 0;
                for (int t = 0; t < 60; t++)
                {
                    s += (1 - lambda) * Math.Pow(lambda, 59 - t) / (1 - Math.Pow(lambda, 60)) * x[t, i] * x[t, j];
                }

                Assert.Equal(s, e[i, j], 1e-18);
            }
        }

        Assert.True(e.Correlation.MaxAbsDifference(CovarianceEstimator.EwmaCorrelation(L4, x)) == 0);
    }

    [Fact]
    public void Zero_variance_column_is_an_error_naming_the_column_not_NaN()
    {
        double[,] x = Returns();
        for (int t = 0; t < 60; t++)
        {
            x[t, 2] = 0.003;
        }

        var ex = Assert.Throws<MatrixValidationException>(() => CovarianceEstimator.SampleCorrelation(L4, x));
        Assert.Equal(MatrixRule.PositiveVariance, ex.Rule);
        Assert.Equal("C", ex.RowLabel);
        Assert.Contains("C", ex.Message, StringComparison.Ordinal);
        Assert.Equal("C", Assert.Throws<MatrixValidationException>(() => CovarianceEstimator.LedoitWolf(L4, x)).RowLabel);

        for (int t = 0; t < 60; t++)
        {
            x[t, 2] = 0;
        }

        Assert.Equal("C", Assert.Throws<MatrixValidationException>(() => CovarianceEstimator.Ewma(L4, x)).RowLabel);
    }

    [Fact]
    public void Bad_returns_are_named()
    {
        double[,] x = Returns();
        x[7, 1] = double.NaN;
        var ex = Assert.Throws<MatrixValidationException>(() => CovarianceEstimator.Sample(L4, x));
        Assert.Equal(MatrixRule.Finite, ex.Rule);
        Assert.Equal((7, 1, "B"), (ex.Row, ex.Column, ex.ColumnLabel));
        Assert.Equal(MatrixRule.Shape, Assert.Throws<MatrixValidationException>(() => CovarianceEstimator.Sample(["A", "B"], Returns())).Rule);
        Assert.Equal(MatrixRule.Shape, Assert.Throws<MatrixValidationException>(() => CovarianceEstimator.Sample(["A"], new double[1, 1])).Rule);
        Assert.Equal(MatrixRule.Parameter, Assert.Throws<MatrixValidationException>(() => CovarianceEstimator.Ewma(L4, Returns(), 1.0)).Rule);
    }
}
