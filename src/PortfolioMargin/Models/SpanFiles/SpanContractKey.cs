using System.Globalization;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>Identifies a contract by its terms: combined commodity, product family code, period, and for options strike and right.</summary>
/// <param name="CombinedCommodity">Combined commodity code (<c>cc</c>).</param>
/// <param name="ProductFamily">Product family code (<c>pfCode</c>).</param>
/// <param name="Period">Period code as in the file (<c>pe</c>; for options the series' <c>pe</c>), e.g. <c>202403</c> or <c>20240328</c>.</param>
/// <param name="Strike">The strike (<c>k</c>) for options; <see langword="null"/> for physicals and futures.</param>
/// <param name="Right">Call or put for options; <see langword="null"/> for physicals and futures.</param>
/// <param name="Kind">The product kind, needed only when families of different kinds share a code and period; <see langword="null"/> = any.</param>
public readonly record struct SpanContractKey(
    string CombinedCommodity,
    string ProductFamily,
    string Period,
    double? Strike = null,
    SpanOptionRight? Right = null,
    SpanProductKind? Kind = null)
{
    /// <inheritdoc/>
    public override string ToString()
    {
        string option = Strike is { } k ? string.Create(CultureInfo.InvariantCulture, $" {(Right == SpanOptionRight.Put ? 'P' : 'C')} {k}") : string.Empty;
        return $"{CombinedCommodity}/{ProductFamily} {Period}{option}";
    }
}
