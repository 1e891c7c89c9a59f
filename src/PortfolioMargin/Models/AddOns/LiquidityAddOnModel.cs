using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Instruments;
using PortfolioMargin.Pricing;

namespace PortfolioMargin.Models.AddOns;

/// <summary>
/// Any margin model — the library's or your own — plus liquidity and concentration add-ons (<see cref="LiquidityAddOns"/>):
/// a concentration charge per underlying whose net position is large against the market's average daily volume or
/// open interest, and a bid-ask close-out cost per position. Both add to maintenance and initial margin alike, appear
/// in the breakdown tree and in the per-position contributions, which still sum to the totals. Stateless and
/// thread-safe when the wrapped model is.
/// </summary>
/// <remarks>
/// <para><b>Dollar delta</b> <c>e_i</c> (report currency per unit relative move of the underlying): <c>Δ_i·F_i·fx_i</c>
/// for linear products (<c>Δ_i</c> in units of the underlying, <c>fx_i</c> the settlement currency's rate), <c>Δ_i·fx_i</c>
/// for coin-settled ones (<c>Δ_i</c> the coin delta, <c>fx_i</c> the coin's price) — the covariance-VaR convention.</para>
/// <para><b>Concentration</b> per underlying with a rule: <c>N = |Σ_i e_i|</c>, <c>A = rate(N/R)·N</c>; position i's
/// share is <c>A·e_i·sign(Σe)/N</c> (hedging positions get a negative share; the shares sum to <c>A</c>).</para>
/// <para><b>Close-out</b> per position with a spread: <c>DeltaOne·|e_i|</c>, or for options
/// <c>OptionPremium·|V_i·fx_i| + OptionVolPoints·|vega_i·fx_i|</c>.</para>
/// <para>When the wrapped model margins an account's risk portfolio, its coin collateral rows (<c>COLLATERAL-…</c>) are
/// positions here: they count in the net delta and pay the delta-one spread of their underlying.</para>
/// <para>Sources: CME SPAN 2 (concentration and liquidity charges), ICE Risk Model 2 (liquidity risk charge), Eurex
/// Prisma (liquidity adjustment with bid-ask and market-impact components); see docs/solvency.md.</para>
/// </remarks>
public sealed class LiquidityAddOnModel : IMarginModel
{
    /// <summary>Wraps a model.</summary>
    /// <param name="inner">The model whose margin the add-ons are added to.</param>
    /// <param name="addOns">The add-ons.</param>
    public LiquidityAddOnModel(IMarginModel inner, LiquidityAddOns addOns)
    {
        Inner = Guard.NotNull(inner);
        AddOns = Guard.NotNull(addOns);
        Name = $"{inner.Name} + liquidity add-ons";
    }

    /// <summary>The wrapped model.</summary>
    public IMarginModel Inner { get; }

