using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.Instruments;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Serialization;
using Xunit;
using static PortfolioMargin.Tests.Serialization.SerializationTestData;

namespace PortfolioMargin.Tests.Serialization;

/// <summary>
/// Issue 18 §7: the writers and readers agree on the limits (what is written under given options reads back under
/// them, or the writer refuses naming the limit the reader would name); a million positions round-trip under the
/// defaults; CSV is streamed with a bounded allocation per row; an error at the end of a large document is located
/// without building a path per token.
/// </summary>
public sealed class ScaleTests
{
    private static readonly DateTimeOffset[] Expiries = [Mar, Mar.AddDays(91), Mar.AddDays(182)];

    /// <summary>A position from a listed universe of about 500 instruments (two underlyings, three expiries, 41 strikes, calls and puts, linear and inverse).</summary>
    private static Position Listed(Random rng)
    {
        Underlying u = rng.Next(2) == 0 ? Btc : Eth;
        double spot = u == Btc ? 60_000 : 3_000;
        Instrument i = rng.Next(8) switch
        {
            0 => new Perpetual(u),
            1 => new Future(u, Expiries[rng.Next(3)], inverse: true, multiplier: 10),
            _ => new EuropeanOption(u, rng.Next(2) == 0 ? OptionRight.Call : OptionRight.Put, spot * (0.6 + (0.02 * rng.Next(41))), Expiries[rng.Next(3)],
                rng.Next(2) == 0 ? OptionSettlement.Linear : OptionSettlement.Inverse),
        };
        return new Position(i, rng.Next(-50, 51) + 0.25);
    }

    private static string? LimitNamed(MarginFileException e) =>
        new[] { "MaxDocumentBytes", "MaxPositions", "MaxInstruments", "MaxListLength", "MaxDepth" }.FirstOrDefault(l => e.Message.Contains(l + " = ", StringComparison.Ordinal));

    [Property(MaxTest = 200)]
    public Property What_is_written_under_given_limits_reads_back_under_them_or_the_writer_names_the_limit() =>
        Prop.ForAll(
            (from n in Gen.Choose(0, 40)
             from seed in Gen.Choose(0, 10_000)
             from bytes in Gen.Choose(200, 8_000)
             from positions in Gen.Choose(0, 40)
             from instruments in Gen.Choose(0, 40)
             from list in Gen.Choose(0, 3)
             select (n, seed, bytes, positions, instruments, list)).ToArbitrary(),
            c =>
            {
                var rng = new Random(c.seed);
                var book = new Portfolio(Enumerable.Range(0, c.n).Select(_ => Listed(rng)));
                var options = new MarginFileOptions { MaxDocumentBytes = c.bytes, MaxPositions = c.positions, MaxInstruments = c.instruments, MaxListLength = c.list };
                string unlimited = PortfolioJson.ToJson(book);
                MarginFileException? readError = Record.Exception(() => PortfolioJson.Parse(unlimited, options)) as MarginFileException;
                string? written = null;
                MarginFileException? writeError = Record.Exception(() => written = PortfolioJson.ToJson(book, options)) as MarginFileException;
                using var stream = new MemoryStream();
                MarginFileException? streamError = Record.Exception(() => PortfolioJson.Write(book, stream, options)) as MarginFileException;
                return writeError is null
                    ? readError is null && streamError is null && written == unlimited && PortfolioJson.Parse(written, options).Positions.SequenceEqual(book.Positions)
                        && stream.ToArray().SequenceEqual(Encoding.UTF8.GetBytes(unlimited))
                    : readError is not null && streamError is not null && stream.Length == 0 && LimitNamed(writeError) is { } limit && limit == LimitNamed(readError)
                        && writeError.Message.Contains("cannot write the document", StringComparison.Ordinal);
            });

    [Fact]
    public void A_million_positions_written_under_the_default_limits_read_back_under_them()
    {
        var rng = new Random(3);
        var book = new Portfolio(Enumerable.Range(0, 1_000_000).Select(_ => Listed(rng)));
        using var stream = new MemoryStream();
        PortfolioJson.Write(book, stream);
        Assert.True(stream.Length > 64L * 1024 * 1024, $"{stream.Length} bytes: the old default limit of 64 MiB refused this file");
        stream.Position = 0;
        Portfolio back = PortfolioJson.Read(stream);
        Assert.Equal(book.Count, back.Count);
        Assert.True(book.Positions.SequenceEqual(back.Positions));
    }

    [Fact]
    public void A_document_over_the_size_limit_is_refused_by_the_writer_before_anything_is_written()
    {
        var options = MarginFileOptions.Default with { MaxDocumentBytes = 500 };
        using var stream = new MemoryStream();
        MarginFileException e = Assert.Throws<MarginFileException>(() => PortfolioJson.Write(PortfolioExampleObject(), stream, options));
        Assert.Contains("MaxDocumentBytes = 500", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, stream.Length);
        Assert.Contains("MaxSmilePoints = 2", Assert.Throws<MarginFileException>(() =>
            MarketSnapshotJson.ToJson(MarketSnapshotExampleObject(), MarginFileOptions.Default with { MaxSmilePoints = 2 })).Message, StringComparison.Ordinal);
    }

