using System.Collections.Immutable;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>Period-code comparison shared by tiers and spot rates.</summary>
internal static class SpanPeriods
{
    /// <summary>Compares a contract period with a tier bound on the bound's length; a null bound is open (returns 0).</summary>
    public static int Compare(string period, string? bound)
    {
        if (string.IsNullOrEmpty(bound))
        {
            return 0;
        }

        int n = Math.Min(bound.Length, period.Length);
        return string.CompareOrdinal(period, 0, bound, 0, n) switch
        {
            < 0 => -1,
            > 0 => 1,
            _ => 0,
        };
    }

    /// <summary>Whether <paramref name="period"/> lies in a spot period (same prefix on the spot code's length).</summary>
    public static bool Matches(string period, string spot) => Compare(period, spot) == 0;

    /// <summary>
    /// The expiry a period code stands for, at 00:00 UTC: the date of a <c>YYYYMMDD</c> code, the last day of the month of a
    /// <c>YYYYMM</c> code.
    /// </summary>
    /// <exception cref="ArgumentException">The code is neither form (names it).</exception>
    public static DateTimeOffset Expiry(string period)
    {
        if (period.Length == 8 && DateTime.TryParseExact(period, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out DateTime day))
        {
            return new DateTimeOffset(day, TimeSpan.Zero);
        }

        if (period.Length == 6 && DateTime.TryParseExact(period, "yyyyMM", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out DateTime month))
        {
            return new DateTimeOffset(month.AddMonths(1).AddDays(-1), TimeSpan.Zero);
        }

        throw new ArgumentException($"Period code '{period}' is neither YYYYMMDD nor YYYYMM.", nameof(period));
    }
}
