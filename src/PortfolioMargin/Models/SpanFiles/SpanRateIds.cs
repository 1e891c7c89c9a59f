using System.Globalization;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>The rate ids a calculation uses: the base rate of the rules, and the maintenance and initial requirements' rates.</summary>
/// <param name="Base">Base rate id (spread, spot and SOM rates; where <c>adjRate</c> chains end).</param>
/// <param name="Maintenance">Rate id of the maintenance requirement.</param>
/// <param name="Initial">Rate id of the initial requirement.</param>
/// <param name="Source">How the maintenance and initial rates were chosen (for the diagnostics).</param>
internal sealed record SpanRateIds(int Base, int Maintenance, int Initial, string Source)
{
    /// <summary>
    /// The rates of <paramref name="o"/> on <paramref name="file"/>: explicit ids win; otherwise the file's performance-bond
    /// definitions for the account type (<c>isM = 1</c> maintenance, <c>isM = 0</c> initial); a file without definitions
    /// margins both at the base rate.
    /// </summary>
    /// <exception cref="ArgumentException">The file defines rates but none for the account type, or a requested id the file does not define.</exception>
    public static SpanRateIds Of(SpanRiskParameters file, SpanFileParameters o)
    {
        var defs = file.PerformanceBondRates;
        if (defs.IsEmpty)
        {
            int m0 = o.MaintenanceRateId ?? o.RateId, i0 = o.InitialRateId ?? m0;
            return new SpanRateIds(o.RateId, m0, i0, o.MaintenanceRateId is null && o.InitialRateId is null
                ? F($"the file defines no performance-bond rates (pbRateDef): maintenance and initial at the base rate r = {o.RateId}, IM = MM")
                : F($"rates as requested: maintenance r = {m0}, initial r = {i0}"));
        }

        int? m = o.MaintenanceRateId ?? Find(file, o, maintenance: true);
        int? i = o.InitialRateId ?? Find(file, o, maintenance: false) ?? m;
        if (m is null)
        {
            string known = string.Join(", ", defs.Select(d => F($"r {d.RateId} {(d.IsCustomer ? "customer" : "house")} {d.AccountType} {(d.IsMaintenance ? "maintenance" : "initial")} {d.PerformanceBondClass}")));
            throw new ArgumentException(F($"SPAN file {file.ClearingOrganization} {file.BusinessDate}: no maintenance rate definition (pbRateDef isM = 1) for {(o.IsCustomer ? "customer" : "house")} account type '{o.AccountType}', class '{o.PerformanceBondClass}'; the file defines: {known}. Set SpanFileParameters.AccountType (or MaintenanceRateId)."), "parameters");
        }

        foreach (int r in (ReadOnlySpan<int>)[m.Value, i!.Value])
        {
            if (r != o.RateId && !defs.Any(d => d.RateId == r) && !file.CombinedCommodities.Any(cc => cc.AdjRates.Any(a => a.RateId == r)))
            {
                throw new ArgumentException(F($"SPAN file {file.ClearingOrganization} {file.BusinessDate}: rate id r = {r} is neither defined (pbRateDef) nor derived by any adjRate of the file."), "parameters");
            }
        }

        return new SpanRateIds(o.RateId, m.Value, i.Value, F($"from the file's pbRateDef for {(o.IsCustomer ? "customer" : "house")} {o.AccountType} {o.PerformanceBondClass}: maintenance r = {m}, initial r = {i}"));
    }

    private static int? Find(SpanRiskParameters file, SpanFileParameters o, bool maintenance)
    {
        foreach (SpanPerformanceBondRate d in file.PerformanceBondRates)
        {
            if (d.IsMaintenance == maintenance && d.IsCustomer == o.IsCustomer && string.Equals(d.AccountType, o.AccountType, StringComparison.OrdinalIgnoreCase)
                && (d.PerformanceBondClass is null || string.Equals(d.PerformanceBondClass, o.PerformanceBondClass, StringComparison.OrdinalIgnoreCase)))
            {
                return d.RateId;
            }
        }

        return null;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
