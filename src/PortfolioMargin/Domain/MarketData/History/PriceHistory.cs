using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.MarketData;

/// <summary>
/// Several daily price series joined by date: the dates on which every series has a bar (ascending), the closes of each
/// series on those dates, and the gaps of the joined calendar. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para><b>Join rule.</b> <see cref="Dates"/> are the dates on which every series has a bar, from the latest first date
/// to the earliest last date. A day of the calendar in that range on which some series has no source price is a
/// <see cref="Gaps">gap</see>: absent from <see cref="Dates"/> when a series lacks it, in <see cref="Dates"/> with
/// <see cref="PriceGap.Filled"/> true when every series has a bar but one was filled forward.</para>
/// <para><b>Returns across a gap.</b> <see cref="RelativeReturns"/> takes consecutive entries of <see cref="Dates"/>: a
/// return that spans a missing day is one observation covering two (or more) calendar days. The back-test's own rule
/// for windows that end on a missing day is in <c>MarginBacktest</c>.</para>
/// </remarks>
public sealed class PriceHistory
{
    private readonly FrozenDictionary<string, double[]> _closes;
    private readonly DateOnly[] _dates;

    private PriceHistory(ImmutableArray<PriceSeries> series, DateOnly[] dates, FrozenDictionary<string, double[]> closes, ImmutableArray<PriceGap> gaps)
    {
        Series = series;
        Symbols = [.. series.Select(s => s.Symbol)];
        _dates = dates;
        Dates = [.. dates];
        _closes = closes;
        Gaps = gaps;
    }

