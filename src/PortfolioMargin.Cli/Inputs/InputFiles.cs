using PortfolioMargin.Cli.Progress;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Models.Isolated;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Scenarios;
using PortfolioMargin.Serialization;

namespace PortfolioMargin.Cli.Inputs;

/// <summary>
/// Reads the tool's input files with the library's readers. Every problem becomes a <see cref="CliInputException"/>
/// whose message starts with the file as the user named it, followed by the library's own message (document, JSON path
/// or CSV column, line): <c>book.json: Portfolio JSON at $.positions[1].quantity (line 18, byte 62): …</c>.
/// Large files report read progress.
/// </summary>
/// <param name="console">Resolves relative paths.</param>
/// <param name="progress">Progress of reading.</param>
internal sealed class InputFiles(CliConsole console, IProgressSink progress)
{
    /// <summary>A portfolio: a positions CSV (<c>.csv</c>, underlyings from <paramref name="market"/>) or a portfolio JSON document.</summary>
    public Portfolio ReadPortfolio(string path, MarketSnapshot market) =>
        IsCsv(path)
            ? Read(path, s => PositionCsv.Read(new StreamReader(s), market.Underlyings))
            : Read(path, s => PortfolioJson.Read(s));

    /// <summary>A market snapshot JSON document.</summary>
    public MarketSnapshot ReadMarket(string path) => Read(path, s => MarketSnapshotJson.Read(s));

    /// <summary>A grid parameter set JSON document.</summary>
    public GridParameters ReadGridParameters(string path) => Read(path, s => GridParametersJson.Read(s));

    /// <summary>An isolated rates JSON document.</summary>
    public IsolatedModel ReadIsolatedRates(string path) => Read(path, s => IsolatedRatesJson.Read(s));

    /// <summary>A VaR parameter set JSON document.</summary>
    public VaRParameters ReadVaRParameters(string path) => Read(path, s => VaRParametersJson.Read(s));

    /// <summary>A scenario set JSON document.</summary>
    public ScenarioSet ReadScenarioSet(string path) => Read(path, s => ScenarioSetJson.Read(s));

    /// <summary>True when the file is read as a positions CSV (by its extension).</summary>
    public static bool IsCsv(string path) => string.Equals(Path.GetExtension(path), ".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens <paramref name="path"/>, reads it with <paramref name="read"/> and turns the library's errors into <see cref="CliInputException"/>.</summary>
    public T Read<T>(string path, Func<Stream, T> read)
    {
        using Stream stream = Open(path);
        try
        {
            return read(stream);
        }
        catch (MarginFileException e)
        {
            throw new CliInputException($"{path}: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new CliInputException($"{path}: cannot read the file: {e.Message}", e);
        }
        finally
        {
            progress.Done();
        }
    }

    /// <summary>Opens a file for reading with progress, or explains why it cannot be opened.</summary>
    public Stream Open(string path)
    {
        string full = console.Resolve(path);
        try
        {
            var file = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            return new ProgressStream(file, progress, "reading " + Path.GetFileName(path));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliInputException($"{path}: no such file (looked for {full}).", e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException or ArgumentException or NotSupportedException)
        {
            throw new CliInputException($"{path}: cannot open the file: {e.Message}", e);
        }
    }
}
