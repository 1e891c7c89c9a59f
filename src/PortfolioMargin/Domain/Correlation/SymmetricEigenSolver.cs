using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PortfolioMargin.Correlation;

/// <summary>
/// Dense symmetric eigensolver on flat row-major buffers: Householder tridiagonalisation (full storage, so every
/// inner loop runs over a contiguous row) and the implicit QL method with the rotations applied to rows of the
/// transposed eigenvector matrix (contiguous, SIMD). Eigenvalues ascending; row <c>k</c> of the vector buffer is
/// the unit eigenvector of eigenvalue <c>k</c>. Not thread-safe: one instance per thread (it owns its workspace).
/// </summary>
internal sealed class SymmetricEigenSolver
{
    private readonly int n;
    private readonly double[] w;
    private readonly double[] e;
    private readonly double[] hh;
    private readonly double[] p;
    private readonly double[] tmpRow;
    private readonly int[] order;

    internal SymmetricEigenSolver(int n)
    {
        this.n = n;
        w = new double[n * n];
        e = new double[n];
        hh = new double[n];
        p = new double[n];
        tmpRow = new double[n];
        order = new int[n];
    }

    internal int Size => n;

    /// <summary>Eigenvalues (ascending) and, when <paramref name="vectors"/> is not empty, eigenvectors as rows.</summary>
    internal void Decompose(ReadOnlySpan<double> a, Span<double> values, Span<double> vectors)
    {
        bool wantVectors = !vectors.IsEmpty;
        a[..(n * n)].CopyTo(w);
        Tridiagonalize(values);
        if (wantVectors)
        {
            Accumulate(vectors);
        }

        QlImplicit(values, vectors, wantVectors);
        Sort(values, vectors, wantVectors);
    }

    /// <summary>Smallest eigenvalue of a symmetric matrix (values only, <c>O(n³)</c> reduction plus <c>O(n²)</c> QL).</summary>
    internal static double SmallestEigenvalue(ReadOnlySpan<double> a, int n)
    {
        if (n == 0)
        {
            return double.NaN;
        }

        var solver = new SymmetricEigenSolver(n);
        var values = new double[n];
        solver.Decompose(a, values, default);
        return values[0];
    }

    private void Tridiagonalize(Span<double> d)
    {
        for (int k = n - 1; k >= 1; k--)
        {
            Span<double> v = w.AsSpan(k * n, k);
            d[k] = w[(k * n) + k];
            double sigma = TensorPrimitives.Dot(v, v);
            double last = v[k - 1];
            if (k == 1 || sigma - (last * last) <= double.Epsilon)
            {
                e[k] = last;
                hh[k] = 0;
                continue;
            }

            double alpha = last > 0 ? -Math.Sqrt(sigma) : Math.Sqrt(sigma);
            double h = sigma - (alpha * last);
            v[k - 1] = last - alpha;
            e[k] = alpha;
            hh[k] = h;

            Span<double> pk = p.AsSpan(0, k);
            double invH = 1.0 / h;
            for (int i = 0; i < k; i++)
            {
                pk[i] = TensorPrimitives.Dot(w.AsSpan(i * n, k), v) * invH;
            }

            double kk = TensorPrimitives.Dot(v, pk) * 0.5 * invH;
            for (int i = 0; i < k; i++)
            {
                pk[i] -= kk * v[i];
            }

            for (int i = 0; i < k; i++)
            {
                SubtractRankTwo(w.AsSpan(i * n, k), v[i], pk, pk[i], v);
            }
        }

        d[0] = w[0];
        e[0] = 0;
    }

    private void Accumulate(Span<double> z)
    {
        z[..(n * n)].Clear();
        for (int i = 0; i < n; i++)
        {
            z[(i * n) + i] = 1.0;
        }

        for (int k = 2; k < n; k++)
        {
            double h = hh[k];
            if (h == 0)
            {
                continue;
            }

            ReadOnlySpan<double> v = w.AsSpan(k * n, k);
            double invH = 1.0 / h;
            for (int r = 0; r < k; r++)
            {
                Span<double> row = z.Slice(r * n, k);
                double s = TensorPrimitives.Dot(row, v) * invH;
                if (s != 0)
                {
                    TensorPrimitives.MultiplyAdd(v, -s, row, row);
                }
            }
        }
    }

