using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace PortfolioMargin.Models;

/// <summary>A note on something the model did that a reader of the number should know: a floor, a repair, a cap.</summary>
/// <param name="Code">Stable machine-readable code, e.g. <c>NOV_FLOOR</c>, <c>SOM_BINDS</c>, <c>CORRELATION_REPAIRED</c>.</param>
/// <param name="Message">Human-readable explanation with the numbers involved.</param>
public sealed record MarginDiagnostic(string Code, string Message);
