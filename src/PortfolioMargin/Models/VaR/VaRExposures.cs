using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;

namespace PortfolioMargin.Models.VaR;

/// <summary>
/// Dollar delta and dollar gamma of every position with respect to the relative return <c>x</c> of its risk factor,
/// in the report currency, and their sums per factor. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>Convention: a factor return <c>x</c> moves every price of the underlying (spot and forwards) to <c>F(1 + x)</c>;
/// the position's P&amp;L in its settlement currency is converted at today's conversion rate <c>fx</c>
/// (<see cref="ResolvedPortfolio.SettlementToReport"/>; the rate itself is not shocked — collateral risk belongs to
/// the account). Then <c>P&amp;L ≈ e·x + ½·g·x²</c> with, for <c>qm = q·m</c> and Black-76 price <c>V</c>, delta
/// <c>Δ = ∂V/∂F</c>, gamma <c>Γ = ∂²V/∂F²</c>:</para>
/// <list type="table">
/// <item><term>spot, linear future / perpetual</term><description><c>e = qm·F·fx</c>, <c>g = 0</c></description></item>
/// <item><term>inverse future / perpetual (coin P&amp;L <c>qm(1/F − 1/F')</c>)</term><description><c>e = qm·fx/F</c>, <c>g = −2·qm·fx/F</c></description></item>
/// <item><term>linear option</term><description><c>e = qm·fx·Δ·F</c>, <c>g = qm·fx·Γ·F²</c></description></item>
/// <item><term>inverse option (coin value <c>V/F</c>)</term><description><c>e = qm·fx·(Δ − V/F)</c> (the coin delta times <c>fx</c>), <c>g = qm·fx·(F·Γ − 2Δ + 2V/F)</c></description></item>
/// </list>
/// <para>For a coin-settled position <c>fx</c> is the coin's price in the report currency, so e.g. an inverse BTC
/// future of 10 USD face has <c>e = 10·S/F ≈ 10</c> USD per unit relative move.</para>
/// </remarks>
public sealed class VaRExposures
{
    private readonly int[] positionFactor;
    private readonly double[] positionDelta, positionGamma, factorDelta, factorGamma;
    private readonly int[] usedFactors;

    private VaRExposures(VaRFactors factors, int[] positionFactor, double[] positionDelta, double[] positionGamma, double[] factorDelta, double[] factorGamma, int[] used)
    {
        Factors = factors;
        this.positionFactor = positionFactor;
        this.positionDelta = positionDelta;
        this.positionGamma = positionGamma;
        this.factorDelta = factorDelta;
        this.factorGamma = factorGamma;
        usedFactors = used;
    }

    /// <summary>Maps every position of <paramref name="portfolio"/> to its factor (by underlying symbol) and computes its exposures.</summary>
    /// <param name="portfolio">The resolved portfolio.</param>
    /// <param name="factors">The factor set; must contain every underlying symbol the book holds.</param>
    /// <returns>The exposures.</returns>
    /// <exception cref="ArgumentException">The book needs a factor the set lacks (the message names the factor and a position).</exception>
    public static VaRExposures Of(ResolvedPortfolio portfolio, VaRFactors factors)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(factors);
        int[] map = MapUnderlyings(portfolio, factors);
        int n = portfolio.Count;
        int[] pf = new int[n];
        double[] pd = new double[n], pg = new double[n], fd = new double[factors.Count], fg = new double[factors.Count];
        var used = new List<int>(map.Length);
        var seen = new bool[factors.Count];
        ReadOnlySpan<int> u = portfolio.UnderlyingIndex;
        for (int i = 0; i < n; i++)
        {
            int k = map[u[i]];
            (double e, double g) = Position(portfolio, i);
            if (!double.IsFinite(e) || !double.IsFinite(g))
            {
                ThrowNotFinite(portfolio.Portfolio[i], e, g, nameof(portfolio));
            }

            pf[i] = k;
            pd[i] = e + 0.0;
            pg[i] = g + 0.0;
            fd[k] += e;
            fg[k] += g;
            if (!seen[k])
            {
                seen[k] = true;
                used.Add(k);
            }
        }

