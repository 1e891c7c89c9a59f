using System.Globalization;
using System.Text;
using PortfolioMargin.Instruments;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Serialization;

/// <summary>
/// Imports and exports positions as CSV with the header <see cref="Header"/> (RFC 4180 quoting, invariant culture, one
/// position per row; see <c>docs/file-formats.md</c>). Columns are matched by name in any order; <c>kind</c>,
/// <c>underlying</c> and <c>quantity</c> are required, the others optional. Stateless and thread-safe.
/// </summary>
public static class PositionCsv
{
    /// <summary>The header <see cref="Write"/> writes: <c>kind,underlying,expiry,strike,right,settlement,multiplier,quantity,name</c>.</summary>
    public const string Header = "kind,underlying,expiry,strike,right,settlement,multiplier,quantity,name";

    private const string Title = "Positions CSV";
    private static readonly string[] Columns = Header.Split(',');
    private static readonly string[] Required = ["kind", "underlying", "quantity"];

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
        options ??= MarginFileOptions.Default;
        var records = new CsvRecordReader(reader, options);
        var fields = new List<CsvField>();
        if (!records.Next(fields))
        {
            throw new MarginFileException(Title, null, null, null, null, $"the file is empty; expected the header \"{Header}\".");
        }

        int[] index = ReadHeader(fields);
        int headerCount = fields.Count;
        var positions = new List<Position>();
        while (records.Next(fields))
        {
            if (positions.Count >= options.MaxPositions)
            {
                throw Error(fields[0], 1, null, string.Create(CultureInfo.InvariantCulture,
                    $"more than {options.MaxPositions} rows, the limit MaxPositions = {options.MaxPositions}."));
            }

            if (fields.Count != headerCount)
            {
                throw Error(fields[Math.Min(fields.Count, headerCount) - 1], Math.Min(fields.Count, headerCount), null, string.Create(CultureInfo.InvariantCulture,
                    $"expected {headerCount} fields as in the header, got {fields.Count}."));
            }

            positions.Add(ReadRow(fields, index, underlyings));
        }

