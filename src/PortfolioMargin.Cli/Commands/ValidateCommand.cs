using System.CommandLine;
using PortfolioMargin.Cli.Inputs;
using PortfolioMargin.Cli.Reports;
using PortfolioMargin.MarketData;

namespace PortfolioMargin.Cli.Commands;

/// <summary><c>validate</c>: checks input files of any kind and reports every problem; exit code 2 when any file has one.</summary>
internal sealed class ValidateCommand : ICliCommand
{
    /// <inheritdoc />
    public string Name => "validate";

    /// <inheritdoc />
    public IReadOnlyList<string> Examples { get; } =
    [
        "portfolio-margin validate examples/book.json examples/grid-deribit.json examples/var.json examples/eix-synthetic.spn",
        "portfolio-margin validate examples/positions.csv examples/orders.csv --market examples/market.json --format json",
    ];

    /// <inheritdoc />
    public Command Build(CliConsole console, Option<string> format)
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Files to check: portfolio, market-snapshot, scenario-set, grid-parameters, isolated-rates and VaR-parameters JSON (told apart by their \"format\"), "
                + "positions CSV (.csv) and exchange SPAN files (.spn, .xml, .zip).",
            Arity = ArgumentArity.OneOrMore,
        };
        var market = new Option<string?>("--market")
        {
            Description = "A market snapshot: checked too; positions CSVs take their underlyings from it, and every position of a book is checked against it (missing data, expired).",
            HelpName = "file",
        };
        var command = new Command(Name, "Check input files and report every problem found (file, JSON path or CSV column, line). Exit code 2 when any file has a problem.");
        command.Add(files);
        command.Add(market);
        command.SetAction(parse =>
        {
            CommandContext context = CommandContext.Create(console, parse, format);
            string[] paths = parse.GetValue(files) ?? [];
            string? marketPath = parse.GetValue(market);
            var checks = new List<FileCheck>();
            MarketSnapshot? snapshot = null;
            if (marketPath is not null)
            {
                FileCheck marketCheck = new FileValidator(console, context.Progress, null).Check(marketPath);
                if (marketCheck.Valid && marketCheck.Kind != DocumentKind.MarketSnapshot)
                {
                    marketCheck = marketCheck with
                    {
                        Summary = null,
                        Problems = [new FileProblem($"given as --market, but it is a {DocumentKinds.Name(marketCheck.Kind)} document, not a market snapshot.")],
                    };
                }

                checks.Add(marketCheck);
                if (marketCheck.Valid)
                {
                    snapshot = context.Files.ReadMarket(marketPath);
                }
            }

            var validator = new FileValidator(console, context.Progress, snapshot);
            string? marketFull = marketPath is null ? null : console.Resolve(marketPath);
            checks.AddRange(paths.Where(p => console.Resolve(p) != marketFull).Select(validator.Check));
            context.Write(new ValidationReport(checks, marketPath));
            int bad = checks.Count(c => !c.Valid);
            if (bad > 0)
            {
                console.Error.WriteLine($"{CliApp.ToolName}: {bad} of {checks.Count} files have problems.");
                return ExitCodes.BadInput;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
