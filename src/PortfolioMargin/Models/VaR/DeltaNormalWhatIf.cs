using System.Collections.Immutable;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models.VaR;

/// <summary>
/// Incremental what-if / pre-trade calculator for <see cref="DeltaNormalVaR"/> (spec §7). It keeps the factor exposure
/// vector <c>e</c>, <c>Σe</c> over every factor of the set and <c>σ² = eᵀΣe</c>. An order's positions are resolved against
/// the same snapshot and give <c>Δe</c> on the factors they touch; then
/// <c>σ'² = σ² + 2·Δeᵀ(Σe) + ΔeᵀΣΔe</c> with <c>ΔeᵀΣΔe</c> over the touched factors only, and the margin is
/// <c>multiplier·c·√h·σ'</c> (<c>c</c> the measure's normal multiple). Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>Cost of <see cref="WhatIf"/>: O(order positions + t² + m·t) for t touched and m held factors (the per-factor
/// breakdown needs <c>(Σe')_k = (Σe)_k + Σ_t Σ_kt·Δe_t</c>), independent of the number of book positions; it allocates
/// only its result. <see cref="Apply"/> is O(n·t) (it updates <c>Σe</c> over all n factors) and recomputes
/// <c>σ² = Σ_k e_k(Σe)_k</c> from the updated vectors.</para>
/// <para>Equal to <see cref="DeltaNormalVaR.Calculate"/> of <c>Portfolio.Add(order)</c> up to rounding. When the update
/// cancels (the order hedges almost the whole variance: <c>σ'² &lt; 10⁻⁸·(σ² + 2|Δeᵀ(Σe)| + ΔeᵀΣΔe)</c>), <c>σ'²</c> is
/// recomputed directly as <c>e'ᵀΣe'</c> over the held factors (O(m²)), so the error stays at the rounding of the
/// exposures instead of the square root of the rounding of the variance.</para>
/// <para>The result's groups are the factors held before or after the order (book factors first, then factors the order
/// opens), each with its Euler component (<c>multiplier·c·√h·e_k(Σe)_k/σ_p</c>), exactly the breakdown children of the
/// full result; <see cref="WhatIfGroupResult.ScanRiskAfter"/> is NaN and there is no binding scenario.</para>
/// </remarks>
public sealed class DeltaNormalWhatIf : IWhatIfCalculator
{
    /// <summary>Below this share of the update's magnitude, <c>σ'²</c> is recomputed directly (see the remarks).</summary>
    private const double CancellationShare = 1e-8;

    private readonly double[] _e, _se;
    private readonly int[] _held;
    private readonly int[] _slot;
    private readonly double[] _componentBefore;
    private readonly Underlying?[] _factorUnderlying;
    private readonly double _variance, _scale;
    private readonly Lazy<MarginResult> _detailed;

    /// <summary>Builds the calculator for a resolved book (one exposure pass over the book, O(positions + n·m)).</summary>
    /// <param name="model">The delta-normal model.</param>
    /// <param name="book">The book, resolved against the snapshot orders will be valued on.</param>
    /// <exception cref="ArgumentException">The book needs a factor the set lacks (named).</exception>
    public DeltaNormalWhatIf(DeltaNormalVaR model, ResolvedPortfolio book)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(book);
        Model = model;
        Portfolio = book.Portfolio;
        Market = book.Market;
        VaRFactors f = model.Factors;
        int n = f.Count;
        VaRExposures x = VaRExposures.Of(book, f);
        int[] map = VaRExposures.MapUnderlyings(book, f);
        _factorUnderlying = new Underlying?[n];
        for (int u = 0; u < map.Length; u++)
        {
            _factorUnderlying[map[u]] = book.Underlyings[u];
        }

        _e = x.FactorDelta.ToArray();
        _held = x.UsedFactorArray;
        _se = new double[n];
        ReadOnlySpan<double> cov = f.DailyCovariance.Values;
        foreach (int k in _held)
        {
            TensorPrimitives.MultiplyAdd(cov.Slice(k * n, n), _e[k], _se, _se);
        }

