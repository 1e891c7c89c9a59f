using System.CommandLine;
using PortfolioMargin.Cli.Inputs;
using PortfolioMargin.Cli.ModelFactories;
using PortfolioMargin.Cli.Reports;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;

namespace PortfolioMargin.Cli.Commands;

/// <summary><c>whatif</c>: the book's margin with an order added (inline or from a file), without recomputing the rest of the book where the model allows.</summary>
internal sealed class WhatIfCommand : ICliCommand
{
    /// <inheritdoc />
    public string Name => "whatif";

    /// <inheritdoc />
    public IReadOnlyList<string> Examples { get; } =
    [
        "portfolio-margin whatif examples/book.json --market examples/market.json --order \"kind=option,underlying=BTC,expiry=2027-03-26T08:00:00Z,strike=110000,right=call,settlement=inverse,quantity=-2\"",
        "portfolio-margin whatif examples/book.json --market examples/market.json --orders examples/orders.csv --model var --params examples/var.json",
    ];

    /// <inheritdoc />
    public Command Build(CliConsole console, Option<string> format)
    {
        var book = new BookOptions();
        var order = new Option<string[]>("--order")
        {
            Description = "An order inline: key=value pairs of the positions-CSV columns (kind, underlying, expiry, strike, right, settlement, multiplier, quantity, name), "
                + "e.g. kind=perpetual,underlying=ETH,quantity=-10. Repeat for several positions; a negative quantity sells or reduces.",
            HelpName = "pairs",
            AllowMultipleArgumentsPerToken = false,
        };
        var orders = new Option<string?>("--orders")
        {
            Description = "Orders from a file: a positions CSV (.csv) or a portfolio JSON document; every position in it is added.",
            HelpName = "file",
        };
        var command = new Command(Name, "Pre-trade check: IM and MM before and after adding an order to the book, per risk group (incremental for the grid and VaR models).");
        book.AddTo(command);
        command.Add(order);
        command.Add(orders);
        command.SetAction(parse =>
        {
            CommandContext context = CommandContext.Create(console, parse, format);
            LoadedBook loaded = book.Load(parse, context);
            List<Position> added = [.. (parse.GetValue(order) ?? []).Select(o => OrderParser.Parse(o, loaded.Market.Underlyings))];
            if (parse.GetValue(orders) is { } file)
            {
                added.AddRange(context.Files.ReadPortfolio(file, loaded.Market));
            }

            if (added.Count == 0)
            {
                throw new CliInputException("whatif needs an order: --order key=value,... or --orders FILE.");
            }

            // The order is resolved on its own first, so missing market data names the order, not the book.
            BookOptions.Resolve(new Portfolio(added), loaded.Market, "the order", loaded.MarketPath);
            ModelChoice model = book.CreateModel(parse, context, loaded, added.Select(p => p.Instrument.Underlying.Symbol));
            IWhatIfCalculator calculator = WhatIfCalculator.Create(model.Model, loaded.Resolved);
            WhatIfResult result = calculator.WhatIf([.. added]);
            context.Write(new WhatIfReport(loaded, model, added, result));
            return ExitCodes.Success;
        });
        return command;
    }
}
