using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models.Bybit;

/// <summary>
/// Bybit portfolio margin (Unified Trading Account): per risk unit MM = the maximum loss of a stress test on the index
/// (±10 % in 11 points for BTC/ETH) and relative IV shocks, plus the short-option, vega-spread, delta-spread and
/// perpetual/futures contingencies; the USDT-USDC spread contingency per base asset; IM = IM factor × MM. Only the
/// price range and the method's shape are published; see <c>docs/venues/bybit.md</c>. Stateless and thread-safe.
/// </summary>
public sealed class BybitModel : IMarginModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="parameters">Parameter set (<see cref="BybitParameters.Default"/>).</param>
    public BybitModel(BybitParameters parameters)
    {
        Parameters = Guard.NotNull(parameters);
        Name = $"Bybit PM ({parameters.Version})";
    }

    /// <summary>The model with <see cref="BybitParameters.Default"/>.</summary>
    public static BybitModel Default { get; } = new(BybitParameters.Default);

    /// <summary>The parameter set.</summary>
    public BybitParameters Parameters { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public MarginResult Calculate(ResolvedPortfolio portfolio) => CalculateDetailed(portfolio).Result;

    /// <summary>Margins the portfolio and returns the stress test and contingencies per risk unit with the common result.</summary>
    /// <exception cref="KeyNotFoundException">An underlying has no risk-unit parameters.</exception>
    /// <exception cref="MarketData.MissingMarketDataException">An underlying has no spot.</exception>
    public BybitResult CalculateDetailed(ResolvedPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        (ResolvedPortfolio book, MarginDiagnostic? mapped) = LinearEquivalents.Map(portfolio, "Bybit", options: true, deltaOne: false);
        var mm = new double[book.Count];
        var im = new double[book.Count];
        var units = ImmutableArray.CreateBuilder<BybitUnitResult>(book.Underlyings.Length);
        for (int u = 0; u < book.Underlyings.Length; u++)
        {
            units.Add(new BybitUnitCalculator(book, u, Parameters).Compute(mm, im));
        }

        var stable = ImmutableArray.CreateBuilder<(string, double)>();
        var stableIm = new List<double>();
        foreach ((string b, double volume, int[] rows, double[] weights) in StablecoinHedges.Of(book, "USDT", "USDC"))
        {
            BybitUnitParameters p = Parameters.For(book.Portfolio[rows[0]].Instrument.Underlying.Symbol);
            double charge = volume * p.StablecoinSpreadRate;
            var share = new double[book.Count];
            ContributionShares.Add(charge, rows, weights, share);
            foreach (int i in rows)
            {
                mm[i] += share[i];
                im[i] += share[i] * p.InitialFactor;
            }

            stable.Add((b, charge));
            stableIm.Add(charge * p.InitialFactor);
        }

        ImmutableArray<BybitUnitResult> result = units.MoveToImmutable();
        ImmutableArray<(string, double)> spreads = stable.ToImmutable();
        return new BybitResult(Build(portfolio, result, spreads, stableIm, mm, im, mapped), result, spreads);
    }

    private MarginResult Build(ResolvedPortfolio portfolio, ImmutableArray<BybitUnitResult> units, ImmutableArray<(string Base, double Contingency)> spreads,
        List<double> spreadsIm, double[] mm, double[] im, MarginDiagnostic? mapped)
    {
        double totalMm = mm.Sum(), totalIm = im.Sum();
        var nodes = ImmutableArray.CreateBuilder<MarginNode>();
        var binding = ImmutableArray.CreateBuilder<BindingScenario>();
        foreach (BybitUnitResult u in units)
        {
            double f = u.MaintenanceMargin > 0 ? u.InitialMargin / u.MaintenanceMargin : Parameters.For(u.Group).InitialFactor;
            var children = ImmutableArray.Create(
                MarginNode.Leaf($"{u.Group}/maximum loss", u.MaximumLoss, f * u.MaximumLoss, u.BindingScenarioId is null ? "no scenario loses" : $"binding {u.BindingScenarioId}"),
                MarginNode.Leaf($"{u.Group}/short option contingency", u.ShortOption, f * u.ShortOption, "net short option units x index x rate"),
                MarginNode.Leaf($"{u.Group}/vega spread contingency", u.VegaSpread, f * u.VegaSpread, "hedged option units x days apart x rate x index"),
                MarginNode.Leaf($"{u.Group}/delta spread contingency", u.DeltaSpread, f * u.DeltaSpread, "hedged delta x years apart x rate x index"),
                MarginNode.Leaf($"{u.Group}/perpetual and futures contingency", u.Futures, f * u.Futures, "sum |units| x index x rate"));
            nodes.Add(new MarginNode(u.Group, u.MaintenanceMargin, u.InitialMargin, children, string.Create(CultureInfo.InvariantCulture, $"MM = maximum loss + contingencies; IM = {f:R} x MM")));
            if (u.BindingScenarioId is { } id)
            {
                binding.Add(new BindingScenario(u.Group, id, $"stress {id[1..^3]}, IV {(id.EndsWith("VU", StringComparison.Ordinal) ? "up" : id.EndsWith("VD", StringComparison.Ordinal) ? "down" : "unchanged")}", u.MaximumLoss, []));
            }
        }

        for (int k = 0; k < spreads.Length; k++)
        {
            nodes.Add(MarginNode.Leaf($"USDT-USDC spread contingency ({spreads[k].Base})", spreads[k].Contingency, spreadsIm[k], "hedged USDT/USDC delta notional x rate"));
        }

        var contributions = ImmutableArray.CreateBuilder<PositionContribution>(portfolio.Count);
        for (int i = 0; i < portfolio.Count; i++)
        {
            contributions.Add(new PositionContribution(i, portfolio.Portfolio[i].ToString(), portfolio.Portfolio[i].Instrument.Underlying.Symbol, mm[i], im[i]));
        }

        var root = new MarginNode("Bybit PM", totalMm, totalIm, nodes.ToImmutable(), "sum over risk units and stablecoin spreads");
        return new MarginResult(Name, portfolio.Market.ReportCurrency, totalIm, totalMm, root, contributions.MoveToImmutable(), binding.ToImmutable(), mapped is null ? [] : [mapped]);
    }
}
