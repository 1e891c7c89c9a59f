namespace PortfolioMargin.Correlation;

/// <summary>Target of Ledoit–Wolf shrinkage.</summary>
public enum ShrinkageTarget
{
    /// <summary>Scaled identity <c>F = μ I</c>, <c>μ = tr(S)/K</c> (Ledoit &amp; Wolf 2004, "A well-conditioned estimator for large-dimensional covariance matrices").</summary>
    ScaledIdentity,

    /// <summary>Constant correlation <c>F_ij = r̄ √(s_ii s_jj)</c>, <c>F_ii = s_ii</c> (Ledoit &amp; Wolf 2004, "Honey, I shrunk the sample covariance matrix").</summary>
    ConstantCorrelation,
}
