using System.CommandLine;
using PortfolioMargin.Cli.ModelFactories;
using PortfolioMargin.Cli.Reports;
using PortfolioMargin.Models;

namespace PortfolioMargin.Cli.Commands;

/// <summary><c>margin</c>: initial and maintenance margin of a book under one model, with the breakdown tree, binding scenarios and top contributors.</summary>
internal sealed class MarginCommand : ICliCommand
{
    /// <inheritdoc />
    public string Name => "margin";

    /// <inheritdoc />
    public IReadOnlyList<string> Examples { get; } =
    [
        "portfolio-margin margin examples/book.json --market examples/market.json",
        "portfolio-margin margin examples/positions.csv --market examples/market.json --model grid --params examples/grid-deribit.json --top 3",
        "portfolio-margin margin examples/book.json --market examples/market.json --model var --params examples/var.json --format json",
    ];

    /// <inheritdoc />
    public Command Build(CliConsole console, Option<string> format)
    {
        var book = new BookOptions();
        var top = new Option<int>("--top")
        {
            Description = "How many of the largest contributors to initial margin the text report lists (all of them are in JSON and CSV).",
            DefaultValueFactory = _ => 5,
            HelpName = "n",
        };
        top.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--top must be 0 or more.");
            }
        });
        var command = new Command(Name, "Margin a book under one model: IM, MM, the breakdown tree, binding scenarios, top contributors.");
        book.AddTo(command);
        command.Add(top);
        command.SetAction(parse =>
        {
            CommandContext context = CommandContext.Create(console, parse, format);
            LoadedBook loaded = book.Load(parse, context);
            ModelChoice model = book.CreateModel(parse, context, loaded);
            MarginResult result = model.Model.Calculate(loaded.Resolved);
            context.Write(new MarginReport(loaded, model, result, parse.GetValue(top)));
            return ExitCodes.Success;
        });
        return command;
    }
}
