using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using PortfolioMargin.MarketData;

namespace PortfolioMargin.Serialization;

/// <summary>
/// Reads daily price history from CSV files in the layout of Yahoo Finance downloads (the bundled
/// <c>BTC-USD.csv</c>, <c>ETH-USD.csv</c>): a header, then one row per day with <c>Date</c> (<c>yyyy-MM-dd</c>) and
/// the close; <c>Open</c>, <c>High</c>, <c>Low</c> and <c>Volume</c> are read when present, other columns (e.g.
/// <c>Adj Close</c>) are ignored. Several files are joined by date (<see cref="PriceHistory.Join"/>). Stateless and
/// thread-safe.
/// </summary>
/// <remarks>
/// <para>Rows must be in ascending date order. A date on several rows is refused with its lines unless an opt-in
/// <see cref="DuplicateDateRule"/> resolves it (recorded in <see cref="PriceSeries.Duplicates"/>). A day of the
/// calendar without a row is handled by the <see cref="GapRule"/>: reported (default), refused, or filled forward
/// (<see cref="PriceSeries.Gaps"/> lists it either way).</para>
/// <para>Every value is checked as <see cref="PriceSeries"/> checks it (finite positive prices, <c>low ≤ open, close ≤ high</c>,
/// volume ≥ 0); a bad or missing value (Yahoo writes <c>null</c>) is a <see cref="MarginFileException"/> naming the
/// file, line and column. Quoted fields are not part of this format and are refused.</para>
/// </remarks>
public static class PriceHistoryCsv
{
    private const string Title = "Price history CSV";

    /// <summary>Reads one underlying's series.</summary>
    /// <param name="symbol">The underlying symbol the file prices.</param>
    /// <param name="reader">The text (not disposed).</param>
    /// <param name="options">Rules and limits; null for <see cref="PriceHistoryCsvOptions.Default"/>.</param>
    /// <param name="source">Name of the file for messages (e.g. <c>BTC-USD.csv</c>); null for none.</param>
    /// <returns>The series.</returns>
    /// <exception cref="MarginFileException">Bad header, row, value, order, a refused duplicate or gap, or a limit exceeded (names the line and column).</exception>
    public static PriceSeries ReadSeries(string symbol, TextReader reader, PriceHistoryCsvOptions? options = null, string? source = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        ArgumentNullException.ThrowIfNull(reader);
        options ??= PriceHistoryCsvOptions.Default;
        options.Validate();
        string document = source is null ? $"{Title} ({symbol})" : $"{Title} '{source}' ({symbol})";
        List<Row> rows = ReadRows(symbol, reader, options, document);
        var duplicates = new List<DuplicateResolution>();
        List<Row> unique = Deduplicate(rows, options.Duplicates, document, duplicates);
        var filled = new List<DateOnly>();
        List<DailyBar> bars = ApplyGapRule(unique, options, document, filled);
        return new PriceSeries(symbol, bars, options.Calendar, filled, duplicates);
    }

