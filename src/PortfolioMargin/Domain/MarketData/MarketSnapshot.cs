using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Instruments;

namespace PortfolioMargin.MarketData;

/// <summary>
/// Everything needed to value a book at one instant: valuation time and day count, per underlying its spot, its
/// forward per expiry and its implied vols, continuously-compounded discount rates per currency, and conversion
/// rates to the report currency. Immutable: every <c>With…</c> method returns a new snapshot. Thread-safe.
/// </summary>
/// <remarks>
/// Lookups never guess: a missing spot, forward, vol, rate or conversion rate throws
/// <see cref="MissingMarketDataException"/> naming the instrument and the field. The only derived value is the
/// conversion rate of a coin into the report currency, which, when not set explicitly, is the spot of an underlying
/// whose base is that coin and whose quote is the report currency (BTC→USD from the BTC/USD spot).
/// </remarks>
public sealed partial class MarketSnapshot
{
    private readonly ImmutableDictionary<string, double> _spots;
    private readonly ImmutableDictionary<(string Symbol, DateTimeOffset Expiry), double> _forwards;
    private readonly ImmutableDictionary<string, VolSurface> _vols;
    private readonly ImmutableDictionary<Currency, double> _rates;
    private readonly ImmutableDictionary<Currency, double> _fx;
    private readonly ImmutableDictionary<string, Underlying> _underlyings;

    /// <summary>Creates an empty snapshot.</summary>
    /// <param name="valuationTime">The valuation instant.</param>
    /// <param name="reportCurrency">The currency results are reported in.</param>
    /// <param name="dayCount">Year-fraction convention (default ACT/365 fixed).</param>
    public MarketSnapshot(DateTimeOffset valuationTime, Currency reportCurrency, DayCount dayCount = DayCount.Act365Fixed)
        : this(valuationTime, reportCurrency, dayCount,
            ImmutableDictionary<string, double>.Empty, ImmutableDictionary<(string, DateTimeOffset), double>.Empty,
            ImmutableDictionary<string, VolSurface>.Empty, ImmutableDictionary<Currency, double>.Empty,
            ImmutableDictionary<Currency, double>.Empty, ImmutableDictionary<string, Underlying>.Empty)
    {
        if (reportCurrency.Code is null)
        {
            Guard.ThrowArgument("Report currency must be initialised.", nameof(reportCurrency));
        }

        if (!Enum.IsDefined(dayCount))
        {
            throw new ArgumentOutOfRangeException(nameof(dayCount), dayCount, "Unknown day count convention.");
        }
    }

    private MarketSnapshot(DateTimeOffset valuationTime, Currency reportCurrency, DayCount dayCount,
        ImmutableDictionary<string, double> spots, ImmutableDictionary<(string, DateTimeOffset), double> forwards,
        ImmutableDictionary<string, VolSurface> vols, ImmutableDictionary<Currency, double> rates,
        ImmutableDictionary<Currency, double> fx, ImmutableDictionary<string, Underlying> underlyings)
    {
        ValuationTime = valuationTime;
        ReportCurrency = reportCurrency;
        DayCount = dayCount;
        _spots = spots;
        _forwards = forwards;
        _vols = vols;
        _rates = rates;
        _fx = fx;
        _underlyings = underlyings;
    }

    /// <summary>The valuation instant.</summary>
    public DateTimeOffset ValuationTime { get; }

    /// <summary>The currency results are reported in.</summary>
    public Currency ReportCurrency { get; }

    /// <summary>Year-fraction convention.</summary>
    public DayCount DayCount { get; }

    /// <summary>Underlyings that have a spot set, by symbol.</summary>
    public IReadOnlyDictionary<string, Underlying> Underlyings => _underlyings;

