using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models.VaR;

/// <summary>
/// Incremental what-if / pre-trade calculator for <see cref="DeltaGammaVaR"/> (spec §6.3, §7). The Cornish–Fisher VaR
/// depends on the book only through the per-factor dollar deltas <c>e_k</c> and diagonal dollar gammas <c>g_k</c>
/// (<see cref="VaRExposures"/>; <c>Γ = diag(g)</c>) and the block <c>A = h·Σ</c> of the held factors. The calculator keeps
/// <c>e</c>, <c>g</c>, the held factors and <c>A</c>; an order's positions are resolved against the same snapshot, added
/// to <c>e</c> and <c>g</c> of the factors they touch, and the moments (<see cref="DeltaGammaMoments"/>) and
/// <c>VaR = −(μ + σ·z_cf)</c> are recomputed over the held factors by the model's own code. Margin
/// <c>MM = IM = multiplier·max(VaR, 0)</c>. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>Cost of <see cref="WhatIf"/>: O(order positions + m'³) for the m' factors held after the order (two m' × m'
/// products, as in the full model), independent of the number of book positions; it allocates only its result (work
/// buffers are on the stack, or pooled when m' exceeds about 25). <see cref="Apply"/> copies <c>e</c> and <c>g</c> (O(n)
/// for the n factors of the set) and recomputes the book's figures (O(m'³)). The moment terms are recomputed rather than
/// updated: an update of <c>tr((ΓA)³)</c> and <c>tr((ΓA)⁴)</c> for a change of <c>g</c> would need the m × m products
/// and would drift from the full run, while m is small (one factor per underlying).</para>
/// <para>Equal to <see cref="DeltaGammaVaR.Calculate"/> of <c>Portfolio.Add(order)</c>: the order's exposures come from
/// the same per-position function, are added to the factor sums in the same order as the full run (book positions,
/// then order positions), the held factors are in the same order (book factors, then factors the order opens) and the
/// same internal function computes moments, VaR and gradient — so the totals agree to the last bits (up to the
/// alignment-dependent grouping of long vectorized dot products when m' exceeds a few dozen).</para>
/// <para>Every option of the model applies: confidence (<c>z</c>), horizon (<c>A = h·Σ</c>), multiplier, and the factor
/// set's vol units and correlation repair (already in its covariance). Nothing falls back to a full recomputation. The
/// <see cref="WhatIfResult"/> has no diagnostics: the repair's <c>CORRELATION_REPAIRED</c> and a <c>VAR_FLOOR</c> are on
/// <see cref="Detailed"/> (or on the full result of the applied book); the figures are the same.</para>
/// <para>The result's groups are the factors held before or after the order (book factors first, then factors the order
/// opens), each with its Euler component <c>multiplier·(e_k·∂VaR/∂e_k + g_k·∂VaR/∂g_k)</c> (0 when the VaR is floored),
/// the breakdown children of the full result up to rounding; <see cref="WhatIfGroupResult.ScanRiskAfter"/> is NaN and
/// there is no binding scenario.</para>
/// </remarks>
public sealed class DeltaGammaWhatIf : IWhatIfCalculator
{
    /// <summary>Work buffers up to this many doubles (16 KB) live on the stack; larger ones are pooled.</summary>
    private const int StackDoubles = 2048;

    /// <summary>Per-position and factor-index buffers up to this length live on the stack; longer ones are pooled.</summary>
    private const int StackInts = 256;

    private readonly double[] _e, _g;
    private readonly int[] _held;
    private readonly int[] _slot;
    private readonly double[] _a;
    private readonly double[] _componentBefore;
    private readonly Underlying?[] _factorUnderlying;
    private readonly DeltaGammaCore.Outcome _outcome;
    private readonly double _z;
    private readonly Lazy<MarginResult> _detailed;

