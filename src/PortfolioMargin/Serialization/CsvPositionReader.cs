using System.Globalization;
using PortfolioMargin.Instruments;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Serialization;

/// <summary>
/// Turns the records of a positions CSV into positions, one row at a time: the header is matched once, and rows whose
/// instrument columns have the same text share one <see cref="Instrument"/> (a dictionary keyed by that text, looked up
/// without building a string), so a row that repeats a known instrument costs a lookup and a quantity parse. Errors
/// name the line, the column number and the column.
/// </summary>
internal sealed class CsvPositionReader
{
    private static readonly string[] Columns = PositionCsv.Header.Split(',');
    private static readonly string[] Required = ["kind", "underlying", "quantity"];
    private const int Kind = 0, Underlying = 1, Expiry = 2, Strike = 3, Right = 4, Settlement = 5, Multiplier = 6, Quantity = 7, Name = 8;

    private readonly CsvRecordReader _records;
    private readonly IReadOnlyDictionary<string, Underlying> _underlyings;
    private readonly MarginFileOptions _options;
    private readonly string _title;
    private readonly Dictionary<string, Instrument> _instruments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Instrument>.AlternateLookup<ReadOnlySpan<char>> _byText;
    private char[] _key = new char[256];
    private int[]? _index;
    private int _headerCount, _rows;

