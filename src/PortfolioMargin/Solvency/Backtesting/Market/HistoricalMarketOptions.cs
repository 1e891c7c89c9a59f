namespace PortfolioMargin.Solvency;

/// <summary>How a <see cref="HistoricalMarket"/> turns closes into snapshots. Immutable.</summary>
public sealed record HistoricalMarketOptions
{
    /// <summary>EWMA vols, zero rates and carry, report currency = the first underlying's quote currency, valuation at 00:00 UTC of each date.</summary>
    public static HistoricalMarketOptions Default { get; } = new();

    /// <summary>Implied vols; default <see cref="VolatilitySource.Ewma"/> of the same history.</summary>
    public VolatilitySource Volatility { get; init; } = VolatilitySource.Ewma();

    /// <summary>Report currency; null for the quote currency of the first underlying.</summary>
    public Currency? ReportCurrency { get; init; }

    /// <summary>Continuously compounded rate of every quote currency and the report currency, in [−1, 1]; default 0.</summary>
    public double Rate { get; init; }

    /// <summary>Annual carry <c>b</c>: the forward of an expiry <c>T</c> years ahead is <c>S·e^{bT}</c>; in [−1, 1]; default 0 (forward = spot, no basis history).</summary>
    public double Carry { get; init; }

    /// <summary>Days per year for annualising vols; default 365 (crypto).</summary>
    public double DaysPerYear { get; init; } = 365;

    /// <summary>Time of day (UTC) at which each date is valued; default 00:00.</summary>
    public TimeSpan ValuationTimeOfDay { get; init; } = TimeSpan.Zero;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Volatility);
        if (!(Rate >= -1 && Rate <= 1) || !(Carry >= -1 && Carry <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Rate), $"Rate and carry must be in [-1, 1], got {Rate} and {Carry}.");
        }

        if (!(DaysPerYear >= 1 && DaysPerYear <= 366))
        {
            throw new ArgumentOutOfRangeException(nameof(DaysPerYear), DaysPerYear, "Days per year must be in [1, 366].");
        }

        if (ValuationTimeOfDay < TimeSpan.Zero || ValuationTimeOfDay >= TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(ValuationTimeOfDay), ValuationTimeOfDay, "Valuation time of day must be in [00:00, 24:00).");
        }
    }
}
