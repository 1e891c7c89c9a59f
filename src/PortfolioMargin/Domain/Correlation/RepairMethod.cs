namespace PortfolioMargin.Correlation;

/// <summary>How a correlation matrix was (or is to be) repaired.</summary>
public enum RepairMethod
{
    /// <summary>Higham (2002) alternating projections with Dykstra's correction, accelerated by Anderson mixing on the
    /// diagonal of the Dykstra iterate (Higham &amp; Strabić 2016). Same fixed point as plain projections; the default.</summary>
    AndersonAcceleratedProjections,

    /// <summary>Plain Higham (2002) alternating projections with Dykstra's correction (linear convergence).</summary>
    AlternatingProjections,

    /// <summary>Eigenvalue clipping: <c>X = V max(Λ, floor) Vᵀ</c>, rescaled to unit diagonal. One step, not the nearest matrix.</summary>
    EigenvalueClipping,

    /// <summary>No repair needed: the input was already a valid correlation matrix and is returned unchanged.</summary>
    None,
}