        return new Portfolio(positions);
    }

    /// <summary>Writes a portfolio as CSV: the <see cref="Header"/> line, then one row per position (defaults left empty).</summary>
    /// <param name="portfolio">The portfolio.</param>
    /// <param name="writer">The text written to (not disposed); lines end with <c>\n</c>.</param>
    public static void Write(Portfolio portfolio, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header);
        writer.Write('\n');
        foreach (Position p in portfolio)
        {
            InstrumentTerms t = InstrumentTerms.Of(p.Instrument);
            string?[] row =
            [
                t.Kind, p.Instrument.Underlying.Symbol, t.Expiry is { } e ? IsoTime.Format(e) : null, Number(t.Strike), t.Right,
                t.Settlement, Number(t.Multiplier), Number(p.Quantity), t.Name,
            ];
            writer.Write(string.Join(',', row.Select(Quote)));
            writer.Write('\n');
        }
    }

    /// <summary>A portfolio as CSV text (see <see cref="Write"/>).</summary>
    /// <param name="portfolio">The portfolio.</param>
    /// <returns>The CSV text.</returns>
    public static string ToCsv(Portfolio portfolio)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(portfolio, writer);
        return writer.ToString();
    }

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string? value) =>
        value is null ? "" :
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;

    /// <summary>Column index (into the record) by name in <see cref="Columns"/> order; −1 when absent.</summary>
    private static int[] ReadHeader(List<CsvField> header)
    {
        int[] index = [.. Columns.Select(_ => -1)];
        for (int i = 0; i < header.Count; i++)
        {
            string name = header[i].Text.Trim();
            int c = Array.FindIndex(Columns, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            if (c < 0)
            {
                throw Error(header[i], i + 1, null, $"unknown column '{name}' in the header; expected the columns of \"{Header}\".");
            }

            if (index[c] >= 0)
            {
                throw Error(header[i], i + 1, null, $"the column '{Columns[c]}' appears twice in the header.");
            }

            index[c] = i;
        }

        foreach (string required in Required)
        {
            if (index[Array.IndexOf(Columns, required)] < 0)
            {
                throw Error(header[0], null, required, $"the header has no column '{required}' (required: {string.Join(", ", Required)}).");
            }
        }

        return index;
    }

    private static Position ReadRow(List<CsvField> row, int[] index, IReadOnlyDictionary<string, Underlying> underlyings)
    {
        string? Text(string column) => index[Array.IndexOf(Columns, column)] is int i and >= 0 ? row[i].Value : null;
        double? Num(string column)
        {
            string? text = Text(column);
            if (text is null)
            {
                return null;
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                ? v
                : throw ColumnError(row, index, column, $"'{text}' is not a number (invariant culture: digits, '.', optional exponent; no thousands separators).");
        }

        DateTimeOffset? expiry = Text("expiry") is { } e ? IsoTime.TryParse(e, out DateTimeOffset t) ? t : throw ColumnError(row, index, "expiry", IsoTime.Problem(e)) : null;
        string symbol = Text("underlying") ?? throw ColumnError(row, index, "underlying", "the underlying symbol is empty.");
        if (!underlyings.TryGetValue(symbol, out Underlying? underlying))
        {
            throw ColumnError(row, index, "underlying", $"unknown underlying '{symbol}': it is not among the underlyings given to the reader ({string.Join(", ", underlyings.Keys.Order(StringComparer.Ordinal))}).");
        }

        double quantity = Num("quantity") ?? throw ColumnError(row, index, "quantity", "the quantity is empty.");
        var terms = new InstrumentTerms(Text("kind") ?? "", Text("settlement"), expiry, Num("strike"), Text("right"), Num("multiplier"), Text("name"));
        try
        {
            return new Position(terms.Create(underlying, ignoreCase: true), quantity);
        }
        catch (ArgumentException ex)
        {
            string column = ex.ParamName is { } p && Columns.Contains(p) ? p : "kind";
            string message = ex.Message;
            int cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
            throw ColumnError(row, index, column, cut >= 0 ? message[..cut] : message, ex);
        }
    }

    private static MarginFileException ColumnError(List<CsvField> row, int[] index, string column, string problem, Exception? inner = null)
    {
        int i = index[Array.IndexOf(Columns, column)];
        return i >= 0 ? Error(row[i], i + 1, column, problem, inner) : Error(row[0], null, column, problem, inner);
    }

    private static MarginFileException Error(CsvField at, int? column, string? name, string problem, Exception? inner = null) =>
        new(Title, name ?? (column is null ? null : at.Text.Trim()), at.Line, at.Position, column, problem, inner);

    /// <summary>One field: its text (quotes removed), whether it was quoted, and where it starts (1-based line and character).</summary>
    private readonly record struct CsvField(string Text, bool Quoted, long Line, long Position)
    {
        /// <summary>The value: quoted text as is, unquoted text trimmed; null when empty.</summary>
        public string? Value => Quoted ? Text : Text.Trim() is { Length: > 0 } t ? t : null;
    }

    /// <summary>RFC 4180 records from a text reader, one character at a time, enforcing the line length and total size limits.</summary>
    private sealed class CsvRecordReader(TextReader reader, MarginFileOptions options)
    {
        private readonly StringBuilder _text = new();
        private long _line = 1, _position, _total;
        private int _peek = -2;

        /// <summary>Reads the next non-blank record into <paramref name="fields"/>; false at the end of the input.</summary>
        public bool Next(List<CsvField> fields)
        {
            while (true)
            {
                fields.Clear();
                if (Peek() < 0)
                {
                    return false;
                }

                bool end = false;
                while (!end)
                {
                    fields.Add(ReadField(out end));
                }

                if (fields.Count > 1 || fields[0].Quoted || fields[0].Text.Trim().Length > 0)
                {
                    return true;
                }
            }
        }

        private CsvField ReadField(out bool endOfRecord)
        {
            _text.Clear();
            long line = _line, position = _position + 1;
            if (Peek() == '"')
            {
                Take();
                while (true)
                {
                    int c = Take();
                    if (c < 0)
                    {
                        throw Problem(line, position, "a quoted field is not closed before the end of the file.");
                    }

                    if (c == '"')
                    {
                        if (Peek() != '"')
                        {
                            break;
                        }

                        Take();
                    }

                    _text.Append((char)c);
                }

                int next = Peek();
                if (next >= 0 && next is not (',' or '\r' or '\n'))
                {
                    throw Problem(_line, _position + 1, $"unexpected '{(char)next}' after a closing quote; a quote inside a quoted field is written twice (\"\").");
                }

                endOfRecord = EndField();
                return new CsvField(_text.ToString(), true, line, position);
            }

            while (Peek() is >= 0 and not (',' or '\r' or '\n'))
            {
                int c = Take();
                if (c == '"')
                {
                    throw Problem(_line, _position, "a quote inside an unquoted field; quote the whole field and write the quote twice (\"\").");
                }

                _text.Append((char)c);
            }

            endOfRecord = EndField();
            return new CsvField(_text.ToString(), false, line, position);
        }

        /// <summary>Consumes the separator after a field; true when it ended the record.</summary>
        private bool EndField()
        {
            int c = Take();
            if (c == ',')
            {
                return false;
            }

            if (c == '\r' && Peek() == '\n')
            {
                Take();
            }

            return true;
        }

        private int Peek()
        {
            if (_peek == -2)
            {
                _peek = reader.Read();
            }

            return _peek;
        }

        private int Take()
        {
            int c = Peek();
            _peek = -2;
            if (c < 0)
            {
                return c;
            }

            if (++_total > options.MaxDocumentBytes)
            {
                throw Problem(_line, _position + 1, string.Create(CultureInfo.InvariantCulture,
                    $"the file is longer than the limit MaxDocumentBytes = {options.MaxDocumentBytes} characters."));
            }

            if (c == '\n' || (c == '\r' && Peek() != '\n'))
            {
                _line++;
                _position = 0;
            }
            else if (c != '\r' && ++_position > options.MaxCsvLineLength)
            {
                throw Problem(_line, _position, string.Create(CultureInfo.InvariantCulture,
                    $"the line is longer than the limit MaxCsvLineLength = {options.MaxCsvLineLength} characters."));
            }

            return c;
        }

        private static MarginFileException Problem(long line, long position, string problem) => new(Title, null, line, position, null, problem);
    }
}