    private void QlImplicit(Span<double> d, Span<double> z, bool wantVectors)
    {
        for (int i = 1; i < n; i++)
        {
            e[i - 1] = e[i];
        }

        e[n - 1] = 0.0;
        double f = 0.0, tst1 = 0.0;
        const double eps = 2.220446049250313e-16;
        for (int l = 0; l < n; l++)
        {
            tst1 = Math.Max(tst1, Math.Abs(d[l]) + Math.Abs(e[l]));
            int m = l;
            while (m < n - 1 && Math.Abs(e[m]) > eps * tst1)
            {
                m++;
            }

            if (m > l)
            {
                int iter = 0;
                do
                {
                    if (++iter > 60)
                    {
                        throw new InvalidOperationException("Symmetric eigensolver did not converge in 60 QL sweeps.");
                    }

                    double g = d[l];
                    double pp = (d[l + 1] - g) / (2.0 * e[l]);
                    double r = Hypot(pp, 1.0);
                    if (pp < 0)
                    {
                        r = -r;
                    }

                    d[l] = e[l] / (pp + r);
                    d[l + 1] = e[l] * (pp + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++)
                    {
                        d[i] -= h;
                    }

                    f += h;
                    pp = d[m];
                    double c = 1.0, c2 = c, c3 = c;
                    double el1 = e[l + 1];
                    double s = 0.0, s2 = 0.0;
                    for (int i = m - 1; i >= l; i--)
                    {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * pp;
                        r = Hypot(pp, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = pp / r;
                        pp = (c * d[i]) - (s * g);
                        d[i + 1] = h + (s * ((c * g) + (s * d[i])));
                        if (wantVectors)
                        {
                            Rotate(z.Slice(i * n, n), z.Slice((i + 1) * n, n), c, s);
                        }
                    }

                    pp = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * pp;
                    d[l] = c * pp;
                }
                while (Math.Abs(e[l]) > eps * tst1);
            }

            d[l] += f;
            e[l] = 0.0;
        }
    }

    private void Sort(Span<double> d, Span<double> z, bool wantVectors)
    {
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        bool sorted = true;
        for (int i = 1; i < n && sorted; i++)
        {
            sorted = d[i - 1] <= d[i];
        }

        if (sorted)
        {
            return;
        }

        // Selection sort with row swaps (cheap and contiguous): O(n²) comparisons, at most n row swaps.
        for (int i = 0; i < n - 1; i++)
        {
            int k = i;
            double best = d[i];
            for (int j = i + 1; j < n; j++)
            {
                if (d[j] < best)
                {
                    k = j;
                    best = d[j];
                }
            }

            if (k != i)
            {
                d[k] = d[i];
                d[i] = best;
                if (wantVectors)
                {
                    Span<double> ri = z.Slice(i * n, n), rk = z.Slice(k * n, n), t = tmpRow;
                    ri.CopyTo(t);
                    rk.CopyTo(ri);
                    t.CopyTo(rk);
                }
            }
        }
    }

    private static double Hypot(double a, double b)
    {
        double x = Math.Abs(a), y = Math.Abs(b);
        if (x < y)
        {
            (x, y) = (y, x);
        }

        if (x == 0)
        {
            return 0;
        }

        double t = y / x;
        return x * Math.Sqrt(1 + (t * t));
    }

    /// <summary><c>row −= a·x + b·y</c> over a contiguous row (vectorised).</summary>
    private static void SubtractRankTwo(Span<double> row, double a, ReadOnlySpan<double> x, double b, ReadOnlySpan<double> y)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated && row.Length >= Vector512<double>.Count)
        {
            Vector512<double> va = Vector512.Create(a), vb = Vector512.Create(b);
            ref double rr = ref MemoryMarshal.GetReference(row);
            ref double xr = ref MemoryMarshal.GetReference(x);
            ref double yr = ref MemoryMarshal.GetReference(y);
            for (; i <= row.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                Vector512<double> r = Vector512.LoadUnsafe(ref rr, (nuint)i);
                (r - ((va * Vector512.LoadUnsafe(ref xr, (nuint)i)) + (vb * Vector512.LoadUnsafe(ref yr, (nuint)i)))).StoreUnsafe(ref rr, (nuint)i);
            }
        }
        else if (Vector.IsHardwareAccelerated && row.Length >= Vector<double>.Count)
        {
            var va = new Vector<double>(a);
            var vb = new Vector<double>(b);
            Span<Vector<double>> rv = MemoryMarshal.Cast<double, Vector<double>>(row);
            ReadOnlySpan<Vector<double>> xv = MemoryMarshal.Cast<double, Vector<double>>(x);
            ReadOnlySpan<Vector<double>> yv = MemoryMarshal.Cast<double, Vector<double>>(y);
            for (int j = 0; j < rv.Length; j++)
            {
                rv[j] -= (va * xv[j]) + (vb * yv[j]);
            }

            i = rv.Length * Vector<double>.Count;
        }

        for (; i < row.Length; i++)
        {
            row[i] -= (a * x[i]) + (b * y[i]);
        }
    }

    /// <summary>Givens rotation of two contiguous rows: <c>(u, v) ← (c·u − s·v, s·u + c·v)</c> (512-bit when available).</summary>
    internal static void Rotate(Span<double> u, Span<double> v, double c, double s)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated && u.Length >= Vector512<double>.Count)
        {
            Vector512<double> vc = Vector512.Create(c), vs = Vector512.Create(s);
            ref double ur = ref MemoryMarshal.GetReference(u);
            ref double vr = ref MemoryMarshal.GetReference(v);
            for (; i <= u.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                Vector512<double> x = Vector512.LoadUnsafe(ref ur, (nuint)i), y = Vector512.LoadUnsafe(ref vr, (nuint)i);
                ((vc * x) - (vs * y)).StoreUnsafe(ref ur, (nuint)i);
                ((vs * x) + (vc * y)).StoreUnsafe(ref vr, (nuint)i);
            }
        }
        else if (Vector.IsHardwareAccelerated && u.Length >= Vector<double>.Count)
        {
            var vc = new Vector<double>(c);
            var vs = new Vector<double>(s);
            Span<Vector<double>> uv = MemoryMarshal.Cast<double, Vector<double>>(u);
            Span<Vector<double>> vv = MemoryMarshal.Cast<double, Vector<double>>(v);
            for (int j = 0; j < uv.Length; j++)
            {
                Vector<double> x = uv[j], y = vv[j];
                uv[j] = (vc * x) - (vs * y);
                vv[j] = (vs * x) + (vc * y);
            }

            i = uv.Length * Vector<double>.Count;
        }

        for (; i < u.Length; i++)
        {
            double x = u[i], y = v[i];
            u[i] = (c * x) - (s * y);
            v[i] = (s * x) + (c * y);
        }
    }
}
