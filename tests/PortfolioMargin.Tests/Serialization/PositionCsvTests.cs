using PortfolioMargin.Instruments;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Serialization;
using Xunit;
using static PortfolioMargin.Tests.Serialization.SerializationTestData;

namespace PortfolioMargin.Tests.Serialization;

/// <summary>Positions CSV: the documented example, quoting, round trips, and errors naming line and column.</summary>
public sealed class PositionCsvTests
{
    private static Portfolio Read(string csv) => PositionCsv.Read(new StringReader(csv), Underlyings);

    private static MarginFileException Bad(string csv) => Assert.Throws<MarginFileException>(() => Read(csv));

    [Fact]
    public void Docs_example_reads_to_the_portfolio_built_in_code() =>
        Assert.Equal(PortfolioExampleObject().Positions, Read(PositionsCsvExample).Positions);

    [Fact]
    public void Csv_and_json_of_one_portfolio_read_to_equal_portfolios() =>
        Assert.Equal(PortfolioJson.Parse(PortfolioExample).Positions, Read(PositionsCsvExample).Positions);

    [Fact]
    public void Round_trip_keeps_quoted_names_offsets_and_exact_numbers()
    {
        var p = new Portfolio(
            new Position(new SpotInstrument(Eth, 0.1, "wallet, \"cold\"\nline two"), 1.0 / 3),
            new Position(new EuropeanOption(Btc, OptionRight.Put, 60_000.5, Mar.ToOffset(TimeSpan.FromHours(-3)), OptionSettlement.Inverse, 1, " padded "), -2),
            new Position(new Future(Btc, Mar.AddTicks(1)), 1e-12));
        string csv = PositionCsv.ToCsv(p);
        Assert.StartsWith(PositionCsv.Header + "\n", csv, StringComparison.Ordinal);
        Assert.Equal(p.Positions, Read(csv).Positions);
        using var writer = new StringWriter();
        PositionCsv.Write(p, writer);
        Assert.Equal(csv, writer.ToString());
    }

    [Fact]
    public void Columns_match_by_name_in_any_order_and_case_with_crlf_blank_lines_and_padding()
    {
        string csv = "Quantity, UNDERLYING ,kind\r\n\r\n 2 ,BTC, Perpetual \r\n-1,ETH,spot\r\n";
        Assert.Equal([new Position(new Perpetual(Btc), 2), new Position(new SpotInstrument(Eth), -1)], Read(csv).Positions);
    }

    [Fact]
    public void Bad_number_names_the_line_and_column()
    {
        MarginFileException e = Bad(PositionsCsvExample.Replace("60000", "6O000", StringComparison.Ordinal));
        Assert.Equal(3, e.LineNumber);
        Assert.Equal(4, e.Column);
        Assert.Equal("strike", e.Path);
        Assert.StartsWith("Positions CSV (line 3, column 4 'strike'): '6O000' is not a number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Thousands_separators_and_local_decimal_commas_are_refused() =>
        Assert.Equal(8, Bad(PositionCsv.Header + "\nspot,BTC,,,,,,\"1,5\",").Column);

    [Fact]
    public void Domain_errors_name_the_column_of_the_field()
    {
        MarginFileException strike = Bad(PositionsCsvExample.Replace("60000", "-60000", StringComparison.Ordinal));
        Assert.Equal((3, 4), (strike.LineNumber, strike.Column));
        Assert.IsType<ArgumentOutOfRangeException>(strike.InnerException);
        MarginFileException multiplier = Bad(PositionsCsvExample.Replace("inverse,10", "inverse,0", StringComparison.Ordinal));
        Assert.Equal((4, 7), (multiplier.LineNumber, multiplier.Column));
        Assert.Equal(5, Bad(PositionsCsvExample.Replace("call", "straddle", StringComparison.Ordinal)).Column);
        Assert.Equal(1, Bad(PositionsCsvExample.Replace("perpetual", "swap", StringComparison.Ordinal)).Column);
        Assert.Equal(3, Bad(PositionsCsvExample.Replace("future,BTC,2026-03-27T08:00:00Z", "future,BTC,", StringComparison.Ordinal)).Column);
        Assert.Equal(4, Bad(PositionsCsvExample.Replace("perpetual,BTC,,", "perpetual,BTC,,5", StringComparison.Ordinal)).Column);
        Assert.Equal(8, Bad(PositionsCsvExample.Replace(",1.5,", ",1e13,", StringComparison.Ordinal)).Column);
    }

    [Fact]
    public void Expiry_without_offset_names_its_column() =>
        Assert.Equal(3, Bad(PositionsCsvExample.Replace("2026-03-27T08:00:00Z,60000", "27/03/2026,60000", StringComparison.Ordinal)).Column);

    [Fact]
    public void Unknown_underlying_names_the_column_and_the_known_symbols()
    {
        MarginFileException e = Bad(PositionsCsvExample.Replace("spot,ETH", "spot,SOL", StringComparison.Ordinal));
        Assert.Equal((5, 2), (e.LineNumber, e.Column));
        Assert.Contains("unknown underlying 'SOL'", e.Message, StringComparison.Ordinal);
        Assert.Contains("BTC, ETH", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_problems_are_named()
    {
        Assert.Contains("unknown column 'qty'", Bad("kind,underlying,qty\nspot,BTC,1").Message, StringComparison.Ordinal);
        Assert.Contains("no column 'quantity'", Bad("kind,underlying\nspot,BTC").Message, StringComparison.Ordinal);
        Assert.Contains("appears twice", Bad("kind,underlying,quantity,kind\n").Message, StringComparison.Ordinal);
        Assert.Contains("empty", Bad("").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_field_count_and_bad_quoting_name_the_line()
    {
        MarginFileException count = Bad(PositionsCsvExample + "\nspot,ETH,1");
        Assert.Equal(6, count.LineNumber);
        Assert.Contains("expected 9 fields as in the header, got 3", count.Message, StringComparison.Ordinal);
        Assert.Equal(2, Bad(PositionCsv.Header + "\nspot,ETH,,,,,,1,\"open").LineNumber);
        Assert.Contains("after a closing quote", Bad(PositionCsv.Header + "\nspot,ETH,,,,,,1,\"a\"b").Message, StringComparison.Ordinal);
        Assert.Contains("quote inside an unquoted field", Bad(PositionCsv.Header + "\nspot,ETH,,,,,,1,a\"b").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_with_header_only_is_an_empty_portfolio() => Assert.Empty(Read(PositionCsv.Header + "\n"));
}
