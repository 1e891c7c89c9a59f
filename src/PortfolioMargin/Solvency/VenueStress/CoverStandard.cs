namespace PortfolioMargin.Solvency;

/// <summary>How many defaulters the default fund must cover (CPMI-IOSCO PFMI Principle 4).</summary>
public enum CoverStandard : byte
{
    /// <summary>The largest uncovered loss of one defaulter.</summary>
    Cover1 = 1,

    /// <summary>The two largest uncovered losses (systemically important or complex venues).</summary>
    Cover2 = 2,
}
