using PortfolioMargin.Models.VaR;

namespace PortfolioMargin.Serialization;

/// <summary>
/// Reads and writes a covariance-VaR parameter set (<see cref="VaRParameters"/>: factor labels, vols with their unit,
/// the correlation matrix, and the options) as a <c>portfoliomargin/var-parameters</c> JSON document (schema:
/// <c>docs/file-formats.md</c>). Reading validates through <see cref="VaRFactors.Create(IEnumerable{string}, IReadOnlyList{double}, double[,], VolatilityUnit, double, CorrelationRepair, double)"/>,
/// so a non-PSD matrix is refused (with the JSON path) unless the file asks for a repair. Stateless, thread-safe, AOT-safe.
/// </summary>
public static class VaRParametersJson
{
    private static readonly JsonFile<VaRParametersDocument> File = new(MarginFileFormat.VaRParameters, "VaR parameters JSON", MarginJsonContext.Default.VaRParametersDocument);

    /// <summary>Reads a parameter set from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The stream, read to its end (not disposed).</param>
    /// <param name="options">Input limits; null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <returns>The parameter set.</returns>
    /// <exception cref="MarginFileException">Malformed JSON, wrong format or version, a limit exceeded, a non-square or invalid correlation matrix, or a bad option (names the JSON path and line).</exception>
    public static VaRParameters Read(Stream utf8Json, MarginFileOptions? options = null) => File.Read(utf8Json, options, ToParameters);

    /// <summary>Reads a parameter set from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="options">Input limits; null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <returns>The parameter set.</returns>
    /// <exception cref="MarginFileException">As for <see cref="Read(Stream, MarginFileOptions?)"/>.</exception>
    public static VaRParameters Parse(string json, MarginFileOptions? options = null) => File.Parse(json, options, ToParameters);

    /// <summary>Writes a parameter set as indented UTF-8 JSON (vols as daily vols; the correlation as stored, i.e. after any repair).</summary>
    /// <param name="parameters">The parameter set.</param>
    /// <param name="utf8Json">The stream written to (not disposed).</param>
    /// <param name="options">The reader limits the document must respect (what is written reads back with them); null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <exception cref="MarginFileException">The document would exceed a limit of <paramref name="options"/> (named, as the reader would name it); nothing is written.</exception>
    public static void Write(VaRParameters parameters, Stream utf8Json, MarginFileOptions? options = null) => File.Write(ToDocument(parameters), utf8Json, options);

    /// <summary>A parameter set as indented JSON text.</summary>
    /// <param name="parameters">The parameter set.</param>
    /// <param name="options">The reader limits the document must respect (what is written reads back with them); null for <see cref="MarginFileOptions.Default"/>.</param>
    /// <returns>The JSON document.</returns>
    /// <exception cref="MarginFileException">The document would exceed a limit of <paramref name="options"/> (named, as the reader would name it); nothing is written.</exception>
    public static string ToJson(VaRParameters parameters, MarginFileOptions? options = null) => File.ToJson(ToDocument(parameters), options);

    private static VaRParametersDocument ToDocument(VaRParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        VaRFactors f = p.Factors;
        var rows = new double[f.Count][];
        for (int i = 0; i < f.Count; i++)
        {
            rows[i] = new double[f.Count];
            for (int j = 0; j < f.Count; j++)
            {
                rows[i][j] = f.Correlation[i, j];
            }
        }

        var factors = new VaRFactorsDto([.. f.Labels], f.DailyVolatilities.ToArray(), rows, FileEnum.Name(VolatilityUnit.Daily));
        VaROptions o = p.Options;
        var options = new VaROptionsDto(o.Confidence, o.HorizonDays, FileEnum.Name(o.Measure), o.Multiplier, FileEnum.Name(o.StressCorrelationRepair));
        return new VaRParametersDocument(MarginFileFormat.VaRParameters, MarginFileFormat.Version, factors, options);
    }

    private static VaRParameters ToParameters(VaRParametersDocument d, JsonMapping m)
    {
        VaRFactorsDto f = d.Factors ?? throw m.Error("$.factors", "missing \"factors\": labels, volatilities and correlation are required.");
        int n = f.Labels?.Count ?? 0;
        if (n == 0 || f.Volatilities is null || f.Correlation is null)
        {
            throw m.Error("$.factors", "\"labels\", \"volatilities\" and \"correlation\" are required and must not be empty.");
        }

        if (f.Volatilities.Count != n)
        {
            throw m.Error("$.factors.volatilities", $"{f.Volatilities.Count} volatilities for {n} labels; give one per label.");
        }

        if (f.Correlation.Count != n)
        {
            throw m.Error("$.factors.correlation", $"{f.Correlation.Count} rows for {n} labels; the matrix must be {n} x {n}.");
        }

        var matrix = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            IReadOnlyList<double>? row = f.Correlation[i];
            if (row is null || row.Count != n)
            {
                throw m.Error(JsonMapping.Index("$.factors.correlation", i), $"row {i} has {row?.Count ?? 0} entries; the matrix must be {n} x {n}.");
            }

            for (int j = 0; j < n; j++)
            {
                matrix[i, j] = row[j];
            }
        }

        VolatilityUnit unit = f.Unit is null ? VolatilityUnit.Daily : m.At("$.factors.unit", () => FileEnum.Parse<VolatilityUnit>(f.Unit, "volatility unit"));
        CorrelationRepair repair = f.Repair is null ? CorrelationRepair.None : m.At("$.factors.repair", () => FileEnum.Parse<CorrelationRepair>(f.Repair, "correlation repair"));
        VaRFactors factors = m.At("$.factors", () => VaRFactors.Create(f.Labels!, f.Volatilities, matrix, unit, f.DaysPerYear ?? 365, repair, m.Options.MaxVolatility));

        VaROptionsDto? o = d.Options;
        var defaults = new VaROptions();
        VaROptions options = o is null ? defaults : m.At("$.options", () =>
        {
            var built = new VaROptions
            {
                Confidence = o.Confidence ?? defaults.Confidence,
                HorizonDays = o.HorizonDays ?? defaults.HorizonDays,
                Measure = o.Measure is null ? defaults.Measure : FileEnum.Parse<VaRMeasure>(o.Measure, "measure"),
                Multiplier = o.Multiplier ?? defaults.Multiplier,
                StressCorrelationRepair = o.StressCorrelationRepair is null ? defaults.StressCorrelationRepair : FileEnum.Parse<CorrelationRepair>(o.StressCorrelationRepair, "stress correlation repair"),
            };
            built.Validate();
            return built;
        });
        return new VaRParameters(factors, options);
    }
}
