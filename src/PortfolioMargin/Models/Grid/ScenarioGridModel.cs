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
public sealed class ScenarioGridModel : IStandaloneMarginModel, IWhatIfMarginModel
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
    public MarginResult Calculate(ResolvedPortfolio portfolio) => Evaluate(portfolio, keepLosses: false, standalone: null).Result;

    /// <summary>The incremental what-if calculator of the grid (<see cref="GridWhatIf"/>) for <paramref name="book"/>.</summary>
    /// <param name="book">The book, resolved against the snapshot orders will be valued on.</param>
    /// <returns>The calculator.</returns>
    public GridWhatIf CreateWhatIf(ResolvedPortfolio book) => new(this, book);

    /// <inheritdoc />
    IWhatIfCalculator IWhatIfMarginModel.CreateWhatIf(ResolvedPortfolio book) => CreateWhatIf(book);

    /// <summary>Margins the portfolio and returns the per-group detail with the common result.</summary>
    /// <exception cref="KeyNotFoundException">A group of the portfolio has no parameters.</exception>
    /// <exception cref="ArgumentException">A scenario shocks an unknown underlying or lacks a shock for a group.</exception>
    public GridResult CalculateDetailed(ResolvedPortfolio portfolio) => Evaluate(portfolio, keepLosses: true, standalone: null);

    /// <inheritdoc />
    public (MarginResult Portfolio, ImmutableArray<double> StandaloneInitial) CalculateWithStandalone(ResolvedPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        var standalone = new double[portfolio.Count];
        GridResult result = Evaluate(portfolio, keepLosses: false, standalone);
        return (result.Result, ImmutableCollectionsMarshal.AsImmutableArray(standalone));
    }

    /// <summary>
    /// Runs the calculator on the groups as <see cref="LayOut"/> lays them out (the same arithmetic as
    /// <see cref="GridCalculator.Compute(string, Currency, IReadOnlyList{GridPosition}, GridParameters)"/> over
    /// <see cref="Inputs"/>, without a risk array per position). Fills <paramref name="standalone"/> when given.
    /// </summary>
    private GridResult Evaluate(ResolvedPortfolio portfolio, bool keepLosses, double[]? standalone)
    {
        GridGroupInput[] inputs = LayOut(portfolio);
        try
        {
            GridResult result = GridCalculator.Compute(Name, portfolio.Market.ReportCurrency, portfolio.Count, inputs, Parameters, keepLosses);
            if (standalone is not null)
            {
                foreach (GridGroupInput g in inputs)
                {
                    int s = g.Parameters.Scenarios.Count;
                    for (int k = 0; k < g.Count; k++)
                    {
                        GridPositionFacts f = g.Facts[k];
                        double min = double.PositiveInfinity;
                        for (int sc = 0; sc < s; sc++)
                        {
                            min = Math.Min(min, g.Pnl[(sc * g.Count) + f.Column]);
                        }

                        standalone[f.Index] = GridCalculator.StandaloneInitial(s == 0 ? 0 : min, f.Kind, f.Units, f.UnderlyingPrice, f.Value, g.Parameters);
                    }
                }
            }

            return result;
        }
        finally
        {
            Release(inputs);
        }
    }

    /// <summary>
    /// Validates and revalues each group under its scenario set into a pooled scenario-major block (the engine's own
    /// buffer) with the facts of its positions in portfolio order. Give the result back with <see cref="Release"/>.
    /// </summary>
    private GridGroupInput[] LayOut(ResolvedPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        double daysPerYear = portfolio.Market.DayCount.DaysPerYear();
        int groups = portfolio.Underlyings.Length, count = portfolio.Count;
        var inputs = new GridGroupInput[groups];
        int[] column = ArrayPool<int>.Shared.Rent(Math.Max(1, count));
        try
        {
            for (int u = 0; u < groups; u++)
            {
                Underlying underlying = portfolio.Underlyings[u];
                GridGroupParameters gp = Parameters.For(underlying.Symbol);
                RevaluationEngine.Validate(portfolio, gp.Scenarios);
                var group = new RiskGroup(portfolio, u);
                int s = gp.Scenarios.Count, n = group.Count;
                double[] pnl = ArrayPool<double>.Shared.Rent(Math.Max(1, n * s));
                GridPositionFacts[] facts = ArrayPool<GridPositionFacts>.Shared.Rent(Math.Max(1, n));
                inputs[u] = new GridGroupInput(underlying.Symbol, gp, facts, n, pnl);
                RevaluationEngine.Run(group, gp.Scenarios, pnl, out _);
                for (int j = 0; j < n; j++)
                {
                    column[group.Positions[j]] = j;
                }

                double quoteFx = portfolio.Market.FxToReport(underlying.QuoteCurrency, underlying.Symbol);
                int k = 0;
                for (int i = 0; i < count; i++)
                {
                    if (portfolio.UnderlyingIndex[i] == u)
                    {
                        facts[k++] = Facts(portfolio, i, column[i], daysPerYear, quoteFx);
                    }
                }
            }

            return inputs;
        }
        catch
        {
            Release(inputs);
            throw;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(column);
        }
    }

    /// <summary>Returns the pooled arrays of <see cref="LayOut"/> (groups not laid out yet are skipped).</summary>
    private static void Release(GridGroupInput[] inputs)
    {
        foreach (GridGroupInput g in inputs)
        {
            if (g.Pnl is not null)
            {
                ArrayPool<double>.Shared.Return(g.Pnl);
                ArrayPool<GridPositionFacts>.Shared.Return(g.Facts, clearArray: true);
            }
        }

        Array.Clear(inputs);
    }

    /// <summary>The grid facts of portfolio row <paramref name="i"/> (what <see cref="Inputs"/> puts in its <see cref="GridPosition"/>).</summary>
    private static GridPositionFacts Facts(ResolvedPortfolio portfolio, int i, int column, double daysPerYear, double quoteFx)
    {
        (double Delta, double ValueInReport) v = PortfolioValuation.DeltaAndValue(portfolio, i);
        GridPositionKind kind = KindOf(portfolio, i);
        bool option = kind is GridPositionKind.Call or GridPositionKind.Put;
        double units = option ? portfolio.Quantity[i] * portfolio.Multiplier[i] : v.Delta;
        Position position = portfolio.Portfolio[i];
        return new GridPositionFacts(i, i, column, position.ToString(), v.Delta, portfolio.Time[i] * daysPerYear, kind, units, position.Instrument.Name,
            portfolio.Price[i] * quoteFx, option ? v.ValueInReport : 0.0);
    }

    private static GridPositionKind KindOf(ResolvedPortfolio portfolio, int i) => portfolio.Kind[i] switch
    {
        InstrumentKind.Spot => GridPositionKind.Spot,
        InstrumentKind.LinearOption or InstrumentKind.InverseOption => portfolio.Omega[i] > 0 ? GridPositionKind.Call : GridPositionKind.Put,
        _ => GridPositionKind.Future,
    };

    /// <summary>Revalues every group under its scenario set and builds the calculator's inputs (portfolio order).</summary>
    public List<GridPosition> Inputs(ResolvedPortfolio portfolio)
    {
        GridGroupInput[] groups = LayOut(portfolio);
        try
        {
            var inputs = new GridPosition[portfolio.Count];
            foreach (GridGroupInput g in groups)
            {
                int s = g.Parameters.Scenarios.Count;
                for (int k = 0; k < g.Count; k++)
                {
                    GridPositionFacts f = g.Facts[k];
                    var pnl = new double[s];
                    for (int sc = 0; sc < s; sc++)
                    {
                        pnl[sc] = g.Pnl[(sc * g.Count) + f.Column];
                    }

                    inputs[f.Index] = new GridPosition(f.Index, f.Label, g.Group, ImmutableCollectionsMarshal.AsImmutableArray(pnl), f.Delta, f.DaysToExpiry,
                        f.Kind, f.Units, f.ContractKey, f.UnderlyingPrice, f.Value);
                }
            }

            return [.. inputs];
        }
        finally
        {
            Release(groups);
        }
    }
}
