using System.Collections.Immutable;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>A currency definition (<c>definitions/currencyDef</c>).</summary>
/// <param name="Code">ISO code, e.g. <c>USD</c>.</param>
/// <param name="Symbol">The file's symbol for the currency, if any.</param>
/// <param name="Name">Display name, if any.</param>
/// <param name="DecimalPositions">Number of decimals used for amounts (0 when absent).</param>
public sealed record SpanCurrency(string Code, string? Symbol, string? Name, int DecimalPositions);
