using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Cli.Progress;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Scenarios;
using PortfolioMargin.Serialization;
using PortfolioMargin.Models.SpanFiles;

namespace PortfolioMargin.Cli.Inputs;

/// <summary>
/// Checks input files with the library's readers and reports every problem it can find: a JSON document stops at its
/// first problem (what follows depends on it), a positions CSV reports every bad row (up to
/// <see cref="MaxProblemsPerFile"/>), and with a market snapshot every position of a book that lacks market data or
/// has expired is reported, not only the first.
/// </summary>
/// <param name="console">Resolves paths.</param>
/// <param name="progress">Progress per file.</param>
/// <param name="market">The snapshot books are checked against and positions CSVs take their underlyings from, or null.</param>
internal sealed class FileValidator(CliConsole console, IProgressSink progress, MarketSnapshot? market)
{
    /// <summary>Most problems reported for one file; the last says that more were not looked for.</summary>
    public const int MaxProblemsPerFile = 100;

    /// <summary>Checks one file.</summary>
    public FileCheck Check(string path)
    {
        string full = console.Resolve(path);
        if (!File.Exists(full))
        {
            return new FileCheck(path, DocumentKind.Unknown, null, [new FileProblem($"no such file (looked for {full}).")]);
        }

        try
        {
            string? kindProblem = null;
            DocumentKind? byExtension = DocumentKinds.ByExtension(path);
            long size = new FileInfo(full).Length;
            if (byExtension is null && size > MarginFileOptions.Default.MaxDocumentBytes)
            {
                return new FileCheck(path, DocumentKind.Unknown, null, [new FileProblem(string.Create(CultureInfo.InvariantCulture,
                    $"the document is larger than the limit MaxDocumentBytes = {MarginFileOptions.Default.MaxDocumentBytes} bytes ({size} bytes)."))]);
            }

            DocumentKind kind = byExtension ?? DocumentKinds.FromJson(File.ReadAllBytes(full), out kindProblem);
            if (kind == DocumentKind.Unknown)
            {
                return new FileCheck(path, kind, null, [new FileProblem(kindProblem ?? "unknown kind of file.")]);
            }

            var problems = new List<FileProblem>();
            string? summary = Read(kind, full, problems);
            return new FileCheck(path, kind, problems.Count == 0 ? summary : null, [.. problems]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FileCheck(path, DocumentKind.Unknown, null, [new FileProblem($"cannot read the file: {e.Message}")]);
        }
    }

    private string? Read(DocumentKind kind, string full, List<FileProblem> problems)
    {
        try
        {
            switch (kind)
            {
                case DocumentKind.Portfolio:
                    Portfolio book = Load(full, s => PortfolioJson.Read(s));
                    CheckAgainstMarket(book, problems, i => $"$.positions[{i}]");
                    return Describe(book);
                case DocumentKind.PositionsCsv:
                    return CheckCsv(full, problems);
                case DocumentKind.MarketSnapshot:
                    MarketSnapshot m = Load(full, s => MarketSnapshotJson.Read(s));
                    return $"valuation time {Commands.BookOptions.Iso(m.ValuationTime)}, report currency {m.ReportCurrency}, underlyings {string.Join(", ", m.Underlyings.Keys.Order(StringComparer.Ordinal))}";
                case DocumentKind.ScenarioSet:
                    ScenarioSet set = Load(full, s => ScenarioSetJson.Read(s));
                    return $"'{set.Name}', {set.Count} scenarios";
                case DocumentKind.GridParameters:
                    GridParameters grid = Load(full, s => GridParametersJson.Read(s));
                    return $"'{grid.Version}', risk groups {string.Join(", ", grid.Groups.Keys)}";
                case DocumentKind.IsolatedRates:
                    _ = Load(full, s => IsolatedRatesJson.Read(s));
                    return "isolated-margin rates";
                case DocumentKind.VaRParameters:
                    VaRParameters var = Load(full, s => VaRParametersJson.Read(s));
                    return $"factors {string.Join(", ", var.Factors.Labels)}; {var.Options.Describe()}";
                case DocumentKind.SpanFile:
                    SpanRiskParameters span = Load(full, s => SpanFile.Load(s));
                    return $"clearing organization {span.ClearingOrganization}, business date {span.BusinessDate}, {span.ContractCount} contracts";
                default:
                    problems.Add(new FileProblem("unknown kind of file."));
                    return null;
            }
        }
        catch (MarginFileException e)
        {
            problems.Add(From(e));
        }
        catch (SpanFormatException e)
        {
            problems.Add(new FileProblem(e.Message, e.ElementPath.Length == 0 ? null : e.ElementPath, e.LineNumber == 0 ? null : e.LineNumber, e.LinePosition == 0 ? null : e.LinePosition));
        }
        catch (ArgumentException e) when (kind == DocumentKind.SpanFile && e is not ArgumentNullException)
        {
            problems.Add(new FileProblem(e.Message));
        }
        finally
        {
            progress.Done();
        }

        return null;
    }

    private T Load<T>(string full, Func<Stream, T> read)
    {
        using ProgressStream stream = Open(full);
        return read(stream);
    }

    private ProgressStream Open(string full) =>
        new(new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), progress, "checking " + Path.GetFileName(full));

