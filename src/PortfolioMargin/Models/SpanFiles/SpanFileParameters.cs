namespace PortfolioMargin.Models.SpanFiles;

/// <summary>
/// Parameters of the SPAN-file model: which of the file's rates apply (account type, maintenance and initial rate ids)
/// and how net option value and the short option minimum are treated. Immutable.
/// </summary>
/// <remarks>
/// <para><b>Rates follow the file.</b> A SPAN file states which rate id is the maintenance and which the initial requirement
/// of each account type in its performance-bond rate definitions (<c>pbRateDef</c>: <c>r</c>, <c>isCust</c>,
/// <c>acctType</c>, <c>isM</c>, <c>pbc</c>); each combined commodity scales the base requirement to a rate id through
/// its <c>adjRate</c> chain. With <see cref="MaintenanceRateId"/> and <see cref="InitialRateId"/> left null the model
/// reads them from the file for <see cref="AccountType"/> / <see cref="IsCustomer"/> / <see cref="PerformanceBondClass"/>:
/// the maintenance rate is the matching definition with <c>isM = 1</c>, the initial rate the one with <c>isM = 0</c>. A
/// file without definitions margins IM = MM at <see cref="RateId"/> and says so in a diagnostic.</para>
/// </remarks>
public sealed record SpanFileParameters
{
    /// <summary>The defaults: base rate id 1, rates from the file's definitions for speculator customer accounts (CORE class), NOV subtracted and floored at 0.</summary>
    public static SpanFileParameters Default { get; } = new();

    /// <summary>The base rate id (<c>r</c>) whose spread, spot and SOM rates apply and to which <c>adjRate</c> chains lead (default 1). A rule holding a single rate uses it whatever its id.</summary>
    public int RateId { get; init; } = 1;

    /// <summary>The rate id of the maintenance requirement; <see langword="null"/> (default) = from the file's <c>pbRateDef</c> (see remarks).</summary>
    public int? MaintenanceRateId { get; init; }

    /// <summary>The rate id of the initial requirement; <see langword="null"/> (default) = from the file's <c>pbRateDef</c> (see remarks).</summary>
    public int? InitialRateId { get; init; }

    /// <summary>Account type whose rate definitions apply (<c>acctType</c>, default <c>SPEC</c>, speculator).</summary>
    public string AccountType { get; init; } = "SPEC";

    /// <summary>Whether the account is a customer account (<c>isCust</c>, default true).</summary>
    public bool IsCustomer { get; init; } = true;

    /// <summary>Performance-bond class (<c>pbc</c>, default <c>CORE</c>); definitions without a class match any.</summary>
    public string PerformanceBondClass { get; init; } = "CORE";

    /// <summary>Whether premium-style options' net option value is subtracted (default true).</summary>
    public bool ApplyNetOptionValue { get; init; } = true;

    /// <summary>Whether each combined commodity's requirement after NOV is floored at 0 (default true).</summary>
    public bool FloorAtZero { get; init; } = true;

    /// <summary>Overrides every combined commodity's <c>somMeth</c>; <see langword="null"/> = the file's method.</summary>
    public ShortOptionMinimumMethod? SomMethod { get; init; }
}