    /// <summary>The add-ons.</summary>
    public LiquidityAddOns AddOns { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public MarginResult Calculate(ResolvedPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        MarginResult inner = Inner.Calculate(portfolio);
        PortfolioValuation valuation = PortfolioValuation.Of(portfolio);
        int n = portfolio.Count;
        var e = new double[n];
        for (int i = 0; i < n; i++)
        {
            e[i] = DollarDelta(portfolio, valuation.Positions[i], i);
        }

        var shares = new ContributionSum();
        shares.Add(inner, 1, 1);
        var nodes = ImmutableArray.CreateBuilder<MarginNode>();
        var diagnostics = ImmutableArray.CreateBuilder<MarginDiagnostic>();
        diagnostics.AddRange(inner.Diagnostics);
        double added = Concentration(portfolio, e, shares, nodes, diagnostics) + CloseOut(portfolio, valuation, e, shares, nodes, diagnostics);
        var addOnNode = new MarginNode("liquidity add-ons", added, added, nodes.ToImmutable(), "concentration per underlying + close-out per position");
        double mm = inner.MaintenanceMargin + added, im = inner.InitialMargin + added;
        var root = new MarginNode(Name, mm, im, [inner.Breakdown, addOnNode], "model + add-ons");
        return new MarginResult(Name, portfolio.Market.ReportCurrency, im, mm, root, shares.ToImmutable(), inner.BindingScenarios, diagnostics.ToImmutable());
    }

    /// <summary>The dollar delta of position <paramref name="i"/> (see the remarks).</summary>
    internal static double DollarDelta(ResolvedPortfolio p, PositionValuation v, int i) =>
        p.Kind[i] is InstrumentKind.InverseFuture or InstrumentKind.InversePerpetual or InstrumentKind.InverseOption
            ? v.Delta * p.SettlementToReport[i]
            : v.Delta * p.Price[i] * p.SettlementToReport[i];

    private double Concentration(ResolvedPortfolio p, double[] e, ContributionSum shares, ImmutableArray<MarginNode>.Builder nodes, ImmutableArray<MarginDiagnostic>.Builder diagnostics)
    {
        double total = 0;
        for (int g = 0; g < p.Underlyings.Length; g++)
        {
            string symbol = p.Underlyings[g].Symbol;
            if (!AddOns.Concentration.TryGetValue(symbol, out ConcentrationRule? rule))
            {
                continue;
            }

            double net = 0;
            for (int i = 0; i < p.Count; i++)
            {
                net += p.UnderlyingIndex[i] == g ? e[i] : 0;
            }

            double notional = Math.Abs(net), size = notional / rule.ReferenceNotional, rate = rule.Schedule.Rate(size), addOn = rate * notional;
            string note = string.Create(CultureInfo.InvariantCulture,
                $"net notional {notional:N2} = {size:G4} x {(rule.Reference == LiquidityReference.AverageDailyVolume ? "ADV" : "OI")} {rule.ReferenceNotional:N0}; {rule.Schedule} -> rate {rate:P3}");
            nodes.Add(MarginNode.Leaf($"{symbol}/concentration", addOn, addOn, note));
            if (addOn > 0)
            {
                total += addOn;
                diagnostics.Add(new MarginDiagnostic("CONCENTRATION_ADDON", $"{symbol}: {note}, add-on {addOn.ToString("N2", CultureInfo.InvariantCulture)}."));
                double sign = Math.Sign(net);
                for (int i = 0; i < p.Count; i++)
                {
                    if (p.UnderlyingIndex[i] == g)
                    {
                        double share = addOn * e[i] * sign / notional;
                        shares.Add(i, p.Portfolio[i].Instrument.Name, symbol, share, share);
                    }
                }
            }
        }

        return total;
    }

    private double CloseOut(ResolvedPortfolio p, PortfolioValuation v, double[] e, ContributionSum shares, ImmutableArray<MarginNode>.Builder nodes,
        ImmutableArray<MarginDiagnostic>.Builder diagnostics)
    {
        var byGroup = new double[p.Underlyings.Length];
        var priced = new int[p.Underlyings.Length];
        for (int i = 0; i < p.Count; i++)
        {
            Instrument ins = p.Portfolio[i].Instrument;
            string symbol = ins.Underlying.Symbol;
            if (AddOns.SpreadFor(ins.Name, symbol) is not { } spread)
            {
                continue;
            }

            bool option = p.Kind[i] is InstrumentKind.LinearOption or InstrumentKind.InverseOption;
            double fx = p.SettlementToReport[i];
            double cost = option
                ? (spread.OptionPremium * Math.Abs(v.Positions[i].Value * fx)) + (spread.OptionVolPoints * Math.Abs(v.Positions[i].Vega * fx))
                : spread.DeltaOne * Math.Abs(e[i]);
            int g = p.UnderlyingIndex[i];
            byGroup[g] += cost;
            priced[g]++;
            shares.Add(i, ins.Name, symbol, cost, cost);
        }

        double total = 0;
        for (int g = 0; g < byGroup.Length; g++)
        {
            if (priced[g] > 0)
            {
                total += byGroup[g];
                nodes.Add(MarginNode.Leaf($"{p.Underlyings[g].Symbol}/close-out", byGroup[g], byGroup[g], string.Create(CultureInfo.InvariantCulture,
                    $"half bid-ask spread of {priced[g]} positions (delta-one: spread x |notional|; options: spread x |premium| + vol spread x |vega|)")));
            }
        }

        if (total > 0)
        {
            diagnostics.Add(new MarginDiagnostic("CLOSE_OUT_COST", string.Create(CultureInfo.InvariantCulture, $"Bid-ask close-out cost {total:N2} added to the margin.")));
        }

        return total;
    }
}
