namespace PortfolioMargin.Models.VaR;

/// <summary>A covariance-VaR parameter set: the risk factors (labels, vols, correlation) and the options. Immutable.</summary>
/// <param name="Factors">The factor set.</param>
/// <param name="Options">Confidence, horizon, measure, multiplier.</param>
public sealed record VaRParameters(VaRFactors Factors, VaROptions Options)
{
    /// <summary>The delta-normal model with these parameters.</summary>
    public DeltaNormalVaR DeltaNormal() => new(Factors, Options);
}
