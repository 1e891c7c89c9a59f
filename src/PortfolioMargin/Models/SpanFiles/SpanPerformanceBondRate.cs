using System.Collections.Immutable;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>A performance-bond rate definition (<c>clearingOrg/pbRateDef</c>): which rate id applies to which account type.</summary>
/// <param name="RateId">The rate id (<c>r</c>).</param>
/// <param name="IsCustomer">Customer (true) or clearing (false) account.</param>
/// <param name="AccountType">Account type code, e.g. <c>SPEC</c>, <c>HEDGE</c>, <c>MEMBER</c>.</param>
/// <param name="IsMaintenance">Maintenance (true) or initial (false) requirement.</param>
/// <param name="PerformanceBondClass">Performance-bond class code (<c>pbc</c>), e.g. <c>CORE</c>.</param>
public sealed record SpanPerformanceBondRate(int RateId, bool IsCustomer, string AccountType, bool IsMaintenance, string? PerformanceBondClass);
