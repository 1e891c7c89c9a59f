using System.Diagnostics;
using System.Text;
using PortfolioMargin.Serialization;
using Xunit;
using static PortfolioMargin.Tests.Serialization.JsonReaderCases;

namespace PortfolioMargin.Tests.Serialization;

/// <summary>
/// Issue 18: a seeded, time-bounded fuzz loop over every JSON reader (text and stream) and the positions CSV reader,
/// with random bytes and random mutations of the documented examples. Every outcome must be a value or the documented
/// <see cref="MarginFileException"/>; anything else fails with the seed, the iteration and the input, so the case can
/// be replayed (<see cref="Replay"/>) and turned into a bad-input test.
/// </summary>
public sealed class ReaderFuzzTests
{
    /// <summary>Time per reader and input family; the loop also stops after <see cref="MaxIterations"/>.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1.5);

    private const int MaxIterations = 20_000;

    /// <summary>Fragments a mutation splices in: JSON and CSV syntax, the values readers treat specially, encodings.</summary>
    private static readonly string[] Fragments =
    [
        "null", "[]", "{}", "[null]", "{\"a\":1}", "\"\"", "\"x\"", "0", "-0", "1e400", "-1e400", "1e-400", "NaN", "Infinity", "1.5e308",
        "123456789012345678901234567890", "true", "false", ",", ":", "[", "]", "{", "}", "\"", "\\", "\\u", "\\uD800", "\\uDC00", "\\u0000",
        "\uD800", "\uDFFF", "\u0000", "\u00e9", "\U0001F600", "\r", "\n", "\r\n", "\t", " ", "\"\"\"", ",,", "\ufeff", "//", "/*", "2026-13-45T99:99:99Z",
        "2026-03-27T08:00:00", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "\"format\"", "\"version\"", "\"positions\"", "inverse", "option", "call",
    ];

    public static TheoryData<string> Kinds => JsonReaderCases.Kinds;

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Mutated_json_documents_give_a_value_or_a_MarginFileException(string kind)
    {
        Reader reader = Named(kind);
        int valid = Fuzz($"{kind} (mutations)", Seed(kind), rng => Mutate(rng, reader.Example), text => Check(reader, text), out int iterations);

        // The mutations must reach the mapping to the domain, not only break the syntax.
        Assert.True(valid >= iterations / 100, $"{kind}: {valid} valid results in {iterations} iterations");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Random_bytes_give_a_MarginFileException_for_every_json_reader(string kind)
    {
        Reader reader = Named(kind);
        Fuzz($"{kind} (random bytes)", Seed(kind) + 1, RandomText, text => Check(reader, text), out _);
    }

    [Fact]
    public void Mutated_and_random_positions_csv_give_a_value_or_a_MarginFileException()
    {
        int valid = Fuzz("positions CSV (mutations)", 41, rng => Mutate(rng, SerializationTestData.PositionsCsvExample), CheckCsv, out int iterations);
        Assert.True(valid >= iterations / 100, $"CSV: {valid} valid results in {iterations} iterations");
        Fuzz("positions CSV (random)", 43, RandomText, CheckCsv, out _);
    }

    /// <summary>Replays one input (paste the escaped text of a failure here while fixing it).</summary>
    [Fact]
    public void Replay()
    {
        foreach (Reader reader in All)
        {
            Check(reader, "{\"format\":\"portfoliomargin/x\",\"version\":1}");
        }

        CheckCsv("kind,underlying,quantity\r\nspot,BTC,1");
    }

    private static int Seed(string kind) => kind.Aggregate(17, (h, c) => (h * 31) + c);

    /// <summary>Runs the loop; returns how many reads gave a value.</summary>
    private static int Fuzz(string what, int seed, Func<Random, string> input, Func<string, int> check, out int iterations)
    {
        var rng = new Random(seed);
        var clock = Stopwatch.StartNew();
        int i = 0, valid = 0;
        for (; i < MaxIterations && (clock.Elapsed < Budget || i < 200); i++)
        {
            string text = input(rng);
            try
            {
                valid += check(text);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"{what}, seed {seed}, iteration {i}: {e.GetType().Name}: {e.Message}\ninput: {Escape(text)}\n{e}");
            }
        }

        Assert.True(i >= 200, $"{what}: only {i} iterations");
        iterations = i;
        return valid;
    }