    /// <summary>A positions CSV generated on the fly: the header, then <paramref name="rows"/> rows cycling over a few instruments; the last row can be made bad.</summary>
    private sealed class GeneratedCsv(int rows, string? lastQuantity = null) : TextReader
    {
        private static readonly string[] Rows =
        [
            "perpetual,BTC,,,,,,{0},",
            "option,BTC,2026-03-27T08:00:00Z,60000,call,,,{0},",
            "future,BTC,2026-03-27T08:00:00Z,,,inverse,10,{0},",
            "spot,ETH,,,,,,{0},ETH cold wallet",
            "option,ETH,2026-03-27T08:00:00Z,3000,put,inverse,,{0},",
        ];

        // Every (row pattern, quantity) line, built once: generating the file allocates nothing per row.
        private static readonly string[,] Lines = Build();

        private static string[,] Build()
        {
            var lines = new string[Rows.Length, 13];
            for (int r = 0; r < Rows.Length; r++)
            {
                for (int q = 0; q < 13; q++)
                {
                    lines[r, q] = string.Format(CultureInfo.InvariantCulture, Rows[r], (q - 6 + 0.5).ToString(CultureInfo.InvariantCulture)) + "\n";
                }
            }

            return lines;
        }

        private string _pending = PositionCsv.Header + "\n";
        private int _at, _row;

        public override int Read(char[] buffer, int index, int count)
        {
            int written = 0;
            while (written < count)
            {
                if (_at == _pending.Length)
                {
                    if (_row == rows)
                    {
                        break;
                    }

                    _pending = _row == rows - 1 && lastQuantity is not null
                        ? string.Format(CultureInfo.InvariantCulture, Rows[_row % Rows.Length], lastQuantity) + "\n"
                        : Lines[_row % Rows.Length, _row % 13];
                    _at = 0;
                    _row++;
                }

                int n = Math.Min(count - written, _pending.Length - _at);
                _pending.CopyTo(_at, buffer, index + written, n);
                _at += n;
                written += n;
            }

            return written;
        }

        public override int Read() => throw new NotSupportedException("the reader reads blocks");
    }

    [Fact]
    public void A_million_csv_rows_stream_with_a_bounded_allocation_per_row()
    {
        const int Rows = 1_000_000;
        var options = MarginFileOptions.Default with { MaxDocumentBytes = Array.MaxLength };
        long before = GC.GetAllocatedBytesForCurrentThread();
        int count = 0;
        double sum = 0;
        foreach (Position p in PositionCsv.ReadPositions(new GeneratedCsv(Rows), Underlyings, options))
        {
            count++;
            sum += p.Quantity;
        }

        long perRow = (GC.GetAllocatedBytesForCurrentThread() - before) / Rows;
        Assert.Equal(Rows, count);
        Assert.Equal(Enumerable.Range(0, Rows).Sum(r => (r % 13) - 6 + 0.5), sum);
        // A position is 32 bytes; the instruments are parsed once each. The reader this replaced allocated ~1.3 KB a row.
        Assert.True(perRow <= 48, $"{perRow} bytes allocated per row");
    }

    [Fact]
    public void An_error_in_the_last_of_a_million_csv_rows_names_its_line_and_column()
    {
        MarginFileException e = Assert.Throws<MarginFileException>(() =>
            PositionCsv.Read(new GeneratedCsv(1_000_000, lastQuantity: "1e13"), Underlyings, MarginFileOptions.Default with { MaxDocumentBytes = Array.MaxLength }));
        Assert.Equal(1_000_001, e.LineNumber);
        Assert.Equal(8, e.Column);
        Assert.Equal("quantity", e.Path);
        Assert.Contains("quantity must be finite with |q| <=", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_that_repeat_an_instrument_share_one_instrument_object()
    {
        Portfolio p = PositionCsv.Read(new GeneratedCsv(10), Underlyings);
        Assert.Same(p[0].Instrument, p[5].Instrument);
        Assert.Same(p[1].Instrument, p[6].Instrument);
        Assert.NotSame(p[0].Instrument, p[1].Instrument);
    }

    [Fact]
    public void Locating_an_error_at_the_last_of_a_million_positions_takes_one_pass_and_no_path_per_token()
    {
        const int N = 1_000_000;
        var json = new StringBuilder("{\"format\":\"portfoliomargin/portfolio\",\"version\":1,\"positions\":[\n");
        for (int i = 0; i < N; i++)
        {
            json.Append("{\"instrument\":\"BTC-PERP\",\"quantity\":1}").Append(i < N - 1 ? ",\n" : "\n");
        }

        byte[] utf8 = Encoding.UTF8.GetBytes(json.Append("]}").ToString());
        var mapping = new JsonMapping(utf8, "Portfolio JSON");
        long before = GC.GetAllocatedBytesForCurrentThread();
        MarginFileException e = mapping.Error("$.positions[999999].quantity", "bad quantity");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(N + 1, e.LineNumber);
        Assert.Equal(37, e.BytePositionInLine);
        Assert.True(allocated < 16 * 1024, $"{allocated} bytes allocated to locate the error (the per-token path strings took ~1.9 GB)");
    }
}
