using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PortfolioMargin.Serialization;

/// <summary>
/// Maps a deserialized document to domain objects and reports problems as <see cref="MarginFileException"/>s carrying
/// the JSON path and, found by re-scanning the bytes (only when there is an error), the line and byte of the value.
/// </summary>
internal sealed class JsonMapping(ReadOnlyMemory<byte> utf8, string title, MarginFileOptions? options = null)
{
    public ReadOnlyMemory<byte> Utf8 { get; } = utf8;

    /// <summary>The options of the read (value bounds such as <see cref="MarginFileOptions.MaxVolatility"/> apply while mapping).</summary>
    public MarginFileOptions Options { get; } = options ?? MarginFileOptions.Default;

    /// <summary>Runs <paramref name="build"/> (a domain constructor); an <see cref="ArgumentException"/> becomes an error at <paramref name="path"/>, or at its field when the exception's parameter is one of <paramref name="fields"/>.</summary>
    public T At<T>(string path, Func<T> build, params ReadOnlySpan<string> fields)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e)
        {
            throw Refused(path, e, fields);
        }
    }

    /// <summary>The error for a domain constructor's <see cref="ArgumentException"/> at <paramref name="path"/>, or at its field when the exception's parameter is one of <paramref name="fields"/>.</summary>
    public MarginFileException Refused(string path, ArgumentException e, params ReadOnlySpan<string> fields)
    {
        string at = path;
        foreach (string field in fields)
        {
            if (string.Equals(field, e.ParamName, StringComparison.OrdinalIgnoreCase))
            {
                at = Field(path, field);
            }
        }

        return Error(at, Problem(e), e);
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

    /// <summary>
    /// Byte offset of the value at <paramref name="path"/>, or of the deepest enclosing value present; −1 when the bytes
    /// do not parse. One pass of the token reader comparing each frame's key with the path's segment in place: no
    /// string is built per token, so locating an error at the end of a large document costs one read of it and
    /// memory proportional to the nesting depth.
    /// </summary>
    private long Locate(string path)
    {
        List<(string? Name, int Index)>? segments = JsonPathStack.Parse(path);
        if (segments is null)
        {
            return -1;
        }

        byte[]?[] names = [.. segments.Select(s => s.Name is null ? null : Encoding.UTF8.GetBytes(s.Name))];
        int target = segments.Count, depth = 0, bestDepth = -1;
        long best = -1;
        // Per open container: array or object, elements seen, and whether the path to its current key matches the target's prefix.
        var isArray = new bool[16];
        var count = new int[16];
        var onPath = new bool[16];
        var reader = new Utf8JsonReader(Utf8.Span, new JsonReaderOptions { MaxDepth = 1024 });
        try
        {
            while (reader.Read())
            {
                int top = depth - 1;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        onPath[top] = (top == 0 || onPath[top - 1]) && top < target && names[top] is { } name && reader.ValueTextEquals(name);
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        depth--;
                        continue;
                }

                if (depth > 0 && isArray[top])
                {
                    int index = count[top]++;
                    onPath[top] = (top == 0 || onPath[top - 1]) && top < target && names[top] is null && segments[top].Index == index;
                }

                if ((depth == 0 || onPath[top]) && depth > bestDepth)
                {
                    best = reader.TokenStartIndex;
                    bestDepth = depth;
                    if (depth == target)
                    {
                        return best;
                    }
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    if (depth == isArray.Length)
                    {
                        Array.Resize(ref isArray, depth * 2);
                        Array.Resize(ref count, depth * 2);
                        Array.Resize(ref onPath, depth * 2);
                    }

                    isArray[depth] = reader.TokenType == JsonTokenType.StartArray;
                    count[depth] = 0;
                    onPath[depth] = false;
                    depth++;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Best effort: keep what was found before the bytes stopped parsing.
        }

        return best;
    }
}
