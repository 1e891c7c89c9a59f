using System.Collections.Immutable;
using System.CommandLine;
using PortfolioMargin.Cli.Inputs;
using PortfolioMargin.Cli.ModelFactories;
using PortfolioMargin.Cli.Progress;
using PortfolioMargin.Cli.Reports;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Cli.Commands;

/// <summary><c>stress</c>: the book's P&amp;L by full revaluation and its margin under stress, per scenario (built-in or from a scenario-set file).</summary>
internal sealed class StressCommand : ICliCommand
{
    /// <inheritdoc />
    public string Name => "stress";

    /// <inheritdoc />
    public IReadOnlyList<string> Examples { get; } =
    [
        "portfolio-margin stress examples/book.json --market examples/market.json",
        "portfolio-margin stress examples/book.json --market examples/market.json --scenarios examples/stress-scenarios.json --format csv",
    ];

    /// <inheritdoc />
    public Command Build(CliConsole console, Option<string> format)
    {
        var book = new BookOptions();
        var scenarios = new Option<string?>("--scenarios")
        {
            Description = "Stress scenarios: a scenario-set JSON document (each scenario must shock exactly the book's underlyings). Default: the built-in set "
                + "(COVID, LUNA, FTX, SQUEEZE, VOLCRUSH; BTC its own move, every other underlying the ETH move).",
            HelpName = "file",
        };
        var command = new Command(Name, "Stress test: P&L per scenario, risk group and position by full revaluation, and the model's margin on each stressed market.");
        book.AddTo(command);
        command.Add(scenarios);
        command.SetAction(parse =>
        {
            CommandContext context = CommandContext.Create(console, parse, format);
            LoadedBook loaded = book.Load(parse, context);
            string? file = parse.GetValue(scenarios);
            ScenarioSet set = file is null ? BuiltInStress.For(loaded.Underlyings) : context.Files.ReadScenarioSet(file);
            ModelChoice model = book.CreateModel(parse, context, loaded);
            StressReport report = Run(loaded.Resolved, set, model.Model, file ?? "built-in", context.Progress);
            context.Write(new StressResult(loaded, model, file ?? "built-in crypto stress", report));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// <see cref="StressTest.Run(ResolvedPortfolio, ScenarioSet, IMarginModel, IReadOnlyDictionary{string, Correlation.CorrelationMatrix}?)"/>
    /// one scenario at a time (scenarios are independent), reporting progress per scenario.
    /// </summary>
    /// <exception cref="CliInputException">A scenario does not shock exactly the book's underlyings (named).</exception>
    public static StressReport Run(ResolvedPortfolio book, ScenarioSet set, IMarginModel model, string source, IProgressSink progress)
    {
        var results = ImmutableArray.CreateBuilder<StressScenarioResult>(set.Count);
        ImmutableArray<string> labels = [];
        for (int s = 0; s < set.Count; s++)
        {
            progress.Report("stress scenarios", (double)s / set.Count);
            Scenario scenario = set.Scenarios[s];
            try
            {
                StressReport one = StressTest.Run(book, StressScenarios.Set(set.Name, scenario), model);
                labels = one.PositionLabels;
                results.Add(one.Scenarios[0]);
            }
            catch (ArgumentException e) when (e is not ArgumentNullException)
            {
                throw new CliInputException($"{source}: scenario '{scenario.Id}': {e.Message}", e);
            }
        }

        progress.Done();
        if (labels.IsDefaultOrEmpty)
        {
            labels = [.. book.Portfolio.Select(p => p.ToString())];
        }

        return new StressReport(labels, results.MoveToImmutable());
    }
}
