using System.Globalization;
using System.Text;
using FsCheck.Xunit;
using PortfolioMargin.MarketData;
using PortfolioMargin.Serialization;
using PortfolioMargin.Tests.Solvency;
using Xunit;

namespace PortfolioMargin.Tests.Serialization;

/// <summary>
/// The price-history reader on the real BTC/ETH files (five duplicated dates, nine missing dates, see
/// TestData/crypto-daily/README.md) and on small files: duplicate and gap rules, errors naming file, line and column.
/// </summary>
public sealed class PriceHistoryCsvTests
{
    private static readonly DateOnly[] MissingDays =
        [.. new[] { "2016-10-30", "2017-10-29", "2018-10-28", "2019-10-27", "2020-04-16", "2020-10-08", "2020-10-11", "2020-10-12", "2020-10-25" }.Select(D)];

    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static PriceSeries Read(string csv, PriceHistoryCsvOptions? options = null) => PriceHistoryCsv.ReadSeries("BTC", new StringReader(csv), options, "test.csv");

    private static MarginFileException Bad(string csv, PriceHistoryCsvOptions? options = null) => Assert.Throws<MarginFileException>(() => Read(csv, options));

    private const string Header = "Date,High,Low,Open,Close,Volume,Adj Close\n";

    private static string Row(string date, double close, double open = double.NaN) =>
        string.Create(CultureInfo.InvariantCulture, $"{date},{Math.Max(close, double.IsNaN(open) ? close : open) * 1.01},{Math.Min(close, double.IsNaN(open) ? close : open) * 0.99},{(double.IsNaN(open) ? close : open)},{close},1000,{close}\n");

