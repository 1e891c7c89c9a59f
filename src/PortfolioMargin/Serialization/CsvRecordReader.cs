using System.Buffers;
using System.Globalization;

namespace PortfolioMargin.Serialization;

/// <summary>One field of a CSV record: where its text is in the record buffer (quotes removed), whether it was quoted, and where it starts in the file (1-based line and character).</summary>
internal readonly record struct CsvField(int Start, int Length, bool Quoted, long Line, long Position);

/// <summary>
/// RFC 4180 records from a text reader, read in blocks of 64 Ki characters into one reused record buffer (no string
/// per field), enforcing <see cref="MarginFileOptions.MaxCsvLineLength"/> and <see cref="MarginFileOptions.MaxDocumentBytes"/>
/// (characters). Memory is bounded by the block, the longest record and the field count, whatever the file's length.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader, MarginFileOptions options, string title)
{
    private static readonly SearchValues<char> Specials = SearchValues.Create(",\"\r\n");
    private readonly char[] _block = new char[64 * 1024];
    private int _blockPos, _blockLength;
    private bool _eof;
    private char[] _record = new char[256];
    private int _recordLength;
    private CsvField[] _fields = new CsvField[16];
    private long _line = 1, _position, _total;

    /// <summary>Fields of the current record.</summary>
    public int Count { get; private set; }

    /// <summary>Field <paramref name="i"/> of the current record.</summary>
    public CsvField this[int i] => _fields[i];

    /// <summary>The text of a field (quotes removed, not trimmed).</summary>
    public ReadOnlySpan<char> Text(int i) => _record.AsSpan(_fields[i].Start, _fields[i].Length);

    /// <summary>The value of a field: quoted text as is, unquoted text trimmed; <c>present</c> false when it is empty and unquoted.</summary>
    public ReadOnlySpan<char> Value(int i, out bool present)
    {
        ReadOnlySpan<char> text = Text(i);
        if (_fields[i].Quoted)
        {
            present = true;
            return text;
        }

        text = text.Trim();
        present = text.Length > 0;
        return text;
    }

    /// <summary>Reads the next non-blank record; false at the end of the input.</summary>
    public bool Next()
    {
        while (true)
        {
            Count = 0;
            _recordLength = 0;
            if (Peek() < 0)
            {
                return false;
            }

            bool end = false;
            while (!end)
            {
                if (Count == _fields.Length)
                {
                    Array.Resize(ref _fields, Count * 2);
                }

                _fields[Count++] = ReadField(out end);
            }

            if (Count > 1 || _fields[0].Quoted || Text(0).Trim().Length > 0)
            {
                return true;
            }
        }
    }

    private CsvField ReadField(out bool endOfRecord)
    {
        long line = _line, position = _position + 1;
        int start = _recordLength;
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

                Append((char)c);
            }

            int next = Peek();
            if (next >= 0 && next is not (',' or '\r' or '\n'))
            {
                throw Problem(_line, _position + 1, $"unexpected '{(char)next}' after a closing quote; a quote inside a quoted field is written twice (\"\").");
            }

            endOfRecord = EndField();
            return new CsvField(start, _recordLength - start, true, line, position);
        }

        UnquotedRun();
        if (Peek() == '"')
        {
            Take();
            throw Problem(_line, _position, "a quote inside an unquoted field; quote the whole field and write the quote twice (\"\").");
        }

        endOfRecord = EndField();
        return new CsvField(start, _recordLength - start, false, line, position);
    }

    /// <summary>Copies characters up to the next separator, quote or line break in bulk, checking the limits as <see cref="Take"/> would one by one.</summary>
    private void UnquotedRun()
    {
        while (true)
        {
            if (_blockPos == _blockLength && !Fill())
            {
                return;
            }

            ReadOnlySpan<char> rest = _block.AsSpan(_blockPos, _blockLength - _blockPos);
            int stop = rest.IndexOfAny(Specials);
            int run = stop < 0 ? rest.Length : stop;
            long toTotal = options.MaxDocumentBytes - _total, toLine = options.MaxCsvLineLength - _position;
            if (run > toTotal || run > toLine)
            {
                // The first character over a limit: the file size is checked before the line length, as in Take.
                bool size = toTotal <= toLine;
                long at = _position + Math.Min(toTotal, toLine) + 1;
                throw size ? TooLong(_line, at) : LineTooLong(_line, at);
            }

            Append(rest[..run]);
            _blockPos += run;
            _total += run;
            _position += run;
            if (stop >= 0)
            {
                return;
            }
        }
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

    private void Append(char c)
    {
        if (_recordLength == _record.Length)
        {
            Array.Resize(ref _record, _record.Length * 2);
        }

        _record[_recordLength++] = c;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (_recordLength + text.Length > _record.Length)
        {
            Array.Resize(ref _record, Math.Max(_record.Length * 2, _recordLength + text.Length));
        }

        text.CopyTo(_record.AsSpan(_recordLength));
        _recordLength += text.Length;
    }

    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        _blockLength = reader.Read(_block, 0, _block.Length);
        _blockPos = 0;
        _eof = _blockLength == 0;
        return !_eof;
    }

    private int Peek() => _blockPos < _blockLength || Fill() ? _block[_blockPos] : -1;

    private int Take()
    {
        int c = Peek();
        if (c < 0)
        {
            return c;
        }

        _blockPos++;
        if (++_total > options.MaxDocumentBytes)
        {
            throw TooLong(_line, _position + 1);
        }

        if (c == '\n' || (c == '\r' && Peek() != '\n'))
        {
            _line++;
            _position = 0;
        }
        else if (c != '\r' && ++_position > options.MaxCsvLineLength)
        {
            throw LineTooLong(_line, _position);
        }

        return c;
    }

    private MarginFileException TooLong(long line, long position) => Problem(line, position, string.Create(CultureInfo.InvariantCulture,
        $"the file is longer than the limit MaxDocumentBytes = {options.MaxDocumentBytes} characters."));

    private MarginFileException LineTooLong(long line, long position) => Problem(line, position, string.Create(CultureInfo.InvariantCulture,
        $"the line is longer than the limit MaxCsvLineLength = {options.MaxCsvLineLength} characters."));

    private MarginFileException Problem(long line, long position, string problem) => new(title, null, line, position, null, problem);
}
