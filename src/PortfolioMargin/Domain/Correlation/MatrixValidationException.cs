namespace PortfolioMargin.Correlation;

/// <summary>
/// Thrown when a correlation or covariance matrix, its labels or a returns matrix fails validation; the message and
/// the properties name the offending entry (labels and row/column), the <see cref="MatrixRule"/> broken and the value.
/// </summary>
public sealed class MatrixValidationException : ArgumentException
{
    /// <summary>Creates an exception with a message only (rule <see cref="MatrixRule.Parameter"/>).</summary>
    public MatrixValidationException()
        : this("Matrix validation failed.")
    {
    }

    /// <summary>Creates an exception with a message only (rule <see cref="MatrixRule.Parameter"/>).</summary>
    /// <param name="message">The message.</param>
    public MatrixValidationException(string message)
        : base(message)
    {
        Rule = MatrixRule.Parameter;
    }

    /// <summary>Creates an exception with a message and an inner exception (rule <see cref="MatrixRule.Parameter"/>).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public MatrixValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Rule = MatrixRule.Parameter;
    }

    /// <summary>Creates an exception naming the rule, the entry and the value.</summary>
    /// <param name="message">The full message (already naming the entry).</param>
    /// <param name="rule">The rule broken.</param>
    /// <param name="row">Zero-based row index, or −1 when the failure concerns no single entry.</param>
    /// <param name="column">Zero-based column index, or −1.</param>
    /// <param name="rowLabel">Row label, or null.</param>
    /// <param name="columnLabel">Column label, or null.</param>
    /// <param name="value">The offending value, or NaN when there is none.</param>
    public MatrixValidationException(string message, MatrixRule rule, int row, int column, string? rowLabel, string? columnLabel, double value)
        : base(message)
    {
        Rule = rule;
        Row = row;
        Column = column;
        RowLabel = rowLabel;
        ColumnLabel = columnLabel;
        Value = value;
    }

    /// <summary>The rule broken.</summary>
    public MatrixRule Rule { get; }

    /// <summary>Zero-based row index of the offending entry, or −1.</summary>
    public int Row { get; } = -1;

    /// <summary>Zero-based column index of the offending entry, or −1.</summary>
    public int Column { get; } = -1;

    /// <summary>Label of the offending row, or null.</summary>
    public string? RowLabel { get; }

    /// <summary>Label of the offending column, or null.</summary>
    public string? ColumnLabel { get; }

    /// <summary>The offending value, or NaN when the failure has no single value.</summary>
    public double Value { get; } = double.NaN;
}
