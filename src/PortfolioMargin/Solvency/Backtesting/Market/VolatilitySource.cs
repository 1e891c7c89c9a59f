using System.Collections.Frozen;
using System.Globalization;

namespace PortfolioMargin.Solvency;

/// <summary>How a <see cref="HistoricalMarket"/> obtains the implied vol of each underlying on each date. Immutable.</summary>
public sealed class VolatilitySource
{
    private readonly FrozenDictionary<string, double>? _constant;
    private readonly FrozenDictionary<string, FrozenDictionary<DateOnly, double>>? _history;

    private VolatilitySource(double lambda, int seedDays, FrozenDictionary<string, double>? constant,
        FrozenDictionary<string, FrozenDictionary<DateOnly, double>>? history, string description)
    {
        Lambda = lambda;
        SeedDays = seedDays;
        _constant = constant;
        _history = history;
        Description = description;
    }

    /// <summary>
    /// EWMA of the same history (used when no vol history is given): daily variance of relative close-to-close returns
    /// <c>σ²_t = λσ²_{t−1} + (1 − λ)r_t²</c> (mean not subtracted, RiskMetrics), started on the <paramref name="seedDays"/>-th
    /// return at the mean square of the first <paramref name="seedDays"/> returns; the vol on date t uses the returns up
    /// to and including t and is annualised by <c>√daysPerYear</c>. Dates before the seed is complete have no vol.
    /// </summary>
    /// <param name="lambda">Decay in (0, 1); default 0.94 (RiskMetrics daily).</param>
    /// <param name="seedDays">Returns in the seed, ≥ 2; default 30.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentOutOfRangeException">λ or the seed is out of range.</exception>
    public static VolatilitySource Ewma(double lambda = 0.94, int seedDays = 30)
    {
        if (!(lambda > 0 && lambda < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "EWMA lambda must be in (0, 1), e.g. 0.94.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(seedDays, 2);
        return new VolatilitySource(lambda, seedDays, null, null, string.Create(CultureInfo.InvariantCulture,
            $"EWMA of the same history (no vol history given): lambda {lambda:G4} on daily close-to-close returns, seeded with the mean square of the first {seedDays} returns, annualised by sqrt(days per year)"));
    }

    /// <summary>A constant annual implied vol per underlying symbol on every date.</summary>
    /// <param name="annualVols">Vol by symbol, each finite in (0, 100].</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentException">A blank symbol or a vol out of range (named).</exception>
    public static VolatilitySource Constant(IReadOnlyDictionary<string, double> annualVols)
    {
        ArgumentNullException.ThrowIfNull(annualVols);
        foreach (var kv in annualVols)
        {
            CheckVol(kv.Key, null, kv.Value);
        }

        return new VolatilitySource(0, 0, annualVols.ToFrozenDictionary(StringComparer.Ordinal), null,
            "constant: " + string.Join(", ", annualVols.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Key} {k.Value:P1}"))));
    }

    /// <summary>A given history of annual implied vols per symbol and date (e.g. an exchange's ATM vol index).</summary>
    /// <param name="annualVols">Per symbol, vol by date, each finite in (0, 100]. A date the back-test needs and the history lacks is an error naming it.</param>
    /// <param name="name">Where the vols come from, for the report (e.g. <c>DVOL</c>).</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentException">A blank symbol or a vol out of range (named with its date).</exception>
    public static VolatilitySource History(IReadOnlyDictionary<string, IReadOnlyDictionary<DateOnly, double>> annualVols, string name)
    {
        ArgumentNullException.ThrowIfNull(annualVols);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        foreach (var s in annualVols)
        {
            ArgumentNullException.ThrowIfNull(s.Value, nameof(annualVols));
            foreach (var d in s.Value)
            {
                CheckVol(s.Key, d.Key, d.Value);
            }
        }

        return new VolatilitySource(0, 0, null,
            annualVols.ToFrozenDictionary(s => s.Key, s => s.Value.ToFrozenDictionary(), StringComparer.Ordinal), $"given vol history '{name}'");
    }

    /// <summary>EWMA decay (0 for the other sources).</summary>
    public double Lambda { get; }

    /// <summary>EWMA seed length in returns (0 for the other sources).</summary>
    public int SeedDays { get; }

    /// <summary>True for <see cref="Ewma"/>.</summary>
    public bool IsEwma => _constant is null && _history is null;

    /// <summary>What the vols are, as stated in back-test reports.</summary>
    public string Description { get; }

    /// <summary>The given vol (constant or history) of <paramref name="symbol"/> on <paramref name="date"/>.</summary>
    internal double Given(string symbol, DateOnly date)
    {
        if (_constant is not null)
        {
            return _constant.TryGetValue(symbol, out double v) ? v
                : throw new MarketData.MissingMarketDataException(symbol, "constant implied vol (the volatility source has none for this symbol)");
        }

        return _history!.TryGetValue(symbol, out var byDate) && byDate.TryGetValue(date, out double x) ? x
            : throw new MarketData.MissingMarketDataException(symbol, $"implied vol on {date:yyyy-MM-dd} (the given vol history has none)");
    }

    private static void CheckVol(string symbol, DateOnly? date, double vol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        if (!(vol > 0 && vol <= 100) || !double.IsFinite(vol))
        {
            Guard.ThrowArgument(string.Create(CultureInfo.InvariantCulture,
                $"Implied vol of '{symbol}'{(date is { } d ? $" on {d:yyyy-MM-dd}" : "")} must be finite in (0, 100] (a fraction, e.g. 0.6), got {vol:R}."), "annualVols");
        }
    }
}
