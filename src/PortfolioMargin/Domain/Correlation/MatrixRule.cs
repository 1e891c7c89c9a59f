namespace PortfolioMargin.Correlation;

/// <summary>The validation rule that a correlation or covariance matrix (or its labels) broke.</summary>
public enum MatrixRule
{
    /// <summary>The matrix is not square, or its size differs from the number of labels.</summary>
    Shape,

    /// <summary>A label is null, empty or whitespace.</summary>
    MissingLabel,

    /// <summary>A label appears twice.</summary>
    DuplicateLabel,

    /// <summary>An entry is NaN or infinite.</summary>
    Finite,

    /// <summary>An entry differs from its mirror <c>|a_ij − a_ji| &gt; tolerance</c>.</summary>
    Symmetry,

    /// <summary>A correlation diagonal entry is not exactly 1.</summary>
    UnitDiagonal,

    /// <summary>A correlation lies outside <c>[−1, 1]</c>.</summary>
    Range,

    /// <summary>A variance (covariance diagonal) is zero or negative, or a returns column has zero variance.</summary>
    PositiveVariance,

    /// <summary>The matrix is not positive semi-definite within the stated tolerance (<c>λ_min &lt; −tolerance</c>).</summary>
    PositiveSemiDefinite,

    /// <summary>A label asked for is not in the matrix.</summary>
    UnknownLabel,

    /// <summary>An option or parameter is out of its documented range.</summary>
    Parameter,
}
