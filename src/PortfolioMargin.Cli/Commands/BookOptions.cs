using System.CommandLine;
using PortfolioMargin.Cli.ModelFactories;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Cli.Commands;

/// <summary>
/// The arguments of every command that margins a book: the portfolio file, <c>--market</c>, and the model options
/// (<c>--model</c>, <c>--preset</c>, <c>--params</c>, <c>--im-ratio</c>). One instance per command.
/// </summary>
internal sealed class BookOptions
{
    /// <summary>The portfolio file.</summary>
    public Argument<string> Portfolio { get; } = new("portfolio")
    {
        Description = "The book: a portfolio JSON document, or a positions CSV (.csv) whose underlyings are the market snapshot's.",
    };

    /// <summary>The market snapshot file.</summary>
    public Option<string> Market { get; } = new("--market")
    {
        Description = "Market snapshot JSON: valuation time, report currency, spots, forwards, vols, rates.",
        Required = true,
        HelpName = "file",
    };

    /// <summary>The model name.</summary>
    public Option<string> Model { get; } = new("--model", "-m")
    {
        Description = "Margin model: " + string.Join(", ", ModelRegistry.All.Select(f => f.Help)) + ".",
        DefaultValueFactory = _ => "grid",
        HelpName = "name",
    };

    /// <summary>A named parameter preset.</summary>
    public Option<string?> Preset { get; } = new("--preset")
    {
        Description = "Named parameter set of the model (grid: deribit).",
        HelpName = "name",
    };

    /// <summary>A parameter file.</summary>
    public Option<string?> Parameters { get; } = new("--params", "-p")
    {
        Description = "The model's parameter file (grid-parameters, VaR-parameters or isolated-rates JSON).",
        HelpName = "file",
    };

    /// <summary>The IM/MM ratio for presets.</summary>
    public Option<double?> InitialToMaintenance { get; } = new("--im-ratio")
    {
        Description = "Initial-to-maintenance ratio for a grid preset (>= 1; default 1.25, illustrative: state your venue's).",
        HelpName = "ratio",
    };

    /// <summary>Adds the argument and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        Model.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, ModelRegistry.Names);
        command.Add(Portfolio);
        command.Add(Market);
        command.Add(Model);
        command.Add(Preset);
        command.Add(Parameters);
        command.Add(InitialToMaintenance);
    }

    /// <summary>Reads the market snapshot and the portfolio and resolves the book.</summary>
    /// <exception cref="CliInputException">A file is missing or bad, or the snapshot lacks data a position needs.</exception>
    public LoadedBook Load(ParseResult parse, CommandContext context)
    {
        string marketPath = parse.GetRequiredValue(Market);
        string portfolioPath = parse.GetRequiredValue(Portfolio);
        MarketSnapshot market = context.Files.ReadMarket(marketPath);
        Portfolio portfolio = context.Files.ReadPortfolio(portfolioPath, market);
        return new LoadedBook(portfolioPath, marketPath, portfolio, market, Resolve(portfolio, market, portfolioPath, marketPath));
    }

    /// <summary>Builds the model for the book, covering <paramref name="extraUnderlyings"/> too (an order's).</summary>
    /// <exception cref="CliInputException">Bad model options or parameters that do not cover the book.</exception>
    public ModelChoice CreateModel(ParseResult parse, CommandContext context, LoadedBook book, IEnumerable<string>? extraUnderlyings = null)
    {
        string name = parse.GetValue(Model) ?? "grid";
        string[] underlyings = [.. book.Underlyings.Concat(extraUnderlyings ?? []).Distinct(StringComparer.Ordinal)];
        var request = new ModelRequest(name, parse.GetValue(Preset), parse.GetValue(Parameters), parse.GetValue(InitialToMaintenance), underlyings);
        return ModelRegistry.Find(name).Create(request, context.Files);
    }

    /// <summary>Resolves a book, naming the files when market data is missing or an instrument has expired.</summary>
    public static ResolvedPortfolio Resolve(Portfolio portfolio, MarketSnapshot market, string portfolioPath, string marketPath)
    {
        try
        {
            return ResolvedPortfolio.Resolve(portfolio, market);
        }
        catch (MissingMarketDataException e)
        {
            throw new CliInputException($"{marketPath}: {e.Message} (needed by {portfolioPath})", e);
        }
        catch (ArgumentException e) when (e is not ArgumentNullException)
        {
            throw new CliInputException($"{portfolioPath}: {e.Message} (market {marketPath}, valuation time {Iso(market.ValuationTime)})", e);
        }
    }

    /// <summary>An ISO 8601 time as the file formats write it.</summary>
    public static string Iso(DateTimeOffset time) =>
        time.ToString(time.Offset == TimeSpan.Zero ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}
