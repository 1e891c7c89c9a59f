using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PortfolioMargin.Serialization;

/// <summary>
/// The read and write pipeline shared by the JSON documents: read at most <see cref="MarginFileOptions.MaxDocumentBytes"/>,
/// scan the tokens once (syntax, depth, array lengths, envelope) before any object is built, deserialize with the
/// source-generated context, then map to the domain through <see cref="JsonMapping"/>, which turns domain validation
/// errors into <see cref="MarginFileException"/>s at the JSON path (and line) of the value.
/// </summary>
/// <typeparam name="TDocument">The document's file shape.</typeparam>
/// <param name="format">The <c>format</c> identifier.</param>
/// <param name="title">The document's name in messages, e.g. <c>Portfolio JSON</c>.</param>
/// <param name="typeInfo">Source-generated metadata of the file shape.</param>
internal sealed class JsonFile<TDocument>(string format, string title, JsonTypeInfo<TDocument> typeInfo)
    where TDocument : class
{
    public T Read<T>(Stream utf8Json, MarginFileOptions? options, Func<TDocument, JsonMapping, T> map)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        options ??= MarginFileOptions.Default;
        return Read(ReadAll(utf8Json, options.MaxDocumentBytes), options, map);
    }

    public T Parse<T>(string json, MarginFileOptions? options, Func<TDocument, JsonMapping, T> map)
    {
        ArgumentNullException.ThrowIfNull(json);
        options ??= MarginFileOptions.Default;
        long bytes = json.Length <= options.MaxDocumentBytes / 3 ? json.Length : Encoding.UTF8.GetByteCount(json);
        if (bytes > options.MaxDocumentBytes)
        {
            throw TooLarge(bytes, options.MaxDocumentBytes);
        }

        return Read(JsonText.ToUtf8(json), options, map);
    }

    /// <summary>Writes the document after <see cref="Serialize"/> has checked it against the reader's limits: nothing is written when it is refused.</summary>
    public void Write(TDocument document, Stream utf8Json, MarginFileOptions? options)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using CappedBuffer buffer = Serialize(document, options ?? MarginFileOptions.Default);
        utf8Json.Write(buffer.Written.Span);
    }

    public string ToJson(TDocument document, MarginFileOptions? options)
    {
        using CappedBuffer buffer = Serialize(document, options ?? MarginFileOptions.Default);
        return Encoding.UTF8.GetString(buffer.Written.Span);
    }

    /// <summary>
    /// Serializes into memory capped at <see cref="MarginFileOptions.MaxDocumentBytes"/>, then runs the reader's scan
    /// over the bytes, so a document the readers would refuse under <paramref name="options"/> (size, a list too long,
    /// nesting) is refused here with the same limit named: what is written with given options reads back with them.
    /// </summary>
    private CappedBuffer Serialize(TDocument document, MarginFileOptions options)
    {
        var buffer = new CappedBuffer(options.MaxDocumentBytes, () => new MarginFileException(title, null, null, null, null, string.Create(CultureInfo.InvariantCulture,
            $"cannot write the document: it is larger than the limit MaxDocumentBytes = {options.MaxDocumentBytes} bytes that the readers apply; raise MarginFileOptions.MaxDocumentBytes for writing and for reading.")));
        try
        {
            JsonSerializerOptions o = typeInfo.Options;
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
            {
                Indented = o.WriteIndented, IndentCharacter = o.IndentCharacter, IndentSize = o.IndentSize, NewLine = o.NewLine, Encoder = o.Encoder, MaxDepth = o.MaxDepth,
            }))
            {
                JsonSerializer.Serialize(writer, document, typeInfo);
            }

            try
            {
                new Scanner(new JsonMapping(buffer.Written, title), options, format).Scan();
            }
            catch (MarginFileException e)
            {
                throw new MarginFileException(title, e.Path, e.LineNumber, e.BytePositionInLine, null,
                    $"cannot write the document: the readers would refuse it: {e.Problem} Raise that limit for writing and for reading.", e);
            }

            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    private T Read<T>(ReadOnlyMemory<byte> utf8, MarginFileOptions options, Func<TDocument, JsonMapping, T> map)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        if (utf8.Span.StartsWith(bom))
        {
            utf8 = utf8[3..];
        }

        var mapping = new JsonMapping(utf8, title, options);
        if (utf8.Span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || utf8.Span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw mapping.ErrorAt("$", 0, "the document starts with a UTF-16 byte-order mark; a JSON document must be UTF-8 (save it as UTF-8, see docs/file-formats.md).");
        }

        new Scanner(mapping, options, format).Scan();
        TDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(utf8.Span, typeInfo);
        }
        catch (JsonException e)
        {
            throw mapping.FromJson(e);
        }

        if (document is null)
        {
            throw mapping.Error("$", "the document is null; expected an object.");
        }

        return map(document, mapping);
    }

    private ReadOnlyMemory<byte> ReadAll(Stream stream, long max)
    {
        if (stream.CanSeek && stream.Length - stream.Position > max)
        {
            throw TooLarge(stream.Length - stream.Position, max);
        }

        if (stream.CanSeek)
        {
            // The length is known: one array of that size, filled in place (no doubling copies of a large document).
            var exact = new byte[stream.Length - stream.Position];
            int filled = stream.ReadAtLeast(exact, exact.Length, throwOnEndOfStream: false);
            if (filled == exact.Length && stream.ReadByte() >= 0)
            {
                throw TooLarge(exact.Length + 1L, max, readSoFar: true);
            }

            return exact.AsMemory(0, filled);
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81_920];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + n > max)
            {
                throw TooLarge(buffer.Length + n, max, readSoFar: true);
            }

            buffer.Write(chunk, 0, n);
        }

        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private MarginFileException TooLarge(long size, long max, bool readSoFar = false) =>
        new(title, null, null, null, null, string.Create(CultureInfo.InvariantCulture,
            $"the document is larger than the limit MaxDocumentBytes = {max} bytes ({(readSoFar ? "more than " : "")}{(readSoFar ? max : size)} bytes); raise MarginFileOptions.MaxDocumentBytes if the file is genuine."));

    /// <summary>One pass over the tokens before anything is allocated per element: syntax, depth, array lengths and the envelope.</summary>
    private sealed class Scanner(JsonMapping mapping, MarginFileOptions options, string expectedFormat)
    {
        private readonly JsonPathStack _path = new();
        private string? _format;
        private long _formatAt = -1, _versionAt = -1;
        private int? _version;
        private bool _versionWhole = true;

        public void Scan()
        {
            var reader = new Utf8JsonReader(mapping.Utf8.Span, new JsonReaderOptions
            {
                MaxDepth = options.MaxDepth + 1,
                CommentHandling = JsonCommentHandling.Disallow,
                AllowTrailingCommas = false,
            });
            try
            {
                while (reader.Read())
                {
                    Token(ref reader);
                }
            }
            catch (JsonException e)
            {
                throw mapping.FromReader(e, _path.ToString());
            }

            CheckEnvelope();
        }

        private void Token(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    CheckText(ref reader, name: true);
                    _path.SetProperty(reader.GetString()!);
                    return;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    Element(ref reader);
                    if (_path.Depth == 0 && reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw mapping.Error("$", $"a {expectedFormat} document must be a JSON object, got an array.");
                    }

                    if (_path.Depth >= options.MaxDepth)
                    {
                        throw mapping.Limit(_path.ToString(), reader.TokenStartIndex, string.Create(CultureInfo.InvariantCulture,
                            $"nesting deeper than the limit MaxDepth = {options.MaxDepth}."));
                    }

                    bool array = reader.TokenType == JsonTokenType.StartArray;
                    (int limit, string name) = array ? LimitFor(_path.Property) : (0, "");
                    _path.Push(array, limit, name);
                    return;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    _path.Pop();
                    return;
                default:
                    if (_path.Depth == 0)
                    {
                        throw mapping.Error("$", $"a {expectedFormat} document must be a JSON object.");
                    }

                    Element(ref reader);
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        CheckText(ref reader, name: false);
                    }
                    else if (reader.TokenType == JsonTokenType.Null && _path.IsArray)
                    {
                        throw mapping.ErrorAt(_path.ToString(), reader.TokenStartIndex,
                            "null is not allowed as an element of a list: remove it, or give the value (see docs/file-formats.md).");
                    }

                    if (_path.Depth == 1)
                    {
                        Envelope(ref reader);
                    }

                    return;
            }
        }

        /// <summary>A property name or string value must be valid Unicode (<see cref="JsonText"/>); a name's error is at the enclosing object.</summary>
        private void CheckText(ref Utf8JsonReader reader, bool name)
        {
            if (JsonText.Problem(ref reader, out long offset) is { } problem)
            {
                throw mapping.ErrorAt(name ? _path.ToString(_path.Depth - 1) : _path.ToString(), offset,
                    $"{(name ? "a property name" : "the string")} is not valid text: {problem}; a JSON document must be UTF-8 (see docs/file-formats.md).");
            }
        }

        private void Element(ref Utf8JsonReader reader)
        {
            if (_path.Depth > 0 && _path.IsArray && !_path.CountElement())
            {
                throw mapping.Limit(_path.ToString(), reader.TokenStartIndex, string.Create(CultureInfo.InvariantCulture,
                    $"more than {_path.Limit} elements, the limit {_path.LimitName} = {_path.Limit}."));
            }
        }

        private void Envelope(ref Utf8JsonReader reader)
        {
            if (_path.Property == "format" && reader.TokenType == JsonTokenType.String)
            {
                _format = reader.GetString();
                _formatAt = reader.TokenStartIndex;
            }
            else if (_path.Property == "version" && reader.TokenType == JsonTokenType.Number)
            {
                _versionAt = reader.TokenStartIndex;
                _versionWhole = reader.TryGetInt32(out int v);
                _version = _versionWhole ? v : null;
            }
        }

        private void CheckEnvelope()
        {
            if (_format is null)
            {
                throw mapping.Error("$", $"missing \"format\": expected \"{expectedFormat}\" (see docs/file-formats.md).");
            }

            if (_format != expectedFormat)
            {
                string what = MarginFileFormat.All.Contains(_format)
                    ? $"this is a \"{_format}\" document, expected \"{expectedFormat}\"."
                    : $"unknown format \"{_format}\", expected \"{expectedFormat}\".";
                throw mapping.ErrorAt("$.format", _formatAt, what);
            }

            if (_versionAt < 0)
            {
                throw mapping.Error("$", string.Create(CultureInfo.InvariantCulture, $"missing \"version\": expected {MarginFileFormat.Version}."));
            }

            if (!_versionWhole || _version < 1)
            {
                throw mapping.ErrorAt("$.version", _versionAt, string.Create(CultureInfo.InvariantCulture,
                    $"the format version must be a whole number from 1 to {MarginFileFormat.Version}."));
            }

            if (_version > MarginFileFormat.Version)
            {
                throw mapping.ErrorAt("$.version", _versionAt, string.Create(CultureInfo.InvariantCulture,
                    $"format version {_version} is newer than the version this library reads ({MarginFileFormat.Version}); the file was written by a newer PortfolioMargin."));
            }
        }

        private (int Limit, string Name) LimitFor(string? property) => property switch
        {
            "positions" => (options.MaxPositions, nameof(MarginFileOptions.MaxPositions)),
            "instruments" => (options.MaxInstruments, nameof(MarginFileOptions.MaxInstruments)),
            "scenarios" => (options.MaxScenarios, nameof(MarginFileOptions.MaxScenarios)),
            "strikes" or "vols" => (options.MaxSmilePoints, nameof(MarginFileOptions.MaxSmilePoints)),
            _ => (options.MaxListLength, nameof(MarginFileOptions.MaxListLength)),
        };
    }
}