    /// <summary>
    /// Reads a positions CSV again and again, blanking each bad row, so that every bad row is reported (a bad header
    /// or an exceeded limit ends the search). Then checks the rows that read against the market.
    /// </summary>
    private string? CheckCsv(string full, List<FileProblem> problems)
    {
        if (market is null)
        {
            problems.Add(new FileProblem("a positions CSV names its underlyings by symbol; give --market FILE (a market snapshot) to check it."));
            return null;
        }

        if (new FileInfo(full).Length > MarginFileOptions.Default.MaxDocumentBytes)
        {
            using var reader = new StreamReader(Open(full));
            _ = PositionCsv.Read(reader, market.Underlyings); // throws the size-limit error
        }

        string[] lines = File.ReadAllText(full).Split('\n');
        Portfolio? book = null;
        while (book is null && problems.Count < MaxProblemsPerFile)
        {
            try
            {
                book = PositionCsv.Read(new StringReader(string.Join('\n', lines)), market.Underlyings);
            }
            catch (MarginFileException e)
            {
                problems.Add(From(e));
                int row = (int)(e.LineNumber ?? 1) - 1;
                if (row <= 0 || row >= lines.Length || lines[row].Trim().Length == 0 || e.Problem.Contains("the limit Max", StringComparison.Ordinal))
                {
                    return null;
                }

                lines[row] = "";
            }
        }

        if (book is null)
        {
            problems.Add(new FileProblem(string.Create(CultureInfo.InvariantCulture, $"stopped after {MaxProblemsPerFile} problems.")));
            return null;
        }

        CheckAgainstMarket(book, problems, null);
        return Describe(book);
    }

    /// <summary>Resolves each position alone against the market, so every position lacking data is reported.</summary>
    private void CheckAgainstMarket(Portfolio book, List<FileProblem> problems, Func<int, string>? location)
    {
        if (market is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < book.Count && problems.Count < MaxProblemsPerFile; i++)
        {
            progress.Report("checking positions against the market", (double)i / book.Count);
            try
            {
                _ = ResolvedPortfolio.Resolve(new Portfolio(book[i]), market);
            }
            catch (Exception e) when (e is MissingMarketDataException or ArgumentException && e is not ArgumentNullException)
            {
                if (seen.Add(e.Message))
                {
                    problems.Add(new FileProblem($"position {i + 1} ({book[i].Instrument.Name}): {e.Message}", location?.Invoke(i)));
                }
            }
        }
    }

    private static string Describe(Portfolio book) =>
        $"{book.Count} positions ({string.Join(", ", book.Select(p => p.Instrument.Underlying.Symbol).Distinct(StringComparer.Ordinal))})";

    private static FileProblem From(MarginFileException e) => new(e.Message, e.Path, e.LineNumber, e.BytePositionInLine);
}
