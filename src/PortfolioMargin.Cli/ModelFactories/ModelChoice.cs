using PortfolioMargin.Models;

namespace PortfolioMargin.Cli.ModelFactories;

/// <summary>A margin model built from the command line, with a one-line description of where its parameters came from.</summary>
/// <param name="Model">The model.</param>
/// <param name="Source">E.g. <c>preset deribit, IM/MM 1.25</c> or <c>parameters examples/var.json</c>.</param>
internal sealed record ModelChoice(IMarginModel Model, string Source);
