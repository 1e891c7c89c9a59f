using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Solvency;

/// <summary>
/// A back-test market built from a daily price history: on each date of the history, every underlying's spot is its
/// close, the forward of any expiry <c>T</c> years ahead is <c>S·e^{bT}</c> (carry <c>b</c>, default 0: no basis history),
/// the vol surface is flat at the <see cref="VolatilitySource"/>'s vol (default: an EWMA of the same history), and every
/// quote currency and the report currency has the same flat rate (default 0). Valued at
/// <see cref="HistoricalMarketOptions.ValuationTimeOfDay"/> UTC of each date. Immutable and thread-safe.
/// </summary>
public sealed class HistoricalMarket : IBacktestMarket
{
    private readonly FrozenDictionary<string, double[]> _vols;
    private readonly HistoricalMarketOptions _options;
    private readonly Currency _report;

    /// <summary>Creates the market.</summary>
    /// <param name="history">The price history (closes per date).</param>
    /// <param name="underlyings">The underlyings to price; every symbol must be in the history.</param>
    /// <param name="options">Vols, rates, carry, report currency; null for <see cref="HistoricalMarketOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">No underlyings, a duplicated symbol, or a symbol the history lacks (named).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the history is shorter than the EWMA seed.</exception>
    public HistoricalMarket(PriceHistory history, IEnumerable<Underlying> underlyings, HistoricalMarketOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(underlyings);
        options ??= HistoricalMarketOptions.Default;
        options.Validate();
        ImmutableArray<Underlying> list = [.. underlyings];
        if (list.IsEmpty || list.Select(u => u.Symbol).Distinct(StringComparer.Ordinal).Count() != list.Length)
        {
            Guard.ThrowArgument("A historical market needs at least one underlying, each symbol once.", nameof(underlyings));
        }

        foreach (Underlying u in list)
        {
            if (!history.Contains(u.Symbol))
            {
                Guard.ThrowArgument($"Historical market: the price history has no series for underlying '{u.Symbol}' (series: {string.Join(", ", history.Symbols)}).", nameof(underlyings));
            }
        }

        VolatilitySource vol = options.Volatility;
        if (vol.IsEwma && history.Count <= vol.SeedDays)
        {
            throw new ArgumentOutOfRangeException(nameof(history), history.Count, string.Create(CultureInfo.InvariantCulture,
                $"The price history has {history.Count} dates; the EWMA vol needs more than its seed of {vol.SeedDays} returns."));
        }

        History = history;
        Underlyings = list;
        _options = options;
        _report = options.ReportCurrency ?? list[0].QuoteCurrency;
        _vols = vol.IsEwma ? list.ToFrozenDictionary(u => u.Symbol, u => EwmaVols(history.Closes(u.Symbol), vol, options.DaysPerYear), StringComparer.Ordinal)
            : FrozenDictionary<string, double[]>.Empty;
        FirstUsableIndex = vol.IsEwma ? vol.SeedDays : 0;
        Description = string.Create(CultureInfo.InvariantCulture,
            $"{history} (first usable {history.Dates[FirstUsableIndex]:yyyy-MM-dd}); spot = close; forwards = spot x exp(carry {options.Carry:G3} x T); rates {options.Rate:G3}; vols: {vol.Description}; report currency {_report}");
    }

    /// <summary>The price history.</summary>
    public PriceHistory History { get; }

    /// <summary>The underlyings priced.</summary>
    public ImmutableArray<Underlying> Underlyings { get; }

    /// <inheritdoc />
    public ImmutableArray<DateOnly> Dates => History.Dates;

    /// <inheritdoc />
    public int FirstUsableIndex { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>The valuation time of <c>Dates[index]</c>.</summary>
    /// <param name="index">Index into <see cref="Dates"/>.</param>
    /// <returns>The date at the valuation time of day, UTC.</returns>
    public DateTimeOffset ValuationTime(int index) =>
        new DateTimeOffset(Dates[index].ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + _options.ValuationTimeOfDay;

    /// <summary>The annual implied vol of <paramref name="symbol"/> on <c>Dates[index]</c>.</summary>
    /// <param name="symbol">Underlying symbol.</param>
    /// <param name="index">Index into <see cref="Dates"/>, ≥ <see cref="FirstUsableIndex"/>.</param>
    /// <returns>The vol (a fraction).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is before <see cref="FirstUsableIndex"/> or beyond the dates.</exception>
    /// <exception cref="MissingMarketDataException">The given vols lack the symbol or date.</exception>
    public double Volatility(string symbol, int index)
    {
        CheckIndex(index);
        return _options.Volatility.IsEwma
            ? (_vols.TryGetValue(symbol, out double[]? v) ? v[index] : throw new MissingMarketDataException(symbol, "EWMA vol (not an underlying of this market)"))
            : _options.Volatility.Given(symbol, Dates[index]);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The index is before <see cref="FirstUsableIndex"/> or beyond the dates.</exception>
    /// <exception cref="MissingMarketDataException">A position's underlying is not priced by this market, or a given vol is missing.</exception>
    public MarketSnapshot Snapshot(int index, Portfolio positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        CheckIndex(index);
        DateTimeOffset time = ValuationTime(index);
        var market = new MarketSnapshot(time, _report).WithRate(_report, _options.Rate);
        foreach (Underlying u in Underlyings)
        {
            market = market.WithSpot(u, History.Close(u.Symbol, index)).WithVolSurface(u, VolSurface.Flat(Volatility(u.Symbol, index)));
            if (u.QuoteCurrency != _report)
            {
                market = market.WithRate(u.QuoteCurrency, _options.Rate);
            }
        }

        var done = new HashSet<(string, DateTimeOffset)>();
        foreach (Position p in positions)
        {
            Underlying u = p.Instrument.Underlying;
            if (!market.HasSpot(u))
            {
                throw new MissingMarketDataException(p.Instrument.Name, $"price history of underlying '{u.Symbol}' (this market prices {string.Join(", ", Underlyings)})");
            }

            if (p.Instrument.Expiry is { } e && done.Add((u.Symbol, e)))
            {
                double t = market.YearFraction(e);
                market = market.WithForward(u, e, market.Spot(u) * Math.Exp(_options.Carry * t));
            }
        }

        return market;
    }

    private void CheckIndex(int index)
    {
        if (index < FirstUsableIndex || index >= Dates.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, string.Create(CultureInfo.InvariantCulture,
                $"Historical market: date index {index} is outside the usable range {FirstUsableIndex}..{Dates.Length - 1} ({Dates[Math.Min(FirstUsableIndex, Dates.Length - 1)]:yyyy-MM-dd} onwards)."));
        }
    }

    /// <summary>Annualised EWMA vol per date (0 before the seed is complete; those dates are not usable).</summary>
    private static double[] EwmaVols(ReadOnlySpan<double> closes, VolatilitySource source, double daysPerYear)
    {
        var vols = new double[closes.Length];
        int seed = source.SeedDays;
        double v = 0;
        for (int t = 1; t <= seed; t++)
        {
            double r = (closes[t] / closes[t - 1]) - 1;
            v += r * r / seed;
        }

        vols[seed] = Math.Sqrt(v * daysPerYear);
        for (int t = seed + 1; t < closes.Length; t++)
        {
            double r = (closes[t] / closes[t - 1]) - 1;
            v = (source.Lambda * v) + ((1 - source.Lambda) * r * r);
            vols[t] = Math.Sqrt(v * daysPerYear);
        }

        return vols;
    }
}
