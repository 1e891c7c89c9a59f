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

        return Read(Encoding.UTF8.GetBytes(json), options, map);
    }

    public void Write(TDocument document, Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        JsonSerializer.Serialize(utf8Json, document, typeInfo);
    }

    public string ToJson(TDocument document) => JsonSerializer.Serialize(document, typeInfo);

    private T Read<T>(ReadOnlyMemory<byte> utf8, MarginFileOptions options, Func<TDocument, JsonMapping, T> map)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        if (utf8.Span.StartsWith(bom))
        {
            utf8 = utf8[3..];
        }

        var mapping = new JsonMapping(utf8, title);
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
                    if (_path.Depth == 1)
                    {
                        Envelope(ref reader);
                    }

                    return;
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

/// <summary>
/// The JSON path of the token a reader is on, kept as a stack of frames (object: current property; array: element
/// count), so that a path string is only built when an error needs one.
/// </summary>
internal sealed class JsonPathStack
{
    private readonly List<Frame> _frames = [];

    public int Depth => _frames.Count;

    public bool IsArray => _frames[^1].IsArray;

    public string? Property => _frames.Count == 0 ? null : _frames[^1].Property;

    public int Limit => _frames[^1].Limit;

    public string LimitName => _frames[^1].LimitName;

    public void Push(bool isArray, int limit = int.MaxValue, string limitName = "") => _frames.Add(new Frame(isArray, limit, limitName));

    public void Pop() => _frames.RemoveAt(_frames.Count - 1);

    public void SetProperty(string name) => _frames[^1].Property = name;

    /// <summary>Counts one more element in the current array; false when that exceeds its limit.</summary>
    public bool CountElement() => ++_frames[^1].Count <= _frames[^1].Limit;

    /// <summary>The path of the current token, e.g. <c>$.positions[3].quantity</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("$");
        foreach (Frame f in _frames)
        {
            if (f.IsArray)
            {
                if (f.Count > 0)
                {
                    sb.Append('[').Append((f.Count - 1).ToString(CultureInfo.InvariantCulture)).Append(']');
                }
            }
            else if (f.Property is not null)
            {
                AppendProperty(sb, f.Property);
            }
        }

        return sb.ToString();
    }

    /// <summary>Appends <c>.name</c>, or <c>['name']</c> when the name is not a plain identifier (the form <see cref="JsonException.Path"/> uses).</summary>
    public static void AppendProperty(StringBuilder sb, string name)
    {
        if (name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            sb.Append('.').Append(name);
        }
        else
        {
            sb.Append("['").Append(name.Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
        }
    }

    private sealed class Frame(bool isArray, int limit, string limitName)
    {
        public bool IsArray { get; } = isArray;

        public int Limit { get; } = limit;

        public string LimitName { get; } = limitName;

        public string? Property { get; set; }

        public int Count { get; set; }
    }
}

/// <summary>
/// Maps a deserialized document to domain objects and reports problems as <see cref="MarginFileException"/>s carrying
/// the JSON path and, found by re-scanning the bytes (only when there is an error), the line and byte of the value.
/// </summary>
internal sealed class JsonMapping(ReadOnlyMemory<byte> utf8, string title)
{
    public ReadOnlyMemory<byte> Utf8 { get; } = utf8;

