using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using PortfolioMargin.Revaluation;

namespace PortfolioMargin.Models.Grid;

/// <summary>
/// The scenario-grid (SPAN-like) portfolio margin model of spec §6.2: per risk group (underlying) the book is
/// revalued under the group's scenario set, and <see cref="GridCalculator"/> turns the risk arrays into scan risk,
/// spread charges and credits, short option minimum, add-ons and IM/MM. Stateless and thread-safe.
/// </summary>
public sealed class ScenarioGridModel : IStandaloneMarginModel
{
    /// <summary>Creates the model with a parameter set.</summary>
    public ScenarioGridModel(GridParameters parameters)
    {
        Parameters = Guard.NotNull(parameters);
        Name = $"Scenario grid ({Parameters.Version})";
    }

    /// <summary>The parameter set.</summary>
    public GridParameters Parameters { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public MarginResult Calculate(ResolvedPortfolio portfolio) => CalculateDetailed(portfolio).Result;

    /// <summary>Margins the portfolio and returns the per-group detail with the common result.</summary>
    /// <exception cref="KeyNotFoundException">A group of the portfolio has no parameters.</exception>
    /// <exception cref="ArgumentException">A scenario shocks an unknown underlying or lacks a shock for a group.</exception>
    public GridResult CalculateDetailed(ResolvedPortfolio portfolio) => GridCalculator.Compute(Name, Guard.NotNull(portfolio).Market.ReportCurrency, Inputs(portfolio), Parameters);

    /// <inheritdoc />
    public (MarginResult Portfolio, ImmutableArray<double> StandaloneInitial) CalculateWithStandalone(ResolvedPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        List<GridPosition> inputs = Inputs(portfolio);
        GridResult result = GridCalculator.Compute(Name, portfolio.Market.ReportCurrency, inputs, Parameters);
        var standalone = new double[portfolio.Count];
        foreach (GridPosition p in inputs)
        {
            standalone[p.Index] = GridCalculator.StandaloneInitial(p, Parameters.For(p.Group));
        }

        return (result.Result, [.. standalone]);
    }

    /// <summary>Revalues every group under its scenario set and builds the calculator's inputs (portfolio order).</summary>
    public List<GridPosition> Inputs(ResolvedPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        var valuation = PortfolioValuation.Of(portfolio);
        var inputs = new GridPosition[portfolio.Count];
        double daysPerYear = portfolio.Market.DayCount.DaysPerYear();
        for (int u = 0; u < portfolio.Underlyings.Length; u++)
        {
            Underlying underlying = portfolio.Underlyings[u];
            GridGroupParameters gp = Parameters.For(underlying.Symbol);
            RevaluationEngine.Validate(portfolio, gp.Scenarios);
            var group = new RiskGroup(portfolio, u);
            int s = gp.Scenarios.Count, n = group.Count;
            double[] buffer = ArrayPool<double>.Shared.Rent(n * s);
            try
            {
                RevaluationEngine.Run(group, gp.Scenarios, buffer, out _);
                double quoteFx = portfolio.Market.FxToReport(underlying.QuoteCurrency, underlying.Symbol);
                for (int j = 0; j < n; j++)
                {
                    int i = group.Positions[j];
                    var pnl = new double[s];
                    for (int sc = 0; sc < s; sc++)
                    {
                        pnl[sc] = buffer[(sc * n) + j];
                    }

                    PositionValuation v = valuation.Positions[i];
                    InstrumentKind kind = portfolio.Kind[i];
                    GridPositionKind gk = kind switch
                    {
                        InstrumentKind.Spot => GridPositionKind.Spot,
                        InstrumentKind.LinearOption or InstrumentKind.InverseOption => portfolio.Omega[i] > 0 ? GridPositionKind.Call : GridPositionKind.Put,
                        _ => GridPositionKind.Future,
                    };
                    double units = gk is GridPositionKind.Call or GridPositionKind.Put ? portfolio.Quantity[i] * portfolio.Multiplier[i] : v.Delta;
                    Instrument instrument = portfolio.Portfolio[i].Instrument;
                    inputs[i] = new GridPosition(i, portfolio.Portfolio[i].ToString(), underlying.Symbol, ImmutableCollectionsMarshal.AsImmutableArray(pnl), v.Delta, portfolio.Time[i] * daysPerYear,
                        gk, units, instrument.Name, portfolio.Price[i] * quoteFx, gk is GridPositionKind.Call or GridPositionKind.Put ? v.ValueInReport : 0.0);
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(buffer);
            }
        }

        return [.. inputs];
    }
}
