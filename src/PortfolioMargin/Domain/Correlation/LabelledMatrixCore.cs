using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace PortfolioMargin.Correlation;

/// <summary>
/// Shared immutable storage for the labelled symmetric matrix types: labels, a label index and a flat row-major
/// buffer that nobody else holds; the semi-definite Cholesky factor is computed once on first use (thread-safe).
/// </summary>
internal sealed class LabelledMatrixCore
{
    private readonly FrozenDictionary<string, int> index;
    private readonly Lazy<double[]> cholesky;
    private readonly Lazy<double> smallestEigenvalue;

    /// <summary>Trusted constructor: <paramref name="values"/> is owned by the new instance (no copy, no checks).</summary>
    internal LabelledMatrixCore(ImmutableArray<string> labels, FrozenDictionary<string, int> index, double[] values, double zeroPivot)
    {
        Labels = labels;
        this.index = index;
        Values = values;
        int n = labels.Length;
        cholesky = new Lazy<double[]>(
            () =>
            {
                var l = new double[n * n];
                CholeskyKernel.FactorSemidefinite(values, n, zeroPivot, l);
                return l;
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
        smallestEigenvalue = new Lazy<double>(() => SymmetricEigenSolver.SmallestEigenvalue(values, n), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    internal ImmutableArray<string> Labels { get; }

    /// <summary>Trusted construction from labels known to be unique; builds the index.</summary>
    internal static LabelledMatrixCore Trusted(ImmutableArray<string> labels, double[] values, double zeroPivot)
    {
        var dict = new Dictionary<string, int>(labels.Length, StringComparer.Ordinal);
        for (int i = 0; i < labels.Length; i++)
        {
            dict[labels[i]] = i;
        }

        return new LabelledMatrixCore(labels, dict.ToFrozenDictionary(StringComparer.Ordinal), values, zeroPivot);
    }

    /// <summary>Labels and a fresh value buffer of the sub-matrix (or permutation) given by <paramref name="labels"/>.</summary>
    internal (ImmutableArray<string> Labels, double[] Values) Pick(IEnumerable<string> labels, bool requireAll)
    {
        int[] idx = Indices(labels, requireAll);
        return ([.. idx.Select(i => Labels[i])], Gather(Values, Count, idx));
    }

    internal int Count => Labels.Length;

    internal double[] Values { get; }

    internal double[] Cholesky => cholesky.Value;

    internal double SmallestEigenvalue => smallestEigenvalue.Value;

    internal FrozenDictionary<string, int> Index => index;

    internal double this[int row, int column]
    {
        get
        {
            if ((uint)row >= (uint)Count || (uint)column >= (uint)Count)
            {
                CorrelationThrow.Shape("index", row, column, string.Create(CultureInfo.InvariantCulture, $"row and column in [0, {Count})"));
            }

            return Values[(row * Count) + column];
        }
    }

    internal int IndexOf(string label)
    {
        if (label is not null && index.TryGetValue(label, out int i))
        {
            return i;
        }

        CorrelationThrow.Label(MatrixRule.UnknownLabel, -1, label, "one of the matrix labels " + string.Join(", ", Labels));
        return -1;
    }

    internal bool TryGetIndex(string label, out int i) => index.TryGetValue(label, out i);

    /// <summary>Validates the labels: non-empty, unique (ordinal), and builds the index.</summary>
    internal static (ImmutableArray<string> Labels, FrozenDictionary<string, int> Index) ValidateLabels(IEnumerable<string> labels)
    {
        ImmutableArray<string> arr = [.. labels];
        var dict = new Dictionary<string, int>(arr.Length, StringComparer.Ordinal);
        for (int i = 0; i < arr.Length; i++)
        {
            string s = arr[i];
            if (string.IsNullOrWhiteSpace(s))
            {
                CorrelationThrow.Label(MatrixRule.MissingLabel, i, s, "a non-empty label");
            }

            if (!dict.TryAdd(s, i))
            {
                CorrelationThrow.Label(MatrixRule.DuplicateLabel, i, s, string.Create(CultureInfo.InvariantCulture, $"unique labels (first seen at #{dict[s]})"));
            }
        }

        return (arr, dict.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>Copies a 2-D array into a new flat buffer after checking shape against the labels and finiteness.</summary>
    internal static double[] CopyChecked(double[,] values, ImmutableArray<string> labels)
    {
        int n = labels.Length;
        if (values.GetLength(0) != values.GetLength(1) || values.GetLength(0) != n)
        {
            CorrelationThrow.Shape("matrix", values.GetLength(0), values.GetLength(1), string.Create(CultureInfo.InvariantCulture, $"a square {n} x {n} matrix (one row and column per label)"));
        }

        var flat = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double v = values[i, j];
                if (!double.IsFinite(v))
                {
                    CorrelationThrow.Entry(MatrixRule.Finite, i, j, labels[i], labels[j], v, "a finite number");
                }

                flat[(i * n) + j] = v;
            }
        }

        return flat;
    }

    /// <summary>Checks <c>|a_ij − a_ji| ≤ tolerance</c> and stores the average of the two (in place).</summary>
    internal static void Symmetrize(double[] a, ImmutableArray<string> labels, double tolerance)
    {
        int n = labels.Length;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double x = a[(i * n) + j], y = a[(j * n) + i];
                if (Math.Abs(x - y) > tolerance)
                {
                    CorrelationThrow.Entry(MatrixRule.Symmetry, i, j, labels[i], labels[j], x, string.Create(CultureInfo.InvariantCulture, $"the mirror entry {CorrelationThrow.Fmt(y)} within {CorrelationThrow.Fmt(tolerance)}"));
                }

                double m = 0.5 * (x + y);
                a[(i * n) + j] = m;
                a[(j * n) + i] = m;
            }
        }
    }

    /// <summary>Checks PSD within <paramref name="tolerance"/>: strict Cholesky of <c>A + tolerance·I</c>.</summary>
    internal static void CheckPsd(double[] a, ImmutableArray<string> labels, double tolerance)
    {
        int n = labels.Length;
        var l = new double[n * n];
        if (!CholeskyKernel.TryFactor(a, n, tolerance, l, out int failed))
        {
            CorrelationThrow.NotPsd(failed, labels[failed], SymmetricEigenSolver.SmallestEigenvalue(a, n), tolerance);
        }
    }

    /// <summary>The indices of the given labels, in the given order, each must exist and appear once.</summary>
    internal int[] Indices(IEnumerable<string> labels, bool requireAll)
    {
        var list = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int pos = 0;
        foreach (string s in labels)
        {
            if (!seen.Add(s))
            {
                CorrelationThrow.Label(MatrixRule.DuplicateLabel, pos, s, "each label once");
            }

            list.Add(IndexOf(s));
            pos++;
        }

        if (requireAll && list.Count != Count)
        {
            CorrelationThrow.Shape("label list", list.Count, 1, string.Create(CultureInfo.InvariantCulture, $"a permutation of all {Count} labels"));
        }

        return [.. list];
    }

    internal static double[] Gather(double[] a, int n, int[] idx)
    {
        int m = idx.Length;
        var r = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < m; j++)
            {
                r[(i * m) + j] = a[(idx[i] * n) + idx[j]];
            }
        }

        return r;
    }