    private MarketSnapshot With(
        ImmutableDictionary<string, double>? spots = null, ImmutableDictionary<(string, DateTimeOffset), double>? forwards = null,
        ImmutableDictionary<string, VolSurface>? vols = null, ImmutableDictionary<Currency, double>? rates = null,
        ImmutableDictionary<Currency, double>? fx = null, ImmutableDictionary<string, Underlying>? underlyings = null) =>
        new(ValuationTime, ReportCurrency, DayCount, spots ?? _spots, forwards ?? _forwards, vols ?? _vols, rates ?? _rates, fx ?? _fx, underlyings ?? _underlyings);

    /// <summary>
    /// The same market data seen from another valuation instant (e.g. a stress scenario's look-ahead): a copy whose
    /// <see cref="ValuationTime"/> is <paramref name="valuationTime"/>, everything else unchanged.
    /// </summary>
    /// <remarks>
    /// What moves with the valuation time follows from how each item is keyed. Spots, discount rates (one flat rate per
    /// currency) and conversion rates do not depend on time. Forwards are keyed by expiry date, so each expiry keeps its
    /// forward. Vol surfaces are keyed by expiry date too (sticky expiry): a flat surface and the vols at listed expiries
    /// are unchanged, but between two listed expiries the total-variance interpolation is redone with year fractions
    /// from the new instant (and a listed expiry already past it gives way to the next one), so an option between
    /// pillars may get a different vol. Times to expiry shrink (or grow) by the shift; an instrument that expires
    /// before the new instant is refused when a portfolio is resolved against the copy
    /// (<see cref="Portfolios.ResolvedPortfolio.Resolve"/>). Any instant is accepted, as in the constructor.
    /// </remarks>
    /// <param name="valuationTime">The new valuation instant (later for a look-ahead, earlier for a look-back).</param>
    /// <returns>A new snapshot; this one is unchanged.</returns>
    public MarketSnapshot WithValuationTime(DateTimeOffset valuationTime) =>
        new(valuationTime, ReportCurrency, DayCount, _spots, _forwards, _vols, _rates, _fx, _underlyings);

    /// <summary>Sets the spot price of an underlying (quote currency per unit).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The price is not finite and &gt; 0.</exception>
    public MarketSnapshot WithSpot(Underlying underlying, double spot)
    {
        ArgumentNullException.ThrowIfNull(underlying);
        Guard.Positive(spot, $"Spot price of '{underlying.Symbol}'");
        if (_underlyings.TryGetValue(underlying.Symbol, out Underlying? known) && known != underlying)
        {
            Guard.ThrowArgument($"Underlying symbol '{underlying.Symbol}' is already used by a different underlying ({known.BaseCurrency}/{known.QuoteCurrency}).", nameof(underlying));
        }

        return With(spots: _spots.SetItem(underlying.Symbol, spot), underlyings: _underlyings.SetItem(underlying.Symbol, underlying));
    }

    /// <summary>Sets the forward price of an underlying for one expiry (used by futures and options of that expiry).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The price is not finite and &gt; 0.</exception>
    public MarketSnapshot WithForward(Underlying underlying, DateTimeOffset expiry, double forward)
    {
        ArgumentNullException.ThrowIfNull(underlying);
        Guard.Positive(forward, $"Forward price of '{underlying.Symbol}' for expiry {expiry:yyyy-MM-dd}");
        return With(forwards: _forwards.SetItem((underlying.Symbol, expiry), forward));
    }

    /// <summary>Sets the implied-vol surface of an underlying.</summary>
    public MarketSnapshot WithVolSurface(Underlying underlying, VolSurface surface)
    {
        ArgumentNullException.ThrowIfNull(underlying);
        ArgumentNullException.ThrowIfNull(surface);
        return With(vols: _vols.SetItem(underlying.Symbol, surface));
    }

    /// <summary>Sets the continuously-compounded annual discount rate of a currency (options are discounted at their quote currency's rate).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not finite or outside [−1, 1].</exception>
    public MarketSnapshot WithRate(Currency currency, double rate)
    {
        Guard.Finite(rate, $"Discount rate of {currency}");
        if (Math.Abs(rate) > 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"Discount rate of {currency} must be within [-1, 1] (continuously compounded, per year), got {Guard.Format(rate)}.");
        }

