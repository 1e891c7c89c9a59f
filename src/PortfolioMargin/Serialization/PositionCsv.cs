using System.Globalization;
using PortfolioMargin.Instruments;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Serialization;

/// <summary>
/// Imports and exports positions as CSV with the header <see cref="Header"/> (RFC 4180 quoting, invariant culture, one
/// position per row; see <c>docs/file-formats.md</c>). Columns are matched by name in any order; <c>kind</c>,
/// <c>underlying</c> and <c>quantity</c> are required, the others optional. Reading and writing stream: rows are read
/// in blocks into one reused buffer, rows that describe the same instrument share one <see cref="Instrument"/>, and
/// <see cref="ReadPositions"/> and <see cref="Write(IEnumerable{Position}, TextWriter)"/> never hold the whole file.
/// Stateless and thread-safe.
/// </summary>
public static class PositionCsv
{
    /// <summary>The header <see cref="Write(Portfolio, TextWriter)"/> writes: <c>kind,underlying,expiry,strike,right,settlement,multiplier,quantity,name</c>.</summary>
    public const string Header = "kind,underlying,expiry,strike,right,settlement,multiplier,quantity,name";

    private const string Title = "Positions CSV";

    /// <summary>Reads positions from CSV.</summary>
    /// <param name="reader">The text (not disposed); a leading byte-order mark is handled by the reader's encoding.</param>
    /// <param name="underlyings">The underlyings the <c>underlying</c> column refers to, by symbol.</param>
    /// <param name="options">Input limits (<see cref="MarginFileOptions.MaxCsvLineLength"/>, <see cref="MarginFileOptions.MaxPositions"/> rows, <see cref="MarginFileOptions.MaxDocumentBytes"/> characters); null for the defaults.</param>
    /// <returns>The portfolio, positions in row order.</returns>
    /// <exception cref="MarginFileException">Bad header, bad quoting, wrong field count, a value that does not parse or that the domain rejects, an unknown underlying, or a limit exceeded (names the line and column).</exception>
    public static Portfolio Read(TextReader reader, IReadOnlyDictionary<string, Underlying> underlyings, MarginFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(underlyings);
        var rows = new CsvPositionReader(reader, underlyings, options ?? MarginFileOptions.Default, Title);
        var positions = new List<Position>();
        while (rows.Next() is { } p)
        {
            positions.Add(p);
        }

        return new Portfolio(positions);
    }

    /// <summary>
    /// Reads positions from CSV one row at a time, as they are enumerated: the file is never held whole, so a caller
    /// that aggregates or forwards the positions needs memory for one record only. Same rules, limits and errors as
    /// <see cref="Read"/>; the header is read on the first <c>MoveNext</c>, and an error is thrown when its row is reached.
    /// </summary>
    /// <param name="reader">The text (not disposed; read as the sequence is enumerated, so enumerate it once).</param>
    /// <param name="underlyings">The underlyings the <c>underlying</c> column refers to, by symbol.</param>
    /// <param name="options">Input limits; null for the defaults.</param>
    /// <returns>The positions in row order.</returns>
    /// <exception cref="MarginFileException">On enumeration, as for <see cref="Read"/>.</exception>
    public static IEnumerable<Position> ReadPositions(TextReader reader, IReadOnlyDictionary<string, Underlying> underlyings, MarginFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(underlyings);
        return Stream(reader, underlyings, options ?? MarginFileOptions.Default);

        static IEnumerable<Position> Stream(TextReader reader, IReadOnlyDictionary<string, Underlying> underlyings, MarginFileOptions options)
        {
            var rows = new CsvPositionReader(reader, underlyings, options, Title);
            while (rows.Next() is { } p)
            {
                yield return p;
            }
        }
    }

    /// <summary>Writes a portfolio as CSV: the <see cref="Header"/> line, then one row per position (defaults left empty).</summary>
    /// <param name="portfolio">The portfolio.</param>
    /// <param name="writer">The text written to (not disposed); lines end with <c>\n</c>.</param>
    /// <exception cref="ArgumentException">An instrument is of a type the file formats do not describe.</exception>
    public static void Write(Portfolio portfolio, TextWriter writer) => Write((IEnumerable<Position>)Guard.NotNull(portfolio), writer);

    /// <summary>
    /// Writes positions as CSV as they are enumerated (the <see cref="Header"/> line, then one row per position): the
    /// text of each distinct instrument is formatted once, each row is written straight to <paramref name="writer"/>.
    /// </summary>
    /// <param name="positions">The positions (enumerated once).</param>
    /// <param name="writer">The text written to (not disposed); lines end with <c>\n</c>.</param>
    /// <exception cref="ArgumentException">A position is null, or an instrument is of a type the file formats do not describe.</exception>
    public static void Write(IEnumerable<Position> positions, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header);
        writer.Write('\n');
        // Row text per instrument: by reference first (positions usually share instrument objects), then by value.
        var byReference = new Dictionary<Instrument, (string Before, string After)>(ReferenceEqualityComparer.Instance);
        var byValue = new Dictionary<Instrument, (string Before, string After)>();
        Span<char> number = stackalloc char[32];
        int index = 0;
        foreach (Position p in positions)
        {
            if (p is null)
            {
                throw new ArgumentException($"Position #{index} is null.", nameof(positions));
            }

            if (!byReference.TryGetValue(p.Instrument, out (string Before, string After) row))
            {
                if (!byValue.TryGetValue(p.Instrument, out row))
                {
                    row = Row(p.Instrument);
                    if (byValue.Count < InstrumentCacheSize)
                    {
                        byValue.Add(p.Instrument, row);
                    }
                }

                if (byReference.Count < InstrumentCacheSize)
                {
                    byReference.Add(p.Instrument, row);
                }
            }

            writer.Write(row.Before);
            p.Quantity.TryFormat(number, out int written, "R", CultureInfo.InvariantCulture);
            writer.Write(number[..written]);
            writer.Write(row.After);
            index++;
        }
    }

    /// <summary>A portfolio as CSV text (see <see cref="Write(Portfolio, TextWriter)"/>).</summary>
    /// <param name="portfolio">The portfolio.</param>
    /// <returns>The CSV text.</returns>
    public static string ToCsv(Portfolio portfolio)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(portfolio, writer);
        return writer.ToString();
    }

    /// <summary>Distinct instruments whose row text (writer) or parsed instrument (reader) is kept; beyond it rows are formatted or parsed each time.</summary>
    internal const int InstrumentCacheSize = 100_000;

    /// <summary>The row text of an instrument before the quantity (seven fields and a comma) and after it (a comma, the name, the line break).</summary>
    private static (string Before, string After) Row(Instrument instrument)
    {
        InstrumentTerms t = InstrumentTerms.Of(instrument);
        string?[] before = [t.Kind, instrument.Underlying.Symbol, t.Expiry is { } e ? IsoTime.Format(e) : null, Number(t.Strike), t.Right, t.Settlement, Number(t.Multiplier)];
        return (string.Join(',', before.Select(Quote)) + ",", "," + Quote(t.Name) + "\n");
    }

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string? value) =>
        value is null ? "" :
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}
