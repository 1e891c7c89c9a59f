using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace PortfolioMargin.Models;

/// <summary>A note on something the model did that a reader of the number should know: a floor, a repair, a cap.</summary>
/// <param name="Code">Stable machine-readable code, e.g. <c>NOV_FLOOR</c>, <c>SOM_BINDS</c>, <c>CORRELATION_REPAIRED</c>.</param>
/// <param name="Message">Human-readable explanation with the numbers involved.</param>
public sealed record MarginDiagnostic(string Code, string Message)
{
    /// <summary>The code of <see cref="EmptyPortfolio"/>: <c>EMPTY_PORTFOLIO</c>.</summary>
    public const string EmptyPortfolioCode = "EMPTY_PORTFOLIO";

    /// <summary>
    /// The diagnostic every model of the library attaches to the result of an empty portfolio (margin 0), so that a 0
    /// that comes from an empty input (a filter that matched nothing, a file with no rows) is told apart from a 0 that
    /// the model computed. A model of your own should attach it too.
    /// </summary>
    /// <param name="model">The model's name.</param>
    /// <returns>The diagnostic <c>EMPTY_PORTFOLIO</c>.</returns>
    public static MarginDiagnostic EmptyPortfolio(string model) =>
        new(EmptyPortfolioCode, $"The portfolio is empty: {model} margins it to 0 (no position, no risk).");
}
