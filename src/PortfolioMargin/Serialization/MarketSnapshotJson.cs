using System.Collections.Immutable;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;

namespace PortfolioMargin.Serialization;

/// <summary>
/// Reads and writes a <see cref="MarketSnapshot"/> as a <c>portfoliomargin/market-snapshot</c> JSON document: valuation
/// time (ISO 8601 with offset), report currency, day count, spots (with their underlying's currencies), forwards, vol
/// surfaces (flat, term structure or smile), discount rates and conversion rates (schema: <c>docs/file-formats.md</c>).
/// Stateless and thread-safe; AOT-safe (source-generated).
/// </summary>
public static class MarketSnapshotJson
{
    private static readonly JsonFile<MarketSnapshotDocument> File = new(MarginFileFormat.MarketSnapshot, "Market snapshot JSON", MarginJsonContext.Default.MarketSnapshotDocument);

    /// <summary>Reads a snapshot from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The stream, read to its end (not disposed).</param>
    /// <param name="options">Input limits; null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="MarginFileException">Malformed JSON, wrong format or version, a limit exceeded, a duplicate entry or a value the domain rejects (names the JSON path and line).</exception>
    public static MarketSnapshot Read(Stream utf8Json, MarginFileOptions? options = null) => File.Read(utf8Json, options, ToSnapshot);

    /// <summary>Reads a snapshot from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="options">Input limits; null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="MarginFileException">As for <see cref="Read(Stream, MarginFileOptions?)"/>.</exception>
    public static MarketSnapshot Parse(string json, MarginFileOptions? options = null) => File.Parse(json, options, ToSnapshot);

    /// <summary>Writes a snapshot as indented UTF-8 JSON; entries are sorted (by symbol, expiry, currency) so equal snapshots give equal files.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="utf8Json">The stream written to (not disposed).</param>
    /// <param name="options">The reader limits the document must respect (what is written reads back with them); null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <exception cref="MarginFileException">The document would exceed a limit of <paramref name="options"/> (named, as the reader would name it); nothing is written.</exception>
    public static void Write(MarketSnapshot snapshot, Stream utf8Json, MarginFileOptions? options = null) => File.Write(ToDocument(snapshot), utf8Json, options);

    /// <summary>The snapshot as indented JSON text (entries sorted as by <see cref="Write"/>).</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="options">The reader limits the document must respect (what is written reads back with them); null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <returns>The JSON document.</returns>
    /// <exception cref="MarginFileException">The document would exceed a limit of <paramref name="options"/> (named, as the reader would name it); nothing is written.</exception>
    public static string ToJson(MarketSnapshot snapshot, MarginFileOptions? options = null) => File.ToJson(ToDocument(snapshot), options);

