using System.Collections.Immutable;
using PortfolioMargin;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Revaluation;
using PortfolioMargin.Scenarios;
using Xunit;

namespace PortfolioMargin.PublicApi.Tests;

/// <summary>A user-written model: margin = rate × gross notional of each position, from the public resolved portfolio.</summary>
public sealed class GrossNotionalModel(double rate) : IMarginModel
{
    public string Name => $"Gross notional {rate:P0}";

    public MarginResult Calculate(ResolvedPortfolio portfolio)
    {
        var contributions = ImmutableArray.CreateBuilder<PositionContribution>();
        double total = 0;
        for (int i = 0; i < portfolio.Count; i++)
        {
            double notional = Math.Abs(portfolio.Quantity[i] * portfolio.Multiplier[i]) * portfolio.Price[i];
            if (portfolio.Kind[i] is InstrumentKind.InverseFuture or InstrumentKind.InversePerpetual)
            {
                notional = Math.Abs(portfolio.Quantity[i] * portfolio.Multiplier[i]); // face value in quote currency
            }

            double im = rate * notional;
            total += im;
            contributions.Add(new PositionContribution(i, portfolio.Portfolio[i].ToString(), portfolio.Underlyings[portfolio.UnderlyingIndex[i]].Symbol, im, im));
        }

        var root = MarginNode.Leaf(Name, total, total, "rate x gross notional");
        return new MarginResult(Name, portfolio.Market.ReportCurrency, total, total, root, contributions.ToImmutable(), [], []);
    }
}

public sealed class CustomModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Mar = new(2026, 3, 27, 8, 0, 0, TimeSpan.Zero);
    private static readonly Underlying Btc = new("BTC", Currency.Btc, Currency.Usd);

    private static MarketSnapshot Market() => new MarketSnapshot(Now, Currency.Usd)
        .WithSpot(Btc, 60_000).WithForward(Btc, Mar, 61_000).WithVolSurface(Btc, VolSurface.Flat(0.6)).WithRate(Currency.Usd, 0);

    private static Portfolio Book() => new(new Position(new Future(Btc, Mar), 2), new Position(new Perpetual(Btc), -2));

    [Fact]
    public void A_model_written_outside_the_library_plugs_into_the_efficiency_report()
    {
        var model = new GrossNotionalModel(0.05);
        var resolved = ResolvedPortfolio.Resolve(Book(), Market());
        EfficiencyReport report = EfficiencyReport.Compute(model, resolved);
        Assert.Equal((0.05 * 2 * 61_000) + (0.05 * 2 * 60_000), report.Portfolio.InitialMargin, 1e-9);
        Assert.Equal(0, report.Total.Efficiency, 1e-12); // gross notional does not net
        Assert.Equal(model.Name, report.Model);
    }

    [Fact]
    public void Public_grid_model_nets_the_same_book()
    {
        var grid = new Classic16Parameters(0.10, 0.10).Build();
        var model = new ScenarioGridModel(new GridParameters("user-1", new Dictionary<string, GridGroupParameters> { ["BTC"] = new(grid) }));
        EfficiencyReport report = EfficiencyReport.Compute(model, ResolvedPortfolio.Resolve(Book(), Market()));
        Assert.True(report.Total.Efficiency > 0.9, $"efficiency {report.Total.Efficiency}");
        RiskArrays arrays = RiskArrays.Compute(ResolvedPortfolio.Resolve(Book(), Market()), grid);
        Assert.Equal(16, arrays.Scenarios.Count);
    }

    [Fact]
    public void A_result_whose_contributions_do_not_sum_is_rejected()
    {
        var root = MarginNode.Leaf("x", 10, 10);
        var ex = Assert.Throws<ArgumentException>(() => new MarginResult("bad", Currency.Usd, 10, 10, root, [new PositionContribution(0, "p", "g", 4, 4)], [], []));
        Assert.Contains("sum to 4", ex.Message, StringComparison.Ordinal);
    }
}