        _scale = model.Options.Multiplier * model.Options.NormalMultiple * Math.Sqrt(model.Options.HorizonDays);
        (_variance, _slot, _componentBefore) = Settle(_e, _se, _held, _scale);
        _detailed = new Lazy<MarginResult>(() => model.Calculate(book));
    }

    private DeltaNormalWhatIf(DeltaNormalWhatIf from, Portfolio portfolio, double[] e, double[] se, int[] held, Underlying?[] factorUnderlying)
    {
        Model = from.Model;
        Market = from.Market;
        Portfolio = portfolio;
        _e = e;
        _se = se;
        _held = held;
        _factorUnderlying = factorUnderlying;
        _scale = from._scale;
        (_variance, _slot, _componentBefore) = Settle(e, se, held, _scale);
        DeltaNormalVaR model = Model;
        MarketSnapshot market = Market;
        _detailed = new Lazy<MarginResult>(() => model.Calculate(ResolvedPortfolio.Resolve(portfolio, market)));
    }

    /// <summary>Resolves <paramref name="book"/> against <paramref name="market"/> and builds the calculator.</summary>
    /// <param name="model">The delta-normal model.</param>
    /// <param name="book">The book.</param>
    /// <param name="market">The snapshot.</param>
    /// <returns>The calculator.</returns>
    /// <exception cref="MissingMarketDataException">Market data a book position needs is missing (names the instrument).</exception>
    /// <exception cref="ArgumentException">The book needs a factor the set lacks (named).</exception>
    public static DeltaNormalWhatIf Create(DeltaNormalVaR model, Portfolio book, MarketSnapshot market) => new(model, ResolvedPortfolio.Resolve(book, market));

    /// <summary>The delta-normal model.</summary>
    public DeltaNormalVaR Model { get; }

    /// <inheritdoc />
    public Portfolio Portfolio { get; }

    /// <inheritdoc />
    public MarketSnapshot Market { get; }

    /// <inheritdoc />
    public double InitialMargin => _scale * Math.Sqrt(_variance);

    /// <inheritdoc />
    public double MaintenanceMargin => InitialMargin;

    /// <summary>Daily P&amp;L standard deviation of the book <c>σ_p = √(eᵀΣe)</c>, report currency.</summary>
    public double PortfolioSigma => Math.Sqrt(_variance);

    /// <summary>Dollar delta per factor <c>e_k</c> of the book, one entry per factor of the set (report currency per unit relative return).</summary>
    public ReadOnlySpan<double> FactorDelta => _e;

    /// <summary>The full model result of the book, with per-position contributions (computed on first use by a full run).</summary>
    public MarginResult Detailed => _detailed.Value;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">An order position is null, needs a factor the set lacks, has expired, or its underlying differs from the book's with the same symbol (named).</exception>
    public WhatIfResult WhatIf(params ReadOnlySpan<Position> order)
    {
        int k = order.Length;
        int[]? rentedInt = null;
        double[]? rentedDouble = null;
        Span<int> ints = k <= 32 ? stackalloc int[2 * k] : (rentedInt = System.Buffers.ArrayPool<int>.Shared.Rent(2 * k));
        Span<double> doubles = k <= 32 ? stackalloc double[2 * k] : (rentedDouble = System.Buffers.ArrayPool<double>.Shared.Rent(2 * k));
        try
        {
            Span<int> touched = ints[..k];
            Span<double> delta = doubles[..k];
            int t = Resolve(order, ints.Slice(k, k), doubles.Slice(k, k), touched, delta);
            touched = touched[..t];
            delta = delta[..t];
            VaRFactors f = Model.Factors;
            int n = f.Count;
            ReadOnlySpan<double> cov = f.DailyCovariance.Values;

            // σ'² = σ² + 2Δeᵀ(Σe) + ΔeᵀΣΔe, the last over the touched factors only.
            double cross = 0, quad = 0;
            for (int a = 0; a < t; a++)
            {
                cross += delta[a] * _se[touched[a]];
                double row = 0;
                for (int b = 0; b < t; b++)
                {
                    row += cov[(touched[a] * n) + touched[b]] * delta[b];
                }

                quad += delta[a] * row;
            }

            double variance = _variance + (2 * cross) + quad;
            int opens = 0;
            for (int a = 0; a < t; a++)
            {
                opens += _slot[touched[a]] < 0 ? 1 : 0;
            }

            if (variance < CancellationShare * (_variance + (2 * Math.Abs(cross)) + Math.Abs(quad)))
            {
                variance = DirectVariance(touched, delta, cov, n);
            }

            if (!double.IsFinite(variance))
            {
                Guard.ThrowArgument(string.Create(CultureInfo.InvariantCulture,
                    $"VaR what-if: the variance of the book with the order is {variance:G6}; the exposures are too large for the double range."), "order");
            }

            variance = Math.Max(variance, 0.0);
            double sigma = Math.Sqrt(variance);
            var groups = new WhatIfGroupResult[_held.Length + opens];
            int g = 0;
            foreach (int factor in _held)
            {
                groups[g] = Group(factor, _componentBefore[g], touched, delta, cov, n, sigma);
                g++;
            }

            for (int a = 0; a < t; a++)
            {
                if (_slot[touched[a]] < 0)
                {
                    groups[g++] = Group(touched[a], 0.0, touched, delta, cov, n, sigma);
                }
            }

            double before = InitialMargin, after = _scale * sigma;
            return new WhatIfResult(Market.ReportCurrency, before, after, before, after, ImmutableCollectionsMarshal.AsImmutableArray(groups));
        }
        finally
        {
            if (rentedInt is not null)
            {
                System.Buffers.ArrayPool<int>.Shared.Return(rentedInt);
            }

            if (rentedDouble is not null)
            {
                System.Buffers.ArrayPool<double>.Shared.Return(rentedDouble);
            }
        }
    }

    /// <inheritdoc />
    IWhatIfCalculator IWhatIfCalculator.Apply(params ReadOnlySpan<Position> order) => Apply(order);

    /// <summary>A new calculator holding the book with <paramref name="order"/> added (<c>e</c> and <c>Σe</c> updated in O(n·t)); this one is unchanged.</summary>
    /// <param name="order">Signed positions to add.</param>
    /// <returns>The calculator for <c>Portfolio.Add(order)</c>.</returns>
    /// <exception cref="MissingMarketDataException">Market data an order position needs is missing (names the instrument).</exception>
    /// <exception cref="ArgumentException">An order position is null, needs a factor the set lacks, has expired, or its underlying differs from the book's with the same symbol (named).</exception>
    public DeltaNormalWhatIf Apply(params ReadOnlySpan<Position> order)
    {
        int k = order.Length;
        var touched = new int[k];
        var delta = new double[k];
        var positionFactor = new int[k];
        int t = Resolve(order, positionFactor, new double[k], touched, delta);
        VaRFactors f = Model.Factors;
        int n = f.Count;
        ReadOnlySpan<double> cov = f.DailyCovariance.Values;
        double[] e = [.. _e], se = [.. _se];
        Underlying?[] factorUnderlying = [.. _factorUnderlying];
        var held = new List<int>(_held.Length + t);
        held.AddRange(_held);
        for (int a = 0; a < t; a++)
        {
            int factor = touched[a];
            e[factor] += delta[a];
            TensorPrimitives.MultiplyAdd(cov.Slice(factor * n, n), delta[a], se, se);
            if (_slot[factor] < 0)
            {
                held.Add(factor);
                factorUnderlying[factor] = order[Array.IndexOf(positionFactor, factor)].Instrument.Underlying;
            }
        }

        return new DeltaNormalWhatIf(this, Portfolio.Add(order.ToArray()), e, se, [.. held], factorUnderlying);
    }

    /// <summary>
    /// Resolves the order's positions (<see cref="VaRExposures.ResolveOrder"/>: the lookups, exposures and errors of a full run
    /// on <c>book + order</c>) and sums their dollar deltas per touched factor, in order of first appearance. Returns the
    /// number of touched factors.
    /// </summary>
    private int Resolve(ReadOnlySpan<Position> order, Span<int> positionFactor, Span<double> positionDelta, Span<int> touched, Span<double> delta)
    {
        VaRExposures.ResolveOrder(order, Market, Model.Factors, _factorUnderlying, positionFactor, positionDelta, default);
        int t = 0;
        for (int j = 0; j < order.Length; j++)
        {
            int a = touched[..t].IndexOf(positionFactor[j]);
            if (a < 0)
            {
                a = t++;
                touched[a] = positionFactor[j];
                delta[a] = 0;
            }

            delta[a] += positionDelta[j];
        }

        return t;
    }

    /// <summary><c>e'ᵀΣe'</c> over the factors held after the order (used when the incremental update cancels).</summary>
    private double DirectVariance(ReadOnlySpan<int> touched, ReadOnlySpan<double> delta, ReadOnlySpan<double> cov, int n)
    {
        double variance = 0;
        for (int a = 0; a < _held.Length + touched.Length; a++)
        {
            int i = a < _held.Length ? _held[a] : touched[a - _held.Length];
            if (a >= _held.Length && _slot[i] >= 0)
            {
                continue;
            }

            double ei = After(i, touched, delta), row = 0;
            for (int b = 0; b < _held.Length + touched.Length; b++)
            {
                int j = b < _held.Length ? _held[b] : touched[b - _held.Length];
                if (b >= _held.Length && _slot[j] >= 0)
                {
                    continue;
                }

                row += cov[(i * n) + j] * After(j, touched, delta);
            }

            variance += ei * row;
        }

        return variance;
    }

    /// <summary><c>e'_k = e_k + Δe_k</c>.</summary>
    private double After(int factor, ReadOnlySpan<int> touched, ReadOnlySpan<double> delta)
    {
        int a = touched.IndexOf(factor);
        return a >= 0 ? _e[factor] + delta[a] : _e[factor];
    }

    /// <summary>The group row of one factor: its Euler component before and after the order.</summary>
    private WhatIfGroupResult Group(int factor, double before, ReadOnlySpan<int> touched, ReadOnlySpan<double> delta, ReadOnlySpan<double> cov, int n, double sigma)
    {
        double se = _se[factor];
        for (int b = 0; b < touched.Length; b++)
        {
            se += cov[(factor * n) + touched[b]] * delta[b];
        }

        double after = sigma > 0 ? _scale * After(factor, touched, delta) * se / sigma : 0.0;
        return new WhatIfGroupResult(Model.Factors.Labels[factor], before, after, before, after, double.NaN, null);
    }

    /// <summary><c>σ² = Σ_k e_k(Σe)_k</c> over the held factors, the slot of each factor (−1 when not held) and the components.</summary>
    private static (double Variance, int[] Slot, double[] Components) Settle(double[] e, double[] se, int[] held, double scale)
    {
        var slot = new int[e.Length];
        Array.Fill(slot, -1);
        double variance = 0;
        for (int a = 0; a < held.Length; a++)
        {
            slot[held[a]] = a;
            variance += e[held[a]] * se[held[a]];
        }

        variance = Math.Max(variance, 0.0);
        double sigma = Math.Sqrt(variance);
        var components = new double[held.Length];
        for (int a = 0; a < held.Length; a++)
        {
            components[a] = sigma > 0 ? scale * e[held[a]] * se[held[a]] / sigma : 0.0;
        }

        return (variance, slot, components);
    }
}
