using PortfolioMargin.Instruments;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Serialization;

/// <summary>
/// Reads and writes a <see cref="Portfolio"/> as a <c>portfoliomargin/portfolio</c> JSON document: underlyings declared
/// once and referenced by symbol, instruments by kind with their terms and referenced by id, positions as an instrument
/// id and a signed quantity (schema: <c>docs/file-formats.md</c>). Stateless and thread-safe; AOT-safe (source-generated).
/// </summary>
public static class PortfolioJson
{
    private static readonly JsonFile<PortfolioDocument> File = new(MarginFileFormat.Portfolio, "Portfolio JSON", MarginJsonContext.Default.PortfolioDocument);

    /// <summary>Reads a portfolio from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The stream, read to its end (not disposed).</param>
    /// <param name="options">Input limits; null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <returns>The portfolio, positions in file order.</returns>
    /// <exception cref="MarginFileException">Malformed JSON, wrong format or version, a limit exceeded, an unknown reference or a value the domain rejects (names the JSON path and line).</exception>
    public static Portfolio Read(Stream utf8Json, MarginFileOptions? options = null) => File.Read(utf8Json, options, ToPortfolio);

    /// <summary>Reads a portfolio from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="options">Input limits; null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <returns>The portfolio, positions in file order.</returns>
    /// <exception cref="MarginFileException">As for <see cref="Read(Stream, MarginFileOptions?)"/>.</exception>
    public static Portfolio Parse(string json, MarginFileOptions? options = null) => File.Parse(json, options, ToPortfolio);

    /// <summary>Writes a portfolio as indented UTF-8 JSON.</summary>
    /// <param name="portfolio">The portfolio.</param>
    /// <param name="utf8Json">The stream written to (not disposed).</param>
    /// <param name="options">The reader limits the document must respect (what is written reads back with them); null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">Two different underlyings share a symbol.</exception>
    /// <exception cref="MarginFileException">The document would exceed a limit of <paramref name="options"/> (named, as the reader would name it); nothing is written.</exception>
    public static void Write(Portfolio portfolio, Stream utf8Json, MarginFileOptions? options = null) => File.Write(ToDocument(portfolio), utf8Json, options);

    /// <summary>The portfolio as indented JSON text.</summary>
    /// <param name="portfolio">The portfolio.</param>
    /// <param name="options">The reader limits the document must respect (what is written reads back with them); null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <returns>The JSON document.</returns>
    /// <exception cref="ArgumentException">Two different underlyings share a symbol.</exception>
    /// <exception cref="MarginFileException">The document would exceed a limit of <paramref name="options"/> (named, as the reader would name it); nothing is written.</exception>
    public static string ToJson(Portfolio portfolio, MarginFileOptions? options = null) => File.ToJson(ToDocument(portfolio), options);

    internal static PortfolioDocument ToDocument(Portfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        var underlyings = new Dictionary<string, Underlying>(StringComparer.Ordinal);
        var ids = new Dictionary<Instrument, string>();
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        var instruments = new List<InstrumentDto>();
        var positions = new List<PositionDto>(portfolio.Count);
        foreach (Position p in portfolio)
        {
            Instrument instrument = p.Instrument;
            Underlying u = instrument.Underlying;
            if (underlyings.TryGetValue(u.Symbol, out Underlying? known) && known != u)
            {
                throw new ArgumentException($"Two different underlyings share the symbol '{u.Symbol}' ({known.BaseCurrency}/{known.QuoteCurrency} and {u.BaseCurrency}/{u.QuoteCurrency}); a portfolio file references underlyings by symbol.", nameof(portfolio));
            }

            underlyings[u.Symbol] = u;
            if (!ids.TryGetValue(instrument, out string? id))
            {
                string name = instrument.NameUncached;
                id = name;
                for (int k = 2; !usedIds.Add(id); k++)
                {
                    id = $"{name}#{k}";
                }

                ids.Add(instrument, id);
                InstrumentTerms t = InstrumentTerms.Of(instrument);
                instruments.Add(new InstrumentDto(id, t.Kind, u.Symbol, t.Settlement, t.Expiry, t.Strike, t.Right, t.Multiplier, t.Name));
            }

            positions.Add(new PositionDto(id, p.Quantity));
        }

        return new PortfolioDocument(MarginFileFormat.Portfolio, MarginFileFormat.Version, positions,
            [.. underlyings.Values.Select(u => new UnderlyingDto(u.Symbol, u.BaseCurrency.Code, u.QuoteCurrency.Code))], instruments);
    }