    /// <summary>Joins series by date (see the remarks).</summary>
    /// <param name="series">One series per underlying; symbols unique, one calendar.</param>
    /// <returns>The joined history.</returns>
    /// <exception cref="ArgumentException">No series, a duplicated symbol, calendars that differ, or no date common to every series.</exception>
    public static PriceHistory Join(params IEnumerable<PriceSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        ImmutableArray<PriceSeries> list = [.. series];
        if (list.IsEmpty)
        {
            Guard.ThrowArgument("A price history needs at least one series.", nameof(series));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (PriceSeries s in list)
        {
            ArgumentNullException.ThrowIfNull(s, nameof(series));
            if (!seen.Add(s.Symbol))
            {
                Guard.ThrowArgument($"Price history: the symbol '{s.Symbol}' is given twice.", nameof(series));
            }

            if (s.Calendar != list[0].Calendar)
            {
                Guard.ThrowArgument($"Price history: series '{s.Symbol}' uses the {s.Calendar} calendar, '{list[0].Symbol}' the {list[0].Calendar} calendar.", nameof(series));
            }
        }

        DateOnly first = list.Max(s => s.First), last = list.Min(s => s.Last);
        HistoryCalendar calendar = list[0].Calendar;
        var dates = new List<DateOnly>();
        var gaps = ImmutableArray.CreateBuilder<PriceGap>();
        var filled = list.Select(s => s.Gaps.Where(g => g.Filled).Select(g => g.Date).ToHashSet()).ToArray();
        for (DateOnly d = first; d <= last; d = HistoryCalendars.Next(calendar, d))
        {
            var lacking = new List<string>();
            bool everyBar = true;
            for (int k = 0; k < list.Length; k++)
            {
                bool bar = list[k].IndexOf(d) >= 0;
                everyBar &= bar;
                if (!bar || filled[k].Contains(d))
                {
                    lacking.Add(list[k].Symbol);
                }
            }

            if (everyBar)
            {
                dates.Add(d);
            }

            if (lacking.Count > 0)
            {
                gaps.Add(new PriceGap(d, [.. lacking.Order(StringComparer.Ordinal)], everyBar));
            }
        }

        if (dates.Count == 0)
        {
            Guard.ThrowArgument(string.Create(CultureInfo.InvariantCulture,
                $"Price history: the series have no date in common ({string.Join(", ", list.Select(s => $"{s.Symbol} {PriceSeries.Text(s.First)}..{PriceSeries.Text(s.Last)}"))})."), nameof(series));
        }

        var closes = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (PriceSeries s in list)
        {
            closes[s.Symbol] = [.. dates.Select(d => s.Bars[s.IndexOf(d)].Close)];
        }

        return new PriceHistory(list, [.. dates], closes.ToFrozenDictionary(StringComparer.Ordinal), gaps.ToImmutable());
    }

    /// <summary>The joined series, in input order.</summary>
    public ImmutableArray<PriceSeries> Series { get; }

    /// <summary>Underlying symbols, in input order.</summary>
    public ImmutableArray<string> Symbols { get; }

    /// <summary>Dates on which every series has a bar, ascending.</summary>
    public ImmutableArray<DateOnly> Dates { get; }

    /// <summary>Days of the calendar between the first and last date on which some series has no source price (see the remarks).</summary>
    public ImmutableArray<PriceGap> Gaps { get; }

    /// <summary>Number of dates.</summary>
    public int Count => _dates.Length;

    /// <summary>True when the history has a series for <paramref name="symbol"/>.</summary>
    /// <param name="symbol">Underlying symbol.</param>
    /// <returns>True when present.</returns>
    public bool Contains(string symbol) => _closes.ContainsKey(symbol);

    /// <summary>The closes of <paramref name="symbol"/> on <see cref="Dates"/>.</summary>
    /// <param name="symbol">Underlying symbol.</param>
    /// <returns>One close per date.</returns>
    /// <exception cref="MissingMarketDataException">The history has no such series.</exception>
    public ReadOnlySpan<double> Closes(string symbol) => CloseArray(symbol);

    /// <summary>The close of <paramref name="symbol"/> on <c>Dates[index]</c>.</summary>
    /// <param name="symbol">Underlying symbol.</param>
    /// <param name="index">Index into <see cref="Dates"/>.</param>
    /// <returns>The close.</returns>
    /// <exception cref="MissingMarketDataException">The history has no such series.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the dates.</exception>
    public double Close(string symbol, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return CloseArray(symbol)[index];
    }

    /// <summary>Index of <paramref name="date"/> in <see cref="Dates"/>, or −1.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The index or −1.</returns>
    public int IndexOf(DateOnly date)
    {
        int i = Array.BinarySearch(_dates, date);
        return i >= 0 ? i : -1;
    }

    /// <summary>
    /// The <paramref name="count"/> relative returns <c>close_t / close_{t−1} − 1</c> ending at <c>Dates[endIndex]</c>,
    /// oldest first, one column per symbol (consecutive dates; a return across a gap is one observation).
    /// </summary>
    /// <param name="symbols">Columns.</param>
    /// <param name="endIndex">Index of the last return's date; at least <paramref name="count"/>.</param>
    /// <param name="count">Number of returns, ≥ 1.</param>
    /// <returns>A <c>count × symbols</c> matrix.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The window does not fit in the history.</exception>
    /// <exception cref="MissingMarketDataException">A symbol has no series.</exception>
    public double[,] RelativeReturns(IReadOnlyList<string> symbols, int endIndex, int count)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (count < 1 || endIndex >= Count || endIndex - count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, string.Create(CultureInfo.InvariantCulture,
                $"A window of {count} returns ending at index {endIndex} needs indices {endIndex - count}..{endIndex} within 0..{Count - 1}."));
        }

        var r = new double[count, symbols.Count];
        for (int k = 0; k < symbols.Count; k++)
        {
            double[] c = CloseArray(symbols[k]);
            for (int t = 0; t < count; t++)
            {
                int i = endIndex - count + 1 + t;
                r[t, k] = (c[i] / c[i - 1]) - 1;
            }
        }

        return r;
    }

    /// <summary>Symbols, date range and gap count.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{string.Join("/", Symbols)}: {Count} dates {PriceSeries.Text(_dates[0])}..{PriceSeries.Text(_dates[^1])}, {Gaps.Length} gaps");

    private double[] CloseArray(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return _closes.TryGetValue(symbol, out double[]? c) ? c : throw new MissingMarketDataException(symbol, "price history (no series for this symbol)");
    }
}
