using System.Globalization;

namespace PortfolioMargin.Solvency;

/// <summary>
/// Procyclicality of a margin series (the CPMI-IOSCO / ESMA measures of how much and how fast margin rises into
/// stress): the peak-to-trough ratio <c>max M / min M</c> over the series, and the largest increase over
/// <see cref="Days"/> calendar days, <c>max_t (M_{t+n} − M_t)</c>, absolute and relative to <c>M_t</c>. Immutable.
/// </summary>
/// <param name="Peak">Largest margin.</param>
/// <param name="PeakDate">Its date (the first if tied).</param>
/// <param name="Trough">Smallest margin.</param>
/// <param name="TroughDate">Its date (the first if tied).</param>
/// <param name="PeakToTrough"><c>Peak / Trough</c>; null when the trough is not &gt; 0 (the ratio is undefined).</param>
/// <param name="Days">The window <c>n</c> of the largest increase, in calendar days.</param>
/// <param name="LargestIncrease">Largest <c>M_{t+n} − M_t</c> over pairs of observations <c>n</c> days apart (0 when no pair rises or none exists).</param>
/// <param name="LargestIncreaseFrom">Start date of that increase; null when none.</param>
/// <param name="LargestRelativeIncrease">Largest <c>M_{t+n}/M_t − 1</c> over pairs with <c>M_t &gt; 0</c> (0 when none rises).</param>
/// <param name="LargestRelativeIncreaseFrom">Start date of that increase; null when none.</param>
public sealed record ProcyclicalityMeasures(double Peak, DateOnly PeakDate, double Trough, DateOnly TroughDate, double? PeakToTrough, int Days,
    double LargestIncrease, DateOnly? LargestIncreaseFrom, double LargestRelativeIncrease, DateOnly? LargestRelativeIncreaseFrom)
{
    /// <summary>The measures of a margin series.</summary>
    /// <param name="observations">Observations in date order (dates strictly ascending); at least one.</param>
    /// <param name="days">Window of the largest increase in calendar days, in [1, 3650]; e.g. 1, 5 or 30.</param>
    /// <returns>The measures.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No observations, or the window is out of range.</exception>
    /// <exception cref="ArgumentException">Dates are not strictly ascending.</exception>
    public static ProcyclicalityMeasures Of(ReadOnlySpan<BacktestObservation> observations, int days)
    {
        if (observations.IsEmpty)
        {
            throw new ArgumentOutOfRangeException(nameof(observations), 0, "Procyclicality measures need at least one observation.");
        }

        if (days is < 1 or > 3650)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, "The increase window must be 1 to 3650 days.");
        }

        int peak = 0, trough = 0;
        var byDate = new Dictionary<DateOnly, int>(observations.Length);
        for (int t = 0; t < observations.Length; t++)
        {
            if (t > 0 && observations[t].Date <= observations[t - 1].Date)
            {
                Guard.ThrowArgument(string.Create(CultureInfo.InvariantCulture,
                    $"Observation dates must be strictly ascending: {observations[t].Date:yyyy-MM-dd} follows {observations[t - 1].Date:yyyy-MM-dd}."), nameof(observations));
            }

            byDate[observations[t].Date] = t;
            peak = observations[t].Margin > observations[peak].Margin ? t : peak;
            trough = observations[t].Margin < observations[trough].Margin ? t : trough;
        }

        double up = 0, rel = 0;
        DateOnly? upFrom = null, relFrom = null;
        for (int t = 0; t < observations.Length; t++)
        {
            if (!byDate.TryGetValue(observations[t].Date.AddDays(days), out int later))
            {
                continue;
            }

            double m0 = observations[t].Margin, m1 = observations[later].Margin;
            if (m1 - m0 > up)
            {
                up = m1 - m0;
                upFrom = observations[t].Date;
            }

            if (m0 > 0 && (m1 / m0) - 1 > rel)
            {
                rel = (m1 / m0) - 1;
                relFrom = observations[t].Date;
            }
        }

        double lo = observations[trough].Margin;
        return new ProcyclicalityMeasures(observations[peak].Margin, observations[peak].Date, lo, observations[trough].Date,
            lo > 0 ? observations[peak].Margin / lo : null, days, up, upFrom, rel, relFrom);
    }
}
