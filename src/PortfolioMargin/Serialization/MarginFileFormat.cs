namespace PortfolioMargin.Serialization;

/// <summary>
/// The <c>format</c> identifiers and the format version of the JSON documents (see <c>docs/file-formats.md</c>). Every
/// document starts <c>{ "format": "portfoliomargin/…", "version": 1, … }</c>; a reader refuses another format and a
/// version it does not know.
/// </summary>
public static class MarginFileFormat
{
    /// <summary>The format version this library writes and reads. A file with a higher version was written by a newer library and is refused.</summary>
    public const int Version = 1;

    /// <summary>A portfolio: underlyings, instruments and positions.</summary>
    public const string Portfolio = "portfoliomargin/portfolio";

    /// <summary>A market snapshot: valuation time, spots, forwards, vol surfaces, rates and conversion rates.</summary>
    public const string MarketSnapshot = "portfoliomargin/market-snapshot";

    /// <summary>A named scenario set.</summary>
    public const string ScenarioSet = "portfoliomargin/scenario-set";

    /// <summary>The scenario-grid model's parameter set.</summary>
    public const string GridParameters = "portfoliomargin/grid-parameters";

    /// <summary>The isolated model's rates (default and overrides).</summary>
    public const string IsolatedRates = "portfoliomargin/isolated-rates";

    /// <summary>A covariance-VaR parameter set (<see cref="VaRParametersJson"/>).</summary>
    public const string VaRParameters = "portfoliomargin/var-parameters";

    /// <summary>Derive PM2 parameters (<see cref="DeriveParametersJson"/>).</summary>
    public const string DeriveParameters = "portfoliomargin/derive-parameters";

    /// <summary>Deribit portfolio-margin (PME) parameters (<see cref="DeribitParametersJson"/>).</summary>
    public const string DeribitParameters = "portfoliomargin/deribit-parameters";

    /// <summary>OKX portfolio-margin parameters (<see cref="OkxParametersJson"/>).</summary>
    public const string OkxParameters = "portfoliomargin/okx-parameters";

    /// <summary>Bybit portfolio-margin parameters (<see cref="BybitParametersJson"/>).</summary>
    public const string BybitParameters = "portfoliomargin/bybit-parameters";

    /// <summary>Every format identifier.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Portfolio, MarketSnapshot, ScenarioSet, GridParameters, IsolatedRates, VaRParameters, DeriveParameters, DeribitParameters, OkxParameters, BybitParameters];
}
