using PortfolioMargin.Correlation;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Models.Isolated;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using QuickStart;

namespace PortfolioMargin.Cli.Tests;

/// <summary>The default book, its market and the models of examples/, built in code with the library (the tests' reference).</summary>
public static class Library
{
    /// <summary>The default book resolved against its market.</summary>
    public static ResolvedPortfolio Book { get; } = ResolvedPortfolio.Resolve(DefaultBook.Portfolio(), DefaultBook.Market());

    /// <summary>The grid of <c>--preset deribit</c> (and examples/grid-deribit.json) on BTC and ETH, IM/MM 1.25.</summary>
    public static ScenarioGridModel Grid { get; } = new(GridPresets.DeribitStyle(["BTC", "ETH"], initialToMaintenance: 1.25));

    /// <summary>The isolated model with the built-in crypto rates (examples/isolated-rates.json).</summary>
    public static IsolatedModel Isolated { get; } = new(IsolatedRates.CryptoDefault);

    /// <summary>The VaR parameters of examples/var.json: BTC/ETH 55 %/70 % a year, correlation 0.82, 99 %, 1 day.</summary>
    public static VaRParameters VaR { get; } = new(
        VaRFactors.Create(new CorrelationMatrix(["BTC", "ETH"], new[,] { { 1.0, 0.82 }, { 0.82, 1.0 } }), [0.55, 0.70], VolatilityUnit.Annual, daysPerYear: 365),
        new VaROptions { Confidence = 0.99, HorizonDays = 1 });

    /// <summary>The model the tool builds for <c>--model name</c> with the example parameter file (or preset).</summary>
    public static IMarginModel Model(string name) => name switch
    {
        "grid" => Grid,
        "isolated" => Isolated,
        "var" => VaR.DeltaNormal(),
        "delta-gamma-var" => new DeltaGammaVaR(VaR.Factors, VaR.Options),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such model"),
    };
}
