using System.Text.Json.Nodes;
using PortfolioMargin.Serialization;
using Xunit;
using static PortfolioMargin.Tests.Serialization.JsonReaderCases;

namespace PortfolioMargin.Tests.Serialization;

/// <summary>
/// Issue 18 §1: text that is not valid Unicode (an unpaired surrogate, escaped or raw; a byte that is not UTF-8; a
/// UTF-16 file) and <c>null</c> as an element of any list are refused in every document kind with a
/// <see cref="MarginFileException"/> naming the JSON path and line, never a raw <see cref="InvalidOperationException"/>
/// or <see cref="NullReferenceException"/>.
/// </summary>
public sealed class JsonEncodingAndNullTests
{
    public static TheoryData<string> Kinds => JsonReaderCases.Kinds;

    private static MarginFileException Refused(Func<object> read)
    {
        MarginFileException e = Assert.Throws<MarginFileException>(() => read());
        Assert.NotNull(e.Path);
        Assert.NotNull(e.LineNumber);
        return e;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Null_as_an_element_of_every_list_of_every_document_is_refused_at_its_path(string kind)
    {
        Reader reader = Named(kind);
        List<string> arrays = ArrayPaths(reader.Example);
        Assert.NotEmpty(arrays);
        foreach (string path in arrays)
        {
            JsonNode doc = JsonNode.Parse(reader.Example)!;
            JsonArray array = Find(doc, path).AsArray();
            array.Insert(0, null);
            MarginFileException e = Refused(() => reader.Parse(doc.ToJsonString()));
            Assert.Equal(path + "[0]", e.Path);
            Assert.Contains("null is not allowed as an element of a list", e.Message, StringComparison.Ordinal);

            // The same at the end of the list.
            doc = JsonNode.Parse(reader.Example)!;
            array = Find(doc, path).AsArray();
            int count = array.Count;
            array.Add(null);
            Assert.Equal($"{path}[{count}]", Refused(() => reader.Parse(doc.ToJsonString())).Path);
        }
    }

    [Fact]
    public void The_issues_example_positions_null_names_the_position_and_line()
    {
        MarginFileException e = Refused(() => PortfolioJson.Parse("""{"format":"portfoliomargin/portfolio","version":1,"positions":[null]}"""));
        Assert.Equal("$.positions[0]", e.Path);
        Assert.Equal(1, e.LineNumber);
        Assert.Equal(64, e.BytePositionInLine);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_escaped_unpaired_surrogate_in_any_name_or_string_is_refused_at_its_line(string kind)
    {
        Reader reader = Named(kind);
        byte[] utf8 = Utf8(reader.Example);
        foreach (StringToken t in StringTokens(utf8))
        {
            foreach (string escape in (string[])["\\uD800", "\\uDC00", "\\uD800\\u0041"])
            {
                byte[] bad = Insert(utf8, t.Offset + 1, Utf8(escape));
                MarginFileException e = Refused(() => reader.Read(new MemoryStream(bad)));
                Assert.Equal(t.Line, e.LineNumber);
                Assert.Contains("is an unpaired UTF-16 surrogate", e.Message, StringComparison.Ordinal);
                Assert.Contains(t.IsName ? "a property name is not valid text" : "the string is not valid text", e.Message, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_byte_that_is_not_utf8_in_any_name_or_string_is_refused_at_its_line_and_byte(string kind)
    {
        Reader reader = Named(kind);
        byte[] utf8 = Utf8(reader.Example);
        foreach (StringToken t in StringTokens(utf8))
        {
            foreach (byte[] insert in (byte[][])[[0xFF], [0xC3], [0xE2, 0x82], [0x80], [0xED, 0xA0, 0x80]])
            {
                byte[] bad = Insert(utf8, t.Offset + 1, insert);
                MarginFileException e = Refused(() => reader.Read(new MemoryStream(bad)));
                Assert.Equal(t.Line, e.LineNumber);
                int lineStart = Array.LastIndexOf(bad, (byte)'\n', t.Offset) + 1;
                Assert.Equal(t.Offset + 1 - lineStart + 1, e.BytePositionInLine);
                Assert.Contains("not valid text", e.Message, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_raw_unpaired_surrogate_in_text_is_refused_not_replaced(string kind)
    {
        Reader reader = Named(kind);
        byte[] utf8 = Utf8(reader.Example);
        foreach (StringToken t in StringTokens(utf8))
        {
            // The character offset equals the byte offset: the examples are ASCII.
            string bad = reader.Example.Insert(t.Offset + 1, "\uDBFF");
            MarginFileException e = Refused(() => reader.Parse(bad));
            Assert.Equal(t.Line, e.LineNumber);
            Assert.Contains("encode an unpaired UTF-16 surrogate", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Examples_are_ascii_so_character_and_byte_offsets_agree() =>
        Assert.All(All, r => Assert.True(r.Example.All(char.IsAscii), r.Kind));

    [Theory]
    [InlineData("\"BTC-\\uD800PERP\", \"kind\"", "$.instruments[0].id", 9)]
    [InlineData("\"kind\": \"perpetual\"", "$.instruments[0]", 9)]
    public void The_path_is_the_value_for_a_string_and_the_enclosing_object_for_a_name(string at, string path, int line)
    {
        string json = at.StartsWith("\"kind", StringComparison.Ordinal)
            ? SerializationTestData.PortfolioExample.Replace(at, "\"ki\\uDC00nd\": \"perpetual\"", StringComparison.Ordinal)
            : SerializationTestData.PortfolioExample.Replace("\"BTC-PERP\", \"kind\"", at, StringComparison.Ordinal);
        MarginFileException e = Refused(() => PortfolioJson.Parse(json));
        Assert.Equal(path, e.Path);
        Assert.Equal(line, e.LineNumber);
    }

    [Fact]
    public void Valid_non_ascii_text_and_escaped_surrogate_pairs_are_read()
    {
        string json = SerializationTestData.PortfolioExample.Replace("ETH cold wallet", "ETH \\uD83D\\uDE00 wallet \u00e9\u4e2d\U0001F600", StringComparison.Ordinal);
        Assert.Equal("ETH \U0001F600 wallet \u00e9\u4e2d\U0001F600", PortfolioJson.Parse(json)[3].Instrument.Name);
        Assert.Equal("ETH \U0001F600 wallet \u00e9\u4e2d\U0001F600", PortfolioJson.Read(new MemoryStream(Utf8(json)))[3].Instrument.Name);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_utf16_document_is_refused_naming_the_encoding(string kind)
    {
        Reader reader = Named(kind);
        foreach (System.Text.Encoding encoding in (System.Text.Encoding[])[System.Text.Encoding.Unicode, System.Text.Encoding.BigEndianUnicode])
        {
            byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(reader.Example)];
            MarginFileException e = Refused(() => reader.Read(new MemoryStream(bytes)));
            Assert.Equal("$", e.Path);
            Assert.Contains("UTF-16 byte-order mark", e.Message, StringComparison.Ordinal);
        }
    }

    private static JsonNode Find(JsonNode root, string path)
    {
        JsonNode node = root;
        foreach ((string? name, int index) in JsonPathStack.Parse(path)!)
        {
            node = name is null ? node[index]! : node[name]!;
        }

        return node;
    }
}