    /// <summary>Runs <paramref name="build"/> (a domain constructor); an <see cref="ArgumentException"/> becomes an error at <paramref name="path"/>, or at its field when the exception's parameter is one of <paramref name="fields"/>.</summary>
    public T At<T>(string path, Func<T> build, params ReadOnlySpan<string> fields)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e)
        {
            string at = path;
            foreach (string field in fields)
            {
                if (string.Equals(field, e.ParamName, StringComparison.OrdinalIgnoreCase))
                {
                    at = Field(path, field);
                }
            }

            throw Error(at, Problem(e), e);
        }
    }

    /// <summary><c>path.name</c>.</summary>
    public static string Field(string path, string name)
    {
        var sb = new StringBuilder(path);
        JsonPathStack.AppendProperty(sb, name);
        return sb.ToString();
    }

    /// <summary><c>path[index]</c>.</summary>
    public static string Index(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    /// <summary>An error at a path; the line is that of the value at the path, or of its nearest enclosing value in the file when the value is absent.</summary>
    public MarginFileException Error(string path, string problem, Exception? inner = null)
    {
        (long? line, long? column) = Where(path);
        return new MarginFileException(title, path, line, column, null, problem, inner);
    }

    /// <summary>An error at a path whose byte offset is known.</summary>
    public MarginFileException ErrorAt(string path, long offset, string problem)
    {
        (long line, long column) = LineOf(offset);
        return new MarginFileException(title, path, line, column, null, problem);
    }

    /// <summary>An input limit was exceeded at the token starting at <paramref name="offset"/>.</summary>
    public MarginFileException Limit(string path, long offset, string problem) => ErrorAt(path, offset, problem);

    /// <summary>A syntax or depth error of the token reader (its line and byte are 0-based).</summary>
    public MarginFileException FromReader(JsonException e, string path) =>
        new(title, path, e.LineNumber + 1, e.BytePositionInLine + 1, null, Clean(e.Message), e);

    /// <summary>A deserialization error (wrong type, missing or unknown field, duplicate property).</summary>
    public MarginFileException FromJson(JsonException e)
    {
        string path = e.Path ?? "$";
        long? line = e.LineNumber + 1, column = e.BytePositionInLine + 1;
        if (line is null)
        {
            (line, column) = Where(path);
        }

        string problem = Clean(e.Message);
        if (problem.Contains("could not be converted to", StringComparison.Ordinal))
        {
            long offset = Locate(path);
            problem = offset < 0 ? "the value has the wrong type (see the field tables in docs/file-formats.md)."
                : $"the value has the wrong type: got {TokenAt(offset)} (see the field tables in docs/file-formats.md).";
        }

        return new MarginFileException(title, path, line, column, null, problem, e);
    }

    private string TokenAt(long offset)
    {
        var reader = new Utf8JsonReader(Utf8.Span[(int)offset..], new JsonReaderOptions { MaxDepth = 1024 });
        try
        {
            reader.Read();
            return reader.TokenType switch
            {
                JsonTokenType.String => "a string",
                JsonTokenType.Number => "a number",
                JsonTokenType.True or JsonTokenType.False => "true/false",
                JsonTokenType.StartArray => "an array",
                JsonTokenType.StartObject => "an object",
                JsonTokenType.Null => "null",
                _ => reader.TokenType.ToString(),
            };
        }
        catch (JsonException)
        {
            return "an unreadable value";
        }
    }

    private static string Problem(ArgumentException e)
    {
        string message = e.Message;
        int cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return cut >= 0 ? message[..cut] : message;
    }

    // System.Text.Json messages name the file-shape types and repeat the location; keep what helps the reader of the file.
    private static string Clean(string message)
    {
        foreach (string marker in (ReadOnlySpan<string>)[" Path: ", " LineNumber: "])
        {
            int cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut >= 0)
            {
                message = message[..cut];
            }
        }

        const string Missing = "was missing required properties including: ";
        int m = message.IndexOf(Missing, StringComparison.Ordinal);
        if (m >= 0)
        {
            return "missing required field(s) " + message[(m + Missing.Length)..].TrimEnd('.') + ".";
        }

        if (message.Contains("doesn't allow null values", StringComparison.Ordinal))
        {
            return "null is not allowed here: give a value, or leave an optional field out.";
        }

        if (message.StartsWith("Duplicate property '", StringComparison.Ordinal))
        {
            int end = message.IndexOf('\'', 20);
            return $"the field '{message[20..end]}' is given twice.";
        }

        if (message.StartsWith("The JSON property '", StringComparison.Ordinal) && message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            int end = message.IndexOf('\'', 19);
            return $"unknown field '{message[19..end]}' (fields are case-sensitive; see docs/file-formats.md).";
        }

        return message.Replace("System.Double", "a number", StringComparison.Ordinal)
            .Replace("System.Int32", "a whole number", StringComparison.Ordinal)
            .Replace("System.String", "a string", StringComparison.Ordinal)
            .Trim();
    }

    private (long? Line, long? Column) Where(string path)
    {
        long offset = Locate(path);
        return offset < 0 ? (null, null) : LineOf(offset);
    }

    private (long Line, long Column) LineOf(long offset)
    {
        ReadOnlySpan<byte> before = Utf8.Span[..(int)Math.Min(offset, Utf8.Length)];
        int lastNewline = before.LastIndexOf((byte)'\n');
        return (before.Count((byte)'\n') + 1, offset - lastNewline);
    }

    /// <summary>Byte offset of the value at <paramref name="path"/>, or of the deepest enclosing value present; −1 when the bytes do not parse.</summary>
    private long Locate(string path)
    {
        var stack = new JsonPathStack();
        long best = -1;
        int bestLength = -1;
        var reader = new Utf8JsonReader(Utf8.Span, new JsonReaderOptions { MaxDepth = 1024 });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        stack.SetProperty(reader.GetString()!);
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.Pop();
                        continue;
                }

                if (stack.Depth > 0 && stack.IsArray)
                {
                    stack.CountElement();
                }

                string here = stack.ToString();
                if (here.Length > bestLength && path.StartsWith(here, StringComparison.Ordinal)
                    && (here.Length == path.Length || path[here.Length] is '.' or '['))
                {
                    best = reader.TokenStartIndex;
                    bestLength = here.Length;
                    if (here.Length == path.Length)
                    {
                        return best;
                    }
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    stack.Push(reader.TokenType == JsonTokenType.StartArray);
                }
            }
        }
        catch (JsonException)
        {
            // Best effort: keep what was found before the bytes stopped parsing.
        }

        return best;
    }
}
