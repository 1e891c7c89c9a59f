using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace PortfolioMargin.Serialization;

/// <summary>
/// Unicode checks of JSON text: every property name and string value must be valid UTF-8 whose escapes decode to
/// valid UTF-16 (no unpaired surrogate, escaped or raw). The readers run <see cref="Problem"/> on every string token
/// while scanning, so a bad byte is reported at its JSON path and line instead of escaping later from the
/// deserializer as an exception that names nothing.
/// </summary>
internal static class JsonText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Null when the current string or property-name token is valid text; otherwise what is wrong, and the byte offset
    /// in the document of the offending byte or escape. Allocates nothing for valid unescaped text.
    /// </summary>
    public static string? Problem(ref Utf8JsonReader reader, out long offset)
    {
        ReadOnlySpan<byte> raw = reader.ValueSpan;
        offset = reader.TokenStartIndex + 1;
        if (!reader.ValueIsEscaped)
        {
            if (Utf8.IsValid(raw))
            {
                return null;
            }
        }
        else
        {
            char[] buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, raw.Length));
            try
            {
                reader.CopyString(buffer);
                return null;
            }
            catch (InvalidOperationException)
            {
                // Described below.
            }
            finally
            {
                ArrayPool<char>.Shared.Return(buffer);
            }
        }

        string problem = Describe(raw, out int at);
        offset += at;
        return problem;
    }

    /// <summary>What is wrong with the raw (still escaped) bytes of a string, and where it starts in them.</summary>
    private static string Describe(ReadOnlySpan<byte> raw, out int at)
    {
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length)
            {
                if (raw[i + 1] == 'u' && Hex(raw, i + 2) is int c && char.IsSurrogate((char)c))
                {
                    bool paired = char.IsHighSurrogate((char)c) && raw.Length >= i + 12 && raw[i + 6] == '\\' && raw[i + 7] == 'u'
                        && Hex(raw, i + 8) is int low && char.IsLowSurrogate((char)low);
                    if (!paired)
                    {
                        at = i;
                        return string.Create(CultureInfo.InvariantCulture, $"the escape \\u{c:X4} is an unpaired UTF-16 surrogate");
                    }

                    i += 11;
                    continue;
                }

                i++;
                continue;
            }

            if (raw[i] >= 0x80)
            {
                OperationStatus status = Rune.DecodeFromUtf8(raw[i..], out _, out int consumed);
                if (status != OperationStatus.Done)
                {
                    at = i;
                    bool surrogate = raw[i] == 0xED && i + 1 < raw.Length && raw[i + 1] >= 0xA0 && raw[i + 1] <= 0xBF;
                    return surrogate
                        ? "the bytes 0xED 0x" + raw[i + 1].ToString("X2", CultureInfo.InvariantCulture) + " encode an unpaired UTF-16 surrogate, which is not UTF-8"
                        : string.Create(CultureInfo.InvariantCulture, $"the byte 0x{raw[i]:X2} is not valid UTF-8");
                }

                i += consumed - 1;
            }
        }

        at = 0;
        return "the text is not valid Unicode";
    }

    private static int? Hex(ReadOnlySpan<byte> raw, int from) =>
        raw.Length >= from + 4 && int.TryParse(Encoding.ASCII.GetString(raw.Slice(from, 4)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int v) ? v : null;

    /// <summary>
    /// The UTF-8 bytes of <paramref name="text"/>. An unpaired surrogate (which UTF-8 cannot encode) is written as its
    /// three-byte surrogate form, which no UTF-8 reader accepts, so that the scan reports it at its JSON path and line
    /// instead of the encoder replacing it silently with U+FFFD.
    /// </summary>
    public static byte[] ToUtf8(string text)
    {
        try
        {
            return Strict.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            var bytes = new ArrayBufferWriter<byte>(text.Length + 16);
            ReadOnlySpan<char> rest = text;
            while (!rest.IsEmpty)
            {
                if (Rune.DecodeFromUtf16(rest, out Rune rune, out int used) == OperationStatus.Done)
                {
                    rune.EncodeToUtf8(bytes.GetSpan(4));
                    bytes.Advance(rune.Utf8SequenceLength);
                }
                else
                {
                    int c = rest[0];
                    Span<byte> three = bytes.GetSpan(3);
                    three[0] = (byte)(0xE0 | (c >> 12));
                    three[1] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    three[2] = (byte)(0x80 | (c & 0x3F));
                    bytes.Advance(3);
                    used = 1;
                }

                rest = rest[used..];
            }

            return bytes.WrittenSpan.ToArray();
        }
    }
}
