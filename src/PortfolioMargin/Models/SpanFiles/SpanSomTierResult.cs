using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>The short option minimum of one SOM tier.</summary>
/// <param name="Tier">Tier number.</param>
/// <param name="Rate">Charge per short option (file unit).</param>
/// <param name="ShortCalls">Net short calls (netted per contract first), file units.</param>
/// <param name="ShortPuts">Net short puts, file units.</param>
/// <param name="Method">Max-of-sides or gross.</param>
/// <param name="Charge"><c>rate · max(calls, puts)</c> or <c>rate · (calls + puts)</c>.</param>
public sealed record SpanSomTierResult(int Tier, double Rate, double ShortCalls, double ShortPuts, ShortOptionMinimumMethod Method, double Charge);
