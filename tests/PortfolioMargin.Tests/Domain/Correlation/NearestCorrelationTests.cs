using System.Collections.Immutable;
using PortfolioMargin.Correlation;
using Xunit;

namespace PortfolioMargin.Tests.Domain.Correlation;

public class NearestCorrelationTests
{
    private static readonly double[,] HighamInput = { { 1, 1, 0 }, { 1, 1, 1 }, { 0, 1, 1 } };

    private static readonly double[,] NagInput =
    {
        { 1, -1, 0, 0 },
        { -1, 1, -1, 0 },
        { 0, -1, 1, -1 },
        { 0, 0, -1, 1 },
    };

    [Theory]
    [InlineData(RepairMethod.AndersonAcceleratedProjections)]
    [InlineData(RepairMethod.AlternatingProjections)]
    public void NCM_HIGHAM_published_example(RepairMethod method)
    {
        // Higham (2002), section 4; published-examples.md NCM-HIGHAM.
        RepairResult r = NearestCorrelation.Repair(["A", "B", "C"], HighamInput, new NearestCorrelationOptions { Method = method });
        Assert.True(r.Converged);
        Assert.Equal(method, r.Method);
        Assert.Equal(0.7607, r.Matrix["A", "B"], 4e-5);
        Assert.Equal(0.7607, r.Matrix["B", "C"], 4e-5);
        Assert.Equal(0.1573, r.Matrix["A", "C"], 4e-5);
        Assert.Equal(0.527790, r.FrobeniusDistance, 1e-6);
        Assert.Equal(1 - Math.Sqrt(2), r.SmallestEigenvalueBefore, 1e-12);
        Assert.True(r.SmallestEigenvalueAfter > -1e-10 && r.SmallestEigenvalueAfter < 1e-6);
        Assert.Contains("0.7607", r.ToString(), StringComparison.Ordinal);
        Assert.Contains("||X-A||_F = 0.527790", r.Summary(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RepairMethod.AndersonAcceleratedProjections)]
    [InlineData(RepairMethod.AlternatingProjections)]
    public void NCM_NAG_published_example(RepairMethod method)
    {
        // NAG g02aa example (diagonal of [[2,-1,0,0],...] set to 1 first); published-examples.md NCM-NAG.
        double[,] expected =
        {
            { 1, -0.8084, 0.1916, 0.1068 },
            { -0.8084, 1, -0.6562, 0.1916 },
            { 0.1916, -0.6562, 1, -0.8084 },
            { 0.1068, 0.1916, -0.8084, 1 },
        };
        RepairResult r = NearestCorrelation.Repair(NagInput, new NearestCorrelationOptions { Method = method });
        Assert.True(r.Converged);
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                Assert.Equal(expected[i, j], r.Matrix[i, j], 6e-5);
            }
        }