    private static Portfolio ToPortfolio(PortfolioDocument d, JsonMapping m)
    {
        Dictionary<string, Underlying> underlyings = ReadUnderlyings(d.Underlyings ?? [], "$.underlyings", m);
        var instruments = new Dictionary<string, Instrument>(StringComparer.Ordinal);
        IReadOnlyList<InstrumentDto> list = d.Instruments ?? [];
        for (int i = 0; i < list.Count; i++)
        {
            InstrumentDto dto = list[i];
            if (!underlyings.TryGetValue(dto.Underlying, out Underlying? u))
            {
                throw m.Error(JsonMapping.Field(JsonMapping.Index("$.instruments", i), "underlying"), $"unknown underlying '{dto.Underlying}': declare it in $.underlyings.");
            }

            Instrument instrument;
            try
            {
                instrument = new InstrumentTerms(dto.Kind, dto.Settlement, dto.Expiry, dto.Strike, dto.Right, dto.Multiplier, dto.Name).Create(u, ignoreCase: false);
            }
            catch (ArgumentException e)
            {
                throw m.Refused(JsonMapping.Index("$.instruments", i), e, InstrumentTerms.Fields);
            }

            if (!instruments.TryAdd(dto.Id, instrument))
            {
                throw m.Error(JsonMapping.Field(JsonMapping.Index("$.instruments", i), "id"), $"the instrument id '{dto.Id}' is used twice; ids must be unique.");
            }
        }

        // Paths are built only for an error: a million positions allocate no path string and no closure.
        var positions = new Position[d.Positions.Count];
        for (int i = 0; i < positions.Length; i++)
        {
            PositionDto dto = d.Positions[i];
            if (!instruments.TryGetValue(dto.Instrument, out Instrument? instrument))
            {
                throw m.Error(JsonMapping.Field(JsonMapping.Index("$.positions", i), "instrument"), $"unknown instrument '{dto.Instrument}': declare it in $.instruments.");
            }

            try
            {
                positions[i] = new Position(instrument, dto.Quantity);
            }
            catch (ArgumentException e)
            {
                throw m.Refused(JsonMapping.Index("$.positions", i), e, "quantity");
            }
        }

        return new Portfolio(positions);
    }

    /// <summary>Declared underlyings by symbol (unique).</summary>
    internal static Dictionary<string, Underlying> ReadUnderlyings(IReadOnlyList<UnderlyingDto> list, string at, JsonMapping m)
    {
        var underlyings = new Dictionary<string, Underlying>(StringComparer.Ordinal);
        for (int i = 0; i < list.Count; i++)
        {
            UnderlyingDto dto = list[i];
            string path = JsonMapping.Index(at, i);
            Underlying u = ReadUnderlying(path, dto.Symbol, dto.Base, dto.Quote, m);
            if (!underlyings.TryAdd(u.Symbol, u))
            {
                throw m.Error(JsonMapping.Field(path, "symbol"), $"the underlying '{u.Symbol}' is declared twice.");
            }
        }

        return underlyings;
    }

    /// <summary>An underlying from its symbol and currency codes, errors at the field.</summary>
    internal static Underlying ReadUnderlying(string path, string symbol, string baseCode, string quoteCode, JsonMapping m)
    {
        Currency b = ReadCurrency(JsonMapping.Field(path, "base"), baseCode, m);
        Currency q = ReadCurrency(JsonMapping.Field(path, "quote"), quoteCode, m);
        return m.At(path, () => new Underlying(symbol, b, q), "symbol");
    }

    /// <summary>A currency code, errors at <paramref name="path"/>.</summary>
    internal static Currency ReadCurrency(string path, string code, JsonMapping m) => m.At(path, () => new Currency(code));
}
