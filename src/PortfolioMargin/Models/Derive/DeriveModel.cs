using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Instruments;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models.Derive;

/// <summary>
/// Derive (formerly Lyra) portfolio margin, PM2: per underlying (one PM2 subaccount each) the requirement
/// <c>−factor·maxLoss + contingencies</c>, <c>maxLoss = min(forward contingency, every scenario P&amp;L)</c> over regular,
/// dampened tail and skew scenarios, with options repriced per expiry (Black-76, Derive's vol shocks, static discount
/// of the shocked expiry value), perpetuals and the base asset linear in the spot shock. MM uses factor 0.8 and the
/// maintenance contingencies; IM factor 1.0 (more when the stablecoin depegs) and the initial add-ons. Derive's own
/// margin figure is <c>mark-to-market + cash − requirement</c>. Stateless and thread-safe. See <c>docs/venues/derive.md</c>.
/// </summary>
public sealed class DeriveModel : IMarginModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="parameters">Parameter set (<see cref="DeriveParameters.Default"/>).</param>
    /// <param name="stablePrice">Price of the cash stablecoin (USDC) in USD, from Derive's stable feed: divides the base-asset collateral value and raises the IM factor below the peg threshold; finite, &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stablePrice"/> is not finite and positive.</exception>
    public DeriveModel(DeriveParameters parameters, double stablePrice = 1.0)
    {
        Parameters = Guard.NotNull(parameters);
        StablePrice = Guard.Positive(stablePrice, "Derive stablecoin price");
        Name = $"Derive PM2 ({parameters.Version})";
    }

    /// <summary>The model with <see cref="DeriveParameters.Default"/>.</summary>
    public static DeriveModel Default { get; } = new(DeriveParameters.Default);

    /// <summary>The parameter set.</summary>
    public DeriveParameters Parameters { get; }

    /// <summary>Stablecoin price used for collateral values and the depeg rule.</summary>
    public double StablePrice { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public MarginResult Calculate(ResolvedPortfolio portfolio) => CalculateDetailed(portfolio).Result;

    /// <summary>Margins the portfolio and returns Derive's figures per underlying with the common result.</summary>
    /// <param name="portfolio">The resolved book (any products; see the remarks of <see cref="DeriveModel"/>).</param>
    /// <returns>The result (report currency).</returns>
    /// <exception cref="MarketData.MissingMarketDataException">An underlying with positions has no spot.</exception>
    public DeriveResult CalculateDetailed(ResolvedPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        (ResolvedPortfolio book, MarginDiagnostic? mapped) = LinearEquivalents.Map(portfolio, "Derive", options: true, deltaOne: true);
        var mm = new double[book.Count];
        var im = new double[book.Count];
        var groups = ImmutableArray.CreateBuilder<DeriveGroupResult>(book.Underlyings.Length);
        for (int u = 0; u < book.Underlyings.Length; u++)
        {
            groups.Add(new DeriveGroupCalculator(book, u, Parameters, StablePrice).Compute(mm, im));
        }

        var diagnostics = ImmutableArray.CreateBuilder<MarginDiagnostic>();
        if (mapped is not null)
        {
            diagnostics.Add(mapped);
        }

        AddDiagnostics(book, groups, diagnostics);
        ImmutableArray<DeriveGroupResult> result = groups.MoveToImmutable();
        return new DeriveResult(Build(portfolio, result, mm, im, diagnostics.ToImmutable()), result);
    }

    private void AddDiagnostics(ResolvedPortfolio book, ImmutableArray<DeriveGroupResult>.Builder groups, ImmutableArray<MarginDiagnostic>.Builder diagnostics)
    {
        var futures = new List<string>();
        for (int i = 0; i < book.Count; i++)
        {
            if (book.Kind[i] == InstrumentKind.LinearFuture)
            {
                futures.Add(book.Portfolio[i].ToString());
            }
        }

        if (futures.Count > 0)
        {
            diagnostics.Add(new MarginDiagnostic("DERIVE_FUTURE_AS_PERP",
                $"Derive lists no dated futures; margined as perpetuals marked at their forward, with the perp contingency: {string.Join(", ", futures)}."));
        }

        if (groups.Count > 0 && groups[0].InitialLossFactor > Parameters.InitialLossFactor)
        {
            diagnostics.Add(new MarginDiagnostic("DERIVE_DEPEG", string.Create(CultureInfo.InvariantCulture,
                $"Stablecoin at {StablePrice:R} < {Parameters.Contingency.PegLossThreshold:R}: IM loss factor {groups[0].InitialLossFactor:R} (was {Parameters.InitialLossFactor:R}).")));
        }
    }

    private MarginResult Build(ResolvedPortfolio portfolio, ImmutableArray<DeriveGroupResult> groups, double[] mm, double[] im, ImmutableArray<MarginDiagnostic> diagnostics)
    {
        double totalMm = 0, totalIm = 0;
        var nodes = ImmutableArray.CreateBuilder<MarginNode>(groups.Length);
        var binding = ImmutableArray.CreateBuilder<BindingScenario>(groups.Length);
        foreach (DeriveGroupResult g in groups)
        {
            totalMm += g.MaintenanceRequirement;
            totalIm += g.InitialRequirement;
            nodes.Add(GroupNode(g));
            binding.Add(new BindingScenario(g.Group, g.BindingScenarioId, ScenarioName(g.BindingScenarioId), -g.MaxLoss, []));
        }

        var contributions = ImmutableArray.CreateBuilder<PositionContribution>(portfolio.Count);
        for (int i = 0; i < portfolio.Count; i++)
        {
            contributions.Add(new PositionContribution(i, portfolio.Portfolio[i].ToString(), portfolio.Portfolio[i].Instrument.Underlying.Symbol, mm[i], im[i]));
        }

        var root = new MarginNode("Derive PM2", totalMm, totalIm, nodes.MoveToImmutable(), "sum over underlyings (one PM2 subaccount each)");
        return new MarginResult(Name, portfolio.Market.ReportCurrency, totalIm, totalMm, root, contributions.MoveToImmutable(), binding.MoveToImmutable(), diagnostics);
    }

    private MarginNode GroupNode(DeriveGroupResult g)
    {
        double lossMm = -Parameters.MaintenanceLossFactor * g.MaxLoss, lossIm = -g.InitialLossFactor * g.MaxLoss;
        string note = string.Create(CultureInfo.InvariantCulture,
            $"max loss {g.MaxLoss:R} at {g.BindingScenarioId}; worst regular {g.WorstRegular:R}, tail {g.WorstTail:R}, skew {g.WorstSkew:R}, forward contingency {g.ForwardContingency:R}; factors {Parameters.MaintenanceLossFactor:R} / {g.InitialLossFactor:R}");
        var children = ImmutableArray.Create(
            MarginNode.Leaf($"{g.Group}/max loss", lossMm, lossIm, note),
            Contingency(g.Group, "perp contingency", g.PerpContingency, "|units| x spot x rate per perpetual or future"),
            Contingency(g.Group, "option contingency", g.OptionContingency, "naked short units per expiry and strike x spot x rate"),
            Contingency(g.Group, "collateral contingency", g.CollateralContingency, "base asset value x haircut"));
        return new MarginNode(g.Group, g.MaintenanceRequirement, g.InitialRequirement, children,
            string.Create(CultureInfo.InvariantCulture, $"Derive margin = mark-to-market {g.MarkToMarket:R} + cash - requirement"));
    }

    private static MarginNode Contingency(string group, string name, (double Maintenance, double InitialAddOn) c, string note) =>
        MarginNode.Leaf($"{group}/{name}", c.Maintenance, c.Maintenance + c.InitialAddOn, note);

    private static string ScenarioName(string id) => id switch
    {
        "FWD_CONT" => "forward contingency (spot up/down, vols unchanged, per expiry)",
        "SKEW_LINEAR" => "skew: linear in log-moneyness",
        "SKEW_ABS" => "skew: absolute log-moneyness",
        _ => id[0] == 'T' ? $"tail {id[1..]}" : $"regular {id[1..]}",
    };
}