    [Fact]
    public void Real_file_with_the_default_rule_refuses_the_first_duplicated_date_with_both_lines()
    {
        MarginFileException e = Assert.Throws<MarginFileException>(() => CryptoDaily.Series("BTC"));
        Assert.Equal(90, e.LineNumber);
        Assert.Contains("2016-03-27 appears on lines 89, 90", e.Message, StringComparison.Ordinal);
        Assert.Contains("BTC-USD.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keep_matching_next_open_keeps_the_row_that_continues_into_the_next_day_for_each_of_the_five_duplicates()
    {
        PriceSeries btc = CryptoDaily.Series("BTC", CryptoDaily.Options);
        Assert.Equal(1824 - 5, btc.Bars.Length);
        Assert.Equal([90L, 454, 818, 1189, 1552], btc.Duplicates.Select(d => d.KeptLine));
        Assert.Equal([89L, 453, 817, 1188, 1553], btc.Duplicates.Select(d => d.DroppedLines.Single()));
        // 2020-03-29: the first row closes at 6429.84, the next day opens at 6430.61 (the second row closes at 5922.04).
        Assert.Equal(6429.841796875, btc.Bars[btc.IndexOf(D("2020-03-29"))].Close);
        Assert.Contains("nearest the next open 6430.6064453125", btc.Duplicates[^1].Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Keep_first_and_keep_last_pick_by_position()
    {
        PriceSeries first = CryptoDaily.Series("BTC", PriceHistoryCsvOptions.Default with { Duplicates = DuplicateDateRule.KeepFirst });
        PriceSeries last = CryptoDaily.Series("BTC", PriceHistoryCsvOptions.Default with { Duplicates = DuplicateDateRule.KeepLast });
        Assert.Equal(426.7650146484375, first.Bars[first.IndexOf(D("2016-03-27"))].Close);
        Assert.Equal(424.2309875488281, last.Bars[last.IndexOf(D("2016-03-27"))].Close);
        Assert.All(first.Duplicates, d => Assert.Equal("keepFirst", d.Rule));
    }

    [Fact]
    public void The_nine_missing_days_are_reported_as_gaps_and_left_out()
    {
        PriceSeries btc = CryptoDaily.Series("BTC", CryptoDaily.Options);
        Assert.Equal(MissingDays, btc.Gaps.Select(g => g.Date));
        Assert.All(btc.Gaps, g => Assert.False(g.Filled));
        Assert.All(MissingDays, d => Assert.Equal(-1, btc.IndexOf(d)));
    }

    [Fact]
    public void Gap_rule_refuse_names_the_first_missing_day_and_the_line_after_it()
    {
        MarginFileException e = Assert.Throws<MarginFileException>(() => CryptoDaily.Series("BTC", CryptoDaily.Options with { Gaps = GapRule.Refuse }));
        Assert.Contains("2016-10-30 (Sunday) is missing between 2016-10-29", e.Message, StringComparison.Ordinal);
        Assert.Equal(307, e.LineNumber);
    }

    [Fact]
    public void Fill_forward_inserts_each_missing_day_at_the_previous_close_and_still_reports_it()
    {
        PriceSeries btc = CryptoDaily.Series("BTC", CryptoDaily.Options with { Gaps = GapRule.FillForward });
        Assert.Equal(D("2020-12-31").DayNumber - D("2015-12-31").DayNumber + 1, btc.Bars.Length);
        Assert.Equal(MissingDays, btc.Gaps.Select(g => g.Date));
        Assert.All(btc.Gaps, g => Assert.True(g.Filled));
        DailyBar filled = btc.Bars[btc.IndexOf(D("2020-04-16"))], before = btc.Bars[btc.IndexOf(D("2020-04-15"))];
        Assert.Equal(before.Close, filled.Close);
        Assert.Equal(0.0, filled.Volume);
    }

    [Fact]
    public void Joined_history_has_the_dates_both_files_share_and_the_joint_gaps()
    {
        PriceHistory h = CryptoDaily.History;
        Assert.Equal(["BTC", "ETH"], h.Symbols);
        Assert.Equal(1819, h.Count);
        Assert.Equal(MissingDays, h.Gaps.Select(g => g.Date));
        Assert.All(h.Gaps, g => Assert.Equal(["BTC", "ETH"], g.Symbols));
        int i = h.IndexOf(D("2020-03-12"));
        double[,] r = h.RelativeReturns(["BTC", "ETH"], i, 1);
        Assert.Equal((4970.7880859375 / 7911.43017578125) - 1, r[0, 0], 1e-15);   // BTC -37.2 % on 2020-03-12
        Assert.Equal((112.34712219238281 / 194.8685302734375) - 1, r[0, 1], 1e-15); // ETH -42.3 %
    }

    [Fact]
    public void Joining_series_with_different_ranges_keeps_the_common_dates_and_reports_one_sided_gaps()
    {
        PriceSeries a = Read(Header + Row("2024-01-01", 10) + Row("2024-01-02", 11) + Row("2024-01-03", 12) + Row("2024-01-04", 13));
        PriceSeries b = PriceHistoryCsv.ReadSeries("ETH", new StringReader(Header + Row("2024-01-02", 1) + Row("2024-01-04", 2) + Row("2024-01-05", 3)));
        PriceHistory h = PriceHistory.Join(a, b);
        Assert.Equal([D("2024-01-02"), D("2024-01-04")], h.Dates);
        PriceGap gap = Assert.Single(h.Gaps);
        Assert.Equal((D("2024-01-03"), "ETH", false), (gap.Date, gap.Symbols.Single(), gap.Filled));
        Assert.Equal([11.0, 13.0], h.Closes("BTC").ToArray());
        Assert.Throws<MissingMarketDataException>(() => h.Closes("SOL").ToArray());
    }

    [Theory]
    [InlineData("2024-01-01,11,9,10,null,5,10\n", 2, 5, "value is missing ('null')")]
    [InlineData("2024-01-01,11,9,10,abc,5,10\n", 2, 5, "'abc' is not a finite number")]
    [InlineData("01/01/2024,11,9,10,10,5,10\n", 2, 1, "not a date in the form yyyy-MM-dd")]
    [InlineData("2024-01-01,11,9,10,10,5\n", 2, 6, "expected 7 fields")]
    [InlineData("2024-01-01,9,11,10,10,5,10\n", 2, null, "outside [low, high]")]
    [InlineData("2024-01-01,11,9,10,-10,5,10\n", 2, null, "close must be a finite price > 0")]
    [InlineData("2024-01-01,11,9,10,10,-5,10\n", 2, null, "volume must be a finite number >= 0")]
    [InlineData("2024-01-02,11,9,10,10,5,10\n2024-01-01,11,9,10,10,5,10\n", 3, 1, "ascending order")]
    [InlineData("\"2024-01-01\",11,9,10,10,5,10\n", 2, null, "quoted fields")]
    public void A_bad_row_is_refused_naming_its_line_and_column(string rows, int line, int? column, string problem)
    {
        MarginFileException e = Bad(Header + rows);
        Assert.Equal(line, e.LineNumber);
        Assert.Equal(column, e.Column);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("Price history CSV 'test.csv' (BTC)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_problems_and_limits_are_refused()
    {
        Assert.Contains("no column 'Close'", Bad("Date,Open\n2024-01-01,1\n").Message, StringComparison.Ordinal);
        Assert.Contains("appears twice", Bad("Date,Close,close\n2024-01-01,1,1\n").Message, StringComparison.Ordinal);
        Assert.Contains("the file is empty", Bad("").Message, StringComparison.Ordinal);
        Assert.Contains("no rows", Bad(Header).Message, StringComparison.Ordinal);
        Assert.Contains("MaxLineLength", Bad(Header + new string('1', 100) + "\n", PriceHistoryCsvOptions.Default with { MaxLineLength = 64 }).Message, StringComparison.Ordinal);
        Assert.Contains("MaxRows", Bad(Header + Row("2024-01-01", 1) + Row("2024-01-02", 1), PriceHistoryCsvOptions.Default with { MaxRows = 1 }).Message, StringComparison.Ordinal);
        Assert.Contains("MaxDocumentChars", Bad(Header + Row("2024-01-01", 1), PriceHistoryCsvOptions.Default with { MaxDocumentChars = 20 }).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adjusted_close_is_read_when_asked_and_minimal_files_need_only_date_and_close()
    {
        PriceSeries adj = Read(Header + "2024-01-01,11,9,10,10,5,9.5\n", PriceHistoryCsvOptions.Default with { CloseColumn = "Adj Close" });
        Assert.Equal(9.5, adj.Bars[0].Close);
        PriceSeries minimal = Read("date,close\r\n2024-01-01,5\r\n\r\n2024-01-02,6\r\n");
        Assert.Equal((5.0, (double?)null, (double?)null), (minimal.Bars[0].Close, minimal.Bars[0].Open, minimal.Bars[0].Volume));
        Assert.Equal(2, minimal.Bars.Length);
    }

    [Fact]
    public void Weekday_calendar_expects_no_weekend_and_refuses_one()
    {
        var weekdays = PriceHistoryCsvOptions.Default with { Calendar = HistoryCalendar.Weekdays };
        PriceSeries s = Read(Header + Row("2024-01-05", 1) + Row("2024-01-08", 1), weekdays); // Friday, Monday
        Assert.Empty(s.Gaps);
        Assert.Contains("Saturday is not a day of the Weekdays calendar", Bad(Header + Row("2024-01-06", 1), weekdays).Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 60)]
    public bool Reported_gaps_are_exactly_the_days_left_out(int seed, byte length)
    {
        var random = new Random(seed);
        int n = 2 + (length % 60);
        DateOnly start = new(2023, 1, 1);
        var kept = new List<DateOnly> { start };
        var missing = new List<DateOnly>();
        for (int d = 1; d < n; d++)
        {
            (d == n - 1 || random.NextDouble() > 0.3 ? kept : missing).Add(start.AddDays(d));
        }

        var csv = new StringBuilder(Header);
        foreach (DateOnly d in kept)
        {
            csv.Append(Row(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 100 + random.NextDouble()));
        }

        PriceSeries s = Read(csv.ToString());
        PriceSeries filled = Read(csv.ToString(), PriceHistoryCsvOptions.Default with { Gaps = GapRule.FillForward });
        return s.Gaps.Select(g => g.Date).SequenceEqual(missing) && s.Bars.Select(b => b.Date).SequenceEqual(kept)
            && filled.Bars.Length == n && filled.Gaps.Select(g => g.Date).SequenceEqual(missing) && filled.Gaps.All(g => g.Filled);
    }
}