    private static MarketSnapshotDocument ToDocument(MarketSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new MarketSnapshotDocument(
            MarginFileFormat.MarketSnapshot, MarginFileFormat.Version, s.ValuationTime, s.ReportCurrency.Code, FileEnum.Name(s.DayCount),
            [.. s.SpotPrices.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
            {
                Underlying u = s.Underlyings[kv.Key];
                return new SpotDto(u.Symbol, u.BaseCurrency.Code, u.QuoteCurrency.Code, kv.Value);
            })],
            [.. s.ForwardPrices.OrderBy(kv => kv.Key.Symbol, StringComparer.Ordinal).ThenBy(kv => kv.Key.Expiry)
                .Select(kv => new ForwardDto(kv.Key.Symbol, kv.Key.Expiry, kv.Value))],
            [.. s.VolSurfaces.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => Surface(kv.Key, kv.Value))],
            Rates(s.Rates), Rates(s.FxRates));
    }

    private static CurrencyRateDto[] Rates(ImmutableDictionary<Currency, double> rates) =>
        [.. rates.OrderBy(kv => kv.Key.Code, StringComparer.Ordinal).Select(kv => new CurrencyRateDto(kv.Key.Code, kv.Value))];

    private static VolSurfaceDto Surface(string symbol, VolSurface surface) => surface.Shape switch
    {
        VolSurfaceShape.Flat => new VolSurfaceDto(symbol, Flat: surface.FlatVolatility),
        VolSurfaceShape.TermStructure => new VolSurfaceDto(symbol, Term: [.. surface.Pillars.Select(p => new TermPillarDto(p.Expiry, p.Vols[0]))]),
        VolSurfaceShape.Smile => new VolSurfaceDto(symbol, Smile: [.. surface.Pillars.Select(p => new SmilePillarDto(p.Expiry, p.Strikes, p.Vols))]),
        _ => throw new InvalidOperationException($"The vol surface of '{symbol}' is derived from another one (e.g. a stress-shocked snapshot) and cannot be written; write the base snapshot instead."),
    };

    private static MarketSnapshot ToSnapshot(MarketSnapshotDocument d, JsonMapping m)
    {
        Currency report = PortfolioJson.ReadCurrency("$.reportCurrency", d.ReportCurrency, m);
        DayCount dayCount = d.DayCount is null ? DayCount.Act365Fixed : m.At("$.dayCount", () => FileEnum.Parse<DayCount>(d.DayCount, "day count"));
        var s = new MarketSnapshot(d.ValuationTime, report, dayCount);
        IReadOnlyList<SpotDto> spots = d.Spots ?? [];
        for (int i = 0; i < spots.Count; i++)
        {
            SpotDto dto = spots[i];
            string path = JsonMapping.Index("$.spots", i);
            Underlying u = PortfolioJson.ReadUnderlying(path, dto.Symbol, dto.Base, dto.Quote, m);
            Unique(s.SpotPrices.ContainsKey(u.Symbol), path, "symbol", $"a spot for '{u.Symbol}'", m);
            s = m.At(JsonMapping.Field(path, "price"), () => s.WithSpot(u, dto.Price));
        }

        IReadOnlyList<ForwardDto> forwards = d.Forwards ?? [];
        for (int i = 0; i < forwards.Count; i++)
        {
            ForwardDto dto = forwards[i];
            string path = JsonMapping.Index("$.forwards", i);
            Symbol(dto.Underlying, path, m);
            Unique(s.ForwardPrices.ContainsKey((dto.Underlying, dto.Expiry)), path, "expiry", $"a forward for '{dto.Underlying}' and expiry {IsoTime.Format(dto.Expiry)}", m);
            s = m.At(JsonMapping.Field(path, "price"), () => s.WithForward(dto.Underlying, dto.Expiry, dto.Price));
        }

        IReadOnlyList<VolSurfaceDto> surfaces = d.VolSurfaces ?? [];
        for (int i = 0; i < surfaces.Count; i++)
        {
            VolSurfaceDto dto = surfaces[i];
            string path = JsonMapping.Index("$.volSurfaces", i);
            Symbol(dto.Underlying, path, m);
            Unique(s.VolSurfaces.ContainsKey(dto.Underlying), path, "underlying", $"a vol surface for '{dto.Underlying}'", m);
            s = s.WithVolSurface(dto.Underlying, ReadSurface(dto, path, m));
        }

        s = ReadRates(s, d.Rates, "$.rates", "a rate", s => s.Rates, (s, c, r) => s.WithRate(c, r), m);
        s = ReadRates(s, d.Fx, "$.fx", "a conversion rate", s => s.FxRates, (s, c, r) => s.WithFxRate(c, r), m);
        return s;
    }

    /// <summary>Reads <c>rates</c> or <c>fx</c>: one entry per currency, each set through the snapshot's validating setter.</summary>
    private static MarketSnapshot ReadRates(MarketSnapshot s, IReadOnlyList<CurrencyRateDto>? list, string at, string what,
        Func<MarketSnapshot, ImmutableDictionary<Currency, double>> existing, Func<MarketSnapshot, Currency, double, MarketSnapshot> set, JsonMapping m)
    {
        list ??= [];
        for (int i = 0; i < list.Count; i++)
        {
            string path = JsonMapping.Index(at, i);
            Currency c = PortfolioJson.ReadCurrency(JsonMapping.Field(path, "currency"), list[i].Currency, m);
            Unique(existing(s).ContainsKey(c), path, "currency", $"{what} for {c}", m);
            double rate = list[i].Rate;
            MarketSnapshot before = s;
            s = m.At(JsonMapping.Field(path, "rate"), () => set(before, c, rate));
        }

        return s;
    }

    private static VolSurface ReadSurface(VolSurfaceDto dto, string path, JsonMapping m)
    {
        int shapes = (dto.Flat is null ? 0 : 1) + (dto.Term is null ? 0 : 1) + (dto.Smile is null ? 0 : 1);
        if (shapes != 1)
        {
            throw m.Error(path, $"a vol surface needs exactly one of \"flat\", \"term\" or \"smile\", got {shapes}.");
        }

        double max = m.Options.MaxVolatility;
        if (dto.Flat is { } flat)
        {
            return m.At(JsonMapping.Field(path, "flat"), () => VolSurface.Flat(flat, max));
        }

        if (dto.Term is { } term)
        {
            string at = JsonMapping.Field(path, "term");
            CheckExpiries(term.Select(p => p.Expiry), at, m);
            for (int j = 0; j < term.Count; j++)
            {
                Vol(term[j].Vol, max, JsonMapping.Field(JsonMapping.Index(at, j), "vol"), m);
            }

            return m.At(at, () => VolSurface.TermStructure(term.Select(p => KeyValuePair.Create(p.Expiry, p.Vol)), max));
        }

        string smileAt = JsonMapping.Field(path, "smile");
        IReadOnlyList<SmilePillarDto> smile = dto.Smile!;
        CheckExpiries(smile.Select(p => p.Expiry), smileAt, m);
        for (int j = 0; j < smile.Count; j++)
        {
            SmilePillarDto p = smile[j];
            for (int k = 0; k < p.Vols.Count; k++)
            {
                Vol(p.Vols[k], max, JsonMapping.Index(JsonMapping.Field(JsonMapping.Index(smileAt, j), "vols"), k), m);
            }

            m.At(JsonMapping.Index(smileAt, j), () => VolSurface.Smile([(p.Expiry, p.Strikes, p.Vols)], max));
        }

        return m.At(smileAt, () => VolSurface.Smile(smile.Select(p => (p.Expiry, p.Strikes, p.Vols)), max));
    }

    /// <summary>One vol against the bound of the read (<see cref="MarginFileOptions.MaxVolatility"/>), the error at its path.</summary>
    private static void Vol(double vol, double max, string path, JsonMapping m)
    {
        if (!(vol > 0 && vol <= max) || !double.IsFinite(vol))
        {
            throw m.Error(path, VolatilityLimit.Problem(vol, max, "the volatility"));
        }
    }

    private static void CheckExpiries(IEnumerable<DateTimeOffset> expiries, string path, JsonMapping m)
    {
        var seen = new HashSet<DateTimeOffset>();
        int j = 0;
        foreach (DateTimeOffset e in expiries)
        {
            if (!seen.Add(e))
            {
                throw m.Error(JsonMapping.Field(JsonMapping.Index(path, j), "expiry"), $"the expiry {IsoTime.Format(e)} is listed twice.");
            }

            j++;
        }
    }

    private static void Symbol(string symbol, string path, JsonMapping m)
    {
        if (string.IsNullOrWhiteSpace(symbol))
        {
            throw m.Error(JsonMapping.Field(path, "underlying"), "the underlying symbol must not be blank.");
        }
    }

    private static void Unique(bool duplicate, string path, string field, string what, JsonMapping m)
    {
        if (duplicate)
        {
            throw m.Error(JsonMapping.Field(path, field), $"{what} is given twice.");
        }
    }
}