        Assert.Equal(0.743505, r.FrobeniusDistance, 1e-6);
    }

    [Fact]
    public void Anderson_and_plain_projections_reach_the_MathNet_reference_fixed_point()
    {
        // Second method: the MathNet-based plain AP (benchmark baseline) on random indefinite matrices.
        for (int seed = 0; seed < 3; seed++)
        {
            double[,] a = TestMatrices.RandomIndefinite(30, seed);
            (double[,] reference, int refIterations) = ReferenceAlternatingProjections.Solve(a, 1e-10, 5000);
            RepairResult fast = NearestCorrelation.Repair(a, new NearestCorrelationOptions { Tolerance = 1e-10 });
            RepairResult plain = NearestCorrelation.Repair(a, new NearestCorrelationOptions { Tolerance = 1e-10, Method = RepairMethod.AlternatingProjections });
            Assert.True(fast.Converged && plain.Converged);
            Assert.Equal(refIterations, plain.Iterations);
            Assert.True(fast.Iterations < refIterations);
            Assert.True(fast.Matrix.MaxAbsDifference(new CorrelationMatrix(fast.Matrix.Labels, reference, 1e-12, 1e-8)) < 1e-6);
            Assert.True(plain.Matrix.MaxAbsDifference(fast.Matrix) < 1e-6);
        }
    }

    [Fact]
    public void Anderson_repair_of_a_noisy_factor_matrix_equals_the_MathNet_baseline_of_the_benchmark()
    {
        // Same kind of input as benchmarks/Correlation: factor correlation plus symmetric noise (indefinite), n = 60.
        double[,] a = TestMatrices.RandomCorrelation(60, 42, 3);
        var rnd = new Random(7);
        for (int i = 0; i < 60; i++)
        {
            for (int j = 0; j < i; j++)
            {
                a[i, j] = a[j, i] = Math.Clamp(a[i, j] + (rnd.NextDouble() * 0.4) - 0.2, -1, 1);
            }
        }

        Assert.True(PsdCheck.SmallestEigenvalue(a) < -0.1);
        (double[,] baseline, _) = ReferenceAlternatingProjections.Solve(a, 1e-9, 5000);
        RepairResult fast = NearestCorrelation.Repair(a);
        Assert.True(fast.Converged);
        Assert.True(fast.Matrix.MaxAbsDifference(new CorrelationMatrix(fast.Matrix.Labels, baseline, 1e-12, 1e-8)) < 1e-6);
    }

    [Fact]
    public void Eigensolver_matches_MathNet_values_and_vectors()
    {
        foreach (int n in new[] { 1, 2, 3, 7, 33 })
        {
            double[,] a = TestMatrices.RandomIndefinite(n, n);
            var values = new double[n];
            var vectors = new double[n * n];
            new SymmetricEigenSolver(n).Decompose(TestMatrices.Flat(a), values, vectors);
            var evd = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(a).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
            double[] expected = [.. evd.EigenValues.Select(z => z.Real).Order()];
            for (int k = 0; k < n; k++)
            {
                Assert.Equal(expected[k], values[k], 1e-11);

                // A v = λ v, ‖v‖ = 1
                double norm = 0;
                for (int i = 0; i < n; i++)
                {
                    double av = 0;
                    for (int j = 0; j < n; j++)
                    {
                        av += a[i, j] * vectors[(k * n) + j];
                    }

                    Assert.Equal(values[k] * vectors[(k * n) + i], av, 1e-10);
                    norm += vectors[(k * n) + i] * vectors[(k * n) + i];
                }

                Assert.Equal(1.0, norm, 1e-12);
            }
        }
    }

    [Fact]
    public void Valid_input_is_returned_unchanged_without_iterating()
    {
        double[,] a = TestMatrices.RandomCorrelation(8, 2);
        RepairResult r = NearestCorrelation.Repair(a);
        Assert.Equal(RepairMethod.None, r.Method);
        Assert.Equal(0, r.Iterations);
        Assert.Equal(TestMatrices.Flat(a), r.Matrix.Values.ToArray());
    }

    [Fact]
    public void Iteration_cap_reports_not_converged_but_still_returns_a_valid_matrix()
    {
        RepairResult r = NearestCorrelation.Repair(TestMatrices.RandomIndefinite(20, 1), new NearestCorrelationOptions { MaxIterations = 2, Method = RepairMethod.AlternatingProjections });
        Assert.False(r.Converged);
        Assert.Equal(2, r.Iterations);
        Assert.Contains("NOT converged", r.Summary(), StringComparison.Ordinal);
        _ = new CorrelationMatrix(r.Matrix.Labels, r.Matrix.ToArray());
    }

    [Fact]
    public void Uniform_weights_give_the_unweighted_answer_and_a_heavy_weight_protects_its_factor()
    {
        double[,] a = TestMatrices.RandomIndefinite(6, 4);
        RepairResult plain = NearestCorrelation.Repair(a);
        RepairResult uniform = NearestCorrelation.Repair(a, new NearestCorrelationOptions { Weights = [3, 3, 3, 3, 3, 3] });
        Assert.True(plain.Matrix.MaxAbsDifference(uniform.Matrix) < 1e-7);

        RepairResult heavy = NearestCorrelation.Repair(a, new NearestCorrelationOptions { Weights = [100, 1, 1, 1, 1, 1] });
        double RowChange(RepairResult r) => Enumerable.Range(1, 5).Sum(j => Math.Pow(r.Matrix[0, j] - a[0, j], 2));
        Assert.True(RowChange(heavy) < RowChange(plain));
        Assert.True(heavy.FrobeniusDistance >= plain.FrobeniusDistance - 1e-9);
    }

    [Fact]
    public void Bad_input_and_options_are_named()
    {
        double[,] asym = (double[,])HighamInput.Clone();
        asym[2, 0] = 0.5;
        var ex = Assert.Throws<MatrixValidationException>(() => NearestCorrelation.Repair(["A", "B", "C"], asym));
        Assert.Equal(MatrixRule.Symmetry, ex.Rule);
        Assert.Equal("C", ex.RowLabel);
        double[,] nan = (double[,])HighamInput.Clone();
        nan[1, 1] = double.PositiveInfinity;
        Assert.Equal(MatrixRule.Finite, Assert.Throws<MatrixValidationException>(() => NearestCorrelation.Repair(nan)).Rule);
        Assert.Equal(MatrixRule.Parameter, Assert.Throws<MatrixValidationException>(() => NearestCorrelation.Repair(HighamInput, new NearestCorrelationOptions { Tolerance = 0 })).Rule);
        Assert.Equal(MatrixRule.Shape, Assert.Throws<MatrixValidationException>(() => NearestCorrelation.Repair(HighamInput, new NearestCorrelationOptions { Weights = ImmutableArray.Create(1.0, 2.0) })).Rule);
        Assert.Equal(MatrixRule.Parameter, Assert.Throws<MatrixValidationException>(() => NearestCorrelation.Repair(HighamInput, new NearestCorrelationOptions { Weights = [1, -1, 1] })).Rule);
    }

    [Fact]
    public void Eigenvalue_clipping_of_NCM_HIGHAM_input_matches_the_closed_form()
    {
        // Closed form: A = V diag(1-√2, 1, 1+√2) Vᵀ; clipping removes the 1-√2 mode with v = (1, -√2, 1)/2,
        // so X = A - (1-√2) v vᵀ, then rescaled to unit diagonal.
        RepairResult r = EigenvalueClipping.Repair(HighamInput);
        double lam = 1 - Math.Sqrt(2);
        double[] v = [0.5, -Math.Sqrt(2) / 2, 0.5];
        double X(int i, int j) => HighamInput[i, j] - (lam * v[i] * v[j]);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(X(i, j) / Math.Sqrt(X(i, i) * X(j, j)), r.Matrix[i, j], 1e-12);
            }
        }

        Assert.Equal(RepairMethod.EigenvalueClipping, r.Method);
        Assert.True(r.FrobeniusDistance > 0.527790);
        RepairResult floored = EigenvalueClipping.Repair(HighamInput, 0.01);
        Assert.True(floored.SmallestEigenvalueAfter > 0.005);
    }
}