        foreach (int k in used)
        {
            if (!double.IsFinite(fd[k]) || !double.IsFinite(fg[k]))
            {
                Guard.ThrowArgument(string.Create(CultureInfo.InvariantCulture,
                    $"VaR: the dollar delta ({fd[k]:G6}) or gamma ({fg[k]:G6}) of factor '{factors.Labels[k]}' summed over the book's positions overflows the double range; the positions are each finite but their sum is not. The book is outside the range the model computes (check quantities, multipliers and prices)."),
                    nameof(portfolio));
            }
        }

        return new VaRExposures(factors, pf, pd, pg, fd, fg, [.. used]);
    }

    /// <summary>Refuses a position whose dollar delta or gamma is not finite (an overflow of q·m·fx·price, or a price the pricer cannot give).</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    internal static void ThrowNotFinite(Position position, double delta, double gamma, string paramName) =>
        Guard.ThrowArgument(string.Create(CultureInfo.InvariantCulture,
            $"VaR: position '{position}' has a dollar delta of {delta:G6} and a dollar gamma of {gamma:G6} per unit relative return; a VaR needs finite exposures. Its quantity x multiplier x conversion rate x price overflows the double range, or its price is not finite: the position is outside the range the model computes (check its quantity, multiplier and market data)."),
            paramName);

    /// <summary>Factor index per underlying of the resolved portfolio.</summary>
    internal static int[] MapUnderlyings(ResolvedPortfolio portfolio, VaRFactors factors)
    {
        var map = new int[portfolio.Underlyings.Length];
        for (int j = 0; j < map.Length; j++)
        {
            string symbol = portfolio.Underlyings[j].Symbol;
            map[j] = factors.IndexOf(symbol);
            if (map[j] < 0)
            {
                int first = portfolio.UnderlyingIndex.IndexOf(j);
                ThrowUnknownFactor("book", symbol, portfolio.Portfolio[first].Instrument.Name, factors, nameof(portfolio));
            }
        }

        return map;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowUnknownFactor(string whose, string symbol, string position, VaRFactors factors, string paramName) =>
        Guard.ThrowArgument($"VaR: the {whose} needs risk factor '{symbol}' (position '{position}'), " +
            $"but the factor set has no such label (labels: {string.Join(", ", factors.Labels.Take(20))}{(factors.Count > 20 ? ", ..." : "")}).", paramName);

    /// <summary>
    /// Resolves an order (positions to be appended to a book) for the what-if calculators, with the rules and in the error
    /// order of <see cref="ResolvedPortfolio.Resolve"/> followed by <see cref="Of"/> on <c>book + order</c>: first an
    /// underlying that differs from the book's (or an earlier order position's) with the same symbol, then market data
    /// (the one resolver, <see cref="ResolvedLeg.Resolve"/>, naming the instrument), then a factor the set lacks (naming it and the position).
    /// Writes each position's factor index, dollar delta and dollar gamma (the same function <see cref="Of"/> uses).
    /// </summary>
    /// <param name="order">The order's positions.</param>
    /// <param name="market">The book's snapshot.</param>
    /// <param name="factors">The factor set.</param>
    /// <param name="factorUnderlying">The book's underlying per factor (null where the book holds none).</param>
    /// <param name="factor">Destination: factor index per order position.</param>
    /// <param name="delta">Destination: dollar delta per order position.</param>
    /// <param name="gamma">Destination: dollar gamma per order position (may be empty when not wanted).</param>
    internal static void ResolveOrder(ReadOnlySpan<Position> order, MarketSnapshot market, VaRFactors factors, ReadOnlySpan<Underlying?> factorUnderlying,
        Span<int> factor, Span<double> delta, Span<double> gamma)
    {
        for (int j = 0; j < order.Length; j++)
        {
            Position p = order[j] ?? throw new ArgumentException($"Order position #{j} is null.", nameof(order));
            Underlying u = p.Instrument.Underlying;
            int k = factors.IndexOf(u.Symbol);
            factor[j] = k;
            Underlying? known = k >= 0 ? factorUnderlying[k] : null;
            for (int b = 0; b < j && known is null; b++)
            {
                Underlying earlier = order[b].Instrument.Underlying;
                known = string.Equals(earlier.Symbol, u.Symbol, StringComparison.Ordinal) ? earlier : null;
            }

            if (known is not null && known != u)
            {
                Guard.ThrowArgument($"Order position '{p.Instrument.Name}': its underlying differs from the book's underlying with symbol '{u.Symbol}'.", nameof(order));
            }
        }

        for (int j = 0; j < order.Length; j++)
        {
            ResolvedLeg leg = ResolvedLeg.Resolve(order[j], market);
            (double e, double g) = Position(leg.Kind, leg.Quantity * leg.Multiplier * leg.SettlementToReport, leg.Price, leg.Black76);
            if (!double.IsFinite(e) || !double.IsFinite(g))
            {
                ThrowNotFinite(order[j], e, g, nameof(order));
            }

            delta[j] = e;
            if (!gamma.IsEmpty)
            {
                gamma[j] = g;
            }
        }

        for (int j = 0; j < order.Length; j++)
        {
            if (factor[j] < 0)
            {
                ThrowUnknownFactor("order", order[j].Instrument.Underlying.Symbol, order[j].Instrument.Name, factors, nameof(order));
            }
        }
    }

    /// <summary>Dollar delta and gamma of position <paramref name="i"/> (see the class remarks).</summary>
    internal static (double Delta, double Gamma) Position(ResolvedPortfolio r, int i) =>
        Position(r.Kind[i], r.Quantity[i] * r.Multiplier[i] * r.SettlementToReport[i], r.Price[i], r.OptionBlack76[i]);

    /// <summary>
    /// Dollar delta and gamma of one resolved position, <c>c = q·m·fx</c> (see the class remarks), from the option's
    /// Black-76 greeks resolved once (<paramref name="o"/>); the what-if calculators share it.
    /// </summary>
    internal static (double Delta, double Gamma) Position(InstrumentKind kind, double c, double f, in OptionGreeks o)
    {
        switch (kind)
        {
            case InstrumentKind.Spot or InstrumentKind.LinearFuture or InstrumentKind.LinearPerpetual:
                return (c * f, 0.0);
            case InstrumentKind.InverseFuture or InstrumentKind.InversePerpetual:
                return (c / f, -2 * c / f);
            default:
                if (kind == InstrumentKind.LinearOption)
                {
                    return (c * o.Delta * f, c * o.Gamma * f * f);
                }

                double v = o.Price / f;
                return (c * (o.Delta - v), c * ((f * o.Gamma) - (2 * o.Delta) + (2 * v)));
        }
    }

    /// <summary>The factor set.</summary>
    public VaRFactors Factors { get; }

    /// <summary>Number of positions.</summary>
    public int PositionCount => positionFactor.Length;

    /// <summary>Factor index (into <see cref="VaRFactors.Labels"/>) per position.</summary>
    public ReadOnlySpan<int> PositionFactor => positionFactor;

    /// <summary>Dollar delta <c>e_i = ∂P&amp;L_i/∂x</c> per position, report currency per unit relative return.</summary>
    public ReadOnlySpan<double> PositionDelta => positionDelta;

    /// <summary>Dollar gamma <c>g_i = ∂²P&amp;L_i/∂x²</c> per position, report currency per unit relative return squared.</summary>
    public ReadOnlySpan<double> PositionGamma => positionGamma;

    /// <summary>Dollar delta per factor <c>e_k = Σ_{i on k} e_i</c>, one entry per factor of the set (0 where the book has none).</summary>
    public ReadOnlySpan<double> FactorDelta => factorDelta;

    /// <summary>Dollar gamma per factor (the diagonal of Γ; each position depends on one factor only).</summary>
    public ReadOnlySpan<double> FactorGamma => factorGamma;

    /// <summary>Indices of the factors the book holds, in order of first appearance.</summary>
    public ImmutableArray<int> UsedFactors => [.. usedFactors];

    internal int[] UsedFactorArray => usedFactors;
}