    /// <summary>Reads one underlying's series from a file.</summary>
    /// <param name="symbol">The underlying symbol the file prices.</param>
    /// <param name="path">The file (UTF-8).</param>
    /// <param name="options">Rules and limits; null for the defaults.</param>
    /// <returns>The series.</returns>
    /// <exception cref="MarginFileException">As <see cref="ReadSeries(string, TextReader, PriceHistoryCsvOptions?, string?)"/>, naming the file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PriceSeries ReadSeries(string symbol, string path, PriceHistoryCsvOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path, Encoding.UTF8);
        return ReadSeries(symbol, reader, options, Path.GetFileName(path));
    }

    /// <summary>Reads one file per underlying and joins them by date (<see cref="PriceHistory.Join"/>).</summary>
    /// <param name="files">File path by underlying symbol, in the order the history lists them.</param>
    /// <param name="options">Rules and limits for every file; null for the defaults.</param>
    /// <returns>The joined history.</returns>
    /// <exception cref="MarginFileException">A file is malformed (named).</exception>
    /// <exception cref="ArgumentException">The files have no date in common.</exception>
    public static PriceHistory Read(IEnumerable<KeyValuePair<string, string>> files, PriceHistoryCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        return PriceHistory.Join(files.Select(f => ReadSeries(f.Key, f.Value, options)));
    }

    private sealed record Row(long Line, DailyBar Bar);

    private sealed record Header(int Date, int Close, int Open, int High, int Low, int Volume, int Count, string[] Names);

    private static List<Row> ReadRows(string symbol, TextReader reader, PriceHistoryCsvOptions options, string document)
    {
        var lines = new LineReader(reader, options, document);
        if (!lines.Next(out string? headerLine, out long headerNumber))
        {
            throw new MarginFileException(document, null, null, null, null, $"the file is empty; expected a header with the columns Date and {options.CloseColumn}.");
        }

        Header header = ReadHeader(headerLine, headerNumber, options, document);
        var rows = new List<Row>();
        while (lines.Next(out string? line, out long number))
        {
            if (rows.Count >= options.MaxRows)
            {
                throw new MarginFileException(document, null, number, null, null, string.Create(CultureInfo.InvariantCulture,
                    $"more than {options.MaxRows} rows, the limit MaxRows = {options.MaxRows}."));
            }

            string[] f = Split(line, number, document);
            if (f.Length != header.Count)
            {
                throw new MarginFileException(document, null, number, null, Math.Min(f.Length, header.Count), string.Create(CultureInfo.InvariantCulture,
                    $"expected {header.Count} fields as in the header, got {f.Length}."));
            }

            var bar = new DailyBar(ParseDate(f, header, number, document), Number(f, header.Close, header, number, document)!.Value,
                Number(f, header.Open, header, number, document), Number(f, header.High, header, number, document),
                Number(f, header.Low, header, number, document), Number(f, header.Volume, header, number, document));
            try
            {
                PriceSeries.Check(symbol, options.Calendar, bar, null);
            }
            catch (ArgumentException e)
            {
                throw new MarginFileException(document, null, number, null, null, e.Message, e);
            }

            if (rows.Count > 0 && bar.Date < rows[^1].Bar.Date)
            {
                throw new MarginFileException(document, header.Names[header.Date], number, null, header.Date + 1,
                    $"dates must be in ascending order, but {PriceSeries.Text(bar.Date)} follows {PriceSeries.Text(rows[^1].Bar.Date)} (line {rows[^1].Line}).");
            }

            rows.Add(new Row(number, bar));
        }

        if (rows.Count == 0)
        {
            throw new MarginFileException(document, null, headerNumber, null, null, "the file has a header but no rows.");
        }

        return rows;
    }

    private static Header ReadHeader(string line, long number, PriceHistoryCsvOptions options, string document)
    {
        string[] names = [.. Split(line, number, document).Select(n => n.Trim())];
        int Find(string name, bool required)
        {
            int found = -1;
            for (int i = 0; i < names.Length; i++)
            {
                if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
                {
                    if (found >= 0)
                    {
                        throw new MarginFileException(document, names[i], number, null, i + 1, $"the column '{name}' appears twice in the header.");
                    }

                    found = i;
                }
            }

            return found >= 0 || !required ? found
                : throw new MarginFileException(document, null, number, null, null,
                    $"the header has no column '{name}' (columns: {string.Join(", ", names)}); expected Date and {options.CloseColumn}.");
        }

        return new Header(Find("Date", true), Find(options.CloseColumn, true), Find("Open", false), Find("High", false), Find("Low", false),
            Find("Volume", false), names.Length, names);
    }

    private static string[] Split(string line, long number, string document)
    {
        int quote = line.IndexOf('"', StringComparison.Ordinal);
        if (quote >= 0)
        {
            throw new MarginFileException(document, null, number, quote + 1, null, "quoted fields are not part of the price-history format.");
        }

        return line.Split(',');
    }

    private static DateOnly ParseDate(string[] f, Header h, long number, string document)
    {
        string text = f[h.Date].Trim();
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d)
            ? d
            : throw new MarginFileException(document, h.Names[h.Date], number, null, h.Date + 1, $"'{text}' is not a date in the form yyyy-MM-dd.");
    }

    private static double? Number(string[] f, int column, Header h, long number, string document)
    {
        if (column < 0)
        {
            return null;
        }

        string text = f[column].Trim();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x)
            ? x
            : throw new MarginFileException(document, h.Names[column], number, null, column + 1,
                text.Length == 0 || text.Equals("null", StringComparison.OrdinalIgnoreCase)
                    ? $"the value is missing ('{text}'); every row needs a number in every price column."
                    : $"'{text}' is not a finite number.");
    }

    private static List<Row> Deduplicate(List<Row> rows, DuplicateDateRule rule, string document, List<DuplicateResolution> resolved)
    {
        var result = new List<Row>(rows.Count);
        for (int i = 0; i < rows.Count;)
        {
            int j = i + 1;
            while (j < rows.Count && rows[j].Bar.Date == rows[i].Bar.Date)
            {
                j++;
            }

            if (j - i == 1)
            {
                result.Add(rows[i]);
                i = j;
                continue;
            }

            List<Row> group = rows.GetRange(i, j - i);
            string lines = string.Join(", ", group.Select(r => r.Line.ToString(CultureInfo.InvariantCulture)));
            (int keep, string why) = rule switch
            {
                DuplicateDateRule.Refuse => throw new MarginFileException(document, null, group[1].Line, null, null,
                    $"the date {PriceSeries.Text(group[0].Bar.Date)} appears on lines {lines}; refuse it, or opt in to a DuplicateDateRule (KeepFirst, KeepLast, KeepMatchingNextOpen)."),
                DuplicateDateRule.KeepFirst => (0, "keepFirst"),
                DuplicateDateRule.KeepLast => (group.Count - 1, "keepLast"),
                _ => MatchingNextOpen(group, i > 0 ? rows[i - 1] : null, j < rows.Count ? rows[j] : null, document),
            };
            result.Add(group[keep]);
            resolved.Add(new DuplicateResolution(group[0].Bar.Date, group[keep].Line, [.. group.Where((_, k) => k != keep).Select(r => r.Line)], why));
            i = j;
        }

        return result;
    }

    private static (int Keep, string Why) MatchingNextOpen(List<Row> group, Row? previous, Row? next, string document)
    {
        if (group.Any(r => r.Bar.Open is null) || (next?.Bar.Open is null && previous is null))
        {
            throw new MarginFileException(document, null, group[0].Line, null, null,
                $"KeepMatchingNextOpen needs an Open column and a neighbouring row to resolve the duplicated date {PriceSeries.Text(group[0].Bar.Date)}.");
        }

        bool forward = next?.Bar.Open is not null;
        double target = forward ? next!.Bar.Open!.Value : previous!.Bar.Close;
        int best = 0;
        double bestDistance = double.PositiveInfinity;
        for (int k = 0; k < group.Count; k++)
        {
            double d = Math.Abs(Math.Log((forward ? group[k].Bar.Close : group[k].Bar.Open!.Value) / target));
            if (d < bestDistance)
            {
                best = k;
                bestDistance = d;
            }
        }

        string why = forward
            ? string.Create(CultureInfo.InvariantCulture, $"keepMatchingNextOpen: close {group[best].Bar.Close:R} nearest the next open {target:R} (line {next!.Line})")
            : string.Create(CultureInfo.InvariantCulture, $"keepMatchingNextOpen: open {group[best].Bar.Open:R} nearest the previous close {target:R} (line {previous!.Line})");
        return (best, why);
    }

    private static List<DailyBar> ApplyGapRule(List<Row> rows, PriceHistoryCsvOptions options, string document, List<DateOnly> filled)
    {
        var bars = new List<DailyBar>(rows.Count) { rows[0].Bar };
        for (int i = 1; i < rows.Count; i++)
        {
            DailyBar prev = rows[i - 1].Bar;
            for (DateOnly d = HistoryCalendars.Next(options.Calendar, prev.Date); d < rows[i].Bar.Date; d = HistoryCalendars.Next(options.Calendar, d))
            {
                switch (options.Gaps)
                {
                    case GapRule.Refuse:
                        throw new MarginFileException(document, null, rows[i].Line, null, null,
                            $"the day {PriceSeries.Text(d)} ({d.DayOfWeek}) is missing between {PriceSeries.Text(prev.Date)} (line {rows[i - 1].Line}) and {PriceSeries.Text(rows[i].Bar.Date)}; "
                            + "refuse it, or choose GapRule.Report or GapRule.FillForward.");
                    case GapRule.FillForward:
                        bars.Add(new DailyBar(d, prev.Close, prev.Close, prev.Close, prev.Close, prev.Volume is null ? null : 0.0));
                        filled.Add(d);
                        break;
                }
            }

            bars.Add(rows[i].Bar);
        }

        return bars;
    }

    /// <summary>Reads lines with the limits checked while reading (a line is never longer than the limit in memory).</summary>
    private sealed class LineReader(TextReader reader, PriceHistoryCsvOptions options, string document)
    {
        private readonly StringBuilder _line = new();
        private long _number;
        private long _total;

        /// <summary>The next non-blank line and its 1-based number; false at the end.</summary>
        public bool Next(out string line, out long number)
        {
            while (true)
            {
                _line.Clear();
                int c;
                bool any = false;
                while ((c = reader.Read()) >= 0)
                {
                    any = true;
                    if (++_total > options.MaxDocumentChars)
                    {
                        throw new MarginFileException(document, null, _number + 1, null, null, string.Create(CultureInfo.InvariantCulture,
                            $"the file is longer than the limit MaxDocumentChars = {options.MaxDocumentChars} characters."));
                    }

                    if (c == '\n')
                    {
                        break;
                    }

                    if (c != '\r')
                    {
                        if (_line.Length >= options.MaxLineLength)
                        {
                            throw new MarginFileException(document, null, _number + 1, null, null, string.Create(CultureInfo.InvariantCulture,
                                $"the line is longer than the limit MaxLineLength = {options.MaxLineLength} characters."));
                        }

                        _line.Append((char)c);
                    }
                }

                if (!any)
                {
                    line = string.Empty;
                    number = _number;
                    return false;
                }

                _number++;
                if (_line.ToString().Trim().Length > 0)
                {
                    line = _line.ToString().TrimStart('\uFEFF');
                    number = _number;
                    return true;
                }
            }
        }
    }
}
