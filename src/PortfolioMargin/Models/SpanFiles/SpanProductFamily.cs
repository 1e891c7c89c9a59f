using System.Collections.Immutable;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>A product family of the file (<c>phyPf</c>, <c>futPf</c>, <c>oofPf</c>, <c>oopPf</c>).</summary>
/// <param name="Index">Position of the family in <see cref="SpanRiskParameters.ProductFamilies"/>.</param>
/// <param name="Exchange">Exchange code (<c>exchange/exch</c>).</param>
/// <param name="Id">Product family id (<c>pfId</c>), unique per exchange and kind.</param>
/// <param name="Code">Product family code (<c>pfCode</c>).</param>
/// <param name="Kind">Physical, future, option on future or option on physical.</param>
/// <param name="Name">Display name, if any.</param>
/// <param name="Currency">Settlement currency.</param>
/// <param name="ContractValueFactor">The family's <c>cvf</c> (1 when absent): value of one price point for one file unit.</param>
/// <param name="ValuationMethod">The family's <c>valueMeth</c> (e.g. <c>PREM</c>, <c>FUT</c>, <c>EQTY</c>), if any.
/// Options of a family whose method is <c>FUT</c> are futures-style and carry no net option value.</param>
/// <param name="CombinedCommodity">The combined commodity whose <c>pfLink</c> names this family; <see langword="null"/> when none does.</param>
public sealed record SpanProductFamily(
    int Index,
    string Exchange,
    int Id,
    string Code,
    SpanProductKind Kind,
    string? Name,
    string Currency,
    double ContractValueFactor,
    string? ValuationMethod,
    string? CombinedCommodity)
{
    /// <summary>Whether the family holds options (<see cref="SpanProductKind.OptionOnFuture"/> or <see cref="SpanProductKind.OptionOnPhysical"/>).</summary>
    public bool IsOption => Kind is SpanProductKind.OptionOnFuture or SpanProductKind.OptionOnPhysical;

    /// <summary>Whether the family's options are premium-style (carry net option value): options whose <c>valueMeth</c> is not <c>FUT</c>.</summary>
    public bool IsPremiumStyleOption => IsOption && !string.Equals(ValuationMethod, "FUT", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A link from a combined commodity to a product family (<c>ccDef/pfLink</c>).</summary>
/// <param name="Exchange">Exchange code of the family.</param>
/// <param name="ProductFamilyId">The family's <c>pfId</c>.</param>
/// <param name="ProductFamilyCode">The family's <c>pfCode</c>, if given.</param>
/// <param name="ProductFamilyType">The family's type (<c>PHY</c>, <c>FUT</c>, <c>OOF</c>, <c>OOP</c>), if given.</param>
public sealed record SpanPfLink(string Exchange, int ProductFamilyId, string? ProductFamilyCode, string? ProductFamilyType);