        return With(rates: _rates.SetItem(currency, rate));
    }

    /// <summary>Sets the conversion rate: one unit of <paramref name="currency"/> is worth <paramref name="rateToReport"/> units of the report currency.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not finite and &gt; 0.</exception>
    public MarketSnapshot WithFxRate(Currency currency, double rateToReport)
    {
        Guard.Positive(rateToReport, $"Conversion rate {currency}->{ReportCurrency}");
        return With(fx: _fx.SetItem(currency, rateToReport));
    }

    /// <summary>Year fraction from the valuation time to <paramref name="time"/> under <see cref="DayCount"/>.</summary>
    public double YearFraction(DateTimeOffset time) => DayCount.YearFraction(ValuationTime, time);

    /// <summary>Spot price of an underlying.</summary>
    /// <param name="underlying">The underlying.</param>
    /// <param name="forItem">The instrument name to cite in the error (default: the underlying's symbol).</param>
    /// <exception cref="MissingMarketDataException">No spot is set.</exception>
    public double Spot(Underlying underlying, string? forItem = null)
    {
        ArgumentNullException.ThrowIfNull(underlying);
        return _spots.TryGetValue(underlying.Symbol, out double s)
            ? s
            : throw new MissingMarketDataException(forItem ?? underlying.Symbol, $"spot price of underlying '{underlying.Symbol}'");
    }

    /// <summary>True when a spot is set for the underlying.</summary>
    public bool HasSpot(Underlying underlying) => _spots.ContainsKey(Guard.NotNull(underlying).Symbol);

    /// <summary>Forward price of an underlying for an expiry.</summary>
    /// <exception cref="MissingMarketDataException">No forward is set for that expiry.</exception>
    public double Forward(Underlying underlying, DateTimeOffset expiry, string? forItem = null)
    {
        ArgumentNullException.ThrowIfNull(underlying);
        return _forwards.TryGetValue((underlying.Symbol, expiry), out double f)
            ? f
            : throw new MissingMarketDataException(forItem ?? underlying.Symbol,
                $"forward price of '{underlying.Symbol}' for expiry {expiry.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}");
    }

    /// <summary>Implied vol for an option.</summary>
    /// <exception cref="MissingMarketDataException">No vol surface is set for the option's underlying.</exception>
    public double Volatility(EuropeanOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return _vols.TryGetValue(option.Underlying.Symbol, out VolSurface? surface)
            ? surface.Volatility(option.ExpiryTime, option.Strike, ValuationTime, DayCount)
            : throw new MissingMarketDataException(option.Name, $"implied volatility (no vol surface for underlying '{option.Underlying.Symbol}')");
    }

    /// <summary>Discount rate of a currency.</summary>
    /// <exception cref="MissingMarketDataException">No rate is set for the currency.</exception>
    public double Rate(Currency currency, string? forItem = null) =>
        _rates.TryGetValue(currency, out double r)
            ? r
            : throw new MissingMarketDataException(forItem ?? currency.Code, $"discount rate for currency {currency}");

    /// <summary>Value in the report currency of one unit of <paramref name="currency"/>.</summary>
    /// <exception cref="MissingMarketDataException">No explicit rate and no underlying quoting that coin in the report currency.</exception>
    public double FxToReport(Currency currency, string? forItem = null)
    {
        if (currency == ReportCurrency)
        {
            return 1.0;
        }

        if (_fx.TryGetValue(currency, out double rate))
        {
            return rate;
        }

        foreach (KeyValuePair<string, Underlying> kv in _underlyings)
        {
            if (kv.Value.BaseCurrency == currency && kv.Value.QuoteCurrency == ReportCurrency)
            {
                return _spots[kv.Key];
            }
        }

        throw new MissingMarketDataException(forItem ?? currency.Code, $"conversion rate {currency}->{ReportCurrency}");
    }
}
