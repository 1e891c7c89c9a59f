using PortfolioMargin.Models.AddOns;

using PortfolioMargin.Models.VaR;

namespace PortfolioMargin.Solvency;

/// <summary>
/// The EMIR Art. 28 anti-procyclicality tools as options of the VaR models: the same VaR on stressed observations
/// (weighted) and on long-run volatility (a floor), plus a buffer, through <see cref="AntiProcyclicalModel"/>.
/// </summary>
public static class VaRAntiProcyclicality
{
    /// <summary>
    /// A delta-normal VaR with anti-procyclicality tools: the stressed and floor models are this VaR (same options)
    /// on <paramref name="stressedFactors"/> (e.g. the covariance of a stressed period) and <paramref name="longRunFactors"/>
    /// (e.g. ten-year or full-history vols). A factor set left null keeps the model <paramref name="tools"/> gives (or none).
    /// </summary>
    /// <param name="model">The current VaR.</param>
    /// <param name="tools">Buffer, release, weight (and models, overridden by the factor sets given).</param>
    /// <param name="stressedFactors">Factors estimated on stressed observations, or null.</param>
    /// <param name="longRunFactors">Factors with long-run volatility, or null.</param>
    /// <returns>The model with the tools.</returns>
    /// <exception cref="ArgumentException">No tool ends up set.</exception>
    public static AntiProcyclicalModel WithAntiProcyclicality(this DeltaNormalVaR model, AntiProcyclicality tools, VaRFactors? stressedFactors = null, VaRFactors? longRunFactors = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tools);
        return new AntiProcyclicalModel(model, tools with
        {
            Stressed = stressedFactors is null ? tools.Stressed : new DeltaNormalVaR(stressedFactors, model.Options),
            Floor = longRunFactors is null ? tools.Floor : new DeltaNormalVaR(longRunFactors, model.Options),
        });
    }

    /// <summary>
    /// A historical-simulation VaR with anti-procyclicality tools: the stressed and floor models are this VaR (same
    /// labels, options and filter) on <paramref name="stressedReturns"/> (a stressed period's returns) and
    /// <paramref name="longRunReturns"/> (e.g. ten years or the full history).
    /// </summary>
    /// <param name="model">The current VaR.</param>
    /// <param name="tools">Buffer, release, weight (and models, overridden by the returns given).</param>
    /// <param name="stressedReturns">T × K relative returns of stressed observations (columns as the model's labels), or null.</param>
    /// <param name="longRunReturns">T × K relative returns over the long run, or null.</param>
    /// <returns>The model with the tools.</returns>
    /// <exception cref="ArgumentException">A returns matrix is malformed (named), or no tool ends up set.</exception>
    public static AntiProcyclicalModel WithAntiProcyclicality(this HistoricalVaR model, AntiProcyclicality tools, double[,]? stressedReturns = null, double[,]? longRunReturns = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tools);
        return new AntiProcyclicalModel(model, tools with
        {
            Stressed = stressedReturns is null ? tools.Stressed : new HistoricalVaR(model.Labels, stressedReturns, model.Options, model.EwmaLambda),
            Floor = longRunReturns is null ? tools.Floor : new HistoricalVaR(model.Labels, longRunReturns, model.Options, model.EwmaLambda),
        });
    }
}
