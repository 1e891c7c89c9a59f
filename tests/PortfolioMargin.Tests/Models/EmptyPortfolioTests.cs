using PortfolioMargin.Correlation;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Models.Isolated;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Tests.Domain;
using PortfolioMargin.Tests.Models.Grid;
using Xunit;

namespace PortfolioMargin.Tests.Models;

/// <summary>
/// Issue 18 §5: an empty portfolio margins to 0 in every model, and says so: the result carries one
/// <c>EMPTY_PORTFOLIO</c> diagnostic, so a 0 from an empty input is told apart from a 0 the model computed.
/// </summary>
public sealed class EmptyPortfolioTests
{
    private static readonly VaRFactors Factors = VaRFactors.Create(CorrelationMatrix.Identity(["BTC", "ETH"]), [0.6, 0.75], VolatilityUnit.Annual);

    private static readonly (string Name, IMarginModel Model)[] Models =
    [
        ("isolated", new IsolatedModel(IsolatedRates.CryptoDefault)),
        ("standalone grid", new StandaloneMarginModel(new ScenarioGridModel(GridPresets.DeribitStyle(["BTC", "ETH"], 1.25)))),
        ("grid", new ScenarioGridModel(GridPresets.DeribitStyle(["BTC", "ETH"], 1.25))),
        ("delta-normal VaR", new DeltaNormalVaR(Factors)),
        ("delta-gamma VaR", new DeltaGammaVaR(Factors)),
        ("Monte Carlo VaR", new MonteCarloVaR(Factors, monteCarlo: new MonteCarloOptions { Paths = 1_000 })),
        ("historical VaR", new HistoricalVaR(["BTC", "ETH"], new double[,] { { 0.01, -0.02 }, { -0.03, 0.01 }, { 0.02, 0.0 } })),
    ];

    public static TheoryData<string> Names => [.. Models.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void An_empty_portfolio_margins_to_zero_with_a_diagnostic(string name)
    {
        IMarginModel model = Models.Single(m => m.Name == name).Model;
        MarginResult r = model.Calculate(Portfolio.Empty, TestMarket.Snapshot());
        Assert.Equal(0.0, r.InitialMargin);
        Assert.Equal(0.0, r.MaintenanceMargin);
        Assert.Empty(r.Contributions);
        MarginDiagnostic d = Assert.Single(r.Diagnostics, d => d.Code == MarginDiagnostic.EmptyPortfolioCode);
        Assert.Contains(model.Name, d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_book_that_is_not_empty_has_no_empty_portfolio_diagnostic(string name)
    {
        IMarginModel model = Models.Single(m => m.Name == name).Model;
        MarginResult r = model.Calculate(GridModelTests.MixedBook(), TestMarket.Snapshot());
        Assert.DoesNotContain(r.Diagnostics, d => d.Code == MarginDiagnostic.EmptyPortfolioCode);
    }
}
