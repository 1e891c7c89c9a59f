using System.Numerics.Tensors;

namespace PortfolioMargin.Correlation;

/// <summary>
/// Higham (2002) alternating projections with Dykstra's correction, written as a fixed-point iteration on the
/// diagonal of the Dykstra iterate. With <c>R_k = Y_{k−1} − ΔS_{k−1}</c>, <c>X_k = P_S(R_k)</c>,
/// <c>ΔS_k = X_k − R_k</c>, <c>Y_k = P_U(X_k)</c> one gets <c>R_{k+1} = R_k + P_U(X_k) − X_k</c>: the off-diagonal of
/// <c>R</c> never changes and its diagonal follows <c>d ← g(d) = d + 1 − diag(P_S(R(d)))</c>. Plain projections iterate
/// <c>g</c>; Anderson acceleration (type II, Walker &amp; Ni 2011; Higham &amp; Strabić 2016) mixes the last
/// <c>m</c> steps. Both stop when <c>‖1 − diag X_k‖₂ ≤ tol ‖X_k‖_F</c> and share the fixed point.
/// </summary>
internal static class DykstraProjections
{
    internal readonly record struct Outcome(double[] X, int Iterations, bool Converged);

    /// <summary>Runs the iteration on the symmetric <paramref name="a"/> (n × n, flat); returns the last PSD projection <c>X_k</c>.</summary>
    internal static Outcome Solve(ReadOnlySpan<double> a, int n, double tolerance, int maxIterations, ReadOnlySpan<double> weights, int andersonDepth)
    {
        var projector = new PsdProjector(n, weights);
        var r = a[..(n * n)].ToArray();
        var x = new double[n * n];
        var d = new double[n];
        var g = new double[n];
        var f = new double[n];
        for (int i = 0; i < n; i++)
        {
            d[i] = r[(i * n) + i];
        }

        Anderson? aa = andersonDepth > 0 ? new Anderson(n, andersonDepth) : null;
        for (int k = 1; k <= maxIterations; k++)
        {
            for (int i = 0; i < n; i++)
            {
                r[(i * n) + i] = d[i];
            }

            projector.Project(r, x, 0.0);
            for (int i = 0; i < n; i++)
            {
                f[i] = 1.0 - x[(i * n) + i];
                g[i] = d[i] + f[i];
            }

            double norm = TensorPrimitives.Norm(x);
            if (TensorPrimitives.Norm(f) <= tolerance * norm)
            {
                return new Outcome(x, k, true);
            }

            if (aa is null)
            {
                g.CopyTo(d, 0);
            }
            else
            {
                aa.Step(d, g, f);
            }
        }

        return new Outcome(x, maxIterations, false);
    }

    /// <summary>Anderson mixing (type II) with memory <c>m</c>: <c>d⁺ = g_k − ΔG γ</c>, <c>γ = argmin ‖f_k − ΔF γ‖₂</c>.</summary>
    private sealed class Anderson
    {
        private readonly int depth;
        private readonly double[][] df;
        private readonly double[][] dg;
        private readonly double[] prevF;
        private readonly double[] prevG;
        private readonly double[] gram;
        private readonly double[] rhs;
        private int stored;
        private int head;
        private bool hasPrev;

        internal Anderson(int n, int depth)
        {
            this.depth = depth;
            df = new double[depth][];
            dg = new double[depth][];
            for (int i = 0; i < depth; i++)
            {
                df[i] = new double[n];
                dg[i] = new double[n];
            }

            prevF = new double[n];
            prevG = new double[n];
            gram = new double[depth * depth];
            rhs = new double[depth];
        }

        internal void Step(double[] d, double[] g, double[] f)
        {
            if (hasPrev)
            {
                TensorPrimitives.Subtract(f, prevF, df[head]);
                TensorPrimitives.Subtract(g, prevG, dg[head]);
                head = (head + 1) % depth;
                stored = Math.Min(stored + 1, depth);
            }

            f.CopyTo(prevF, 0);
            g.CopyTo(prevG, 0);
            hasPrev = true;
            g.CopyTo(d, 0);
            int m = stored;
            if (m == 0)
            {
                return;
            }

            // Normal equations (ΔFᵀΔF + εI) γ = ΔFᵀ f, solved by Cholesky; m ≤ 20.
            double trace = 0;
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j <= i; j++)
                {
                    double v = TensorPrimitives.Dot(df[i], df[j]);
                    gram[(i * m) + j] = v;
                    gram[(j * m) + i] = v;
                }

                trace += gram[(i * m) + i];
                rhs[i] = TensorPrimitives.Dot(df[i], f);
            }

            double reg = 1e-12 * trace / m;
            for (int i = 0; i < m; i++)
            {
                gram[(i * m) + i] += reg;
            }

            Span<double> l = stackalloc double[m * m];
            if (!CholeskyKernel.TryFactor(gram.AsSpan(0, m * m), m, 0.0, l, out _))
            {
                stored = 0;
                hasPrev = false;
                return;
            }

            Span<double> gamma = stackalloc double[m];
            for (int i = 0; i < m; i++)
            {
                double s = rhs[i];
                for (int j = 0; j < i; j++)
                {
                    s -= l[(i * m) + j] * gamma[j];
                }

                gamma[i] = s / l[(i * m) + i];
            }

            for (int i = m - 1; i >= 0; i--)
            {
                double s = gamma[i];
                for (int j = i + 1; j < m; j++)
                {
                    s -= l[(j * m) + i] * gamma[j];
                }

                gamma[i] = s / l[(i * m) + i];
            }

            for (int i = 0; i < m; i++)
            {
                TensorPrimitives.MultiplyAdd(dg[i], -gamma[i], d, d);
            }

        }
    }
}
