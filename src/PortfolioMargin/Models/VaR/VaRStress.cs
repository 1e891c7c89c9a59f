using System.Collections.Immutable;
using PortfolioMargin.Correlation;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Models.VaR;

/// <summary>Diagnostics of a covariance-VaR result under a correlation stress.</summary>
internal static class VaRStress
{
    /// <summary><c>CORRELATION_STRESS</c> naming the scenario and the overridden labels, then the stressed factors' own (a repair, if any).</summary>
    public static ImmutableArray<MarginDiagnostic> Diagnostics(VaRFactors stressed, CorrelationMatrix correlationOverride, Scenario scenario) =>
        [new MarginDiagnostic("CORRELATION_STRESS",
            $"Scenario '{scenario.Id}': factor correlation overridden for {string.Join(", ", correlationOverride.Labels)} (other pairs and all vols unchanged)."),
         .. stressed.Diagnostics];
}
