using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PortfolioMargin.Correlation;

/// <summary>Throw helpers so that validation loops stay small and inlinable; every message names the item.</summary>
internal static class CorrelationThrow
{
    internal static string Fmt(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [DoesNotReturn]
    internal static void Entry(MatrixRule rule, int row, int column, string? rowLabel, string? columnLabel, double value, string expected)
    {
        string where = rowLabel is null
            ? string.Create(CultureInfo.InvariantCulture, $"entry [{row},{column}]")
            : string.Create(CultureInfo.InvariantCulture, $"entry ({rowLabel}, {columnLabel}) at [{row},{column}]");
        throw new MatrixValidationException(
            string.Create(CultureInfo.InvariantCulture, $"Rule {rule} broken by {where}: value {Fmt(value)}; expected {expected}."),
            rule, row, column, rowLabel, columnLabel, value);
    }

    [DoesNotReturn]
    internal static void Label(MatrixRule rule, int index, string? label, string expected)
    {
        throw new MatrixValidationException(
            string.Create(CultureInfo.InvariantCulture, $"Rule {rule} broken by label #{index} '{label}': expected {expected}."),
            rule, index, -1, label, null, double.NaN);
    }

    [DoesNotReturn]
    internal static void Shape(string what, int rows, int columns, string expected)
    {
        throw new MatrixValidationException(
            string.Create(CultureInfo.InvariantCulture, $"Rule Shape broken by {what} of size {rows} x {columns}: expected {expected}."),
            MatrixRule.Shape, -1, -1, null, null, double.NaN);
    }

    [DoesNotReturn]
    internal static void NotPsd(int row, string? rowLabel, double smallestEigenvalue, double tolerance)
    {
        throw new MatrixValidationException(
            string.Create(
                CultureInfo.InvariantCulture,
                $"Rule PositiveSemiDefinite broken: Cholesky breaks down at row {row} ('{rowLabel}'); smallest eigenvalue {Fmt(smallestEigenvalue)} < -{Fmt(tolerance)}. Repair explicitly with NearestCorrelation.Repair or EigenvalueClipping.Repair."),
            MatrixRule.PositiveSemiDefinite, row, row, rowLabel, rowLabel, smallestEigenvalue);
    }

    [DoesNotReturn]
    internal static void Parameter(string name, double value, string expected)
    {
        throw new MatrixValidationException(
            string.Create(CultureInfo.InvariantCulture, $"Rule Parameter broken by {name} = {Fmt(value)}: expected {expected}."),
            MatrixRule.Parameter, -1, -1, name, null, value);
    }

    internal static void IfNotFinitePositive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            Parameter(name, value, "a finite number > 0");
        }
    }

    internal static void IfNotInRange(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max))
        {
            Parameter(name, value, string.Create(CultureInfo.InvariantCulture, $"a number in [{Fmt(min)}, {Fmt(max)}]"));
        }
    }
}
