using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Models.Grid;

/// <summary>Ready-made grid parameter sets built from the named scenario presets (data, not code paths).</summary>
public static class GridPresets
{
    /// <summary>
    /// A Deribit-style crypto portfolio-margin parameter set for the given underlyings: the
    /// <see cref="ScenarioPresets.DeribitCrypto"/> grid (±10 % price, vol ±38 % × (30/DTE)^0.30), the short-option
    /// contingency of 0.01 coin per net short option per contract (expressed as 1 % of the underlying price) and 1 % of
    /// the offsetting futures notional. See docs/scenarios.md for the sources and what could not be verified. This is
    /// Deribit's legacy model; Deribit's current risk-matrix method (PME) is <c>Models.Deribit.DeribitModel</c>
    /// (docs/venues/deribit.md lists the differences).
    /// </summary>
    /// <param name="underlyings">Underlying symbols (risk groups), e.g. BTC, ETH.</param>
    /// <param name="initialToMaintenance">IM/MM ratio (≥ 1); the caller states it, as exchanges set it per product.</param>
    /// <exception cref="ArgumentException">No underlyings, or an invalid ratio.</exception>
    public static GridParameters DeribitStyle(IEnumerable<string> underlyings, double initialToMaintenance)
    {
        ArgumentNullException.ThrowIfNull(underlyings);
        DeribitCryptoPreset preset = ScenarioPresets.DeribitCrypto;
        ScenarioSet grid = preset.Build();
        var group = new GridGroupParameters(grid, initialToMaintenance,
            shortOptionContingencyRate: preset.ShortOptionContingencyPerContract,
            offsettingFuturesContingencyRate: preset.OffsettingFuturesContingencyRate);
        var groups = underlyings.Distinct(StringComparer.Ordinal).ToDictionary(u => u, _ => group, StringComparer.Ordinal);
        if (groups.Count == 0)
        {
            Guard.ThrowArgument("Deribit-style parameters need at least one underlying.", nameof(underlyings));
        }

        return new GridParameters("DERIBIT-STYLE-PM", groups);
    }
}
