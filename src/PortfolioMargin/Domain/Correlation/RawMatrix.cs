using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Correlation;

/// <summary>Validation of raw (unlabelled or not yet valid) matrices handed to repair and checks.</summary>
internal static class RawMatrix
{
    /// <summary>Copies a square finite matrix into a flat row-major buffer.</summary>
    internal static double[] Flatten(double[,] matrix, out int n)
    {
        n = matrix.GetLength(0);
        return LabelledMatrixCore.CopyChecked(matrix, DefaultLabels(n, matrix.GetLength(1)));
    }

    internal static ImmutableArray<string> DefaultLabels(int n, int columns)
    {
        if (n != columns)
        {
            CorrelationThrow.Shape("matrix", n, columns, "a square matrix");
        }

        return [.. Enumerable.Range(0, n).Select(i => i.ToString(CultureInfo.InvariantCulture))];
    }
}