    internal double[,] ToArray()
    {
        int n = Count;
        var r = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                r[i, j] = Values[(i * n) + j];
            }
        }

        return r;
    }

    internal double[,] CholeskyArray()
    {
        int n = Count;
        double[] l = Cholesky;
        var r = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                r[i, j] = l[(i * n) + j];
            }
        }

        return r;
    }

    /// <summary>A table with the labels as header and first column, numbers in <paramref name="format"/> (invariant culture).</summary>
    internal string Format(string title, string? format, IFormatProvider? provider)
    {
        provider ??= CultureInfo.InvariantCulture;
        format ??= "F4";
        int n = Count;
        var cells = new string[n * n];
        int width = 0;
        for (int i = 0; i < n * n; i++)
        {
            cells[i] = Values[i].ToString(format, provider);
            width = Math.Max(width, cells[i].Length);
        }

        int labelWidth = 0;
        foreach (string s in Labels)
        {
            labelWidth = Math.Max(labelWidth, s.Length);
            width = Math.Max(width, s.Length);
        }

        var sb = new StringBuilder();
        sb.Append(title).Append(' ').Append(n.ToString(provider)).Append('x').Append(n.ToString(provider)).AppendLine();
        sb.Append(' ', labelWidth);
        foreach (string s in Labels)
        {
            sb.Append(' ').Append(s.PadLeft(width));
        }

        for (int i = 0; i < n; i++)
        {
            sb.AppendLine().Append(Labels[i].PadRight(labelWidth));
            for (int j = 0; j < n; j++)
            {
                sb.Append(' ').Append(cells[(i * n) + j].PadLeft(width));
            }
        }

        return sb.ToString();
    }
}
