using System.Collections.Immutable;
using System.CommandLine;
using PortfolioMargin.Cli.ModelFactories;
using PortfolioMargin.Cli.Progress;
using PortfolioMargin.Cli.Reports;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Cli.Commands;

/// <summary><c>efficiency</c>: the book's margin against the sum of each position margined alone with the same model, per risk group and in total.</summary>
internal sealed class EfficiencyCommand : ICliCommand
{
    /// <inheritdoc />
    public string Name => "efficiency";

    /// <inheritdoc />
    public IReadOnlyList<string> Examples { get; } =
    [
        "portfolio-margin efficiency examples/book.json --market examples/market.json",
        "portfolio-margin efficiency examples/positions.csv --market examples/market.json --model var --params examples/var.json --format csv",
    ];

    /// <inheritdoc />
    public Command Build(CliConsole console, Option<string> format)
    {
        var book = new BookOptions();
        var command = new Command(Name, "Margin efficiency: the book's margin vs the sum of each position alone under the same model (capital freed, per group and in total).");
        book.AddTo(command);
        command.SetAction(parse =>
        {
            CommandContext context = CommandContext.Create(console, parse, format);
            LoadedBook loaded = book.Load(parse, context);
            ModelChoice model = book.CreateModel(parse, context, loaded);
            EfficiencyReport report = Compute(model.Model, loaded.Resolved, context.Progress);
            context.Write(new EfficiencyResult(loaded, model, report));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// <see cref="EfficiencyReport.Compute"/>, with progress per position for models that margin each position alone
    /// one by one (models with a fast standalone path do it in one call).
    /// </summary>
    public static EfficiencyReport Compute(IMarginModel model, ResolvedPortfolio book, IProgressSink progress)
    {
        if (model is IStandaloneMarginModel)
        {
            return EfficiencyReport.Compute(model, book);
        }

        MarginResult result = model.Calculate(book);
        var standalone = ImmutableArray.CreateBuilder<double>(book.Count);
        for (int i = 0; i < book.Count; i++)
        {
            progress.Report("margining each position alone", (double)i / book.Count);
            standalone.Add(model.Calculate(ResolvedPortfolio.Resolve(new Portfolio(book.Portfolio[i]), book.Market)).InitialMargin);
        }

        progress.Done();
        return EfficiencyReport.From(model.Name, result, standalone.MoveToImmutable());
    }
}
