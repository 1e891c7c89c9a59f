using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.MarketData;

/// <summary>
/// The daily prices of one underlying: bars in strictly ascending date order, the days of the calendar the source
/// lacks (<see cref="Gaps"/>, filled or not) and how duplicated dates were resolved. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Validation: at least one bar; dates strictly ascending and on the calendar; close finite and &gt; 0; open, high and
/// low (when given) finite and &gt; 0 with <c>low ≤ open, close ≤ high</c> (no tolerance); volume finite and ≥ 0. The
/// readers (<c>PriceHistoryCsv</c>) resolve or refuse duplicates and gaps before building a series.
/// </remarks>
public sealed class PriceSeries
{
    private readonly DateOnly[] _dates;

    /// <summary>Creates a series.</summary>
    /// <param name="symbol">Underlying symbol; not blank.</param>
    /// <param name="bars">The bars, dates strictly ascending.</param>
    /// <param name="calendar">The days a price is expected on; default every day.</param>
    /// <param name="filled">Dates of <paramref name="bars"/> that were filled forward rather than read from the source (reported as gaps); null for none.</param>
    /// <param name="duplicates">How duplicated source dates were resolved; null for none.</param>
    /// <exception cref="ArgumentException">A bar breaks a rule above (named by date and field), a filled date has no bar, or no bars.</exception>
    public PriceSeries(string symbol, IEnumerable<DailyBar> bars, HistoryCalendar calendar = HistoryCalendar.EveryDay,
        IEnumerable<DateOnly>? filled = null, IEnumerable<DuplicateResolution>? duplicates = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        ArgumentNullException.ThrowIfNull(bars);
        if (!Enum.IsDefined(calendar))
        {
            throw new ArgumentOutOfRangeException(nameof(calendar), calendar, "Unknown history calendar.");
        }

        ImmutableArray<DailyBar> list = [.. bars];
        if (list.IsEmpty)
        {
            Guard.ThrowArgument($"Price series '{symbol}' has no bars.", nameof(bars));
        }

        for (int i = 0; i < list.Length; i++)
        {
            Check(symbol, calendar, list[i], i == 0 ? null : list[i - 1].Date);
        }

        Symbol = symbol;
        Bars = list;
        Calendar = calendar;
        _dates = [.. list.Select(b => b.Date)];
        var filledSet = new SortedSet<DateOnly>(filled ?? []);
        foreach (DateOnly d in filledSet)
        {
            if (Array.BinarySearch(_dates, d) < 0)
            {
                Guard.ThrowArgument($"Price series '{symbol}': filled date {Text(d)} has no bar.", nameof(filled));
            }
        }

        Gaps = FindGaps(symbol, calendar, _dates, filledSet);
        Duplicates = [.. duplicates ?? []];
    }

    /// <summary>Underlying symbol.</summary>
    public string Symbol { get; }

    /// <summary>The bars, dates strictly ascending (filled days included).</summary>
    public ImmutableArray<DailyBar> Bars { get; }

    /// <summary>The days a price is expected on.</summary>
    public HistoryCalendar Calendar { get; }

    /// <summary>Days of the calendar between the first and last bar without a source price: absent (<see cref="PriceGap.Filled"/> false) or filled forward (true); ascending.</summary>
    public ImmutableArray<PriceGap> Gaps { get; }

    /// <summary>Duplicated source dates and the rule that resolved each (empty when the source had none).</summary>
    public ImmutableArray<DuplicateResolution> Duplicates { get; }

    /// <summary>First date.</summary>
    public DateOnly First => _dates[0];

    /// <summary>Last date.</summary>
    public DateOnly Last => _dates[^1];

    /// <summary>Index of the bar on <paramref name="date"/>, or −1.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The index or −1.</returns>
    public int IndexOf(DateOnly date)
    {
        int i = Array.BinarySearch(_dates, date);
        return i >= 0 ? i : -1;
    }

    /// <summary>Symbol, date range, bar and gap counts.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Symbol}: {Bars.Length} bars {Text(First)}..{Text(Last)}, {Gaps.Length} gaps, {Duplicates.Length} duplicates resolved");

    internal static string Text(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Checks one bar (and its order after <paramref name="previous"/>); the reader calls it per row to name the line.</summary>
    internal static void Check(string symbol, HistoryCalendar calendar, DailyBar b, DateOnly? previous)
    {
        string at = $"Price series '{symbol}' on {Text(b.Date)}";
        if (previous is { } p && b.Date <= p)
        {
            Guard.ThrowArgument($"{at}: dates must be strictly ascending, but it follows {Text(p)}.", "bars");
        }

        if (!HistoryCalendars.IsOn(calendar, b.Date))
        {
            Guard.ThrowArgument($"{at}: {b.Date.DayOfWeek} is not a day of the {calendar} calendar.", "bars");
        }

        Price(at, "close", b.Close);
        if (b.Open is { } o)
        {
            Price(at, "open", o);
        }

        if (b.High is { } h)
        {
            Price(at, "high", h);
        }

        if (b.Low is { } l)
        {
            Price(at, "low", l);
        }

        if (b.Volume is { } v && !(v >= 0 && double.IsFinite(v)))
        {
            Guard.ThrowArgument($"{at}: volume must be a finite number >= 0, got {Guard.Format(v)}.", "bars");
        }

        double hi = b.High ?? double.PositiveInfinity, lo = b.Low ?? 0;
        foreach ((string name, double? x) in new[] { ("open", b.Open), ("close", (double?)b.Close), ("low", b.Low), ("high", b.High) })
        {
            if (x is { } value && (value > hi || value < lo))
            {
                Guard.ThrowArgument(string.Create(CultureInfo.InvariantCulture,
                    $"{at}: {name} {value:R} is outside [low, high] = [{b.Low:R}, {b.High:R}]."), "bars");
            }
        }
    }

    private static void Price(string at, string field, double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            Guard.ThrowArgument($"{at}: {field} must be a finite price > 0, got {Guard.Format(value)}.", "bars");
        }
    }

    private static ImmutableArray<PriceGap> FindGaps(string symbol, HistoryCalendar calendar, DateOnly[] dates, SortedSet<DateOnly> filled)
    {
        var gaps = ImmutableArray.CreateBuilder<PriceGap>();
        ImmutableArray<string> who = [symbol];
        for (int i = 1; i < dates.Length; i++)
        {
            for (DateOnly d = HistoryCalendars.Next(calendar, dates[i - 1]); d < dates[i]; d = HistoryCalendars.Next(calendar, d))
            {
                gaps.Add(new PriceGap(d, who, false));
            }

            if (filled.Contains(dates[i]))
            {
                gaps.Add(new PriceGap(dates[i], who, true));
            }
        }

        if (filled.Contains(dates[0]))
        {
            gaps.Insert(0, new PriceGap(dates[0], who, true));
        }

        return gaps.ToImmutable();
    }
}

/// <summary>Day arithmetic of a <see cref="HistoryCalendar"/>.</summary>
internal static class HistoryCalendars
{
    /// <summary>True when <paramref name="date"/> is a day of the calendar.</summary>
    public static bool IsOn(HistoryCalendar calendar, DateOnly date) =>
        calendar == HistoryCalendar.EveryDay || date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The next day of the calendar after <paramref name="date"/>.</summary>
    public static DateOnly Next(HistoryCalendar calendar, DateOnly date)
    {
        DateOnly d = date.AddDays(1);
        while (!IsOn(calendar, d))
        {
            d = d.AddDays(1);
        }

        return d;
    }
}