    /// <summary>Both readers of a kind: text, and the same text as UTF-8 bytes with unpaired surrogates kept as their (invalid) three-byte form.</summary>
    private static int Check(Reader reader, string text) =>
        Outcome(() => reader.Parse(text))
        + Outcome(() => reader.Read(new MemoryStream(JsonText.ToUtf8(text))))
        + Outcome(() => reader.Read(new MemoryStream(Encoding.Latin1.GetBytes(text.Select(c => c > 0xFF ? '?' : c).ToArray()))));

    private static int CheckCsv(string text) => Outcome(() => PositionCsv.Read(new StringReader(text), SerializationTestData.Underlyings));

    /// <summary>1 when the read gives a value, 0 when it throws the documented exception (with a document name and a problem).</summary>
    private static int Outcome(Func<object> read)
    {
        try
        {
            Assert.NotNull(read());
            return 1;
        }
        catch (MarginFileException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Problem));
            Assert.StartsWith(e.Document, e.Message, StringComparison.Ordinal);
            return 0;
        }
    }

    private static string Mutate(Random rng, string example)
    {
        var text = new StringBuilder(example);
        int edits = 1 + rng.Next(4);
        for (int e = 0; e < edits; e++)
        {
            int at = rng.Next(text.Length + 1);
            switch (rng.Next(7))
            {
                case 0 when text.Length > 0:
                    text.Remove(Math.Min(at, text.Length - 1), 1 + rng.Next(Math.Min(8, text.Length - Math.Min(at, text.Length - 1))));
                    break;
                case 1:
                    text.Insert(at, Fragments[rng.Next(Fragments.Length)]);
                    break;
                case 2 when text.Length > 0:
                    text[Math.Min(at, text.Length - 1)] = (char)rng.Next(0, 0x80);
                    break;
                case 3 when text.Length > 0:
                    text[Math.Min(at, text.Length - 1)] = (char)rng.Next(0, 0x10000);
                    break;
                case 4 when at < text.Length:
                    int length = rng.Next(1, Math.Min(200, text.Length - at) + 1);
                    text.Insert(rng.Next(text.Length + 1), text.ToString(at, length));
                    break;
                case 5:
                    text.Length = Math.Min(at, text.Length);
                    break;
                default:
                    // Replace a number or a string's content with a fragment.
                    int start = text.ToString().IndexOfAny(['"', '0', '1', '2', '5', '6', '7', '8', '9'], Math.Min(at, text.Length));
                    if (start >= 0)
                    {
                        int end = Math.Min(text.Length, start + 1 + rng.Next(12));
                        text.Remove(start, end - start).Insert(start, Fragments[rng.Next(Fragments.Length)]);
                    }

                    break;
            }
        }

        return text.ToString();
    }

    private const string JsonChars = "{}[],:\"\\ \n0123456789eE.-+ntrufalsx";

    private static string RandomText(Random rng)
    {
        int length = rng.Next(0, 160);
        var chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = rng.Next(4) switch
            {
                0 => JsonChars[rng.Next(JsonChars.Length)],
                1 => (char)rng.Next(0, 0x80),
                2 => (char)rng.Next(0x80, 0x100),
                _ => (char)rng.Next(0, 0x10000),
            };
        }

        return new string(chars);
    }

    private static string Escape(string text)
    {
        var sb = new StringBuilder();
        foreach (char c in text)
        {
            sb.Append(c is >= ' ' and < '\u007f' and not '\\' and not '"' ? c.ToString() : $"\\u{(int)c:X4}");
        }

        return sb.ToString();
    }
}
