namespace PortfolioMargin.Solvency;

/// <summary>Which margin a back-test holds against the realised loss.</summary>
public enum MarginBasis : byte
{
    /// <summary>Initial margin (default; EMIR Art. 49 back-tests the initial margin).</summary>
    Initial = 0,

    /// <summary>Maintenance margin (the collateral left when a liquidation starts).</summary>
    Maintenance = 1,
}
