using System.Globalization;
using PortfolioMargin.Instruments;

namespace PortfolioMargin.Serialization;

/// <summary>ISO 8601 date-times with an explicit offset: <c>2026-03-27T08:00:00Z</c>, <c>2026-03-27T10:00:00+02:00</c>, optional fraction of a second.</summary>
internal static class IsoTime
{
    private static readonly string[] Offset = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mmzzz"];
    private static readonly string[] Utc = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm'Z'"];

    /// <summary>Parses a date-time that states its offset (<c>Z</c> or <c>±hh:mm</c>); a time without one is refused, as it would be read in the machine's time zone.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        return text[^1] == 'Z'
            ? DateTimeOffset.TryParseExact(text, Utc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)
            : DateTimeOffset.TryParseExact(text, Offset, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>The error text for a value <see cref="TryParse"/> refused.</summary>
    public static string Problem(string? text) =>
        $"'{text}' is not an ISO 8601 date-time with an offset: expected e.g. \"2026-03-27T08:00:00Z\" or \"2026-03-27T10:00:00+02:00\".";

    /// <summary><c>yyyy-MM-ddTHH:mm:ss[.fffffff]Z</c> for offset 0, else with <c>±hh:mm</c>; exact to the tick and offset.</summary>
    public static string Format(DateTimeOffset value) =>
        value.Offset == TimeSpan.Zero
            ? value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}

/// <summary>Enum values in files: the member name with a lower-case first letter (<c>act365Fixed</c>, <c>maxOfSides</c>, <c>call</c>).</summary>
internal static class FileEnum
{
    public static string Name<T>(T value)
        where T : struct, Enum
    {
        foreach ((T v, string name) in Names<T>.All)
        {
            if (EqualityComparer<T>.Default.Equals(v, value))
            {
                return name;
            }
        }

        string s = value.ToString();
        return string.Concat(s[..1].ToLowerInvariant(), s.AsSpan(1));
    }

    /// <summary>Parses a name; on failure throws an <see cref="ArgumentException"/> whose parameter is <paramref name="field"/> and whose message lists the accepted names.</summary>
    public static T Parse<T>(string? text, string field, bool ignoreCase = false)
        where T : struct, Enum
    {
        StringComparison comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach ((T value, string name) in Names<T>.All)
        {
            if (string.Equals(name, text, comparison))
            {
                return value;
            }
        }

        throw new ArgumentException($"'{text}' is not a valid {field}: expected one of {string.Join(", ", Names<T>.All.Select(n => n.Name))}.", field);
    }

    /// <summary>The file names of an enum's members, computed once per type.</summary>
    private static class Names<T>
        where T : struct, Enum
    {
        public static readonly (T Value, string Name)[] All = [.. Enum.GetValues<T>().Select(v =>
        {
            string s = v.ToString();
            return (v, string.Concat(s[..1].ToLowerInvariant(), s.AsSpan(1)));
        })];
    }
}

/// <summary>How a file names an instrument's kind (<c>settlement</c> then says linear or inverse).</summary>
internal enum FileInstrumentKind : byte
{
    Spot = 0,
    Perpetual = 1,
    Future = 2,
    Option = 3,
}

/// <summary>
/// An instrument's terms as files state them (JSON instrument objects and CSV rows share them), with the mapping to
/// and from the domain types. Errors are <see cref="ArgumentException"/>s whose parameter name is the field name.
/// </summary>
internal sealed record InstrumentTerms(
    string Kind, string? Settlement, DateTimeOffset? Expiry, double? Strike, string? Right, double? Multiplier, string? Name)
{
    /// <summary>Field names, as in JSON and in the CSV header.</summary>
    public static readonly string[] Fields = ["kind", "underlying", "settlement", "expiry", "strike", "right", "multiplier", "name"];

    /// <summary>Builds the instrument through its validating constructor.</summary>
    /// <param name="underlying">The resolved underlying.</param>
    /// <param name="ignoreCase">Accept names of kinds, rights and settlements in any case (CSV).</param>
    public Instrument Create(Underlying underlying, bool ignoreCase)
    {
        FileInstrumentKind kind = FileEnum.Parse<FileInstrumentKind>(Kind, "kind", ignoreCase);
        string kindName = FileEnum.Name(kind);
        OptionSettlement settlement = Settlement is null ? OptionSettlement.Linear : FileEnum.Parse<OptionSettlement>(Settlement, "settlement", ignoreCase);
        double multiplier = Multiplier ?? 1.0;
        bool dated = kind is FileInstrumentKind.Future or FileInstrumentKind.Option;
        if (kind == FileInstrumentKind.Spot && settlement == OptionSettlement.Inverse)
        {
            throw new ArgumentException("settlement 'inverse' does not apply to kind 'spot'.", "settlement");
        }

        NotFor(!dated && Expiry is not null, "expiry", kindName);
        NotFor(kind != FileInstrumentKind.Option && Strike is not null, "strike", kindName);
        NotFor(kind != FileInstrumentKind.Option && Right is not null, "right", kindName);
        DateTimeOffset expiry = dated ? Expiry ?? throw Missing("expiry", kindName) : default;
        bool inverse = settlement == OptionSettlement.Inverse;
        return kind switch
        {
            FileInstrumentKind.Spot => new SpotInstrument(underlying, multiplier, Name),
            FileInstrumentKind.Perpetual => new Perpetual(underlying, inverse, multiplier, Name),
            FileInstrumentKind.Future => new Future(underlying, expiry, inverse, multiplier, Name),
            _ => new EuropeanOption(underlying,
                FileEnum.Parse<OptionRight>(Right ?? throw Missing("right", kindName), "right", ignoreCase),
                Strike ?? throw Missing("strike", kindName), expiry, settlement, multiplier, Name),
        };
    }

    /// <summary>The terms of an instrument; defaults (linear settlement, multiplier 1, the generated name) are left out.</summary>
    public static InstrumentTerms Of(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        (FileInstrumentKind kind, bool inverse) = instrument switch
        {
            SpotInstrument => (FileInstrumentKind.Spot, false),
            Perpetual p => (FileInstrumentKind.Perpetual, p.Inverse),
            Future f => (FileInstrumentKind.Future, f.Inverse),
            EuropeanOption o => (FileInstrumentKind.Option, o.Settlement == OptionSettlement.Inverse),
            _ => throw new ArgumentException($"Instrument '{instrument.Name}' is of type {instrument.GetType().Name}, which the file formats do not describe.", nameof(instrument)),
        };
        var option = instrument as EuropeanOption;
        string? name = instrument.GivenName is { } given && given != instrument.GeneratedName ? given : null;
        return new InstrumentTerms(
            FileEnum.Name(kind),
            inverse ? FileEnum.Name(OptionSettlement.Inverse) : null,
            instrument.Expiry,
            option?.Strike,
            option is null ? null : FileEnum.Name(option.Right),
            instrument.Multiplier == 1.0 ? null : instrument.Multiplier,
            name);
    }

    private static void NotFor(bool present, string field, string kind)
    {
        if (present)
        {
            throw new ArgumentException($"field '{field}' does not apply to kind '{kind}'.", field);
        }
    }

    private static ArgumentException Missing(string field, string kind) => new($"kind '{kind}' needs the field '{field}'.", field);
}
