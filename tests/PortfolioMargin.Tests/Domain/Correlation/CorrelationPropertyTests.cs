using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.Correlation;

namespace PortfolioMargin.Tests.Domain.Correlation;

public class CorrelationPropertyTests
{
    private static int Dim(byte b) => 2 + (b % 7);

    private static bool IsValid(CorrelationMatrix c)
    {
        int n = c.Count;
        for (int i = 0; i < n; i++)
        {
            if (c[i, i] != 1.0)
            {
                return false;
            }

            for (int j = 0; j < n; j++)
            {
                if (c[i, j] != c[j, i] || Math.Abs(c[i, j]) > 1)
                {
                    return false;
                }
            }
        }

        return PsdCheck.IsPositiveSemiDefinite(c.ToArray()) && c.SmallestEigenvalue() > -1e-10;
    }

    [Property(MaxTest = 40)]
    public bool Repaired_matrix_is_symmetric_unit_diagonal_and_psd(int seed, byte size, bool anderson)
    {
        double[,] a = TestMatrices.RandomIndefinite(Dim(size), seed);
        RepairResult r = NearestCorrelation.Repair(a, new NearestCorrelationOptions { Method = anderson ? RepairMethod.AndersonAcceleratedProjections : RepairMethod.AlternatingProjections });
        RepairResult clipped = EigenvalueClipping.Repair(a);
        return r.Converged && IsValid(r.Matrix) && IsValid(clipped.Matrix) && r.FrobeniusDistance <= clipped.FrobeniusDistance + 1e-7;
    }

    [Property(MaxTest = 40)]
    public bool Repairing_a_valid_matrix_returns_it_unchanged(int seed, byte size)
    {
        int n = Dim(size);
        double[,] a = TestMatrices.RandomCorrelation(n, seed);
        RepairResult r = NearestCorrelation.Repair(a);

        // The iteration itself (without the validity shortcut) also stays put.
        DykstraProjections.Outcome o = DykstraProjections.Solve(TestMatrices.Flat(a), n, 1e-9, 100, default, 4);
        double[] x = o.X;
        double maxDiff = Enumerable.Range(0, n * n).Max(k => Math.Abs(x[k] - a[k / n, k % n]));
        return r.Method == RepairMethod.None && r.Matrix.Values.SequenceEqual(TestMatrices.Flat(a)) && o.Converged && maxDiff < 1e-12;
    }

    [Property(MaxTest = 40)]
    public bool Blending_two_valid_matrices_stays_valid(int seed1, int seed2, byte size, byte w)
    {
        int n = Dim(size);
        string[] l = TestMatrices.Labels(n);
        var a = new CorrelationMatrix(l, TestMatrices.RandomCorrelation(n, seed1));
        var b = new CorrelationMatrix(l, TestMatrices.RandomCorrelation(n, seed2, 1));
        double weight = w / 255.0;
        return IsValid(CorrelationStress.Blend(a, b, weight)) && IsValid(CorrelationStress.BlendTowardsOne(a, weight));
    }

    [Property(MaxTest = 30)]
    public bool Estimators_are_invariant_to_column_order_up_to_the_same_permutation(int seed, byte size)
    {
        int k = Dim(size);
        var rnd = new Random(seed);
        double[,] x = new double[k + 10, k];
        for (int t = 0; t < k + 10; t++)
        {
            double common = rnd.NextDouble() - 0.5;
            for (int j = 0; j < k; j++)
            {
                x[t, j] = (0.01 * common) + (0.01 * (rnd.NextDouble() - 0.5));
            }
        }

        int[] perm = [.. Enumerable.Range(0, k).OrderBy(_ => rnd.Next())];
        string[] labels = TestMatrices.Labels(k);
        string[] permLabels = [.. perm.Select(p => labels[p])];
        double[,] xp = new double[k + 10, k];
        for (int t = 0; t < k + 10; t++)
        {
            for (int j = 0; j < k; j++)
            {
                xp[t, j] = x[t, perm[j]];
            }
        }

        static bool Same(CovarianceMatrix a, CovarianceMatrix b)
        {
            CovarianceMatrix br = b.Reorder(a.Labels);
            return Enumerable.Range(0, a.Count * a.Count).All(i => Math.Abs(a.Values[i] - br.Values[i]) <= 1e-15 * (1 + Math.Abs(a.Values[i])));
        }

        ShrinkageResult lw = CovarianceEstimator.LedoitWolf(labels, x), lwp = CovarianceEstimator.LedoitWolf(permLabels, xp);
        ShrinkageResult cc = CovarianceEstimator.LedoitWolf(labels, x, ShrinkageTarget.ConstantCorrelation);
        ShrinkageResult ccp = CovarianceEstimator.LedoitWolf(permLabels, xp, ShrinkageTarget.ConstantCorrelation);
        return Same(CovarianceEstimator.Sample(labels, x), CovarianceEstimator.Sample(permLabels, xp))
            && Same(CovarianceEstimator.Ewma(labels, x), CovarianceEstimator.Ewma(permLabels, xp))
            && Same(lw.Covariance, lwp.Covariance) && Math.Abs(lw.Intensity - lwp.Intensity) < 1e-12
            && Same(cc.Covariance, ccp.Covariance) && Math.Abs(cc.Intensity - ccp.Intensity) < 1e-12;
    }

    [Property(MaxTest = 40)]
    public bool Ledoit_Wolf_shrinkage_intensity_lies_in_0_1_and_the_result_is_psd(int seed, byte size, byte rows, bool constantCorrelation)
    {
        int k = Dim(size);
        int t = 2 + (rows % 30);
        var rnd = new Random(seed);
        double[,] x = new double[t, k];
        for (int i = 0; i < t; i++)
        {
            for (int j = 0; j < k; j++)
            {
                x[i, j] = rnd.NextDouble() - 0.5;
            }
        }

        ShrinkageResult r = CovarianceEstimator.LedoitWolf(TestMatrices.Labels(k), x, constantCorrelation ? ShrinkageTarget.ConstantCorrelation : ShrinkageTarget.ScaledIdentity);
        return r.Intensity is >= 0 and <= 1 && r.Covariance.SmallestEigenvalue() > -1e-12;
    }

    [Property(MaxTest = 30)]
    public Property Reorder_then_inverse_reorder_is_the_identity_and_cholesky_reproduces_the_matrix(int seed, byte size)
    {
        int n = Dim(size);
        string[] l = TestMatrices.Labels(n);
        var c = new CorrelationMatrix(l, TestMatrices.RandomCorrelation(n, seed));
        string[] shuffled = [.. l.OrderBy(_ => new Random(seed).Next())];
        bool roundTrip = c.Reorder(shuffled).Reorder(l).MaxAbsDifference(c) == 0;
        ReadOnlySpan<double> lf = c.CholeskyFactor;
        double err = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    s += lf[(i * n) + k] * lf[(j * n) + k];
                }

                err = Math.Max(err, Math.Abs(s - c[i, j]));
            }
        }

        return (roundTrip && err < 1e-12).Label("reorder round trip and L Lᵀ = C");
    }
}