    /// <summary>Builds the calculator for a resolved book (one exposure pass over the book, then O(m³) for the m held factors).</summary>
    /// <param name="model">The delta-gamma model.</param>
    /// <param name="book">The book, resolved against the snapshot orders will be valued on.</param>
    /// <exception cref="ArgumentException">The book needs a factor the set lacks (named).</exception>
    public DeltaGammaWhatIf(DeltaGammaVaR model, ResolvedPortfolio book)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(book);
        Model = model;
        Portfolio = book.Portfolio;
        Market = book.Market;
        VaRFactors f = model.Factors;
        VaRExposures x = VaRExposures.Of(book, f);
        int[] map = VaRExposures.MapUnderlyings(book, f);
        _factorUnderlying = new Underlying?[f.Count];
        for (int u = 0; u < map.Length; u++)
        {
            _factorUnderlying[map[u]] = book.Underlyings[u];
        }

        _e = x.FactorDelta.ToArray();
        _g = x.FactorGamma.ToArray();
        _held = x.UsedFactorArray;
        _z = -model.Options.Z;
        (_slot, _a, _outcome, _componentBefore) = Settle(model, _e, _g, _held, _z);
        _detailed = new Lazy<MarginResult>(() => model.Calculate(book));
    }

    private DeltaGammaWhatIf(DeltaGammaWhatIf from, Portfolio portfolio, double[] e, double[] g, int[] held, Underlying?[] factorUnderlying)
    {
        Model = from.Model;
        Market = from.Market;
        Portfolio = portfolio;
        _e = e;
        _g = g;
        _held = held;
        _factorUnderlying = factorUnderlying;
        _z = from._z;
        (_slot, _a, _outcome, _componentBefore) = Settle(Model, e, g, held, _z);
        DeltaGammaVaR model = Model;
        MarketSnapshot market = Market;
        _detailed = new Lazy<MarginResult>(() => model.Calculate(ResolvedPortfolio.Resolve(portfolio, market)));
    }

    /// <summary>Resolves <paramref name="book"/> against <paramref name="market"/> and builds the calculator.</summary>
    /// <param name="model">The delta-gamma model.</param>
    /// <param name="book">The book.</param>
    /// <param name="market">The snapshot.</param>
    /// <returns>The calculator.</returns>
    /// <exception cref="MissingMarketDataException">Market data a book position needs is missing (names the instrument).</exception>
    /// <exception cref="ArgumentException">The book needs a factor the set lacks (named).</exception>
    public static DeltaGammaWhatIf Create(DeltaGammaVaR model, Portfolio book, MarketSnapshot market) => new(model, ResolvedPortfolio.Resolve(book, market));

    /// <summary>The delta-gamma model.</summary>
    public DeltaGammaVaR Model { get; }

    /// <inheritdoc />
    public Portfolio Portfolio { get; }

    /// <inheritdoc />
    public MarketSnapshot Market { get; }

    /// <inheritdoc />
    public double InitialMargin => Margin(_outcome.ValueAtRisk);

    /// <inheritdoc />
    public double MaintenanceMargin => InitialMargin;

    /// <summary>The moments of the book's delta-gamma P&amp;L over the horizon (equal to <see cref="DeltaGammaVaR.Moments"/>).</summary>
    public DeltaGammaMoments Moments => _outcome.Moments;

    /// <summary>Dollar delta per factor <c>e_k</c> of the book, one entry per factor of the set (report currency per unit relative return).</summary>
    public ReadOnlySpan<double> FactorDelta => _e;

    /// <summary>Dollar gamma per factor <c>g_k</c> of the book (the diagonal of Γ), one entry per factor of the set (report currency per unit relative return squared).</summary>
    public ReadOnlySpan<double> FactorGamma => _g;

    /// <summary>The full model result of the book, with per-position contributions and diagnostics (computed on first use by a full run).</summary>
    public MarginResult Detailed => _detailed.Value;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">An order position is null, needs a factor the set lacks, has expired, or its underlying differs from the book's with the same symbol (named).</exception>
    public WhatIfResult WhatIf(params ReadOnlySpan<Position> order)
    {
        int k = order.Length;
        int m = _held.Length;

        // Ints: factor per order position, the factors the order opens, the factors held after it. Doubles: dollar delta
        // and gamma per order position.
        int intCount = (3 * k) + m, positionCount = 2 * k;
        int[]? rentedInt = intCount > StackInts ? ArrayPool<int>.Shared.Rent(intCount) : null;
        Span<int> ints = rentedInt is null ? stackalloc int[intCount] : rentedInt;
        double[]? rentedPositions = positionCount > StackInts ? ArrayPool<double>.Shared.Rent(positionCount) : null;
        Span<double> positions = rentedPositions is null ? stackalloc double[positionCount] : rentedPositions;
        double[]? rentedWork = null;
        try
        {
            Span<int> factor = ints[..k], opened = ints.Slice(k, k), heldAfter = ints.Slice(2 * k, m + k);
            Span<double> delta = positions[..k], gamma = positions.Slice(k, k);
            VaRExposures.ResolveOrder(order, Market, Model.Factors, _factorUnderlying, factor, delta, gamma);
            int opens = 0;
            for (int j = 0; j < k; j++)
            {
                if (_slot[factor[j]] < 0 && opened[..opens].IndexOf(factor[j]) < 0)
                {
                    opened[opens++] = factor[j];
                }
            }

            // Work: A' (only when the order opens a factor), e', g', ∂VaR/∂e, ∂VaR/∂g, the core's scratch.
            int mA = m + opens;
            int need = (opens > 0 ? mA * mA : 0) + (4 * mA) + DeltaGammaCore.ScratchLength(mA);
            Span<double> work = need <= StackDoubles ? stackalloc double[need] : (rentedWork = ArrayPool<double>.Shared.Rent(need));
            scoped ReadOnlySpan<double> a = _a;
            if (opens > 0)
            {
                _held.CopyTo(heldAfter);
                opened[..opens].CopyTo(heldAfter[m..]);
                Span<double> block = work[..(mA * mA)];
                DeltaGammaCore.HorizonBlock(heldAfter[..mA], Model.Factors.DailyCovariance.Values, Model.Factors.Count, Model.Options.HorizonDays, block);
                a = block;
                work = work[(mA * mA)..];
            }

            Span<double> e = work[..mA], g = work.Slice(mA, mA), de = work.Slice(2 * mA, mA), dg = work.Slice(3 * mA, mA);
            for (int i = 0; i < m; i++)
            {
                e[i] = _e[_held[i]];
                g[i] = _g[_held[i]];
            }

            e[m..].Clear();
            g[m..].Clear();

            // Sum the order into the factor totals position by position, as the full run does after the book's positions.
            for (int j = 0; j < k; j++)
            {
                int s = _slot[factor[j]];
                s = s >= 0 ? s : m + opened[..opens].IndexOf(factor[j]);
                e[s] += delta[j];
                g[s] += gamma[j];
            }

            DeltaGammaCore.Outcome o = DeltaGammaCore.Compute(mA, a, e, g, _z, de, dg, work[(4 * mA)..]);
            DeltaGammaCore.CheckFinite(o, "order");
            bool floored = !(o.ValueAtRisk > 0);
            double multiplier = Model.Options.Multiplier;
            var groups = new WhatIfGroupResult[mA];
            for (int i = 0; i < mA; i++)
            {
                int f = i < m ? _held[i] : opened[i - m];
                double before = i < m ? _componentBefore[i] : 0.0;
                double after = floored ? 0.0 : ((e[i] * de[i]) + (g[i] * dg[i])) * multiplier;
                groups[i] = new WhatIfGroupResult(Model.Factors.Labels[f], before, after + 0.0, before, after + 0.0, double.NaN, null);
            }

            double im = InitialMargin, imAfter = Margin(o.ValueAtRisk);
            return new WhatIfResult(Market.ReportCurrency, im, imAfter, im, imAfter, ImmutableCollectionsMarshal.AsImmutableArray(groups));
        }
        finally
        {
            if (rentedInt is not null)
            {
                ArrayPool<int>.Shared.Return(rentedInt);
            }

            if (rentedPositions is not null)
            {
                ArrayPool<double>.Shared.Return(rentedPositions);
            }

            if (rentedWork is not null)
            {
                ArrayPool<double>.Shared.Return(rentedWork);
            }
        }
    }

    /// <inheritdoc />
    IWhatIfCalculator IWhatIfCalculator.Apply(params ReadOnlySpan<Position> order) => Apply(order);

    /// <summary>A new calculator holding the book with <paramref name="order"/> added (<c>e</c> and <c>g</c> updated, the book's figures recomputed); this one is unchanged.</summary>
    /// <param name="order">Signed positions to add.</param>
    /// <returns>The calculator for <c>Portfolio.Add(order)</c>.</returns>
    /// <exception cref="MissingMarketDataException">Market data an order position needs is missing (names the instrument).</exception>
    /// <exception cref="ArgumentException">An order position is null, needs a factor the set lacks, has expired, or its underlying differs from the book's with the same symbol (named).</exception>
    public DeltaGammaWhatIf Apply(params ReadOnlySpan<Position> order)
    {
        int k = order.Length;
        var factor = new int[k];
        var delta = new double[k];
        var gamma = new double[k];
        VaRExposures.ResolveOrder(order, Market, Model.Factors, _factorUnderlying, factor, delta, gamma);
        double[] e = [.. _e], g = [.. _g];
        Underlying?[] factorUnderlying = [.. _factorUnderlying];
        var held = new List<int>(_held.Length + k);
        held.AddRange(_held);
        for (int j = 0; j < k; j++)
        {
            int f = factor[j];
            e[f] += delta[j];
            g[f] += gamma[j];
            if (factorUnderlying[f] is null)
            {
                held.Add(f);
                factorUnderlying[f] = order[j].Instrument.Underlying;
            }
        }

        return new DeltaGammaWhatIf(this, Portfolio.Add(order.ToArray()), e, g, [.. held], factorUnderlying);
    }

    /// <summary><c>multiplier·max(VaR, 0)</c>, as <see cref="VaRResult"/> floors it.</summary>
    private double Margin(double valueAtRisk) => valueAtRisk > 0 ? valueAtRisk * Model.Options.Multiplier : 0.0;

    /// <summary>The slot of each factor (−1 when not held), the held block of <c>A = h·Σ</c>, the book's outcome and its per-factor Euler components.</summary>
    private static (int[] Slot, double[] A, DeltaGammaCore.Outcome Outcome, double[] Components) Settle(DeltaGammaVaR model, double[] e, double[] g, int[] held, double z)
    {
        VaRFactors f = model.Factors;
        int m = held.Length;
        var slot = new int[f.Count];
        Array.Fill(slot, -1);
        var eh = new double[m];
        var gh = new double[m];
        for (int i = 0; i < m; i++)
        {
            slot[held[i]] = i;
            eh[i] = e[held[i]];
            gh[i] = g[held[i]];
        }

        var a = new double[m * m];
        DeltaGammaCore.HorizonBlock(held, f.DailyCovariance.Values, f.Count, model.Options.HorizonDays, a);
        var de = new double[m];
        var dg = new double[m];
        DeltaGammaCore.Outcome o = DeltaGammaCore.Compute(m, a, eh, gh, z, de, dg);
        DeltaGammaCore.CheckFinite(o, "book");
        bool floored = !(o.ValueAtRisk > 0);
        var components = new double[m];
        for (int i = 0; i < m; i++)
        {
            components[i] = floored ? 0.0 : (((eh[i] * de[i]) + (gh[i] * dg[i])) * model.Options.Multiplier) + 0.0;
        }

        return (slot, a, o, components);
    }
}