    public CsvPositionReader(TextReader reader, IReadOnlyDictionary<string, Underlying> underlyings, MarginFileOptions options, string title)
    {
        _records = new CsvRecordReader(reader, options, title);
        _underlyings = underlyings;
        _options = options;
        _title = title;
        _byText = _instruments.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The next position, or null at the end of the file.</summary>
    public Position? Next()
    {
        if (_index is null)
        {
            if (!_records.Next())
            {
                throw new MarginFileException(_title, null, null, null, null, $"the file is empty; expected the header \"{PositionCsv.Header}\".");
            }

            _index = ReadHeader();
            _headerCount = _records.Count;
        }

        if (!_records.Next())
        {
            return null;
        }

        if (_rows >= _options.MaxPositions)
        {
            throw Error(_records[0], 1, null, string.Create(CultureInfo.InvariantCulture,
                $"more than {_options.MaxPositions} rows, the limit MaxPositions = {_options.MaxPositions}."));
        }

        int count = _records.Count;
        if (count != _headerCount)
        {
            int last = Math.Min(count, _headerCount);
            throw Error(_records[last - 1], last, null, string.Create(CultureInfo.InvariantCulture,
                $"expected {_headerCount} fields as in the header, got {count}."));
        }

        _rows++;
        return ReadRow();
    }

    /// <summary>Column index (into the record) by name in <see cref="Columns"/> order; −1 when absent.</summary>
    private int[] ReadHeader()
    {
        int[] index = [.. Columns.Select(_ => -1)];
        for (int i = 0; i < _records.Count; i++)
        {
            ReadOnlySpan<char> name = _records.Text(i).Trim();
            int c = -1;
            for (int k = 0; k < Columns.Length && c < 0; k++)
            {
                c = name.Equals(Columns[k], StringComparison.OrdinalIgnoreCase) ? k : -1;
            }

            if (c < 0)
            {
                throw Error(_records[i], i + 1, null, $"unknown column '{name}' in the header; expected the columns of \"{PositionCsv.Header}\".");
            }

            if (index[c] >= 0)
            {
                throw Error(_records[i], i + 1, null, $"the column '{Columns[c]}' appears twice in the header.");
            }

            index[c] = i;
        }

        foreach (string required in Required)
        {
            if (index[Array.IndexOf(Columns, required)] < 0)
            {
                throw Error(_records[0], null, required, $"the header has no column '{required}' (required: {string.Join(", ", Required)}).");
            }
        }

        return index;
    }

    private Position ReadRow()
    {
        Instrument? instrument = _byText.TryGetValue(InstrumentKey(), out Instrument? known) ? known : null;
        if (instrument is null)
        {
            return ParseRow();
        }

        double quantity = Num(Quantity) ?? throw ColumnError(Quantity, "the quantity is empty.");
        try
        {
            return new Position(instrument, quantity);
        }
        catch (ArgumentException ex)
        {
            throw Refused(ex);
        }
    }

    /// <summary>A row whose instrument text is new: every field parsed and checked in the documented order, the instrument kept for later rows.</summary>
    private Position ParseRow()
    {
        DateTimeOffset? expiry = Text(Expiry) is { } e ? IsoTime.TryParse(e, out DateTimeOffset t) ? t : throw ColumnError(Expiry, IsoTime.Problem(e)) : null;
        string symbol = Text(Underlying) ?? throw ColumnError(Underlying, "the underlying symbol is empty.");
        if (!_underlyings.TryGetValue(symbol, out Underlying? underlying))
        {
            throw ColumnError(Underlying, $"unknown underlying '{symbol}': it is not among the underlyings given to the reader ({string.Join(", ", _underlyings.Keys.Order(StringComparer.Ordinal))}).");
        }

        double quantity = Num(Quantity) ?? throw ColumnError(Quantity, "the quantity is empty.");
        var terms = new InstrumentTerms(Text(Kind) ?? "", Text(Settlement), expiry, Num(Strike), Text(Right), Num(Multiplier), Text(Name));
        try
        {
            Instrument instrument = terms.Create(underlying, ignoreCase: true);
            var position = new Position(instrument, quantity);
            if (_instruments.Count < PositionCsv.InstrumentCacheSize)
            {
                _byText[InstrumentKey()] = instrument;
            }

            return position;
        }
        catch (ArgumentException ex)
        {
            throw Refused(ex);
        }
    }

    /// <summary>
    /// The text of the instrument columns (all but the quantity) as the row's values, each prefixed by a marker for
    /// absent / present, so equal keys mean equal instrument fields.
    /// </summary>
    private ReadOnlySpan<char> InstrumentKey()
    {
        int length = 0;
        for (int c = 0; c < Columns.Length; c++)
        {
            if (c == Quantity || _index![c] < 0)
            {
                continue;
            }

            ReadOnlySpan<char> value = _records.Value(_index[c], out bool present);
            if (length + value.Length + 2 > _key.Length)
            {
                Array.Resize(ref _key, Math.Max(_key.Length * 2, length + value.Length + 2));
            }

            _key[length++] = present ? '\u0001' : '\u0000';
            value.CopyTo(_key.AsSpan(length));
            length += value.Length;
            _key[length++] = '\u0002';
        }

        return _key.AsSpan(0, length);
    }

    private string? Text(int column)
    {
        int i = _index![column];
        if (i < 0)
        {
            return null;
        }

        ReadOnlySpan<char> value = _records.Value(i, out bool present);
        return present ? value.ToString() : null;
    }

    private double? Num(int column)
    {
        int i = _index![column];
        if (i < 0)
        {
            return null;
        }

        ReadOnlySpan<char> text = _records.Value(i, out bool present);
        if (!present)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw ColumnError(column, $"'{text}' is not a number (invariant culture: digits, '.', optional exponent; no thousands separators).");
    }

    private MarginFileException Refused(ArgumentException ex)
    {
        int column = ex.ParamName is { } p && Array.IndexOf(Columns, p) is int c and >= 0 ? c : Kind;
        string message = ex.Message;
        int cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return ColumnError(column, cut >= 0 ? message[..cut] : message, ex);
    }

    private MarginFileException ColumnError(int column, string problem, Exception? inner = null)
    {
        int i = _index![column];
        return i >= 0 ? Error(_records[i], i + 1, Columns[column], problem, inner) : Error(_records[0], null, Columns[column], problem, inner);
    }

    private MarginFileException Error(CsvField at, int? column, string? name, string problem, Exception? inner = null) =>
        new(_title, name ?? (column is null ? null : _records.Text(column.Value - 1).Trim().ToString()), at.Line, at.Position, column, problem, inner);
}
